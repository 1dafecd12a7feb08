package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "record testdata/*.jsonl again from the packages in testdata/sample")

// fixtures maps each recorded stream to the packages of testdata/sample it
// was recorded from. The sample tests are written to pass, fail, crash and
// time out in known ways; their expected counts below follow from reading
// them, not from running testreport.
var fixtures = map[string]string{
	"passing":   "./passing",
	"failing":   "./failing",
	"broken":    "./broken",
	"panicking": "./panicking",
	"timeout":   "./timeout",
	"nothing":   "./empty ./notests",
	"all":       "./...",
}

func TestMain(m *testing.M) {
	flag.Parse()
	if *update {
		for name, pkgs := range fixtures {
			// -timeout 3s is what makes ./timeout time out.
			args := append([]string{"test", "-json", "-count=1", "-timeout=3s"}, strings.Fields(pkgs)...)
			cmd := exec.Command("go", args...)
			cmd.Dir = filepath.Join("testdata", "sample")
			out, _ := cmd.Output() // most fixtures fail on purpose
			if err := os.WriteFile(filepath.Join("testdata", name+".jsonl"), out, 0o644); err != nil {
				panic(err)
			}
		}
	}
	os.Exit(m.Run())
}

// closingLine is the line CI reads to learn the outcome; it must be last.
var closingLine = regexp.MustCompile(`^(\d+) passed, (\d+) failed, (\d+) skipped$`)

// looksClosing is how CI recognises a closing line; no other line of the
// report may match it.
var looksClosing = regexp.MustCompile(`^(\w+: )?\d+ passed, \d+ failed`)

var dbRow = regexp.MustCompile(`^(sqlite|postgres|other)\s+(\d+) passed\s+(\d+) failed\s+(\d+) skipped$`)

type reported struct {
	status int
	total  counts
	byDB   map[string]counts
	text   string
}

func summarize(t *testing.T, input []byte) reported {
	t.Helper()
	var out bytes.Buffer
	status := run(bytes.NewReader(input), &out, false)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")

	got := reported{status: status, byDB: map[string]counts{}, text: out.String()}
	m := closingLine.FindStringSubmatch(lines[len(lines)-1])
	require.NotNil(t, m, "last line %q is not a closing line", lines[len(lines)-1])
	got.total = counts{passed: atoi(t, m[1]), failed: atoi(t, m[2]), skipped: atoi(t, m[3])}
	for _, line := range lines[:len(lines)-1] {
		require.NotRegexp(t, looksClosing, line, "a line before the end looks like the closing line")
		if m := dbRow.FindStringSubmatch(line); m != nil {
			got.byDB[m[1]] = counts{passed: atoi(t, m[2]), failed: atoi(t, m[3]), skipped: atoi(t, m[4])}
		}
	}
	require.Len(t, got.byDB, 3, "the per-database table is incomplete:\n%s", out.String())
	return got
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

func TestReportFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		fixture  string
		status   int
		total    counts
		byDB     map[string]counts
		contains []string
	}{
		{
			name:    "ok/suites on both databases",
			fixture: "passing",
			status:  0,
			total:   counts{passed: 10, skipped: 2},
			byDB: map[string]counts{
				"sqlite":   {passed: 3, skipped: 1},
				"postgres": {passed: 4},
				"other":    {passed: 3, skipped: 1},
			},
			contains: []string{
				"ok    sample/passing",
				"sample/passing TestStore:  sqlite 2/2 passed (+1 skipped)  postgres 3/3 passed",
				"sample/passing TestWorkflow:  sqlite 1/1 passed  postgres 1/1 passed",
			},
		},
		{
			name:    "error/failed subtest and parent failing on its own",
			fixture: "failing",
			status:  1,
			total:   counts{passed: 5, failed: 2},
			byDB: map[string]counts{
				"sqlite":   {passed: 2},
				"postgres": {passed: 1, failed: 1},
				"other":    {passed: 2, failed: 1},
			},
			contains: []string{
				"FAIL  sample/failing",
				"--- FAIL: sample/failing TestStore/postgres/get",
				"store_test.go:12: fetching award 1",
				"want award 1, got award 2",
				"--- FAIL: sample/failing TestAfterSubtests",
				"the whole is wrong though every part passed",
				"sample/failing TestStore:  sqlite 2/2 passed  postgres 1/2 passed",
			},
		},
		{
			name:     "error/build failure",
			fixture:  "broken",
			status:   1,
			total:    counts{failed: 1},
			byDB:     map[string]counts{"sqlite": {}, "postgres": {}, "other": {}},
			contains: []string{"FAIL  sample/broken", "build failed", "undefined: undefinedHelper", "no test ran"},
		},
		{
			name:    "error/panic ends the tests still running",
			fixture: "panicking",
			status:  1,
			total:   counts{passed: 1, failed: 2},
			byDB: map[string]counts{
				"sqlite":   {},
				"postgres": {failed: 1},
				"other":    {passed: 1, failed: 1},
			},
			contains: []string{
				"panic: assignment to entry in nil map",
				"panic_test.go:20",
				"--- FAIL: sample/panicking TestSlow (did not finish",
			},
		},
		{
			name:    "error/timeout",
			fixture: "timeout",
			status:  1,
			total:   counts{passed: 1, failed: 1},
			byDB: map[string]counts{
				"sqlite":   {failed: 1},
				"postgres": {},
				"other":    {passed: 1},
			},
			contains: []string{"--- FAIL: sample/timeout TestHangs/sqlite (did not finish", "panic: test timed out after 3s"},
		},
		{
			name:     "error/no test ran",
			fixture:  "nothing",
			status:   1,
			total:    counts{},
			byDB:     map[string]counts{"sqlite": {}, "postgres": {}, "other": {}},
			contains: []string{"?     sample/empty", "no test files", "ok    sample/notests", "no test ran", "(none: no test has a subtest named sqlite or postgres)"},
		},
		{
			name:    "error/every package at once",
			fixture: "all",
			status:  1,
			total:   counts{passed: 17, failed: 6, skipped: 2},
			byDB: map[string]counts{
				"sqlite":   {passed: 5, failed: 1, skipped: 1},
				"postgres": {passed: 5, failed: 2},
				"other":    {passed: 7, failed: 2, skipped: 1},
			},
			contains: []string{"undefined: undefinedHelper", "want award 1, got award 2", "panic: test timed out"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			input, err := os.ReadFile(filepath.Join("testdata", tt.fixture+".jsonl"))
			require.NoError(t, err)
			got := summarize(t, input)
			require.Equal(t, tt.status, got.status, got.text)
			require.Equal(t, tt.total, got.total, got.text)
			require.Equal(t, tt.byDB, got.byDB, got.text)
			for _, want := range tt.contains {
				require.Contains(t, got.text, want)
			}
		})
	}
}

