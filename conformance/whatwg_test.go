package conformance

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors"
)

// verdict is the outcome of one entry.
type verdict struct {
	Class    string
	Category string    // the refusal or acceptance ID; for agree, what agreed
	Problems []problem // for a disagreement
}

// problem is one way gincors departs from the standard.
type problem struct {
	Kind   string // panic, accepts-invalid, refuses-valid, wrong-origin, wrong-reason, bad-fix, unlistable, pattern-match
	Detail string
	Bug    string // the known library bug that excuses it, if any
}

// pattern is an entry with a leading "*." label or a ":*" port. Base is the
// entry with the wildcard label replaced by "wcx." and ":*" removed: the URL
// the standard is asked about.
type pattern struct {
	sub, anyPort bool
	base         string
}

func splitPattern(s string) (pattern, bool) {
	i := strings.Index(s, "://")
	p := pattern{base: s}
	p.sub = i >= 0 && strings.HasPrefix(s[i+3:], "*.")
	p.anyPort = strings.HasSuffix(s, ":*") && (i < 0 || len(s) > i+3+2)
	if !p.sub && !p.anyPort {
		return p, false
	}
	if p.anyPort {
		p.base = p.base[:len(p.base)-2]
	}
	if p.sub {
		p.base = p.base[:i+3] + "wcx." + p.base[i+5:]
	}
	return p, true
}

// whatwg holds Node's parses and runs the checks.
type whatwg struct {
	node   map[string]nodeURL
	probes map[string][]string // pattern entry -> probe URLs
}

