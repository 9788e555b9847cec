// Command methods configures what a preflight allows beyond the origin: the
// methods, the request headers, the response headers scripts may read, and how
// long the browser may cache the answer. A Debug hook logs why a request is
// refused.
//
//	go run ./examples/methods [-addr 127.0.0.1:8085]
//
// Express equivalent:
//
//	app.use(cors({
//	  origin: 'http://localhost:3000',
//	  methods: ['GET', 'PUT', 'DELETE'],
//	  allowedHeaders: ['Content-Type', 'Authorization'],
//	  exposedHeaders: ['X-Total-Count'],
//	  maxAge: 600,
//	}))
//
// MaxAge is a time.Duration, sent in whole seconds. The browser, not the
// server, compares the preflight's request with these lists, so a refused
// method or header still gets a 204: the browser console names what failed,
// and Debug says it on the server. Express's cors has no Debug option.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

var items = []string{"hammer", "saw", "drill"}

func newRouter(debug func(*gin.Context, string)) *gin.Engine {
	r := gin.Default()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins:  []string{"http://localhost:3000"},
		AllowMethods:  []string{"GET", "PUT", "DELETE"},
		AllowHeaders:  []string{"Content-Type", "Authorization"},
		ExposeHeaders: []string{"X-Total-Count"},
		MaxAge:        10 * time.Minute,
		Debug:         debug,
	}))
	r.GET("/items", func(c *gin.Context) {
		c.Header("X-Total-Count", strconv.Itoa(len(items)))
		c.JSON(http.StatusOK, items)
	})
	r.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	r.DELETE("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	return r
}

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	const preflight = "curl -i -X OPTIONS -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: %s' " +
		"-H 'Access-Control-Request-Headers: %s' %s/items/1\n"
	fmt.Fprintf(w, "Allowed preflight: "+preflight, "PUT", "authorization,content-type", base)
	fmt.Fprintf(w, "Blocked preflight (PATCH, x-secret): "+preflight, "PATCH", "x-secret", base)
	fmt.Fprintf(w, "Allowed, X-Total-Count exposed: curl -i -H 'Origin: http://localhost:3000' %s/items\n", base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8085", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	debug := func(c *gin.Context, why string) { log.Print(why) }
	log.Fatal(newRouter(debug).RunListener(ln))
}
