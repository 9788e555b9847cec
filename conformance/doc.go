// Package conformance is the differential test of gincors against Express's
// cors package (cors 2.8.6 on express 4.22.3): every request of its case table
// goes to the Express oracle in oracle/ and to a Gin server running gincors
// with the equivalent configuration, and the CORS-relevant parts of the two
// responses must be identical or differ exactly as a documented, deliberate
// difference says. See README.md.
package conformance
