// Package ingredients holds the two halves of the tutorial demo: the
// ingredients API, which allows one front-end origin through gincors, and the
// front-end page, which fetches that API from another origin and explains
// what the browser did with each answer. Tests (and the e2e suite) can serve
// them with httptest.
//
// The page cannot see why the browser blocked a response: a script gets a
// bare TypeError, and only the console says more. So the API records every
// request it gets and what it answered, with gincors's Debug explanation,
// and the page server, which shares that record, hands the page the
// exchanges behind each of its requests on its own origin (GET /explain), so
// no CORS is involved in reading them.
package ingredients

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// Ingredient is one item of the list the API returns.
type Ingredient struct {
	ID   string `json:"id"`
	Item string `json:"item"`
}

// List is what GET /ingredients returns.
var List = []Ingredient{
	{ID: "1", Item: "Bacon"},
	{ID: "2", Item: "Eggs"},
	{ID: "3", Item: "Milk"},
	{ID: "4", Item: "Butter"},
}

// Config describes a demo.
type Config struct {
	// APIURL is the API's origin as the page's script fetches it, e.g.
	// "http://127.0.0.1:6069".
	APIURL string
	// AllowedOrigin is the one origin the API allows, e.g.
	// "http://127.0.0.1:6068".
	AllowedOrigin string
	// AllowCredentials lets the allowed origin send credentialed requests.
	AllowCredentials bool
	// Log, if set, receives gincors's Debug line for each request the API
	// refuses, one per line.
	Log io.Writer
}

// Demo is the API and the page of one demo, sharing the record of what the
// API received and answered.
type Demo struct {
	cfg Config
	rec *recorder
}

// New returns the demo cfg describes.
func New(cfg Config) *Demo {
	return &Demo{cfg: cfg, rec: newRecorder(200)}
}

// API returns the ingredients API:
//
//	GET /ingredients       the list
//	PUT /ingredients/{id}  echoes the JSON {"item": ...} it is sent
//
// Express: app.use(cors({origin: allowedOrigin, credentials})).
func (d *Demo) API() *gin.Engine {
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.Use(d.rec.middleware())
	r.Use(gincors.New(gincors.Config{
		AllowOrigins:     []string{d.cfg.AllowedOrigin},
		AllowCredentials: d.cfg.AllowCredentials,
		Debug: func(c *gin.Context, explanation string) {
			d.rec.debug(c, explanation)
			if d.cfg.Log != nil {
				fmt.Fprintln(d.cfg.Log, explanation)
			}
		},
	}))
	r.GET("/ingredients", func(c *gin.Context) {
		c.JSON(http.StatusOK, List)
	})
	r.PUT("/ingredients/:id", func(c *gin.Context) {
		var body struct {
			Item string `json:"item" binding:"required"`
		}
		if err := c.ShouldBindJSON(&body); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		c.JSON(http.StatusOK, Ingredient{ID: c.Param("id"), Item: body.Item})
	})
	return r
}

//go:embed index.html
var indexHTML string

var page = template.Must(template.New("index.html").Parse(indexHTML))

// pageData is what index.html is executed with.
type pageData struct {
	API, AllowedOrigin string
}

// Page returns the front end:
//
//	GET /                 the page, whose script fetches APIURL
//	GET /explain?try=ID   what the API received and answered for the page's
//	                      request tagged ID, and what the browser made of it
func (d *Demo) Page() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := page.Execute(w, pageData{API: d.cfg.APIURL, AllowedOrigin: d.cfg.AllowedOrigin}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	mux.HandleFunc("GET /explain", func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("try")
		k, ok := kindOf(id)
		if !ok {
			http.Error(w, "try: want simple-, preflighted- or credentialed- and an ID", http.StatusBadRequest)
			return
		}
		e := explain(k, d.cfg.AllowedOrigin, d.cfg.AllowCredentials, d.rec.find(id))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if err := json.NewEncoder(w).Encode(e); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return mux
}

// API returns a demo's API alone, allowing allowedOrigin. The e2e suite
// serves it next to Page; New serves both with the explanations.
func API(allowedOrigin string) *gin.Engine {
	return New(Config{AllowedOrigin: allowedOrigin}).API()
}

// Page returns a demo's page alone, fetching apiURL. Its explanations are
// empty: it shares no record with an API.
func Page(apiURL string) http.Handler {
	return New(Config{APIURL: apiURL}).Page()
}
