// Command dynamic-origin decides origins at run time, in two ways.
//
// /public asks a function, as Express's dynamic origin option does; here the
// function looks the origin up in a fixed whitelist.
//
// /api uses a gincors.Middleware whose allowed origins live in a "database"
// (an in-memory table). The admin endpoints change the table and call
// Reconfigure, which compiles the new policy and swaps it in atomically; a
// change gincors refuses (an origin with a path, say) is not saved, and the
// old policy stays.
//
//	go run ./examples/dynamic-origin [-addr 127.0.0.1:8084]
//
// Express equivalent of /public:
//
//	const whitelist = ['https://example1.com', 'https://example2.com']
//	app.use('/public', cors({ origin(origin, callback) {
//	  callback(null, whitelist.includes(origin))
//	} }))
//
// Express has no Reconfigure; its options delegate, cors((req, callback) =>
// ...), recomputes the whole configuration on every request. gincors
// validates a configuration once, when it changes.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

var whitelist = map[string]bool{
	"https://example1.com": true,
	"https://example2.com": true,
}

// originDB stands for a database table of the origins allowed on /api.
type originDB struct {
	mu      sync.Mutex
	origins []string
	cors    *gincors.Middleware
}

// apiConfig is the /api policy for a list of origins.
func apiConfig(origins []string) gincors.Config {
	cfg := gincors.Config{AllowOrigins: origins}
	if len(origins) == 0 {
		// A Config that allows no origin is an error, so an empty table
		// says "none" with a function.
		cfg.AllowOriginFunc = func(*gin.Context, string) bool { return false }
	}
	return cfg
}

func newOriginDB(origins ...string) (*originDB, error) {
	cors, err := gincors.NewMiddleware(apiConfig(origins))
	if err != nil {
		return nil, err
	}
	return &originDB{origins: origins, cors: cors}, nil
}

func (db *originDB) list() []string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.origins
}

// update applies change to a copy of the table, reconfigures the middleware,
// and saves the copy only if gincors accepted it.
func (db *originDB) update(change func([]string) []string) ([]string, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	origins := change(slices.Clone(db.origins))
	if err := db.cors.Reconfigure(apiConfig(origins)); err != nil {
		return db.origins, err
	}
	db.origins = origins
	return origins, nil
}

func newRouter(db *originDB) *gin.Engine {
	r := gin.Default()

	public := r.Group("/public")
	gincors.Mount(public, gincors.New(gincors.Config{
		AllowOriginFunc: func(_ *gin.Context, origin string) bool { return whitelist[origin] },
	}))
	public.GET("/news", func(c *gin.Context) { c.JSON(http.StatusOK, []string{"gincors released"}) })

	api := r.Group("/api")
	gincors.Mount(api, db.cors.Handler())
	api.GET("/orders", func(c *gin.Context) { c.JSON(http.StatusOK, []string{"A-1", "A-2"}) })

	// The admin endpoints have no CORS, so no other site's page can call
	// them. A real service would also authenticate them.
	admin := r.Group("/admin")
	admin.GET("/origins", func(c *gin.Context) {
		c.JSON(http.StatusOK, db.list())
	})
	admin.POST("/origins", func(c *gin.Context) {
		var body struct {
			Origin string `json:"origin" binding:"required"`
		}
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		origins, err := db.update(func(o []string) []string {
			if !slices.Contains(o, body.Origin) {
				o = append(o, body.Origin)
			}
			return o
		})
		if err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error(), "origins": origins})
			return
		}
		c.JSON(http.StatusOK, origins)
	})
	admin.DELETE("/origins", func(c *gin.Context) {
		origin := c.Query("origin")
		origins, err := db.update(func(o []string) []string {
			return slices.DeleteFunc(o, func(s string) bool { return s == origin })
		})
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, origins)
	})
	return r
}

// printTries prints curl commands to try, in order, against the server at
// base.
func printTries(w io.Writer, base string) {
	check := fmt.Sprintf("curl -i -H 'Origin: https://new.example' %s/api/orders", base)
	fmt.Fprintf(w, "Allowed (whitelist): curl -i -H 'Origin: https://example1.com' %s/public/news\n", base)
	fmt.Fprintf(w, "Blocked (not yet):   %s\n", check)
	fmt.Fprintf(w, "Allow it:            curl -i -X POST -d '{\"origin\":\"https://new.example\"}' %s/admin/origins\n", base)
	fmt.Fprintf(w, "Allowed now:         %s\n", check)
	fmt.Fprintf(w, "Refused, kept:       curl -i -X POST -d '{\"origin\":\"https://new.example/app\"}' %s/admin/origins\n", base)
	fmt.Fprintf(w, "Revoke it:           curl -i -X DELETE '%s/admin/origins?origin=https://new.example'\n", base)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8084", "listen `address`; port 0 picks a free one")
	flag.Parse()
	db, err := newOriginDB("https://shop.example")
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	printTries(os.Stdout, "http://"+ln.Addr().String())
	log.Fatal(newRouter(db).RunListener(ln))
}
