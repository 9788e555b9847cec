// Command origin-list allows several origins: an exact one, its subdomains,
// local development servers on any port, and preview deployments matched by
// an anchored regular expression.
//
//	go run ./examples/origin-list
//
// Express equivalent:
//
//	app.use(cors({ origin: [
//	  'https://example.com',
//	  /^https:\/\/.+\.example\.com$/,
//	  /^http:\/\/localhost(:\d+)?$/,
//	  /^https:\/\/pr-\d+\.preview\.example\.net$/,
//	] }))
//
// The patterns compare origins as (scheme, host, port), not as strings:
// "https://*.example.com" does not admit https://evil-example.com or
// https://example.com.evil.net, and "http://localhost:*" does not admit
// http://localhost.evil.net. Regular expressions must be anchored (^...$);
// New panics on one that is not.
package main

import (
	"fmt"
	"log"
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const addr = "127.0.0.1:8082"

func newRouter() *gin.Engine {
	r := gin.Default()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins: []string{
			"https://example.com",
			"https://*.example.com", // one or more labels; not example.com itself
			"http://localhost:*",    // any port, or none
		},
		AllowOriginRegexps: []*regexp.Regexp{
			regexp.MustCompile(`^https://pr-[0-9]+\.preview\.example\.net$`),
		},
	}))
	r.GET("/products", func(c *gin.Context) {
		c.JSON(http.StatusOK, []string{"tea", "coffee"})
	})
	return r
}

func main() {
	for _, origin := range []string{
		"https://shop.example.com", "http://localhost:5173", "https://pr-42.preview.example.net", // allowed
		"https://evil-example.com", "http://localhost.evil.net", // refused
	} {
		fmt.Printf("curl -i -H 'Origin: %s' http://%s/products\n", origin, addr)
	}
	log.Fatal(newRouter().Run(addr))
}
