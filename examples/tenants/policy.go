package main

import (
	"context"
	"errors"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// policyConfig is the CORS policy of the public API for the origins in the
// table. Every replica builds it the same way, so the table alone decides
// what they allow.
func policyConfig(origins []string) gincors.Config {
	cfg := gincors.Config{
		AllowOrigins: origins,
		AllowMethods: []string{"GET", "POST"},
		AllowHeaders: []string{"Authorization", "Content-Type"},
		// A browser may keep sending requests a cached preflight allowed
		// for this long after an origin is removed (it still checks every
		// response); keep it short so a removal takes effect quickly.
		MaxAge: time.Minute,
	}
	if len(origins) == 0 {
		// A Config that allows no origin is an error, so an empty table
		// says "none" with a function.
		cfg.AllowOriginFunc = func(*gin.Context, string) bool { return false }
	}
	return cfg
}

// checkOrigin reports why origin cannot be a tenant's allowed origin, or nil.
// gincors decides what an origin is, with the message it gives at start-up;
// on top of that a tenant may not register "*" (every site) or "null" (any
// sandboxed page), which are valid CORS but would open the API to all.
// Because each entry is valid alone and neither of those is allowed, any
// set of checked origins is a valid policy: a concurrent change on another
// replica can never make the union invalid.
func checkOrigin(origin string) error {
	o := strings.TrimSpace(origin)
	switch {
	case o == "*":
		return errors.New(`"*" would let every site read the API; register the tenant's own origins`)
	case strings.EqualFold(o, "null"): // gincors reads "NULL" as "null" too
		return errors.New(`"null" would let any sandboxed page read the API; register the tenant's own origins`)
	}
	return policyConfig([]string{origin}).Validate()
}

// syncer keeps a gincors.Middleware equal to the table. Reloads are
// serialized, so a slow reload can never install an older snapshot over a
// newer one.
type syncer struct {
	store store
	cors  *gincors.Middleware
	log   *log.Logger

	mu     sync.Mutex
	failed bool // the last reload failed; log the recovery
	count  int  // allowed origins in the current policy
}

// newSyncer loads the policy once; a replica that cannot read the table at
// start-up has no last good policy to fall back on, so that is an error.
func newSyncer(ctx context.Context, st store, logger *log.Logger) (*syncer, error) {
	origins, err := st.origins(ctx)
	if err != nil {
		return nil, err
	}
	cors, err := gincors.NewMiddleware(policyConfig(origins))
	if err != nil {
		return nil, err
	}
	return &syncer{store: st, cors: cors, log: logger, count: len(origins)}, nil
}

// reload reads the whole table in one statement, which the database answers
// from one snapshot, and swaps the policy in atomically. On error the
// current policy stays and the error is logged and returned.
func (s *syncer) reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	origins, err := s.store.origins(ctx)
	if err == nil {
		err = s.cors.Reconfigure(policyConfig(origins))
	}
	if err != nil {
		s.failed = true
		s.log.Printf("reload failed, still serving the last policy (origins: %d): %v", s.count, err)
		return err
	}
	if s.failed {
		s.log.Printf("reload succeeded again (origins: %d)", len(origins))
	}
	s.failed, s.count = false, len(origins)
	return nil
}

const (
	reloadTimeout = 10 * time.Second       // bounds one background reload
	retryMin      = 100 * time.Millisecond // first wait after a failed reload
)

// run reloads on every signal from wake and every interval until ctx ends.
// wake should have a buffer of one: a burst of changes then costs one or two
// reloads, not one per change. A failed reload is retried after 100ms,
// then after waits that double up to the interval, so a replica catches up
// soon after the database returns rather than at the next tick. (A
// connection the server ended fails the first query on it, so even the
// reload that follows a reconnected listener can fail once.)
func (s *syncer) run(ctx context.Context, interval time.Duration, wake <-chan struct{}) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	var retry <-chan time.Time // nil, blocking for ever, unless a retry is due
	backoff := retryMin
	for {
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-tick.C:
		case <-retry:
		}
		// A database that hangs must not stop the reloads for good. The
		// error is logged by reload.
		rctx, cancel := context.WithTimeout(ctx, reloadTimeout)
		err := s.reload(rctx)
		cancel()
		if err == nil {
			retry, backoff = nil, retryMin
			continue
		}
		retry = time.After(backoff)
		backoff = min(2*backoff, interval)
	}
}
