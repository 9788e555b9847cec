// Command per-route enables CORS on one route only. The middleware goes on
// the route and on OPTIONS for the same path, so that the preflight a browser
// sends before DELETE reaches it; other routes stay same-origin only.
//
//	go run ./examples/per-route [-addr 127.0.0.1:8086]
//
// Express equivalent:
//
//	const corsForProducts = cors({ origin: 'http://localhost:3000' })
//	app.get('/products/:id', corsForProducts, getProduct)
//	app.delete('/products/:id', corsForProducts, deleteProduct)
//	app.options('/products/:id', corsForProducts)
//	app.get('/admin/stats', getStats) // no CORS
//
// Without the OPTIONS route, Gin answers the preflight 404 (or 405 with
// HandleMethodNotAllowed) without CORS headers, and the browser blocks the
// DELETE. Engine-wide r.Use(cors) needs no OPTIONS route.
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
	cors := gincors.New(gincors.Config{AllowOrigins: []string{"http://localhost:3000"}})

	r.GET("/products/:id", cors, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"id": c.Param("id"), "name": "teapot"})
	})
	r.DELETE("/products/:id", cors, func(c *gin.Context) { c.Status(http.StatusNoContent) })
	r.OPTIONS("/products/:id", cors) // preflights for the routes above

	r.GET("/admin/stats", func(c *gin.Context) { // no CORS: same-origin pages only
		c.JSON(http.StatusOK, gin.H{"visits": 42})
	})
	return r
}

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	const origin = "'Origin: http://localhost:3000'"
	fmt.Fprintf(w, "Allowed: curl -i -H %s %s/products/7\n", origin, base)
	fmt.Fprintf(w, "Allowed preflight: curl -i -X OPTIONS -H %s -H 'Access-Control-Request-Method: DELETE' %s/products/7\n", origin, base)
	fmt.Fprintf(w, "Blocked (no CORS on this route): curl -i -H %s %s/admin/stats\n", origin, base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8086", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter().RunListener(ln))
}
