package main

// The per-request cost of the two designs README.md compares, through Gin:
//
//	go test -run '^$' -bench . -benchmem               # SQLite only
//	TENANTS_POSTGRES_DSN=... go test -run '^$' -bench . # PostgreSQL too
//
// Each benchmark allows the same 1,000 origins and asks about one of them.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

const benchOrigins = 1000

// benchStore opens a store holding benchOrigins origins, with an index on
// origin for the per-request lookups.
func benchStore(b *testing.B, dsn string) *sqlStore {
	b.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.close() })
	if _, err := st.db.ExecContext(ctx,
		`CREATE INDEX IF NOT EXISTS tenant_origins_origin ON tenant_origins (origin)`); err != nil {
		b.Fatal(err)
	}
	for i := range benchOrigins {
		if _, err := st.addOrigin(ctx, fmt.Sprintf("t%d", i%50), fmt.Sprintf("https://app%d.bench.test", i)); err != nil {
			b.Fatal(err)
		}
	}
	return st
}

// serveBench sends GET /api/hello from an allowed origin through cors.
func serveBench(b *testing.B, cors gin.HandlerFunc) {
	r := gin.New()
	r.GET("/api/hello", cors, func(c *gin.Context) { c.Status(http.StatusNoContent) })
	const origin = "https://app500.bench.test"
	req := httptest.NewRequest(http.MethodGet, "/api/hello", nil)
	req.Header.Set("Origin", origin)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Header().Get("Access-Control-Allow-Origin") != origin {
			b.Fatal("the origin was not allowed")
		}
	}
}

// BenchmarkReconfigure is the design the example uses: the table is loaded
// into a policy when it changes, and a request costs a map lookup.
func BenchmarkReconfigure(b *testing.B) {
	st := benchStore(b, filepath.Join(b.TempDir(), "bench.db"))
	s, err := newSyncer(context.Background(), st, nil)
	if err != nil {
		b.Fatal(err)
	}
	serveBench(b, s.cors.Handler())
}

// BenchmarkLookupSQLite asks the database on every request.
func BenchmarkLookupSQLite(b *testing.B) {
	st := benchStore(b, filepath.Join(b.TempDir(), "bench.db"))
	serveBench(b, lookupMiddleware(b, st))
}

// BenchmarkLookupPostgres asks PostgreSQL on every request, over loopback.
func BenchmarkLookupPostgres(b *testing.B) {
	st := benchStore(b, pgDatabase(b))
	serveBench(b, lookupMiddleware(b, st))
}

// BenchmarkLookupCached asks the database only when its cache has no fresh
// answer: this is the cache's hit path.
func BenchmarkLookupCached(b *testing.B) {
	st := benchStore(b, filepath.Join(b.TempDir(), "bench.db"))
	cache := &originCache{ttl: 5 * time.Second, lookup: st.hasOrigin}
	cors, err := gincors.NewMiddleware(gincors.Config{
		AllowOriginFunc: func(c *gin.Context, origin string) bool { return cache.allowed(c.Request.Context(), origin) },
	})
	if err != nil {
		b.Fatal(err)
	}
	serveBench(b, cors.Handler())
}

func lookupMiddleware(b *testing.B, st *sqlStore) gin.HandlerFunc {
	cors, err := gincors.NewMiddleware(gincors.Config{
		AllowOriginFunc: func(c *gin.Context, origin string) bool {
			ok, err := st.hasOrigin(c.Request.Context(), origin)
			return err == nil && ok // AllowOriginFunc has no error path
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	return cors.Handler()
}

// hasOrigin is the per-request query of the lookup design.
func (s *sqlStore) hasOrigin(ctx context.Context, origin string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM tenant_origins WHERE origin = $1`, origin).Scan(&n)
	return n > 0, err
}

// originCache remembers each answer, yes or no, for ttl. It must remember
// the noes too, or any client could turn every request into a query by
// sending made-up origins; a real one would also need a size bound.
type originCache struct {
	ttl    time.Duration
	lookup func(context.Context, string) (bool, error)
	m      sync.Map // origin -> cached
}

type cached struct {
	allowed bool
	expires time.Time
}

func (c *originCache) allowed(ctx context.Context, origin string) bool {
	if v, ok := c.m.Load(origin); ok && time.Now().Before(v.(cached).expires) {
		return v.(cached).allowed
	}
	ok, err := c.lookup(ctx, origin)
	if err != nil {
		return false
	}
	c.m.Store(origin, cached{allowed: ok, expires: time.Now().Add(c.ttl)})
	return ok
}

// BenchmarkReload is what the Reconfigure design pays per change and
// replica instead: read the whole table and compile the policy.
func BenchmarkReload(b *testing.B) {
	st := benchStore(b, filepath.Join(b.TempDir(), "bench.db"))
	s, err := newSyncer(context.Background(), st, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.reload(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
