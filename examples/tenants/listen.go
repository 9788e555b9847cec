package main

import (
	"context"
	"log"
	"time"

	"github.com/jackc/pgx/v5"
)

// listener holds one PostgreSQL connection that LISTENs on notifyChannel
// and signals wake for every notification. The connection is its own, not
// one of the pool's: a LISTEN belongs to a session, and a pooled
// connection goes back to other work.
type listener struct {
	dsn  string
	wake chan<- struct{}
	log  *log.Logger

	// Reconnection backoff: first and largest wait.
	minBackoff, maxBackoff time.Duration
}

// run listens until ctx ends. When the connection breaks (the server
// restarted, an administrator ended the session, the network failed) it
// reconnects with growing waits, and signals wake once listening again:
// notifications sent while it was away are lost, so the replica must
// reload the whole table.
func (l *listener) run(ctx context.Context) {
	backoff := l.minBackoff
	for ctx.Err() == nil {
		start := time.Now()
		err := l.listen(ctx)
		if ctx.Err() != nil {
			return
		}
		if time.Since(start) > l.maxBackoff {
			backoff = l.minBackoff // it had worked for a while: start the waits over
		}
		l.log.Printf("listener: %v; reconnecting in %v", err, backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, l.maxBackoff)
	}
}

// listen connects, LISTENs and forwards notifications until the connection
// fails or ctx ends. It always returns a non-nil error.
func (l *listener) listen(ctx context.Context) error {
	connectCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(connectCtx, l.dsn)
	cancel()
	if err != nil {
		return err
	}
	defer func() {
		// Close needs a live context even when ctx has ended.
		closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{notifyChannel}.Sanitize()); err != nil {
		return err
	}
	l.signal() // catch up with what happened while not listening
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		l.signal()
	}
}

// signal asks for a reload without blocking: if one is already pending, it
// will read this change too.
func (l *listener) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}
