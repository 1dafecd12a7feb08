package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// databases are the subtest names under which a suite runs once per
// database; "other" collects every test outside them.
var databases = []string{"sqlite", "postgres"}

const otherTests = "other"

// event is one line of go test -json output (see `go doc test2json`).
type event struct {
	Action      string
	Package     string
	Test        string
	Output      string
	Elapsed     float64
	ImportPath  string // build-output and build-fail
	FailedBuild string // package fail caused by a build error
}

// Test and package results, as test2json spells them.
const (
	pass = "pass"
	fail = "fail"
	skip = "skip"
)

type counts struct{ passed, failed, skipped int }

func (c *counts) add(result string) {
	switch result {
	case pass:
		c.passed++
	case fail:
		c.failed++
	case skip:
		c.skipped++
	}
}

func (c counts) ran() int { return c.passed + c.failed }

type testRun struct {
	name           string
	result         string
	unfinished     bool
	elapsed        float64
	output         []string
	subtests       int
	failedSubtests int
}

type packageRun struct {
	name   string
	tests  map[string]*testRun
	order  []string // tests in the order they started: parents first
	output []string // output not attributed to a test
}

// suite is one top-level test that has per-database subtests.
type suite struct {
	pkg, test string
	byDB      map[string]*counts
}

// failure is one block of the failures section.
type failure struct {
	title  string
	output []string
}

type report struct {
	out      io.Writer
	verbose  bool
	packages map[string]*packageRun
	builds   map[string][]string // build output by import path
	failures []failure
	suites   []*suite
	byDB     map[string]*counts
	total    counts
	// broken lists failures outside any test: packages that failed to
	// build or crashed outside a test, output that ended early.
	broken []string
}

func newReport(out io.Writer, verbose bool) *report {
	r := &report{
		out:      out,
		verbose:  verbose,
		packages: map[string]*packageRun{},
		builds:   map[string][]string{},
		byDB:     map[string]*counts{},
	}
	for _, db := range append(slices.Clone(databases), otherTests) {
		r.byDB[db] = &counts{}
	}
	return r
}

func (r *report) printf(format string, args ...any) {
	fmt.Fprintf(r.out, format, args...)
}

// line handles one line of input.
func (r *report) line(b []byte) {
	var e event
	if len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &e) != nil || e.Action == "" {
		r.printf("%s\n", b)
		return
	}
	switch e.Action {
	case "build-output":
		r.builds[e.ImportPath] = append(r.builds[e.ImportPath], e.Output)
		return
	case "build-fail":
		return
	}
	p := r.pkg(e.Package)
	if e.Test == "" {
		switch e.Action {
		case "output":
			p.output = append(p.output, e.Output)
		case pass, fail, skip:
			r.finishPackage(p, e, "")
		}
		return
	}
	t := p.test(e.Test)
	switch e.Action {
	case "run":
		if parent := p.parent(e.Test); parent != nil {
			parent.subtests++
		}
	case "output":
		t.output = append(t.output, e.Output)
		if r.verbose {
			r.printf("%s", e.Output)
		}
	case pass, fail, skip:
		t.result, t.elapsed = e.Action, e.Elapsed
		if e.Action == fail {
			if parent := p.parent(e.Test); parent != nil {
				parent.failedSubtests++
			}
		}
	}
}

func (r *report) pkg(name string) *packageRun {
	p, ok := r.packages[name]
	if !ok {
		p = &packageRun{name: name, tests: map[string]*testRun{}}
		r.packages[name] = p
	}
	return p
}

func (p *packageRun) test(name string) *testRun {
	t, ok := p.tests[name]
	if !ok {
		t = &testRun{name: name}
		p.tests[name] = t
		p.order = append(p.order, name)
	}
	return t
}

// parent returns the nearest enclosing test of name that ran. A subtest
// name may itself contain a slash, so the direct prefix may not exist.
func (p *packageRun) parent(name string) *testRun {
	for {
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			return nil
		}
		name = name[:i]
		if t, ok := p.tests[name]; ok {
			return t
		}
	}
}

// duplicateSuffix is what go test appends to a subtest name already used
// by a sibling: the second "postgres" runs as "postgres#01".
var duplicateSuffix = regexp.MustCompile(`#\d+$`)

// database names the database a test ran on, or otherTests.
func database(test string) string {
	parts := strings.Split(test, "/")
	for _, part := range parts[1:] {
		part = duplicateSuffix.ReplaceAllString(part, "")
		if slices.Contains(databases, part) {
			return part
		}
	}
	return otherTests
}

