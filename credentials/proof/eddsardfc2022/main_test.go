package eddsardfc2022

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
)

// networkAttempts counts requests that reached http.DefaultTransport, which
// TestMain replaces: signing and verifying, including documents that name
// contexts the loader does not serve, must never touch the network.
var networkAttempts atomic.Int64

type refusingTransport struct{}

func (refusingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	networkAttempts.Add(1)
	return nil, errors.New("test: network access attempted: " + req.URL.String())
}

func TestMain(m *testing.M) {
	http.DefaultTransport = refusingTransport{}
	code := m.Run()
	if n := networkAttempts.Load(); n > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d network requests were attempted\n", n)
		code = 1
	}
	os.Exit(code)
}
