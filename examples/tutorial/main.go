// Command tutorial is the demo: the ingredients API of the classic Express
// CORS tutorial, served with gincors, and a front-end page on a second origin
// that fetches it and explains what the browser did.
//
//	go run ./examples/tutorial
//
// The API listens on http://127.0.0.1:6069 and allows exactly the page's
// origin, http://127.0.0.1:6068. Open the page there to see the list; open it
// as http://localhost:6068 instead (the same server, another origin) to see
// the browser block the response. On either origin the page sends the three
// kinds of CORS request, a simple GET at once, a preflighted PUT and a
// credentialed GET on a click, and shows for each whether the browser
// allowed it, why, and the headers that decided. The terminal prints gincors's Debug line for each
// request the API refuses.
//
// Flags: -api-addr and -web-addr move either server (loopback only; port 0
// picks a free port), and the allowed origin follows -web-addr;
// -credentials sets AllowCredentials, so that the credentialed request is
// allowed too.
//
// Express equivalent:
//
//	app.use(cors({ origin: 'http://127.0.0.1:6068' })) // -credentials adds credentials: true
//	app.get('/ingredients', (req, res) => res.json(ingredients))
//	app.put('/ingredients/:id', express.json(), (req, res) =>
//	  res.json({ id: req.params.id, item: req.body.item }))
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gincors/gincors/examples/tutorial/ingredients"
)

func main() {
	apiAddr := flag.String("api-addr", "127.0.0.1:6069", "API `address` (loopback only)")
	webAddr := flag.String("web-addr", "127.0.0.1:6068", "front-end `address` (loopback only); its origin is the one the API allows")
	credentials := flag.Bool("credentials", false, "allow credentialed requests (AllowCredentials)")
	flag.Parse()
	gin.SetMode(gin.ReleaseMode) // no route listing: the demo prints what to open

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	d, err := listen(*apiAddr, *webAddr)
	if err != nil {
		log.Fatal(err)
	}
	d.credentials = *credentials
	d.log = os.Stderr
	d.printHelp(os.Stdout)
	if err := d.serve(ctx); err != nil {
		log.Fatal(err)
	}
}

// demo is the API and the front end, listening but not yet serving.
type demo struct {
	apiURL, webURL string // origins, e.g. "http://127.0.0.1:6069"
	apiLn, webLn   net.Listener
	credentials    bool      // AllowCredentials
	log            io.Writer // where gincors's Debug lines go
}

// listen opens both listeners, so that with port 0 the URLs are known before
// the handlers are built.
func listen(apiAddr, webAddr string) (*demo, error) {
	apiLn, apiURL, err := listenLoopback(apiAddr)
	if err != nil {
		return nil, fmt.Errorf("-api-addr: %w", err)
	}
	webLn, webURL, err := listenLoopback(webAddr)
	if err != nil {
		apiLn.Close()
		return nil, fmt.Errorf("-web-addr: %w", err)
	}
	return &demo{apiURL: apiURL, webURL: webURL, apiLn: apiLn, webLn: webLn}, nil
}

// listenLoopback listens on addr, which must name a loopback host, and
// returns the origin a browser uses for it: the host as written, the port as
// bound.
func listenLoopback(addr string) (net.Listener, string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, "", fmt.Errorf("%q is not a loopback host; use 127.0.0.1, ::1 or localhost", host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return ln, "http://" + net.JoinHostPort(host, port), nil
}

func (d *demo) printHelp(w io.Writer) {
	fmt.Fprintf(w, "API:  %s/ingredients (allows origin %s)\n", d.apiURL, d.webURL)
	fmt.Fprintf(w, "Open: %s/\n", d.webURL)
	fmt.Fprintf(w, "Compare: %s/ (the same page on an origin the API does not allow)\n", otherOrigin(d.webURL))
	fmt.Fprintf(w, "Try:  curl -i -H 'Origin: %s' %s/ingredients\n", d.webURL, d.apiURL)
	fmt.Fprintln(w, "Requests the API refuses are explained below. Stop with Ctrl+C.")
}

// otherOrigin is origin with localhost for 127.0.0.1 or the other way
// round: the same server, another origin.
func otherOrigin(origin string) string {
	u, err := url.Parse(origin)
	if err != nil {
		return origin
	}
	host := "localhost"
	if u.Hostname() == "localhost" {
		host = "127.0.0.1"
	}
	u.Host = net.JoinHostPort(host, u.Port())
	return u.String()
}

// serve runs both servers until ctx is done, then shuts them down.
func (d *demo) serve(ctx context.Context) error {
	demo := ingredients.New(ingredients.Config{
		APIURL:           d.apiURL,
		AllowedOrigin:    d.webURL,
		AllowCredentials: d.credentials,
		Log:              d.log,
	})
	api := &http.Server{Handler: demo.API(), ReadHeaderTimeout: 5 * time.Second}
	web := &http.Server{Handler: demo.Page(), ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 2)
	go func() { errc <- api.Serve(d.apiLn) }()
	go func() { errc <- web.Serve(d.webLn) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc: // one server failed: stop the other too
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(err, api.Shutdown(shutdownCtx), web.Shutdown(shutdownCtx))
}
