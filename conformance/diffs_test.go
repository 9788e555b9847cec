package conformance

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gincors/gincors"
)

// A diff is one deliberate difference a case shows. The expected gincors
// response is Express's response (or, with Rebase, Express's response under
// another config) with every Apply of the case run in order; a nil Apply is
// a difference of configuration only (Express's config is refused or has to
// be written differently), whose response is the same.
type diff struct {
	ID     string
	Rebase string // oracle config whose response the expectation starts from
	Apply  func(r *response, tc *testCase)
}

// differences documents every ID a case may name; each is explained, with its
// reason, under "Differences from Express" in the repository's README.md,
// which TestReadmeListsEveryDifference checks.
var differences = map[string]string{
	"D-OPTIONS":           "an OPTIONS without Origin or Access-Control-Request-Method is no preflight: it reaches the handler with the actual/non-CORS headers",
	"D-REJECT":            "a disallowed origin gets no CORS headers; a preflight still ends with OptionsSuccessStatus unless PreflightContinue (Express sends ACAM/ACAH/ACAC, or calls next() for an origin function's false)",
	"D-STATIC":            "a single configured origin is sent only to that origin (Express sends it to every request)",
	"D-CRED-STAR":         `"*" with credentials is a config error (Express sends ACAO "*" with ACAC "true"); nearest: AllowOriginFunc allowing all, which reflects the origin`,
	"D-ACEH-PREFLIGHT":    "no Access-Control-Expose-Headers on preflights",
	"D-NULL":              `"null" is allowed only when listed; AllowOriginFunc is never asked about it`,
	"D-REGEX":             "regexps must be anchored ^...$ (Express tests them as given)",
	"D-INVALID-ORIGIN":    "origin strings must be serialized origins",
	"D-FN-ERROR":          "AllowOriginFunc has no error path (Express answers 500); nearest: a function that denies",
	"D-STAR-IN-LIST":      `"*" in AllowOrigins allows any origin (Express's ["*"] matches none)`,
	"D-MAXAGE":            "MaxAge is a time.Duration: 0 sends nothing, negative sends \"0\", whole seconds only",
	"D-VARY-ALWAYS":       "every non-\"*\" policy sends its Vary tokens on every response, allowed or not",
	"D-ACRH":              "a reflected Access-Control-Request-Headers must be a well-formed list of <= 4096 bytes, else no ACAH",
	"D-TWO-ORIGINS":       "two Origin headers are not allowed (Express reflects them joined)",
	"D-WILDCARD-CRED":     `"*" in AllowMethods/AllowHeaders with credentials reflects the request's method/headers (+Vary), as Fetch reads "*" literally on credentialed requests; Express sends "*"`,
	"D-METHOD-CASE":       "the six methods Fetch normalises are upper-cased in ACAM (Express sends \"put\", which a browser's byte-exact comparison fails for PUT)",
	"D-NO-ORIGIN":         "a request without Origin is no CORS request: only a credential-less \"*\" policy sends headers (ACAO \"*\", ACEH); Express sends ACAC \"true\" and ACEH to it under any policy",
	"D-NO-DEFAULT-ORIGIN": `a Config without origins is an error (Express's origin defaults to "*"); nearest: AllowOrigins: []string{"*"}`,
	"D-PNA":               "AllowPrivateNetwork has no Express option: ACAPN true (+Vary) only with gincors",
	"D-ROUTE-OPTIONS":     "routing, not gincors: Express's router answers OPTIONS on a path that has other routes (200, Allow); Gin answers 404",
	"D-GROUP-404":         "routing, not gincors: Gin runs a group's middleware only on matched routes, Express's router.use on every path under the mount point, so only Express's 404 inside the group has CORS headers",
}

// Transforms.

// rejected is what gincors sends a disallowed origin: no CORS header at all
// (Vary stays); a preflight ends with OptionsSuccessStatus, Content-Length
// 0, unless PreflightContinue.
func rejected(r *response, tc *testCase) {
	r.drop(corsHeaders...)
	if !tc.Req.preflight() {
		return
	}
	if tc.Cfg.PreflightContinue {
		r.Ended = false
		return
	}
	r.Status = optionsSuccessStatus(tc.Cfg)
	r.Ended, r.ContentLength, r.Ran, r.Body = true, "0", false, ""
}

func optionsSuccessStatus(cfg gincors.Config) int {
	if cfg.OptionsSuccessStatus == 0 {
		return http.StatusNoContent
	}
	return cfg.OptionsSuccessStatus
}

// starPolicy: a credential-less "*" policy (ACAO "*", no Vary: Origin).
func starPolicy(cfg gincors.Config) bool {
	return slices.Equal(cfg.AllowOrigins, []string{"*"}) && !cfg.AllowCredentials
}

func reflectsHeaders(cfg gincors.Config) bool {
	return cfg.AllowHeaders == nil || (slices.Contains(cfg.AllowHeaders, "*") && cfg.AllowCredentials)
}

