// Command single-origin allows one origin, https://example.com, to read the
// API's responses from a browser.
//
//	go run ./examples/single-origin
//
// Express equivalent:
//
//	app.use(cors({ origin: 'https://example.com' }))
//
// Unlike Express, which sends its one origin on every response, gincors sends
// Access-Control-Allow-Origin only when the request's Origin is that origin,
// and answers Vary: Origin on every response.
package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const addr = "127.0.0.1:8081"

func newRouter() *gin.Engine {
	r := gin.Default()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins: []string{"https://example.com"},
	}))
	r.GET("/products", func(c *gin.Context) {
		c.JSON(http.StatusOK, []string{"tea", "coffee"})
	})
	return r
}

func main() {
	fmt.Printf("Allowed: curl -i -H 'Origin: https://example.com' http://%s/products\n", addr)
	fmt.Printf("Refused: curl -i -H 'Origin: https://evil.example' http://%s/products\n", addr)
	log.Fatal(newRouter().Run(addr))
}
