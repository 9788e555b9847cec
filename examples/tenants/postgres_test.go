package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// twoReplicas starts replicas A and B on one fresh database. Their safety-net
// reload is an hour, so only LISTEN/NOTIFY can carry a change from A to B.
func twoReplicas(t *testing.T) (dsn string, a, b *app) {
	t.Helper()
	dsn = pgDatabase(t)
	a = startApp(t, withParam(t, dsn, "application_name", "replica-a"), time.Hour, "A")
	b = startApp(t, withParam(t, dsn, "application_name", "replica-b"), time.Hour, "B")
	return dsn, a, b
}

func TestPostgresPropagation(t *testing.T) {
	_, a, b := twoReplicas(t)
	const changes = 20
	times := make([]time.Duration, 0, changes)
	for i := range changes {
		origin := fmt.Sprintf("https://app%d.acme.test", i/2)
		method, status, want := http.MethodPost, http.StatusCreated, true
		if i%2 == 1 { // remove what the previous change added
			method, status, want = http.MethodDelete, http.StatusOK, false
		}
		mustAdmin(t, a.url(), method, "acme", origin, status)
		// From A's answer on, the change is committed and applied on A.
		if allowed(t, a.url(), origin) != want {
			t.Fatalf("change %d: A does not apply its own change at once", i)
		}
		took, ok := waitFor(t, b.url(), origin, want, time.Second)
		if !ok {
			t.Fatalf("change %d (%s %s): B did not follow within 1s", i, method, origin)
		}
		times = append(times, took)
	}
	slices.Sort(times)
	t.Logf("propagation A -> B over %d changes (NOTIFY, then Reconfigure): median %v, max %v",
		changes, times[changes/2], times[changes-1])
}

// TestPostgresKilledConnection ends every session of B on the server, the
// LISTEN one included, as an administrator or a failover would.
func TestPostgresKilledConnection(t *testing.T) {
	dsn, a, b := twoReplicas(t)
	const first, second = "https://one.acme.test", "https://two.acme.test"
	mustAdmin(t, a.url(), http.MethodPost, "acme", first, http.StatusCreated)
	if _, ok := waitFor(t, b.url(), first, true, time.Second); !ok {
		t.Fatal("B did not follow the first change")
	}
	killed := pgCount(t, dsn, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = 'replica-b'`)
	if killed == 0 {
		t.Fatal("B had no session to end; its listener is not connected")
	}
	mustAdmin(t, a.url(), http.MethodPost, "acme", second, http.StatusCreated)
	if !allowed(t, b.url(), first) {
		t.Fatal("B stopped serving its last policy when its sessions were ended")
	}
	took, ok := waitFor(t, b.url(), second, true, 5*time.Second)
	if !ok {
		t.Fatal("B did not converge within 5s after its sessions were ended")
	}
	t.Logf("%d sessions of B ended; B served the change made meanwhile %v later", killed, took)
	// B listens again: the next change arrives by NOTIFY, well before the
	// hourly reload.
	mustAdmin(t, a.url(), http.MethodDelete, "acme", first, http.StatusOK)
	if _, ok := waitFor(t, b.url(), first, false, time.Second); !ok {
		t.Fatal("B did not hear the change after reconnecting")
	}
}

// TestPostgresOutage cuts B off the database while A goes on changing the
// table: B must keep serving its last policy, say so in its log, and catch
// up when the database is back.
func TestPostgresOutage(t *testing.T) {
	dsn := pgDatabase(t)
	a := startApp(t, dsn, time.Hour, "A")
	px, viaProxy := startProxy(t, dsn)
	var logs lockedBuffer
	b := startAppLog(t, viaProxy, 200*time.Millisecond, "B", io.MultiWriter(newTestWriter(t), &logs))
	const kept, added = "https://kept.acme.test", "https://added.acme.test"
	mustAdmin(t, a.url(), http.MethodPost, "acme", kept, http.StatusCreated)
	if _, ok := waitFor(t, b.url(), kept, true, time.Second); !ok {
		t.Fatal("B did not follow before the outage")
	}

	px.cut()
	mustAdmin(t, a.url(), http.MethodPost, "acme", added, http.StatusCreated)
	mustAdmin(t, a.url(), http.MethodDelete, "acme", kept, http.StatusOK)
	for range 50 { // one second, several failed reloads
		if !allowed(t, b.url(), kept) || allowed(t, b.url(), added) {
			t.Fatal("B changed its policy while it could not read the table")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "reload failed, still serving the last policy (origins: 1)") {
		t.Errorf("B did not log the failed reloads:\n%s", logs.String())
	}
	if status, _ := adminDo(t, b.url(), http.MethodPost, "acme", "https://lost.acme.test"); status != http.StatusInternalServerError {
		t.Errorf("a write through B during the outage: status %d, want 500", status)
	}

	px.restore()
	took, ok := waitFor(t, b.url(), added, true, 10*time.Second)
	if !ok || allowed(t, b.url(), kept) {
		t.Fatal("B did not converge within 10s after the database came back")
	}
	if !strings.Contains(logs.String(), "reload succeeded again") {
		t.Errorf("B did not log its recovery")
	}
	t.Logf("B served the last policy through the outage and converged %v after the database came back", took)
}

// lockedBuffer is a bytes.Buffer for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