func reflectsMethod(cfg gincors.Config) bool {
	return slices.Contains(cfg.AllowMethods, "*") && cfg.AllowCredentials
}

func dOptions(handlerRuns bool) diff {
	return diff{ID: "D-OPTIONS", Apply: func(r *response, tc *testCase) {
		r.Ended, r.ContentLength = false, ""
		r.drop(acam, acah, acma, acapn)
		r.dropVary(acrh)
		r.Ran = handlerRuns
		if handlerRuns {
			r.Status, r.Body = tc.Req.handlerStatus(), tc.Req.Method+" "+tc.Req.path()
		} else {
			// The OPTIONS route has only the middleware: Gin answers 200.
			r.Status, r.Body = http.StatusOK, ""
		}
	}}
}

func dReject() diff    { return diff{ID: "D-REJECT", Apply: rejected} }
func dStatic() diff    { return diff{ID: "D-STATIC", Apply: rejected} }
func dNull() diff      { return diff{ID: "D-NULL", Apply: rejected} }
func dTwoOrig() diff   { return diff{ID: "D-TWO-ORIGINS", Apply: rejected} }
func dACRH() diff      { return diff{ID: "D-ACRH", Apply: func(r *response, _ *testCase) { r.drop(acah) }} }
func dRegex() diff     { return diff{ID: "D-REGEX"} }
func dBadOrigin() diff { return diff{ID: "D-INVALID-ORIGIN"} }

// dRegexRejects: the anchored translation no longer matches a lookalike
// that Express's unanchored RegExp matched.
func dRegexRejects() diff { return diff{ID: "D-REGEX", Apply: rejected} }

func dACEHPreflight() diff {
	return diff{ID: "D-ACEH-PREFLIGHT", Apply: func(r *response, _ *testCase) { r.drop(aceh) }}
}

func dCredStar() diff {
	return diff{ID: "D-CRED-STAR", Apply: func(r *response, tc *testCase) {
		if r.Headers[acao] == "*" {
			r.Headers[acao] = tc.Req.header("Origin")[0]
		}
		r.addVary("Origin")
	}}
}

func dFnError() diff {
	return diff{ID: "D-FN-ERROR", Rebase: `{"origin":{"fn":"const","value":false}}`}
}

func dStarInList(rebase string) diff { return diff{ID: "D-STAR-IN-LIST", Rebase: rebase} }

// dMaxAge: Express's ACMA becomes v ("" for none); without arguments a
// translation of the config only.
func dMaxAge(v ...string) diff {
	d := diff{ID: "D-MAXAGE"}
	if len(v) == 1 {
		d.Apply = func(r *response, _ *testCase) {
			if v[0] == "" {
				r.drop(acma)
			} else {
				r.Headers[acma] = v[0]
			}
		}
	}
	return d
}

// dVaryAlways adds the Vary tokens the gincors policy sends on every
// response, where Express sent none (an origin function answering false or
// no Origin).
func dVaryAlways() diff {
	return diff{ID: "D-VARY-ALWAYS", Apply: func(r *response, tc *testCase) {
		if !starPolicy(tc.Cfg) {
			r.addVary("Origin")
		}
		if !tc.Req.preflight() {
			return
		}
		if reflectsMethod(tc.Cfg) {
			r.addVary(acrm)
		}
		if reflectsHeaders(tc.Cfg) {
			r.addVary(acrh)
		}
		if tc.Cfg.AllowPrivateNetwork {
			r.addVary(acrpn)
		}
	}}
}

func uWildcardCred() diff {
	return diff{ID: "D-WILDCARD-CRED", Apply: func(r *response, tc *testCase) {
		if r.Headers[acam] == "*" {
			r.Headers[acam] = tc.Req.header(acrm)[0]
			r.addVary(acrm)
		}
		if r.Headers[acah] == "*" {
			r.Headers[acah] = strings.Join(tc.Req.header(acrh), ", ")
			r.addVary(acrh)
		}
	}}
}

func uMethodCase(acamValue string) diff {
	return diff{ID: "D-METHOD-CASE", Apply: func(r *response, _ *testCase) { r.Headers[acam] = acamValue }}
}

// uNoOrigin: a request without Origin under a non-"*" policy gets Vary only.
func uNoOrigin() diff {
	return diff{ID: "D-NO-ORIGIN", Apply: func(r *response, _ *testCase) { r.drop(corsHeaders...) }}
}

func uPNA() diff {
	return diff{ID: "D-PNA", Apply: func(r *response, _ *testCase) {
		r.Headers[acapn] = "true"
		r.addVary(acrpn)
	}}
}

func uRouterAutoOptions() diff {
	return diff{ID: "D-ROUTE-OPTIONS", Apply: func(r *response, _ *testCase) { r.Status = http.StatusNotFound }}
}

func uGroup404() diff {
	return diff{ID: "D-GROUP-404", Apply: func(r *response, _ *testCase) {
		r.drop(corsHeaders...)
		r.dropVary("Origin", acrh)
	}}
}
