// Command single-origin allows one origin, https://example.com, to read the
// API's responses from a browser.
//
//	go run ./examples/single-origin [-addr 127.0.0.1:8081]
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
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

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

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	fmt.Fprintf(w, "Allowed: curl -i -H 'Origin: https://example.com' %s/products\n", base)
	fmt.Fprintf(w, "Blocked: curl -i -H 'Origin: https://evil.example' %s/products\n", base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter().RunListener(ln))
}
