// Command testreport turns the output of `go test -json` into the summary
// `make test` prints: one line per package as it finishes, every failure in
// full, how many tests passed, failed and were skipped on each database, and
// a closing line "N passed, N failed, N skipped".
//
// The storage and workflow suites run once per database as subtests named
// "sqlite" and "postgres" (TestStore/sqlite/..., TestWorkflow/postgres/...);
// a test counts towards a database when an element of its name after the
// first is exactly that name, and towards "other" otherwise.
//
// Counted tests are the leaves of the subtest tree, plus any parent that
// failed on its own (after its subtests passed). A package that fails
// without a failing test (a build error, a crash in TestMain) counts as one
// failure, and a test still running when its package ended (a panic
// elsewhere, a -timeout) as a failed test.
//
// testreport exits 1 when anything failed or when no test ran at all, so a
// suite that silently stopped running cannot pass. Lines that are not JSON
// (go's own messages) are copied through unchanged.
//
// Usage:
//
//	go test -json ./... | go run ./internal/testreport [-v]
//
// make test builds it to bin/testreport first, so that go run adds no
// "exit status 1" after the closing line.
//
// The format it reads is described by `go doc test2json`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
)

// maxLineBytes bounds one line of go test -json output; a test that logs a
// larger value in one t.Log call makes the report fail rather than lie.
const maxLineBytes = 16 << 20

func main() {
	verbose := flag.Bool("v", false, "also print every test's output as it arrives")
	flag.Parse()
	os.Exit(run(os.Stdin, os.Stdout, *verbose))
}

// run reads go test -json output from in, writes the report to out and
// returns the exit status.
func run(in io.Reader, out io.Writer, verbose bool) int {
	r := newReport(out, verbose)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	for sc.Scan() {
		r.line(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		r.broken = append(r.broken, fmt.Sprintf("testreport: read go test output: %v", err))
	}
	return r.finish()
}
