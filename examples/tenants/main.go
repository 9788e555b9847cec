// Command tenants is a multi-tenant API whose CORS policy is a database
// table: each tenant registers the origins of its own front ends through an
// admin endpoint, and every replica allows exactly the origins in the table.
//
// From this folder (it is a Go module of its own):
//
//	go run .                                  # SQLite in ./tenants.db, created on first start
//	go run . -db 'postgres://user@127.0.0.1:5432/tenants' -addr 127.0.0.1:8091
//
// Each replica holds a gincors.Middleware and calls Reconfigure with the
// whole table whenever it changes: after a write through this replica, on a
// PostgreSQL NOTIFY sent by a write through any replica, and every -reload
// interval as a safety net. A request costs what a static policy costs; see
// README.md for the measurements and the alternative, AllowOriginFunc.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	opts := options{logger: log.New(os.Stderr, "tenants: ", log.LstdFlags)}
	flag.StringVar(&opts.addr, "addr", "127.0.0.1:8090", "listen address")
	flag.StringVar(&opts.dsn, "db", "tenants.db", "a SQLite file, created if missing, or a postgres:// URL")
	flag.StringVar(&opts.adminToken, "admin-token", os.Getenv("TENANTS_ADMIN_TOKEN"),
		"bearer token of the admin API (default $TENANTS_ADMIN_TOKEN, or a random one printed at start)")
	flag.DurationVar(&opts.reloadEvery, "reload", 30*time.Second, "full reload of the allowed origins, a safety net")
	flag.Parse()
	if os.Getenv("GIN_MODE") == "" {
		gin.SetMode(gin.ReleaseMode)
	}
	if opts.reloadEvery <= 0 {
		return fmt.Errorf("-reload must be positive, not %v", opts.reloadEvery)
	}
	// Print a token only if we made it: one the operator chose stays out of
	// the terminal and its scrollback.
	shownToken := "$TENANTS_ADMIN_TOKEN"
	if opts.adminToken == "" {
		token, err := randomToken()
		if err != nil {
			return err
		}
		opts.adminToken, shownToken = token, token
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := start(ctx, opts)
	if err != nil {
		return err
	}
	printUsage(a.url(), shownToken)
	select {
	case <-ctx.Done(): // Ctrl+C or SIGTERM
	case <-a.stopped:
	}
	return a.close()
}

// randomToken returns 128 random bits in hex.
func randomToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// printUsage prints curl commands to try; token is the admin token or a
// shell variable that holds it.
func printUsage(base, token string) {
	auth := fmt.Sprintf(`-H "Authorization: Bearer %s"`, token)
	admin := base + "/admin/tenants/acme/origins"
	check := fmt.Sprintf("curl -i -H 'Origin: https://app.acme.test' %s/api/hello", base)
	fmt.Printf("Serving on %s\n", base)
	fmt.Printf("Not allowed yet: %s\n", check)
	fmt.Printf("Allow it:        curl -i %s -d '{\"origin\":\"https://app.acme.test\"}' %s\n", auth, admin)
	fmt.Printf("Allowed now:     %s\n", check)
	fmt.Printf("Invalid:         curl -i %s -d '{\"origin\":\"https://app.acme.test/\"}' %s\n", auth, admin)
	fmt.Printf("List:            curl -i %s %s\n", auth, admin)
	fmt.Printf("Remove it:       curl -i %s -X DELETE '%s?origin=https://app.acme.test'\n", auth, admin)
}