func TestReportStreams(t *testing.T) {
	t.Parallel()
	passing, err := os.ReadFile(filepath.Join("testdata", "passing.jsonl"))
	require.NoError(t, err)

	tests := []struct {
		name     string
		input    string
		status   int
		total    counts
		contains []string
	}{
		{
			name:     "ok/go's own messages pass through",
			input:    "go: downloading example.com/m v1.0.0\n" + string(passing),
			status:   0,
			total:    counts{passed: 10, skipped: 2},
			contains: []string{"go: downloading example.com/m v1.0.0\n"},
		},
		{
			// As when go test is killed: TestB/postgres never ends, and
			// neither does its package.
			name: "error/output cut short",
			input: `{"Action":"start","Package":"p"}
{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestA","Elapsed":0.1}
{"Action":"run","Package":"p","Test":"TestB"}
{"Action":"run","Package":"p","Test":"TestB/postgres"}
{"Action":"output","Package":"p","Test":"TestB/postgres","Output":"    b_test.go:9: inserting award\n"}
`,
			status:   1,
			total:    counts{passed: 1, failed: 1},
			contains: []string{"FAIL  p ", "--- FAIL: p TestB/postgres (did not finish", "b_test.go:9: inserting award"},
		},
		{
			name:     "error/empty input",
			input:    "",
			status:   1,
			total:    counts{},
			contains: []string{"no test ran"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := summarize(t, []byte(tt.input))
			require.Equal(t, tt.status, got.status, got.text)
			require.Equal(t, tt.total, got.total, got.text)
			for _, want := range tt.contains {
				require.Contains(t, got.text, want)
			}
		})
	}
}

func TestDatabase(t *testing.T) {
	t.Parallel()
	// Case names avoid the database names: this test's own subtests must
	// not count as suites run on a database.
	tests := []struct {
		name string
		test string
		want string
	}{
		{"db group", "TestStore/sqlite", "sqlite"},
		{"case in db group", "TestStore/sqlite/create_award", "sqlite"},
		{"nested case", "TestWorkflow/postgres/issue_then_approve", "postgres"},
		{"db group below a group", "TestAPI/awards/postgres", "postgres"},
		{"outermost db wins", "TestStore/postgres/sqlite", "postgres"},
		{"duplicate name", "TestOpen/postgres#01", "postgres"},
		{"top level alone", "TestStore", "other"},
		{"top level named like a db", "TestPostgres", "other"},
		{"db name inside a word", "TestPostgres/sqlite_url", "other"},
		{"suffix that is not a duplicate", "TestOpen/postgres#x", "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, database(tt.test))
		})
	}
}
