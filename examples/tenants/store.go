package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx" for database/sql
	_ "modernc.org/sqlite"             // registers "sqlite", pure Go: no cgo
)

// store is the table of tenants and their allowed origins.
type store interface {
	// origins returns every allowed origin, read from one snapshot.
	origins(ctx context.Context) ([]string, error)
	// tenantOrigins returns the origins of one tenant.
	tenantOrigins(ctx context.Context, tenant string) ([]string, error)
	// addOrigin adds origin to tenant, creating the tenant if needed. It
	// reports whether the row is new.
	addOrigin(ctx context.Context, tenant, origin string) (bool, error)
	// removeOrigin removes origin from tenant and reports whether it was
	// there.
	removeOrigin(ctx context.Context, tenant, origin string) (bool, error)
	close() error
}

// schema works on SQLite and PostgreSQL alike.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS tenants (
		name TEXT PRIMARY KEY
	)`,
	`CREATE TABLE IF NOT EXISTS tenant_origins (
		tenant TEXT NOT NULL REFERENCES tenants (name) ON DELETE CASCADE,
		origin TEXT NOT NULL,
		PRIMARY KEY (tenant, origin)
	)`,
}

// notifyChannel is the PostgreSQL channel a write notifies and every
// replica listens on.
const notifyChannel = "tenant_origins_changed"

// sqlStore is the store on database/sql. The SQL is the same for both
// databases (both accept $1 placeholders); only PostgreSQL notifies.
type sqlStore struct {
	db     *sql.DB
	notify bool // send NOTIFY in the writing transaction (PostgreSQL)
}

// openStore opens dsn: a postgres:// or postgresql:// URL selects
// PostgreSQL, anything else is a SQLite file, created if missing. It creates
// the tables if they do not exist.
func openStore(ctx context.Context, dsn string) (*sqlStore, error) {
	s := &sqlStore{}
	var err error
	if isPostgres(dsn) {
		s.notify = true
		s.db, err = sql.Open("pgx", dsn)
	} else {
		// WAL lets the public API read while the admin writes; the busy
		// timeout makes a second writer wait instead of failing.
		s.db, err = sql.Open("sqlite", "file:"+dsn+
			"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)")
	}
	if err != nil {
		return nil, err
	}
	if err := s.createSchema(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("creating the tables: %w", err)
	}
	return s, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// createSchema creates the tables in one transaction. On PostgreSQL an
// advisory lock serializes replicas that start together, since two
// concurrent CREATE TABLE IF NOT EXISTS can still collide there.
func (s *sqlStore) createSchema(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if s.notify {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4711)`); err != nil {
				return err
			}
		}
		for _, stmt := range schema {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	})
}

// inTx runs f in a transaction and commits it if f succeeds.
func (s *sqlStore) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

func (s *sqlStore) origins(ctx context.Context) ([]string, error) {
	// One statement reads one snapshot on both databases, so a reload never
	// sees half of a transaction.
	return s.strings(ctx, `SELECT DISTINCT origin FROM tenant_origins ORDER BY origin`)
}

func (s *sqlStore) tenantOrigins(ctx context.Context, tenant string) ([]string, error) {
	return s.strings(ctx, `SELECT origin FROM tenant_origins WHERE tenant = $1 ORDER BY origin`, tenant)
}

// strings runs a query that returns one text column.
func (s *sqlStore) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

func (s *sqlStore) addOrigin(ctx context.Context, tenant, origin string) (added bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO tenants (name) VALUES ($1) ON CONFLICT DO NOTHING`, tenant); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO tenant_origins (tenant, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING`, tenant, origin)
		if err != nil {
			return err
		}
		added, err = changed(res)
		if err != nil || !added {
			return err
		}
		return s.notifyTx(ctx, tx, tenant)
	})
	return added, err
}

func (s *sqlStore) removeOrigin(ctx context.Context, tenant, origin string) (removed bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`DELETE FROM tenant_origins WHERE tenant = $1 AND origin = $2`, tenant, origin)
		if err != nil {
			return err
		}
		removed, err = changed(res)
		if err != nil || !removed {
			return err
		}
		return s.notifyTx(ctx, tx, tenant)
	})
	return removed, err
}

func changed(res sql.Result) (bool, error) {
	n, err := res.RowsAffected()
	return n > 0, err
}

// notifyTx queues a notification in tx. PostgreSQL delivers it to the
// listeners when, and only if, tx commits: no replica hears of a change that
// was rolled back, and none can read the table before the change is in it.
func (s *sqlStore) notifyTx(ctx context.Context, tx *sql.Tx, tenant string) error {
	if !s.notify {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_notify($1, $2)`, notifyChannel, tenant)
	return err
}

func (s *sqlStore) close() error { return s.db.Close() }
