package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"badged/api"
	"badged/issuer"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parse("serve", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	if _, err := ensureMasterKey(cfg.MasterKeyFile); err != nil {
		return fmt.Errorf("master key: %w", err)
	}
	a, err := open(ctx, cfg, log, cfg.AutoMigrate)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	return a.serve(ctx, ln, stdout)
}

// serve runs the HTTP server on ln until ctx ends, then shuts down
// gracefully. On the first start it creates the first admin and prints a token.
func (a *app) serve(ctx context.Context, ln net.Listener, stdout io.Writer) error {
	if err := a.bootstrap(ctx, stdout); err != nil {
		return err
	}
	handler, err := api.New(api.Config{Service: a.svc, Logger: a.log, PublicURL: a.cfg.PublicURL, Version: version})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.log.Info("badged serving", "version", version, "addr", ln.Addr().String(), "public_url", a.cfg.PublicURL,
		"database", redactedDatabase(a.cfg.DatabaseURL), "timezone", a.cfg.TimeZone)
	fmt.Fprintf(stdout, "badged %s listening on http://%s (API at %s/api/v1)\n", version, ln.Addr(), a.cfg.PublicURL)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down", "grace", a.cfg.ShutdownGrace)
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// bootstrap creates the first admin on an empty database and prints a token
// for it, so a new user can start with `make run` and nothing else.
func (a *app) bootstrap(ctx context.Context, stdout io.Writer) error {
	has, err := a.svc.HasUsers(ctx)
	if err != nil || has {
		return err
	}
	u, err := a.svc.CreateUserAsSystem(ctx, issuer.NewUser{Email: "admin@localhost", Name: "First administrator",
		Roles: []issuer.RoleGrant{{Role: issuer.RoleAdmin}}})
	if err != nil {
		return fmt.Errorf("create the first admin: %w", err)
	}
	t, err := a.svc.CreateTokenAsSystem(ctx, u.ID, "first start", 0)
	if err != nil {
		return fmt.Errorf("create the first admin's token: %w", err)
	}
	fmt.Fprintf(stdout, "\nFirst start: created the admin user %s. Its API token (shown once, expires %s):\n\n    %s\n\n",
		u.Email, t.Token.ExpiresAt.Format(time.DateOnly), t.Secret)
	fmt.Fprintf(stdout, "Try:  curl -H 'Authorization: Bearer %s' %s/api/v1/me\n\n", t.Secret, a.cfg.PublicURL)
	return nil
}
