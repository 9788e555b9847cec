// Package gincors is CORS middleware for Gin, compatible with Express's cors options.
//
// It follows the CORS protocol of the [Fetch standard] and takes the options
// and defaults of Express's [cors package], so a policy written for Express
// translates field by field. Where Express does something a browser would
// reject, gincors departs from it, on purpose and in the open.
//
// # Quick start
//
//	r := gin.New()
//	r.Use(gincors.New(gincors.Config{
//		AllowOrigins: []string{"https://app.example.com"},
//	}))
//
// [Default] is Express's cors(): any origin, the methods
// GET,HEAD,PUT,PATCH,POST,DELETE, and the preflight's request headers
// reflected. [New] panics on an invalid [Config]; [Config.Validate] and
// [NewMiddleware] return the error instead, as [*ConfigError] values. A
// [Middleware] changes its policy while it serves, with
// [Middleware.Reconfigure].
//
// # How requests are answered
//
// A request without an Origin header is no CORS request. A preflight is an
// OPTIONS request with Origin and Access-Control-Request-Method; any other
// request with Origin is an actual request, an OPTIONS without
// Access-Control-Request-Method included, and reaches the handlers.
//
//   - An allowed actual request gets Access-Control-Allow-Origin (and
//     Access-Control-Allow-Credentials and Access-Control-Expose-Headers when
//     configured); then the handlers run.
//   - An allowed preflight gets Access-Control-Allow-Origin, -Methods,
//     -Headers and -Max-Age as configured and ends with OptionsSuccessStatus
//     (204), unless PreflightContinue is set. The browser, not the
//     middleware, compares the method and headers with those lists, so its
//     console names the one that failed.
//   - A request from an origin that is not allowed gets no CORS headers at
//     all, and the browser keeps the response from the script. An actual
//     request still reaches the handlers: CORS protects what a page may read,
//     it does not authenticate callers, and a 403 would break clients that are
//     not browsers. A preflight still ends with OptionsSuccessStatus, or,
//     with PreflightContinue, goes on to the handlers like every preflight.
//
// Every response carries Vary: Origin, except under a credential-less "*"
// policy, which sends Access-Control-Allow-Origin: * on every response
// instead, as the Fetch standard advises for caches.
//
// # Groups and single routes
//
// Gin runs engine middleware (r.Use) on its 404 and 405 chains too, so an
// engine-wide policy answers preflights without any OPTIONS route. A group's
// or a route's middleware runs only for a route that matched, and a
// preflight is an OPTIONS request: use [Mount] for a group, and register the
// middleware for OPTIONS on a single route's path. Call Mount before adding
// the group's routes, since Gin copies a group's middleware into a route
// when the route is added. Mount registers OPTIONS routes for the group's
// own path and every path below it, so Gin accepts no other OPTIONS route
// there, and no Mount on a group inside or around it.
//
// # Policies that change while serving
//
// Allowed origins kept in a database (a multi-tenant service whose customers
// register their front ends) are served by a [Middleware]: build it with
// [NewMiddleware], use [Middleware.Handler], and call
// [Middleware.Reconfigure] with the whole new Config whenever the table
// changes. The swap is atomic; a Config that fails validation is refused
// and the current policy stays, so a bad row never opens or closes the API
// by accident. The zero Middleware allows no origin until its first
// Reconfigure. [Config.AllowOriginFunc] decides per request instead, with
// the *gin.Context at hand (a tenant header, say); it must then add what it
// reads to Vary. The example examples/tenants keeps origins in SQLite or in
// PostgreSQL shared by replicas, and explains with measurements why it
// reconfigures on change rather than look each origin up.
//
// # Security
//
// [New] refuses, at start-up, configurations that browsers reject or that open
// a hole: "*" with credentials, origins that are not origins, unanchored
// regexps, wildcards over a whole top-level domain, methods browsers forbid,
// wildcards that credentials make literal. "null" is allowed only when listed.
// Input from the network is bounded: long or malformed Origin and
// Access-Control-Request-Headers values are refused without a full scan.
//
// Header values are precomputed by [New]. Each response gets its values from
// one allocation of its own, so a handler that changes a header in place
// cannot change another response.
//
// # More
//
// The [README] has runnable [examples] (an API and its front end on two
// origins, origin lists and patterns, credentials with cookies, groups,
// origins from a database), the migration tables [from Express's cors] and
// [from gin-contrib/cors], each difference from Express with its reason, and
// security notes. It also lists the supported Go and Gin versions.
//
// [Fetch standard]: https://fetch.spec.whatwg.org/#http-cors-protocol
// [cors package]: https://github.com/expressjs/cors
// [README]: https://github.com/gincors/gincors#readme
// [examples]: https://github.com/gincors/gincors/tree/main/examples
// [from Express's cors]: https://github.com/gincors/gincors#coming-from-express-cors
// [from gin-contrib/cors]: https://github.com/gincors/gincors#coming-from-gin-contribcors
package gincors
