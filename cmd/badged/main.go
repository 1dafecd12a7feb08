// Command badged is the badged service: an Open Badges 2.0 / 3.0 issuing
// service whose credentials pass the university's approval policy first.
//
//	badged serve                 run the HTTP service
//	badged migrate               apply pending database migrations
//	badged version               print the version
//	badged user add ...          add a user with roles
//	badged token create ...      create an API token for a user
//	badged audit verify          verify the audit chain
//
// Every command takes the configuration flags (see badged serve -h), each
// also settable by a BADGED_* environment variable.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the time zone database, for hosts without one
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	if errors.Is(err, errUsage) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "badged:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `usage: badged <command> [flags]

commands:
  serve            run the HTTP service
  migrate          apply pending database migrations and show their status
  version          print the version
  user add         add a user:  badged user add -email E -name N [-role R[:DEPARTMENT_ID]]...
  token create     create an API token:  badged token create -email E [-name N] [-ttl 720h]
  audit verify     verify the tamper-evident audit chain (exit status 1 if broken)

Run "badged <command> -h" for the command's flags.
`

// run dispatches a command. It is main without the process: tests call it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	if (cmd == "user" || cmd == "token" || cmd == "audit") && len(rest) > 0 {
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "badged", version)
		return nil
	case "user add":
		return cmdUserAdd(ctx, rest, getenv, stdout, stderr)
	case "token create":
		return cmdTokenCreate(ctx, rest, getenv, stdout, stderr)
	case "audit verify":
		return cmdAuditVerify(ctx, rest, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "badged: unknown command %q\n\n%s", cmd, usage)
	return errUsage
}
