// Command any-origin lets any web page read the API's responses: a public,
// read-only API without cookies.
//
//	go run ./examples/any-origin [-addr 127.0.0.1:8083]
//
// Express equivalent:
//
//	app.use(cors())
//
// gincors.Default() is the same policy: Access-Control-Allow-Origin: * on
// every response, the methods GET,HEAD,PUT,PATCH,POST,DELETE, and the
// preflight's Access-Control-Request-Headers allowed back. It cannot be
// combined with AllowCredentials; see the credentials example for that.
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
	r.Use(gincors.Default())
	r.GET("/weather", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"city": "Oslo", "celsius": 4})
	})
	return r
}

// printTries prints curl commands to try against the server at base, each
// labelled with what a browser would do with the answer.
func printTries(w io.Writer, base string) {
	fmt.Fprintf(w, "Allowed: curl -i -H 'Origin: https://anything.example' %s/weather\n", base)
	fmt.Fprintf(w, "Allowed preflight: curl -i -X OPTIONS -H 'Origin: https://anything.example' "+
		"-H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-api-key' %s/weather\n", base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8083", "listen `address`; port 0 picks a free one")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter().RunListener(ln))
}
