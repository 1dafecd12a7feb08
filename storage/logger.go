package storage

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

// slowQuery is the duration above which a statement is logged at warn.
const slowQuery = 500 * time.Millisecond

// gormLogger sends gorm's trace to slog at debug level. It implements
// gorm.ParamsFilter to drop statement values, so emails, token hashes and
// outlines never reach a log; errors reach the caller, which logs them once.
type gormLogger struct{ log *slog.Logger }

var (
	_ gormlogger.Interface = gormLogger{}
	_ gorm.ParamsFilter    = gormLogger{}
)

func newGormLogger(l *slog.Logger) gormLogger {
	return gormLogger{log: l.With("component", "storage")}
}

func (l gormLogger) LogMode(gormlogger.LogLevel) gormlogger.Interface { return l }

// Info, Warn and Error carry gorm's own remarks, formatted with values; only
// the format string is kept.
func (l gormLogger) Info(ctx context.Context, msg string, _ ...any) {
	l.log.DebugContext(ctx, "gorm: "+msg)
}

func (l gormLogger) Warn(ctx context.Context, msg string, _ ...any) {
	l.log.DebugContext(ctx, "gorm: "+msg)
}

func (l gormLogger) Error(ctx context.Context, msg string, _ ...any) {
	l.log.DebugContext(ctx, "gorm: "+msg)
}

// ParamsFilter drops the values: Trace then sees the statement with
// placeholders.
func (gormLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

func (l gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := time.Since(begin)
	level := slog.LevelDebug
	if elapsed > slowQuery {
		level = slog.LevelWarn
	}
	if !l.log.Enabled(ctx, level) {
		return
	}
	sql, rows := fc()
	attrs := []slog.Attr{
		slog.String("sql", sql),
		slog.Duration("elapsed", elapsed),
		slog.Int64("rows", rows),
	}
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		// Not the message: some driver messages quote the offending value.
		// The caller gets the error and logs it once, at the edge.
		attrs = append(attrs, slog.Bool("failed", true))
	}
	l.log.LogAttrs(ctx, level, "sql", attrs...)
}
