package benchmarks

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkCORS times one request per iteration through each contender's
// gin.Engine. Names are BenchmarkCORS/scenario=S/mw=M, so that
// benchstat -col /mw puts the contenders side by side.
//
// Before timing, each contender's answer is checked once: gincors's must be
// the expected one (the benchmark fails otherwise), a peer's differences are
// logged once per process so the table can be read as equal work or not.
func BenchmarkCORS(b *testing.B) {
	for _, s := range scenarios {
		b.Run("scenario="+s.name, func(b *testing.B) {
			for _, c := range contendersFor(s) {
				b.Run("mw="+c.name, func(b *testing.B) {
					differences, a, _ := check(c, s)
					switch {
					case c.name == mwGincors || c.name == mwGincorsDebug:
						if len(differences) > 0 {
							b.Fatalf("unexpected answer: %s", strings.Join(differences, "; "))
						}
					case isPeer(c.name):
						reportOnce("scenario="+s.name+"/mw="+c.name, b.Log, differences)
					}
					b.ReportAllocs()
					for b.Loop() {
						a.w.reset()
						a.engine.ServeHTTP(a.w, a.req)
					}
				})
			}
		})
	}
}

// BenchmarkNew times building each middleware for many exact origins, as an
// application that loads its tenants' origins at start-up (or reconfigures)
// does. bare-gin and gincors-debug build nothing more and are left out.
func BenchmarkNew(b *testing.B) {
	for _, n := range []int{500, 10000} {
		p := policy{origins: originList(n)}
		b.Run(fmt.Sprintf("origins=%d", n), func(b *testing.B) {
			for _, c := range contenders {
				if c.build == nil || c.name == mwGincorsDebug {
					continue
				}
				b.Run("mw="+c.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if c.build(p) == nil {
							b.Fatal("nil middleware")
						}
					}
				})
			}
		})
	}
}
