// Command group enables CORS on a route group, /api, and leaves the other
// routes alone.
//
//	go run ./examples/group
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
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const addr = "127.0.0.1:8089"

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

func main() {
	fmt.Printf("Actual:    curl -i -H 'Origin: http://localhost:3000' http://%s/api/orders\n", addr)
	fmt.Printf("Preflight: curl -i -X OPTIONS -H 'Origin: http://localhost:3000' -H 'Access-Control-Request-Method: DELETE' http://%s/api/orders/A-1\n", addr)
	fmt.Printf("No CORS:   curl -i -H 'Origin: http://localhost:3000' http://%s/healthz\n", addr)
	log.Fatal(newRouter().Run(addr))
}
