// Package benchmarks compares gincors with other CORS middleware for Gin
// (gin-contrib/cors, rs/cors, jub0bs/cors, and bare Gin as the floor), each
// run through a real gin.Engine on the same scenarios.
//
// It is a separate module so that the library itself does not depend on its
// competitors. The package has no API: everything is in its tests.
//
//	go test -run TestResponses -v .        # what each middleware answers
//	go test -run . -bench . -benchtime=1x ./...   # CI: every benchmark once
//	./run.sh                                # timed run, benchstat and a Markdown table
package benchmarks
