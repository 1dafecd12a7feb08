package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"badged/issuer"
	"badged/issuer/audit"
)

// historyColumns are the columns of the CSV export, in order.
var historyColumns = []string{"seq", "at", "subject_type", "subject_id", "action", "actor_id", "actor_role",
	"from_state", "to_state", "comment", "data", "prev_hash", "hash"}

// history lists a credential's audit events, one page at a time. The
// service returns the whole history; it is paged here so every list of the
// API has the same shape.
func (s *Server) history(c *gin.Context, p issuer.Principal) (any, error) {
	pg, err := pageOf(c)
	if err != nil {
		return nil, err
	}
	evs, err := s.svc.History(c.Request.Context(), p, c.Param("id"))
	if err != nil {
		return nil, err
	}
	from := min(pg.Offset, len(evs))
	to := min(from+pg.Limit, len(evs))
	out := listOf(evs[from:to], pg, toAuditEvent)
	if to == len(evs) {
		out.NextOffset = nil // the service returned everything: this page is the last
	}
	return out, nil
}

// historyCSV exports a credential's whole audit history as CSV (RFC 4180).
func (s *Server) historyCSV(c *gin.Context, p issuer.Principal) (any, error) {
	id := c.Param("id")
	evs, err := s.svc.History(c.Request.Context(), p, id)
	if err != nil {
		return nil, err
	}
	body, err := historyToCSV(evs)
	if err != nil {
		return nil, err
	}
	return csvFile{name: "credential-" + fileSafe(id) + "-history.csv", body: body}, nil
}

// historyToCSV writes a header row and one row per event.
func historyToCSV(evs []audit.Event) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(historyColumns); err != nil {
		return nil, fmt.Errorf("write CSV header: %w", err)
	}
	for _, e := range evs {
		row := []string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano), e.SubjectType, e.SubjectID,
			e.Action, e.ActorID, e.ActorRole, e.FromState, e.ToState, e.Comment, string(e.Data), e.PrevHash, e.Hash}
		for i := range row {
			row[i] = CSVCell(row[i])
		}
		if err := w.Write(row); err != nil {
			return nil, fmt.Errorf("write CSV row %d: %w", e.Seq, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write CSV: %w", err)
	}
	return buf.Bytes(), nil
}

// CSVCell guards a cell against formula injection: a spreadsheet runs a
// cell that starts with = + - or @ (or a tab or carriage return before one)
// as a formula, so such a cell gets a leading single quote, which makes it
// text (OWASP, "CSV Injection"). Quoting of commas, quotes and newlines is
// left to encoding/csv.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// fileSafe keeps the characters of an id that are safe in a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return -1
	}, s)
}

// csvFile is a CSV download.
type csvFile struct {
	name string
	body []byte
}

func (f csvFile) respond(c *gin.Context, status int) {
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", f.name))
	c.Data(status, "text/csv; charset=utf-8", f.body)
}