// finishPackage counts the tests of p and prints its line. cutShort, when
// not empty, says why p ended without a result of its own.
func (r *report) finishPackage(p *packageRun, e event, cutShort string) {
	delete(r.packages, p.name)

	// A test without a result was cut short by a crash or a timeout in
	// its package; children come after their parents in p.order, so
	// walking backwards marks a child before its parent is looked at.
	for _, name := range slices.Backward(p.order) {
		t := p.tests[name]
		if t.result != "" {
			continue
		}
		t.result, t.unfinished = fail, true
		if parent := p.parent(name); parent != nil {
			parent.failedSubtests++
		}
	}

	var here counts
	suites := map[string]*suite{}
	for _, name := range p.order {
		t := p.tests[name]
		counted := t.subtests == 0 || (t.result == fail && t.failedSubtests == 0)
		if t.result == fail && (counted || hasOwnOutput(t.output)) {
			r.failures = append(r.failures, testFailure(p.name, t))
		}
		if !counted {
			continue
		}
		here.add(t.result)
		r.total.add(t.result)
		db := database(name)
		r.byDB[db].add(t.result)
		if db == otherTests {
			continue
		}
		top, _, _ := strings.Cut(name, "/")
		s, ok := suites[top]
		if !ok {
			s = &suite{pkg: p.name, test: top, byDB: map[string]*counts{}}
			for _, db := range databases {
				s.byDB[db] = &counts{}
			}
			suites[top] = s
			r.suites = append(r.suites, s)
		}
		s.byDB[db].add(t.result)
	}

	switch {
	case e.Action == skip:
		r.printf("?     %-44s no test files\n", p.name)
		return
	case e.Action == fail && here.failed == 0:
		// The package failed outside any test: say why in full.
		why, out := "failed outside any test", p.output
		switch {
		case cutShort != "":
			why = cutShort
		case e.FailedBuild != "":
			why, out = "build failed", r.builds[e.FailedBuild]
		}
		r.broken = append(r.broken, p.name+": "+why)
		r.failures = append(r.failures, failure{title: p.name + ": " + why, output: out})
		r.printf("FAIL  %-44s %s\n", p.name, why)
		return
	}
	status := "ok  "
	if e.Action == fail {
		status = "FAIL"
	}
	r.printf("%s  %-44s %6.2fs  %s\n", status, p.name, e.Elapsed, describe(here))
}

// describe says what ran in a package, in words that do not look like the
// closing line.
func describe(c counts) string {
	if c.ran()+c.skipped == 0 {
		return "no tests"
	}
	s := fmt.Sprintf("%d passed", c.passed)
	if c.failed > 0 {
		s += fmt.Sprintf("  %d FAILED", c.failed)
	}
	if c.skipped > 0 {
		s += fmt.Sprintf("  %d skipped", c.skipped)
	}
	return s
}

// progressLine matches go test's progress lines and the result line of a
// test ("--- FAIL: TestX (0.00s)"), which say nothing a failure report
// needs: its title already names the test and its duration.
var progressLine = regexp.MustCompile(`^\s*(=== (RUN|PAUSE|CONT|NAME)\s|--- (PASS|FAIL|SKIP): \S.* \(\d+\.\d+s\)\s*$)`)

// hasOwnOutput reports whether a test printed more than progress lines: a
// parent that failed only because a subtest did has nothing to add to that
// subtest's report.
func hasOwnOutput(lines []string) bool {
	for _, line := range lines {
		if !progressLine.MatchString(line) && strings.TrimSpace(line) != "" {
			return true
		}
	}
	return false
}

func testFailure(pkg string, t *testRun) failure {
	f := failure{title: fmt.Sprintf("%s %s (%.2fs)", pkg, t.name, t.elapsed)}
	if t.unfinished {
		f.title = fmt.Sprintf("%s %s (did not finish: the test binary crashed, timed out or was cut short while it ran)", pkg, t.name)
	}
	for _, line := range t.output {
		if !progressLine.MatchString(line) {
			f.output = append(f.output, line)
		}
	}
	return f
}

// finish prints the closing sections and returns the exit status.
func (r *report) finish() int {
	// Packages still open here never reported a result: go test was
	// killed, or its output was cut.
	for _, name := range slices.Sorted(maps.Keys(r.packages)) {
		r.finishPackage(r.packages[name], event{Action: fail, Package: name}, "output ended before the package did")
	}

	if len(r.failures) > 0 {
		r.printf("\n=== Failures\n")
		for _, f := range r.failures {
			r.printf("\n--- FAIL: %s\n", f.title)
			for _, line := range f.output {
				r.printf("%s", line)
				if !strings.HasSuffix(line, "\n") {
					r.printf("\n")
				}
			}
		}
	}

	r.printf("\n=== Tests per database\n")
	for _, db := range append(slices.Clone(databases), otherTests) {
		c := r.byDB[db]
		r.printf("%-10s %5d passed %5d failed %5d skipped\n", db, c.passed, c.failed, c.skipped)
	}
	r.printf("\n=== Suites run per database\n")
	if len(r.suites) == 0 {
		r.printf("(none: no test has a subtest named %s)\n", strings.Join(databases, " or "))
	}
	for _, s := range r.suites {
		r.printf("%s %s:", s.pkg, s.test)
		for _, db := range databases {
			c := s.byDB[db]
			r.printf("  %s %d/%d passed", db, c.passed, c.ran())
			if c.skipped > 0 {
				r.printf(" (+%d skipped)", c.skipped)
			}
		}
		r.printf("\n")
	}

	failed := r.total.failed + len(r.broken)
	status := 0
	if len(r.broken) > 0 {
		r.printf("\n")
		for _, b := range r.broken {
			r.printf("broken: %s\n", b)
		}
	}
	if r.total.ran() == 0 {
		r.printf("\ntestreport: no test ran, which counts as a failure: is the package list empty, or did every test skip?\n")
		status = 1
	}
	if failed > 0 {
		status = 1
	}
	r.printf("\n%d passed, %d failed, %d skipped\n", r.total.passed, failed, r.total.skipped)
	return status
}
