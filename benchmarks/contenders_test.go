package benchmarks

import (
	"fmt"
	"net/http"
	"time"

	gincontrib "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
	jub0bs "github.com/jub0bs/cors"
	rs "github.com/rs/cors"
)

// The policy every contender gets; only the origins and credentials vary.
var (
	policyMethods = []string{"GET", "POST", "PUT", "DELETE"}
	policyHeaders = []string{"Authorization", "Content-Type", "X-Requested-With"}
	policyMaxAge  = 10 * time.Minute
)

// policy is the part of the configuration a scenario chooses.
type policy struct {
	origins     []string
	credentials bool
}

// originList returns n allowed origins, https://app000.example.com and so on;
// a request from the last one makes list-scanning middleware do the most work.
func originList(n int) []string {
	list := make([]string, n)
	for i := range list {
		list[i] = appOrigin(i)
	}
	return list
}

func appOrigin(i int) string { return fmt.Sprintf("https://app%03d.example.com", i) }

// contender builds one CORS middleware for Gin from a policy; a nil build is
// bare Gin, the floor.
type contender struct {
	name  string
	build func(policy) gin.HandlerFunc
	// debugCalls, when set, counts the calls of gincors's Debug sink.
	debugCalls *int
}

// Contender names, as they appear in benchmark names (mw=...).
const (
	mwFloor        = "bare-gin"
	mwGincors      = "gincors"
	mwGincorsDebug = "gincors-debug"
	mwGinContrib   = "gin-contrib-cors"
	mwRs           = "rs-cors"
	mwJub0bs       = "jub0bs-cors"
)

var debugCalls int

// contenders in the order their columns appear; gincors comes first so that
// benchstat -col /mw compares the others with it.
var contenders = []contender{
	{name: mwGincors, build: buildGincors},
	{name: mwGincorsDebug, build: buildGincorsDebug, debugCalls: &debugCalls},
	{name: mwGinContrib, build: buildGinContrib},
	{name: mwRs, build: buildRs},
	{name: mwJub0bs, build: buildJub0bs},
	{name: mwFloor},
}

// peers are the contenders gincors is compared with.
func isPeer(name string) bool { return name == mwGinContrib || name == mwRs || name == mwJub0bs }

func gincorsConfig(p policy) gincors.Config {
	return gincors.Config{
		AllowOrigins:     p.origins,
		AllowMethods:     policyMethods,
		AllowHeaders:     policyHeaders,
		AllowCredentials: p.credentials,
		MaxAge:           policyMaxAge,
	}
}

func buildGincors(p policy) gin.HandlerFunc { return gincors.New(gincorsConfig(p)) }

// buildGincorsDebug is gincors with a no-op Debug sink that only counts its
// calls: the cost of the feature where it is on but not called (allowed
// requests) and where it is called (rejected ones).
func buildGincorsDebug(p policy) gin.HandlerFunc {
	cfg := gincorsConfig(p)
	cfg.Debug = func(*gin.Context, string) { debugCalls++ }
	return gincors.New(cfg)
}

func buildGinContrib(p policy) gin.HandlerFunc {
	cfg := gincontrib.Config{
		AllowOrigins:     p.origins,
		AllowMethods:     policyMethods,
		AllowHeaders:     policyHeaders,
		AllowCredentials: p.credentials,
		MaxAge:           policyMaxAge,
	}
	for _, o := range p.origins {
		if containsStar(o) {
			cfg.AllowWildcard = true // needed for https://*.example.com
		}
	}
	return gincontrib.New(cfg)
}

func containsStar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' {
			return true
		}
	}
	return false
}

// buildRs adapts rs/cors to Gin as its documentation and its own Gin wrapper
// do: run its logic on Gin's writer and request, and end preflights with
// OptionsSuccessStatus.
func buildRs(p policy) gin.HandlerFunc {
	c := rs.New(rs.Options{
		AllowedOrigins:   p.origins,
		AllowedMethods:   policyMethods,
		AllowedHeaders:   policyHeaders,
		AllowCredentials: p.credentials,
		MaxAge:           int(policyMaxAge / time.Second),
	})
	const optionsSuccessStatus = http.StatusNoContent // rs/cors's default
	return func(ctx *gin.Context) {
		c.HandlerFunc(ctx.Writer, ctx.Request)
		if ctx.Request.Method == http.MethodOptions && ctx.Request.Header.Get("Access-Control-Request-Method") != "" {
			ctx.AbortWithStatus(optionsSuccessStatus)
		}
	}
}

// buildJub0bs adapts jub0bs/cors, a net/http middleware, to Gin: the wrapped
// no-op handler is built once. jub0bs answers a preflight (OPTIONS + Origin +
// ACRM) itself, without calling the handler, so the chain is aborted there;
// every other request, allowed or not, goes on to Gin's handler as it would
// go on to the wrapped one.
func buildJub0bs(p policy) gin.HandlerFunc {
	mw, err := jub0bs.NewMiddleware(jub0bs.Config{
		Origins:         p.origins,
		Methods:         policyMethods,
		RequestHeaders:  policyHeaders,
		MaxAgeInSeconds: int(policyMaxAge / time.Second),
		Credentialed:    p.credentials,
	})
	if err != nil {
		panic(err)
	}
	h := mw.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	return func(c *gin.Context) {
		h.ServeHTTP(c.Writer, c.Request)
		r := c.Request
		if r.Method == http.MethodOptions && len(r.Header["Origin"]) > 0 && len(r.Header["Access-Control-Request-Method"]) > 0 {
			c.Abort()
		}
	}
}

// newEngine returns the application every contender runs in: release mode,
// no logger or recovery, the middleware engine-wide, and one resource. There
// is no OPTIONS route: preflights take Gin's 404 chain, which runs engine
// middleware, as they do in a real application.
func newEngine(mw gin.HandlerFunc, ran *int) *gin.Engine {
	e := gin.New()
	if mw != nil {
		e.Use(mw)
	}
	h := func(c *gin.Context) {
		*ran++
		c.Status(http.StatusOK)
	}
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		e.Handle(m, "/x", h)
	}
	return e
}

func init() { gin.SetMode(gin.ReleaseMode) }
