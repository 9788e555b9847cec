// Command group enables CORS on a route group, /api, and leaves the other
// routes alone.
//
//	go run ./examples/group [-addr 127.0.0.1:8089]
//
// Express equivalent:
//
//	const api = express.Router()
//	api.use(cors({ origin: 'http://localhost:3000' }))
//	app.use('/api', api)
//
// gincors.Mount(api, cors) registers cors for OPTIONS /api and /api/*path,
// then api.Use(cors) for the routes added after it. The OPTIONS routes
// matter: Gin runs a group's middleware only once a route has matched, so
// with api.Use(cors) alone a preflight finds no OPTIONS route and gets 404
// without CORS headers.
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
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok") })

	api := r.Group("/api")
	gincors.Mount(api, gincors.New(gincors.Config{
		AllowOrigins: []string{"http://localhost:3000"},
	}))
	api.GET("/orders", func(c *gin.Context) { c.JSON(http.StatusOK, []string{"A-1", "A-2"}) })
	api.POST("/orders", func(c *gin.Context) { c.Status(http.StatusCreated) })
	api.DELETE("/orders/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	return r
}

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	const origin = "'Origin: http://localhost:3000'"
	fmt.Fprintf(w, "Allowed: curl -i -H %s %s/api/orders\n", origin, base)
	fmt.Fprintf(w, "Allowed preflight: curl -i -X OPTIONS -H %s -H 'Access-Control-Request-Method: DELETE' %s/api/orders/A-1\n", origin, base)
	fmt.Fprintf(w, "Blocked (no CORS outside /api): curl -i -H %s %s/healthz\n", origin, base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8089", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter().RunListener(ln))
}
