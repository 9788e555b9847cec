// Package e2e drives three real browser engines (Chromium, Firefox and
// WebKit) against gincors servers on loopback and checks that what each
// browser lets a page read is what the Fetch standard says it must, given the
// headers gincors sends. Everything is in the tests; see README.md for how to
// run them.
package e2e
