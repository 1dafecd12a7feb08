package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the service configuration: flags, each with a BADGED_*
// environment variable; a flag given on the command line wins.
type Config struct {
	Addr          string
	PublicURL     string
	DatabaseURL   string
	TimeZone      string
	HolidaysFile  string
	HolidayRegion string
	MasterKeyFile string
	LogLevel      string
	LogFormat     string
	DBCDecision   string
	EarlyCall     bool
	AutoMigrate   bool
	ShutdownGrace time.Duration
}

// bind registers the flags of cfg on fs with defaults from the environment.
func (c *Config) bind(fs *flag.FlagSet, getenv func(string) string) {
	str := func(p *string, name, env, def, usage string) {
		if v := getenv(env); v != "" {
			def = v
		}
		fs.StringVar(p, name, def, usage+" ($"+env+")")
	}
	boolean := func(p *bool, name, env string, def bool, usage string) {
		if v, err := strconv.ParseBool(getenv(env)); err == nil {
			def = v
		}
		fs.BoolVar(p, name, def, usage+" ($"+env+")")
	}
	str(&c.Addr, "addr", "BADGED_ADDR", "127.0.0.1:8080", "listen address")
	str(&c.PublicURL, "public-url", "BADGED_PUBLIC_URL", "", "public base URL (default http://<addr>)")
	str(&c.DatabaseURL, "database", "BADGED_DATABASE_URL", "data/badged.db", "SQLite file path, or a postgres:// URL")
	str(&c.TimeZone, "timezone", "BADGED_TIMEZONE", "America/Vancouver", "the institution's time zone (IANA name)")
	str(&c.HolidaysFile, "holidays", "BADGED_HOLIDAYS_FILE", "", `holiday calendar file, one "YYYY-MM-DD name" per line (default: the region's defaults)`)
	str(&c.HolidayRegion, "holiday-region", "BADGED_HOLIDAY_REGION", "CA-BC", "region of the default holidays (CA-BC, CA-ON)")
	str(&c.MasterKeyFile, "master-key-file", "BADGED_MASTER_KEY_FILE", "data/master.key", "file with the master key that encrypts signing keys at rest (created if missing)")
	str(&c.LogLevel, "log-level", "BADGED_LOG_LEVEL", "info", "debug, info, warn or error")
	str(&c.LogFormat, "log-format", "BADGED_LOG_FORMAT", "text", "text or json")
	str(&c.DBCDecision, "dbc-decision", "BADGED_DBC_DECISION", "majority", "how the Digital Badge Committee decides: majority or chair")
	boolean(&c.EarlyCall, "early-call", "BADGED_EARLY_CALL", true, "the SMC Chair may call the question once all three reviews are in")
	boolean(&c.AutoMigrate, "migrate", "BADGED_AUTO_MIGRATE", true, "apply pending migrations when serving")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", 15*time.Second, "time to finish requests on shutdown")
}

func (c *Config) validate() error {
	if c.PublicURL == "" {
		c.PublicURL = "http://" + c.Addr
	}
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	if !strings.HasPrefix(c.PublicURL, "http://") && !strings.HasPrefix(c.PublicURL, "https://") {
		return fmt.Errorf("public URL %q must start with http:// or https://", c.PublicURL)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("log format %q: use text or json", c.LogFormat)
	}
	if c.DatabaseURL == "" {
		return fmt.Errorf("no database configured")
	}
	return nil
}

// redactedDatabase is the database URL without a password, for logs.
func redactedDatabase(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			cred := rest[:at]
			if c := strings.Index(cred, ":"); c >= 0 {
				return u[:i+3] + cred[:c] + ":***" + rest[at:]
			}
		}
	}
	return u
}
