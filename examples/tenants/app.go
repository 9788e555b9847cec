package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// options configure one replica.
type options struct {
	addr        string        // where to listen, "127.0.0.1:0" for any free port
	dsn         string        // a SQLite file or a postgres:// URL
	adminToken  string        // the admin API's bearer token
	reloadEvery time.Duration // the safety-net full reload
	logger      *log.Logger
}

// app is one running replica: the HTTP server and the goroutines that keep
// its policy equal to the table.
type app struct {
	store    *sqlStore
	syncer   *syncer
	srv      *http.Server
	ln       net.Listener
	stopped  chan struct{} // closed when Serve has returned
	serveErr error         // Serve's result, to read after stopped
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// start opens the database, loads the policy and serves on opts.addr. On
// PostgreSQL it also listens for changes made through any replica.
func start(ctx context.Context, opts options) (*app, error) {
	st, err := openStore(ctx, opts.dsn)
	if err != nil {
		return nil, err
	}
	s, err := newSyncer(ctx, st, opts.logger)
	if err != nil {
		st.close()
		return nil, fmt.Errorf("loading the allowed origins: %w", err)
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		st.close()
		return nil, err
	}
	bg, cancel := context.WithCancel(context.Background())
	a := &app{
		store: st, syncer: s, ln: ln, cancel: cancel, stopped: make(chan struct{}),
		srv: &http.Server{Handler: newRouter(s, opts.adminToken), ReadHeaderTimeout: 10 * time.Second},
	}
	wake := make(chan struct{}, 1)
	a.goRun(func() { s.run(bg, opts.reloadEvery, wake) })
	if st.notify {
		l := &listener{dsn: opts.dsn, wake: wake, log: opts.logger,
			minBackoff: 100 * time.Millisecond, maxBackoff: 5 * time.Second}
		a.goRun(func() { l.run(bg) })
	}
	go func() {
		a.serveErr = a.srv.Serve(ln)
		close(a.stopped)
	}()
	return a, nil
}

func (a *app) goRun(f func()) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		f()
	}()
}

// url is the replica's base URL, such as "http://127.0.0.1:8090".
func (a *app) url() string { return "http://" + a.ln.Addr().String() }

// close stops serving, letting requests in flight finish for up to five
// seconds, stops the background goroutines and closes the database.
func (a *app) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.srv.Shutdown(ctx)
	<-a.stopped
	if !errors.Is(a.serveErr, http.ErrServerClosed) {
		err = errors.Join(err, a.serveErr)
	}
	a.cancel()
	a.wg.Wait()
	return errors.Join(err, a.store.close())
}