// TestWHATWGOrigins is the differential of gincors's AllowOrigins entries
// against the WHATWG URL Standard as Node implements it: every generated
// entry is parsed by Node's URL class and validated by gincors, and the two
// must agree on the origin, or differ for a documented reason whose rule the
// test asserts. See README.md, "WHATWG URL differential".
func TestWHATWGOrigins(t *testing.T) {
	start := time.Now()
	gin.SetMode(gin.ReleaseMode)
	np := newNodeParser(t)
	inputs := genOrigins()

	// Phase 1: the entries, the bases of patterns, and the opaque origin.
	batch := []string{"data:,"}
	for _, in := range inputs {
		batch = append(batch, in.In)
		if p, ok := splitPattern(in.In); ok {
			batch = append(batch, p.base)
		}
	}
	w := &whatwg{node: np.parse(t, dedupe(batch)), probes: map[string][]string{}}
	if o := w.node["data:,"].Origin; o != "null" {
		t.Fatalf(`Node's new URL("data:,").origin is %q, not "null"`, o)
	}

	// Phase 2: the request origins that probe each pattern gincors accepts.
	var probeBatch []string
	for _, in := range inputs {
		p, ok := splitPattern(in.In)
		if !ok {
			continue
		}
		if _, err := validateEntry(in.In); err != nil {
			continue
		}
		if sc, host, port, _, ok := w.expectedTuple(p.base); ok {
			w.probes[in.In] = patternProbes(p, sc, host, port)
			probeBatch = append(probeBatch, w.probes[in.In]...)
		}
	}
	for u, n := range np.parse(t, dedupe(probeBatch)) {
		w.node[u] = n
	}

	strict := os.Getenv("GINCORS_WHATWG_STRICT") == "1"
	var dump *os.File
	if path := os.Getenv("GINCORS_WHATWG_DUMP"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		dump = f
	}
	byGen := map[string]map[string]int{}
	byCategory := map[string]int{}
	total := map[string]int{}
	bugHits := map[string][]string{}
	var failures []string
	for _, in := range inputs {
		v := w.check(in.In)
		if v.Class == classDisagree && !strict {
			n := w.node[in.In]
			if p, ok := splitPattern(in.In); ok {
				n = w.node[p.base]
			}
			excused := true
			var ids []string
			for i := range v.Problems {
				pr := &v.Problems[i]
				for _, b := range knownLibraryBugs {
					if b.Match(in.In, n, pr.Kind) {
						pr.Bug = b.ID
						bugHits[b.ID] = append(bugHits[b.ID], fmt.Sprintf("%q: %s", in.In, pr.Detail))
						ids = append(ids, b.ID)
						break
					}
				}
				excused = excused && pr.Bug != ""
			}
			if excused {
				v.Class, v.Category = classKnownBug, strings.Join(ids, ",")
			}
		}
		if byGen[in.Class] == nil {
			byGen[in.Class] = map[string]int{}
		}
		byGen[in.Class][v.Class]++
		total[v.Class]++
		if v.Class != classDisagree {
			byCategory[v.Class+"/"+v.Category]++
		}
		for _, pr := range v.Problems {
			if v.Class == classDisagree && pr.Bug == "" {
				failures = append(failures, fmt.Sprintf("%-14s %q (%s): %s", pr.Kind, in.In, in.Class, pr.Detail))
			}
		}
		if dump != nil {
			n := w.node[in.In]
			if p, ok := splitPattern(in.In); ok {
				n = w.node[p.base]
			}
			var kinds, details []string
			for _, pr := range v.Problems {
				kinds, details = append(kinds, pr.Kind), append(details, pr.Detail)
			}
			fmt.Fprintf(dump, "%s\t%s\t%s\t%s\t%q\t%s\t%s\n", v.Class, v.Category, strings.Join(kinds, ","), in.Class, in.In, n,
				strings.Join(details, " | "))
		}
	}

	// The request side: every browser origin the corpus produced must get
	// through gincors's Origin parser, under an any-port pattern for its
	// host and a subdomain pattern for its parent domain.
	reqOrigins, reqFailures := w.checkRequestSide()
	failures = append(failures, reqFailures...)

	for i, f := range failures {
		if i == 150 {
			t.Errorf("... and %d more disagreements", len(failures)-i)
			break
		}
		t.Errorf("DISAGREE %s", abbreviate(f))
	}
	for _, b := range knownLibraryBugs {
		hits := bugHits[b.ID]
		if len(hits) == 0 {
			if !strict {
				t.Errorf("known library bug %s no longer occurs: delete it from knownLibraryBugs (%s)", b.ID, b.What)
			}
			continue
		}
		fmt.Printf("KNOWN LIBRARY BUG %s (%s): %d cases excused, e.g.\n", b.ID, b.What, len(hits))
		for i := range min(len(hits), 4) {
			fmt.Printf("    %s\n", abbreviate(hits[i*len(hits)/min(len(hits), 4)]))
		}
	}

	gens := make([]string, 0, len(byGen))
	for g := range byGen {
		gens = append(gens, g)
	}
	slices.Sort(gens)
	classes := []string{classAgree, classRefused, classAccepted, classDisagree, classKnownBug}
	fmt.Printf("\n%-18s %7s %7s %7s %7s %7s %7s\n", "generator class", "cases", "agree", "refused", "accept", "disagr", "known")
	for _, g := range gens {
		n := 0
		for _, c := range classes {
			n += byGen[g][c]
		}
		fmt.Printf("%-18s %7d", g, n)
		for _, c := range classes {
			fmt.Printf(" %7d", byGen[g][c])
		}
		fmt.Println()
	}
	cats := make([]string, 0, len(byCategory))
	for c := range byCategory {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	for _, c := range cats {
		fmt.Printf("  %-40s %6d\n", c, byCategory[c])
	}
	nProbes := 0
	for _, ps := range w.probes {
		nProbes += len(ps)
	}
	fmt.Printf("whatwg: %d entries (%d patterns probed with %d request origins), %d agree, %d refused-by-design, "+
		"%d accepted-by-design, %d disagree, %d known library bugs; %d browser origins through the request parser, "+
		"%d not admitted; Node %s, %.1fs\n",
		len(inputs), len(w.probes), nProbes, total[classAgree], total[classRefused], total[classAccepted],
		total[classDisagree], total[classKnownBug], reqOrigins, len(reqFailures), np.version, time.Since(start).Seconds())
}

// abbreviate writes runs of 16 or more "a" as a{n}, for the long hosts.
func abbreviate(s string) string {
	return longRun.ReplaceAllStringFunc(s, func(r string) string { return fmt.Sprintf("a{%d}", len(r)) })
}

var longRun = regexp.MustCompile(`a{16,}`)

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// expectedTuple is the origin the standard gives base, as scheme, host and
// port ("" for the default); nonSpecial marks the documented lower-cased
// tuple of a non-special scheme.
func (w *whatwg) expectedTuple(base string) (scheme, host, port string, nonSpecial, ok bool) {
	n := w.node[base]
	if n.tuple() {
		return n.scheme(), n.Hostname, n.Port, false, true
	}
	if n.Err == "" && !specialSchemes[n.scheme()] && n.Hostname != "" {
		return strings.ToLower(n.scheme()), strings.ToLower(n.Hostname), n.Port, true, true
	}
	return "", "", "", false, false
}

func disagree(kind, format string, args ...any) verdict {
	return verdict{Class: classDisagree, Problems: []problem{{Kind: kind, Detail: fmt.Sprintf(format, args...)}}}
}

// check classifies one entry.
func (w *whatwg) check(s string) verdict {
	panicked, err := validateEntry(s)
	if panicked != "" {
		return disagree("panic", "Validate panics: %s", panicked)
	}
	if p, ok := splitPattern(s); ok {
		return w.checkPattern(s, p, err)
	}
	n := w.node[s]
	if n.tuple() {
		if err != nil {
			return w.checkRefusal(s, n, err, false, nil)
		}
		if d := w.checkExact(s, n.Origin); d != "" {
			return disagree("wrong-origin", "Node: %s; gincors: %s", n, d)
		}
		return verdict{Class: classAgree, Category: "same-origin"}
	}
	if err != nil {
		if n.Err != "" {
			return verdict{Class: classAgree, Category: "both-refuse"}
		}
		return verdict{Class: classAgree, Category: "opaque-refused"}
	}
	for _, a := range acceptances {
		want, ok := a.Want(s, n)
		if !ok {
			continue
		}
		var d string
		switch want {
		case "*":
			if acao, p := newGate(s).admit("https://any.example"); acao != "*" || p != "" {
				d = fmt.Sprintf("ACAO %q (panic %q) for https://any.example, want *", acao, p)
			}
		case "null":
			d = w.checkAdmits(s, "null", []string{"NULL", "Null", "null ", "https://null", "file://"})
		default:
			d = w.checkExact(s, want)
		}
		if d != "" {
			return disagree("wrong-origin", "accepted as %s, but gincors: %s", a.ID, d)
		}
		return verdict{Class: classAccepted, Category: a.ID}
	}
	return disagree("accepts-invalid", "Node: %s; gincors accepts it and %s", n, w.whatAdmits(s, nil))
}

// originParts splits a serialized tuple origin.
func originParts(o string) (scheme, host, port string) {
	scheme, rest, _ := strings.Cut(o, "://")
	i := strings.LastIndexByte(rest, ':')
	if i < 0 || strings.HasSuffix(rest, "]") {
		return scheme, rest, ""
	}
	return scheme, rest[:i], rest[i+1:]
}

func nonSpecialParts(n nodeURL) (scheme, host, port string) {
	return strings.ToLower(n.scheme()), strings.ToLower(n.Hostname), n.Port
}

// checkExact requires the entry s to admit exactly the serialized origin
// want and none of its near misses; it returns what went wrong, or "".
func (w *whatwg) checkExact(s, want string) string {
	return w.checkAdmits(s, want, nearMisses(originParts(want)))
}

func (w *whatwg) checkAdmits(s, want string, misses []string) string {
	g := newGate(s)
	acao, p := g.admit(want)
	if p != "" {
		return fmt.Sprintf("the request with Origin %q panics: %s", want, p)
	}
	if acao != want {
		return fmt.Sprintf("does not admit %q (ACAO %q); %s", want, acao, w.whatAdmits(s, append([]string{want}, misses...)))
	}
	if acao, p := g.admitPreflight(want); acao != want || p != "" {
		return fmt.Sprintf("admits %q on actual requests, but its preflight gets ACAO %q (panic %q)", want, acao, p)
	}
	for _, m := range misses {
		if m == want {
			continue
		}
		if acao, p := g.admit(m); acao != "" || p != "" {
			return fmt.Sprintf("admits %q, but also the near miss %q (ACAO %q, panic %q)", want, m, acao, p)
		}
	}
	return ""
}

// whatAdmits says which of some candidate origins the entry s admits, to
// report what gincors made of s.
func (w *whatwg) whatAdmits(s string, extra []string) string {
	cands := []string{s, strings.ToLower(s), strings.TrimSpace(s), strings.ToLower(strings.TrimSpace(s))}
	if n := w.node[s]; n.Err == "" {
		cands = append(cands, n.Origin, strings.TrimSuffix(n.Href, "/"))
		if d := defaultPorts[n.scheme()]; d != "" && n.Port == "" {
			cands = append(cands, n.Origin+":"+d)
		}
	}
	if i := strings.Index(s, "://"); i > 0 {
		// The entry as gincors might normalise it: lower case, the port
		// without leading zeros, or without the port.
		h, port := splitHostPort(s)
		cands = append(cands, lowerTuple(s[:i], h, strings.TrimLeft(port, "0")), lowerTuple(s[:i], h, ""))
	}
	cands = append(cands, extra...)
	g := newGate(s)
	var got []string
	for _, c := range dedupe(cands) {
		if acao, p := g.admit(c); p != "" {
			got = append(got, fmt.Sprintf("panics on %q: %s", c, p))
		} else if acao != "" {
			got = append(got, strconv.Quote(c))
		}
	}
	if len(got) == 0 {
		return fmt.Sprintf("admits none of %q", dedupe(cands))
	}
	return "admits " + strings.Join(got, ", ")
}

// nearMisses are origins a browser could send, or bytes it never sends, that
// differ from scheme://host[:port] in one part: none may be admitted.
func nearMisses(scheme, host, port string) []string {
	hp := func(sc, h, p string) string { return lowerTuple(sc, h, p) }
	want := hp(scheme, host, port)
	ip := strings.HasPrefix(host, "[") || dottedQuad.MatchString(host)
	out := []string{strings.ToUpper(want), strings.ToUpper(scheme) + want[len(scheme):], want + "/", want + " ",
		"null", scheme + "://" + strings.ToUpper(host) + strings.TrimPrefix(want, scheme+"://"+host)}
	if !ip {
		out = append(out, hp(scheme, host+".", port), hp(scheme, "www."+host, port), hp(scheme, "x"+host, port),
			hp(scheme, host+".evil.com", port))
	}
	if port == "" {
		out = append(out, hp(scheme, host, "8443"))
		if d := defaultPorts[scheme]; d != "" {
			out = append(out, hp(scheme, host, d)) // never sent by a browser
		}
	} else {
		n, _ := strconv.Atoi(port)
		out = append(out, hp(scheme, host, ""), hp(scheme, host, strconv.Itoa(n%65535+1)), hp(scheme, host, "0"+port))
	}
	if o := map[string]string{"http": "https", "https": "http", "ws": "wss", "wss": "ws", "ftp": "http"}[scheme]; o != "" {
		out = append(out, hp(o, host, port))
	} else {
		out = append(out, hp("https", host, port))
	}
	return dedupe(out)
}

// checkRefusal classifies an entry that Node reads as the tuple origin n
// and gincors refuses with err. For a pattern, in is its base.
func (w *whatwg) checkRefusal(in string, n nodeURL, err error, isPattern bool, extra []string) verdict {
	var ce *gincors.ConfigError
	if !errors.As(err, &ce) {
		return disagree("wrong-reason", "Validate's error is no *ConfigError: %v", err)
	}
	var matched []refusal
	for _, r := range refusals {
		if r.Match(in, n) || slices.Contains(extra, r.ID) {
			matched = append(matched, r)
		}
	}
	if len(matched) == 0 {
		return disagree("refuses-valid", "Node: %s; gincors refuses: %v", n, err)
	}
	var reason *refusal
	for i := range matched {
		keywords := matched[i].Keywords
		if matched[i].Names != nil {
			keywords = matched[i].Names(in)
		}
		for _, k := range keywords {
			if strings.Contains(ce.Problem, k) {
				reason = &matched[i]
				break
			}
		}
		if reason != nil {
			break
		}
	}
	if reason == nil {
		var ids []string
		for _, r := range matched {
			ids = append(ids, r.ID)
		}
		return disagree("wrong-reason", "Node: %s; refused as %v, but the error names none of them: %v", n, ids, err)
	}
	// A suggested replacement must be accepted, and name Node's origin.
	if fix, ok := strings.CutPrefix(ce.Fix, "use "); ok && strings.HasPrefix(fix, `"`) {
		x, uerr := strconv.Unquote(fix)
		if uerr != nil {
			return disagree("bad-fix", "the fix %q is not one quoted value", ce.Fix)
		}
		if p, ferr := validateEntry(x); p != "" || ferr != nil {
			return disagree("bad-fix", "the suggested %q is refused in turn: %v%s", x, ferr, p)
		}
		if !isPattern && !strings.Contains(x, "*") {
			if acao, p := newGate(x).admit(n.Origin); acao != n.Origin || p != "" {
				return disagree("bad-fix", "the suggested %q does not admit Node's origin %q (ACAO %q)", x, n.Origin, acao)
			}
		}
	}
	// Where only the writing is refused, the origin itself can be listed.
	if !isPattern {
		own := false
		for _, r := range refusals {
			if !r.Syntax && r.Match(n.Origin, n) {
				own = true
			}
		}
		if !own {
			if p, oerr := validateEntry(n.Origin); p != "" || oerr != nil {
				return disagree("unlistable", "refused as %s, but Node's origin %q cannot be listed either: %v%s",
					reason.ID, n.Origin, oerr, p)
			}
			if d := w.checkExact(n.Origin, n.Origin); d != "" {
				return disagree("wrong-origin", "refused as %s; Node's origin %q listed as is: %s", reason.ID, n.Origin, d)
			}
		}
	}
	return verdict{Class: classRefused, Category: reason.ID}
}

// checkPattern classifies a subdomain or any-port pattern: the standard is
// asked about its base, and an accepted pattern must admit exactly the
// probe origins the pattern's rule selects.
func (w *whatwg) checkPattern(s string, p pattern, err error) verdict {
	sc, host, port, nonSpecial, ok := w.expectedTuple(p.base)
	nb := w.node[p.base]
	if !ok {
		if err != nil {
			return verdict{Class: classAgree, Category: "pattern-both-refuse"}
		}
		return disagree("accepts-invalid", "base %q: Node %s; gincors accepts the pattern", p.base, nb)
	}
	domain := host
	if p.sub {
		domain = strings.TrimPrefix(host, "wcx.")
	}
	if err != nil {
		if nonSpecial {
			return verdict{Class: classAgree, Category: "pattern-opaque-refused"}
		}
		var extra []string
		if p.sub && !strings.Contains(domain, ".") && domain != "localhost" {
			extra = append(extra, "wildcard-tld")
		}
		return w.checkRefusal(p.base, nb, err, true, extra)
	}
	if p.sub && !strings.HasPrefix(host, "wcx.") {
		return disagree("wrong-origin", "base %q: Node reads host %q; gincors accepts the pattern", p.base, host)
	}
	g := newGate(s)
	admitted := 0
	var problems []problem
	fail := func(kind, format string, args ...any) {
		for _, pr := range problems {
			if pr.Kind == kind {
				return // the first of each kind is enough
			}
		}
		problems = append(problems, problem{Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
	for _, u := range w.probes[s] {
		n := w.node[u]
		var origin, psc, phost, pport string
		switch {
		case n.tuple() && !nonSpecial:
			origin, psc, phost, pport = n.Origin, n.scheme(), n.Hostname, n.Port
		case nonSpecial && n.Err == "" && n.Hostname != "":
			psc, phost, pport = nonSpecialParts(n)
			origin = lowerTuple(psc, phost, pport)
		default:
			continue
		}
		want := psc == sc && (p.anyPort || pport == port) && dnsName(phost)
		if p.sub {
			want = want && strings.HasSuffix(phost, "."+domain)
		} else {
			want = want && phost == domain
		}
		acao, pn := g.admit(origin)
		switch {
		case pn != "":
			fail("panic", "the request with Origin %q panics: %s", origin, pn)
			continue
		case want && acao != origin:
			fail("pattern-match", "does not admit %q (probe %q), which the pattern covers (ACAO %q)", origin, u, acao)
		case !want && acao != "":
			fail("pattern-match", "admits %q (probe %q), which the pattern does not cover (ACAO %q)", origin, u, acao)
		}
		if want {
			admitted++
			if acao, pn := g.admitPreflight(origin); acao != origin || pn != "" {
				fail("pattern-match", "admits %q on actual requests, but its preflight gets ACAO %q (panic %q)", origin, acao, pn)
			}
			// Bytes a browser never sends for that origin.
			misses := []string{strings.ToUpper(origin), origin + "/"}
			if d := defaultPorts[psc]; d != "" && pport == "" && !p.anyPort {
				misses = append(misses, origin+":"+d)
			}
			for _, m := range misses {
				if acao, pn := g.admit(m); acao != "" || pn != "" {
					fail("pattern-match", "admits %q, which no browser sends (ACAO %q, panic %q)", m, acao, pn)
				}
			}
		}
	}
	if admitted == 0 {
		fail("pattern-match", "no probe of %d is admitted", len(w.probes[s]))
	}
	if len(problems) > 0 {
		return verdict{Class: classDisagree, Problems: problems}
	}
	if nonSpecial {
		return verdict{Class: classAccepted, Category: "non-special-scheme"}
	}
	return verdict{Class: classAgree, Category: "pattern"}
}

// checkRequestSide takes every distinct tuple origin Node gave, of a
// special scheme and a host gincors takes, and requires the any-port
// pattern of its host and, for a name of three labels or more, the
// subdomain pattern of its parent domain to admit it (and the any-port one
// also on ports 1 and 65535). It returns how many origins it tried and the
// failures.
func (w *whatwg) checkRequestSide() (int, []string) {
	var origins []string
	for _, n := range w.node {
		if n.tuple() && specialSchemes[n.scheme()] {
			origins = append(origins, n.Origin)
		}
	}
	origins = dedupe(origins)
	slices.Sort(origins)
	tried := 0
	var failures []string
	for _, o := range origins {
		sc, host, port := originParts(o)
		n := nodeURL{Hostname: host, Port: port}
		refused := !dnsName(host)
		for _, r := range refusals {
			refused = refused || !r.Syntax && r.Match(o, n)
		}
		if refused {
			continue
		}
		tried++
		entries := map[string][]string{sc + "://" + host + ":*": {o, lowerTuple(sc, host, "1"), lowerTuple(sc, host, "65535")}}
		if strings.Count(host, ".") >= 2 && !strings.HasPrefix(host, "[") && !dottedQuad.MatchString(host) {
			parent := host[strings.IndexByte(host, '.')+1:]
			pp := ""
			if port != "" {
				pp = ":" + port
			}
			entries[sc+"://*."+parent+pp] = []string{o}
		}
		for entry, reqs := range entries {
			if p, err := validateEntry(entry); p != "" || err != nil {
				failures = append(failures, fmt.Sprintf("%-14s %q: the pattern for browser origin %q is refused: %v%s", "request-side", entry, o, err, p))
				continue
			}
			g := newGate(entry)
			for _, q := range reqs {
				if acao, p := g.admit(q); acao != q || p != "" {
					failures = append(failures, fmt.Sprintf("%-14s %q: does not admit the browser origin %q (ACAO %q, panic %q)", "request-side", entry, q, acao, p))
				}
			}
		}
	}
	return tried, failures
}

// dnsName reports whether h is a host a page can be served from as gincors
// reads request origins: an IPv6 literal, or at most 253 bytes of labels of
// 1 to 63 letters, digits, hyphens and underscores.
func dnsName(h string) bool {
	if strings.HasPrefix(h, "[") {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for _, l := range strings.Split(h, ".") {
		if l == "" || len(l) > 63 || strings.IndexFunc(l, func(r rune) bool { return !ldh(r) || r == '.' }) >= 0 {
			return false
		}
	}
	return true
}

// patternProbes are the URLs whose origins a pattern is tried with: hosts
// under, at and beside its domain, with its port, other ports and the
// default port, under its scheme and another.
func patternProbes(p pattern, scheme, host, port string) []string {
	domain := host
	var hosts []string
	if p.sub {
		domain = strings.TrimPrefix(host, "wcx.")
		hosts = []string{"a." + domain, "A." + domain, "a.b." + domain, "xn--bcher-kva." + domain, "bücher." + domain,
			"a-b." + domain, "a_b." + domain, "0." + domain, domain, "a" + domain, "a." + domain + ".evil.com",
			"a." + domain + ".", "evil-" + domain, "." + domain,
			"a." + longHost(251)} // issue 7's panic: a long host, under the domain or not, with a port
	} else {
		hosts = []string{domain, "a." + domain, domain + "x", "x" + domain, domain + ".evil.com", domain + "."}
	}
	ports := []string{"", ":1", ":3000", ":12345", ":65535"}
	if port != "" {
		ports = append(ports, ":"+port, ":0"+port)
	}
	if d := defaultPorts[scheme]; d != "" {
		ports = append(ports, ":"+d)
	}
	other := map[string]string{"http": "https", "https": "http", "ws": "wss", "wss": "ws", "ftp": "http"}[scheme]
	if other == "" {
		other = "https"
	}
	var out []string
	for _, h := range hosts {
		for _, pt := range ports {
			out = append(out, scheme+"://"+h+pt)
		}
	}
	pt := ""
	if port != "" {
		pt = ":" + port
	}
	out = append(out, other+"://a."+domain+pt, other+"://"+domain+pt)
	return out
}

// TestWHATWGReadme keeps README.md's account of the WHATWG differential
// and the code's reasons and known bugs the same sets.
func TestWHATWGReadme(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "# WHATWG URL differential")
	if start < 0 {
		t.Fatal(`README.md has no "# WHATWG URL differential" section`)
	}
	section := readme[start:]
	table := func(heading string) []string {
		i := strings.Index(section, "## "+heading+"\n")
		if i < 0 {
			t.Fatalf("README.md's WHATWG section has no %q", heading)
		}
		var ids []string
		for _, line := range strings.Split(section[i:], "\n")[1:] {
			if strings.HasPrefix(line, "## ") {
				break
			}
			if id, ok := strings.CutPrefix(line, "| `"); ok {
				ids = append(ids, id[:strings.IndexByte(id, '`')])
			}
		}
		return ids
	}
	var want []string
	for _, r := range refusals {
		want = append(want, r.ID)
	}
	if got := table("Refused by design"); !slices.Equal(got, want) {
		t.Errorf("README's refused-by-design table lists %v, the code %v", got, want)
	}
	want = want[:0]
	for _, a := range acceptances {
		want = append(want, a.ID)
	}
	if got := table("Accepted by design"); !slices.Equal(got, want) {
		t.Errorf("README's accepted-by-design table lists %v, the code %v", got, want)
	}
	want = want[:0]
	for _, k := range knownLibraryBugs {
		want = append(want, k.ID)
	}
	got := table("Known library bugs")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("README's known library bugs are %v, knownLibraryBugs %v", got, want)
	}
}
