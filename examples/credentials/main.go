// Command credentials shows a cookie session across origins: a front-end page
// on http://127.0.0.1:8088 logs in to an API on http://127.0.0.1:8087, which
// sets a session cookie, then reads the signed-in user back with that cookie.
//
//	go run ./examples/credentials [-api-addr 127.0.0.1:8087] [-web-addr 127.0.0.1:8088]
//
// Express equivalent:
//
//	app.use(cors({
//	  origin: 'http://127.0.0.1:8088',
//	  credentials: true,
//	  methods: ['GET', 'POST'],
//	  allowedHeaders: ['Content-Type'],
//	}))
//
// and in the page: fetch(url, { credentials: 'include' }).
//
// With credentials the browser wants the exact origin back, never "*", and
// Access-Control-Allow-Credentials: true on the preflight and on the response;
// gincors refuses "*" with AllowCredentials at start-up. The two servers
// differ only by port, so they are the same site and a SameSite=Lax cookie
// flows; across sites it would need SameSite=None; Secure, hence HTTPS.
package main

import (
	"crypto/rand"
	_ "embed"
	"flag"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

func main() {
	apiAddr := flag.String("api-addr", "127.0.0.1:8087", "API `address`; port 0 picks a free one")
	webAddr := flag.String("web-addr", "127.0.0.1:8088", "front-end `address`; its origin is the one the API allows")
	flag.Parse()
	apiLn, err := net.Listen("tcp", *apiAddr)
	if err != nil {
		log.Fatal(err)
	}
	webLn, err := net.Listen("tcp", *webAddr)
	if err != nil {
		log.Fatal(err)
	}
	apiURL, webURL := "http://"+apiLn.Addr().String(), "http://"+webLn.Addr().String()

	fmt.Printf("Open: %s/\n", webURL)
	fmt.Printf("Try:  curl -i -c /tmp/jar -H 'Origin: %s' -H 'Content-Type: application/json' -d '{\"name\":\"ada\"}' %s/login\n", webURL, apiURL)
	fmt.Printf("Then: curl -i -b /tmp/jar -H 'Origin: %s' %s/me\n", webURL, apiURL)
	web := &http.Server{Handler: newPage(apiURL), ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 2)
	go func() { errc <- web.Serve(webLn) }()
	go func() { errc <- newAPI(webURL).RunListener(apiLn) }()
	log.Fatal(<-errc) // either server failing stops the example
}

// sessions maps session cookies to user names.
type sessions struct {
	mu    sync.Mutex
	users map[string]string
}

func newAPI(webOrigin string) *gin.Engine {
	s := &sessions{users: map[string]string{}}
	r := gin.Default()
	r.Use(gincors.New(gincors.Config{
		AllowOrigins:     []string{webOrigin},
		AllowCredentials: true,
		AllowMethods:     []string{"GET", "POST"},
		AllowHeaders:     []string{"Content-Type"},
	}))
	r.POST("/login", func(c *gin.Context) {
		var body struct {
			Name string `json:"name" binding:"required"`
		}
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		token := rand.Text()
		s.mu.Lock()
		s.users[token] = body.Name
		s.mu.Unlock()
		c.SetSameSite(http.SameSiteLaxMode)
		c.SetCookie("session", token, 3600, "/", "", false, true)
		c.JSON(http.StatusOK, gin.H{"name": body.Name})
	})
	r.GET("/me", func(c *gin.Context) {
		token, err := c.Cookie("session")
		s.mu.Lock()
		name, ok := s.users[token]
		s.mu.Unlock()
		if err != nil || !ok {
			c.JSON(http.StatusUnauthorized, gin.H{"error": "not signed in"})
			return
		}
		c.JSON(http.StatusOK, gin.H{"name": name})
	})
	return r
}

//go:embed index.html
var indexHTML string

var page = template.Must(template.New("index.html").Parse(indexHTML))

// newPage serves the front end, whose script talks to apiURL.
func newPage(apiURL string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := page.Execute(w, apiURL); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return mux
}
