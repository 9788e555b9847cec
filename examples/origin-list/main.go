// Command origin-list allows several origins: an exact one, its subdomains,
// local development servers on any port, and preview deployments matched by
// an anchored regular expression.
//
//	go run ./examples/origin-list [-addr 127.0.0.1:8082]
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
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"regexp"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

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

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	for _, try := range []struct{ label, origin string }{
		{"Allowed", "https://shop.example.com"},          // a subdomain
		{"Allowed", "http://localhost:5173"},             // localhost, any port
		{"Allowed", "https://pr-42.preview.example.net"}, // the regexp
		{"Blocked", "https://evil-example.com"},          // not a subdomain of example.com
		{"Blocked", "http://localhost.evil.net"},         // not localhost
	} {
		fmt.Fprintf(w, "%s: curl -i -H 'Origin: %s' %s/products\n", try.label, try.origin, base)
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8082", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter().RunListener(ln))
}
