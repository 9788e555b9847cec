// Package ingredients holds the two halves of the tutorial example: the
// ingredients API, which allows one front-end origin through gincors, and the
// front-end page, which fetches that API from another origin and lists what it
// gets. Tests (and the e2e suite) can serve them with httptest.
package ingredients

import (
	_ "embed"
	"html/template"
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

// API returns the ingredients API. Browsers let scripts read its responses
// only from allowedOrigin, e.g. "http://127.0.0.1:6068".
//
// Express: app.use(cors({origin: allowedOrigin})); app.get('/ingredients', ...).
func API(allowedOrigin string) *gin.Engine {
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	r.Use(gincors.New(gincors.Config{AllowOrigins: []string{allowedOrigin}}))
	r.GET("/ingredients", func(c *gin.Context) {
		c.JSON(http.StatusOK, List)
	})
	return r
}

//go:embed index.html
var indexHTML string

var page = template.Must(template.New("index.html").Parse(indexHTML))

// Page returns the front end: GET / serves a page whose script fetches
// apiURL + "/ingredients", e.g. "http://127.0.0.1:6069/ingredients".
func Page(apiURL string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := page.Execute(w, apiURL); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return mux
}
