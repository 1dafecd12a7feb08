package workday

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a holiday list read by ParseHolidays.
const (
	// MaxHolidayListSize is the largest holiday list accepted, in bytes.
	MaxHolidayListSize = 1 << 20
	// MaxHolidayLineLength is the longest line accepted, in bytes.
	MaxHolidayLineLength = 1024
)

// ErrMalformed reports a holiday list that does not follow the format
// described at ParseHolidays. Errors for a given line are *ParseError.
var ErrMalformed = errors.New("workday: malformed holiday list")

// Holiday is a day the institution is closed besides weekends.
type Holiday struct {
	Date Date
	// Name is for people ("Canada Day (observed)"); it does not affect
	// any computation.
	Name string
}

// ParseError is an error at a given line of a holiday list. It matches
// ErrMalformed with errors.Is.
type ParseError struct {
	Line int // 1-based
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("holiday list line %d: %v", e.Line, e.Err)
}

// Unwrap returns ErrMalformed and the cause.
func (e *ParseError) Unwrap() []error { return []error{ErrMalformed, e.Err} }

// ParseHolidays reads a holiday list in this plain text format (UTF-8):
//
//	# Ontario, 2026. Lines starting with # are comments; blank lines are ignored.
//	2026-01-01 New Year's Day
//	2026-12-28 Boxing Day (observed)
//
// Each other line is a date "YYYY-MM-DD", then spaces or tabs, then the
// holiday's name, which is required and runs to the end of the line. A date
// may appear only once. A leading byte order mark and CRLF line ends are
// accepted. Holidays are returned in the order of the list.
//
// The list must be at most MaxHolidayListSize bytes, with lines of at most
// MaxHolidayLineLength bytes and at most MaxHolidays holidays. Errors about
// a line are *ParseError, naming the line.
func ParseHolidays(r io.Reader) ([]Holiday, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxHolidayListSize+1))
	if err != nil {
		return nil, fmt.Errorf("read holiday list: %w", err)
	}
	if len(data) > MaxHolidayListSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrMalformed, MaxHolidayListSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))

	var holidays []Holiday
	firstLine := make(map[Date]int)
	scanner := bufio.NewScanner(bytes.NewReader(data))
	// The scanner's limit counts the line end too.
	scanner.Buffer(make([]byte, 0, 4096), MaxHolidayLineLength+2)
	line := 0
	for scanner.Scan() {
		line++
		text := scanner.Text()
		if len(text) > MaxHolidayLineLength {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("longer than %d bytes", MaxHolidayLineLength)}
		}
		h, skip, err := parseHolidayLine(text)
		if err != nil {
			return nil, &ParseError{Line: line, Err: err}
		}
		if skip {
			continue
		}
		if prev, ok := firstLine[h.Date]; ok {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("%s is already listed on line %d", h.Date, prev)}
		}
		if len(holidays) == MaxHolidays {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("more than %d holidays", MaxHolidays)}
		}
		firstLine[h.Date] = line
		holidays = append(holidays, h)
	}
	if err := scanner.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &ParseError{Line: line + 1, Err: fmt.Errorf("longer than %d bytes", MaxHolidayLineLength)}
		}
		return nil, fmt.Errorf("read holiday list: %w", err)
	}
	return holidays, nil
}

// parseHolidayLine parses one line; skip is true for comments and blanks.
func parseHolidayLine(text string) (h Holiday, skip bool, err error) {
	if !utf8.ValidString(text) {
		return Holiday{}, false, errors.New("not valid UTF-8")
	}
	text = strings.TrimSpace(text)
	if text == "" || strings.HasPrefix(text, "#") {
		return Holiday{}, true, nil
	}
	field, name := text, ""
	if i := strings.IndexAny(text, " \t"); i >= 0 {
		field, name = text[:i], strings.TrimSpace(text[i+1:])
	}
	d, err := ParseDate(field)
	if err != nil {
		return Holiday{}, false, err
	}
	if err := checkName(name); err != nil {
		return Holiday{}, false, fmt.Errorf("%s: %w", d, err)
	}
	return Holiday{Date: d, Name: name}, false, nil
}

// checkName accepts a name that fits on one line of a holiday list.
func checkName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("no holiday name")
	}
	if i := strings.IndexFunc(name, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return fmt.Errorf("holiday name contains control character %U", r)
	}
	return nil
}

// WriteHolidays writes holidays in the format ParseHolidays reads, one per
// line in the given order, for example to start an institution's list from
// DefaultHolidays. Names must be non-empty with no control characters;
// surrounding spaces do not survive ParseHolidays.
func WriteHolidays(w io.Writer, holidays []Holiday) error {
	bw := bufio.NewWriter(w)
	for _, h := range holidays {
		text, err := h.Date.MarshalText()
		if err != nil {
			return fmt.Errorf("write holidays: %q: %w", h.Name, err)
		}
		if err := checkName(h.Name); err != nil {
			return fmt.Errorf("write holidays: %s: %w", h.Date, err)
		}
		fmt.Fprintf(bw, "%s %s\n", text, h.Name)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write holidays: %w", err)
	}
	return nil
}
