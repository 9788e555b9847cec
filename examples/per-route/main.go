// Command per-route enables CORS on one route only. The middleware goes on
// the route and on OPTIONS for the same path, so that the preflight a browser
// sends before DELETE reaches it; other routes stay same-origin only.
//
//	go run ./examples/per-route
//
// Express equivalent:
//
//	app.get('/products/:id', cors(), getProduct)
//	app.delete('/products/:id', cors(), deleteProduct)
//	app.options('/products/:id', cors())
//
// Without the OPTIONS route, Gin answers the preflight 404 (or 405 with
// HandleMethodNotAllowed) without CORS headers, and the browser blocks the
// DELETE. Engine-wide r.Use(cors) needs no OPTIONS route.
package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const addr = "127.0.0.1:8086"

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

func main() {
	fmt.Printf("Actual:    curl -i -H 'Origin: http://localhost:3000' http://%s/products/7\n", addr)
	fmt.Printf("Preflight: curl -i -X OPTIONS -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: DELETE' http://%s/products/7\n", addr)
	fmt.Printf("No CORS:   curl -i -H 'Origin: http://localhost:3000' http://%s/admin/stats\n", addr)
	log.Fatal(newRouter().Run(addr))
}
