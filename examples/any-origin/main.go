// Command any-origin lets any web page read the API's responses: a public,
// read-only API without cookies.
//
//	go run ./examples/any-origin
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
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const addr = "127.0.0.1:8083"

func newRouter() *gin.Engine {
	r := gin.Default()
	r.Use(gincors.Default())
	r.GET("/weather", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"city": "Oslo", "celsius": 4})
	})
	return r
}

func main() {
	fmt.Printf("Actual:    curl -i -H 'Origin: https://anything.example' http://%s/weather\n", addr)
	fmt.Printf("Preflight: curl -i -X OPTIONS -H 'Origin: https://anything.example' "+
		"-H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-api-key' http://%s/weather\n", addr)
	log.Fatal(newRouter().Run(addr))
}
