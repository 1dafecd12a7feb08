// Package nonet keeps a test binary off the network. The credentials
// library and the verifier promise never to fetch anything (JSON-LD
// contexts are embedded; documents come from the caller), and json-gold's
// default loader would fetch through http.DefaultClient if anything ever
// reached it. A package's TestMain calls Run, so one stray request fails
// the whole package, whichever test made it.
package nonet

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
)

var attempts atomic.Int64

type refusingTransport struct{}

func (refusingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	attempts.Add(1)
	return nil, errors.New("test: network access attempted: " + req.URL.String())
}

// Run replaces http.DefaultTransport with one that refuses and counts every
// request, runs the tests, and returns a failing exit code if any request
// was attempted. Use it as os.Exit(nonet.Run(m)).
func Run(m *testing.M) int {
	http.DefaultTransport = refusingTransport{}
	code := m.Run()
	if n := attempts.Load(); n > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d network requests were attempted\n", n)
		code = 1
	}
	return code
}

// Attempts is how many requests were refused so far.
func Attempts() int64 { return attempts.Load() }
