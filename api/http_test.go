package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"badged/api"
	"badged/api/apitest"
	"badged/issuer"
)

// sqliteEnv starts an API over SQLite, for behaviour of the HTTP layer that
// does not depend on the database.
func sqliteEnv(t *testing.T) *apitest.Env {
	t.Helper()
	return apitest.New(t, openStore(t, filepath.Join(t.TempDir(), "badged.db")))
}

func TestErrors(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		env := newEnv(t, newDSN)
		admin := env.Admin.Token
		member := env.NewUser(t, issuer.RoleSMCMember)
		proponent := env.NewUser(t, issuer.RoleProponent)
		var cred api.CreatedCredential
		env.Call(t, http.MethodPost, "/api/v1/credentials", proponent.Token,
			api.CreateCredentialRequest{Kind: "micro_credential", Title: "T", DepartmentID: env.Department}, http.StatusCreated, &cred)
		env.Call(t, http.MethodPost, "/api/v1/versions/"+cred.Version.ID+"/withdraw", proponent.Token, nil, http.StatusOK, nil)
		env.Call(t, http.MethodPost, "/api/v1/faculties", admin, api.CreateFacultyRequest{Code: "DUP", Name: "Dup"}, http.StatusCreated, nil)

		tests := []struct {
			name        string
			method      string
			path        string
			token       string
			body        any
			wantStatus  int
			wantCode    string
			wantMessage string // a substring
		}{
			{"ok", http.MethodPost, "/api/v1/faculties", admin, `{"code":"OK","name":"Fine"}`, http.StatusCreated, "", ""},
			{"ok/empty body means no fields", http.MethodPost, "/api/v1/versions/" + cred.Version.ID + "/submit", proponent.Token, "",
				http.StatusConflict, issuer.ETransition, "not possible"},
			{"error/malformed JSON", http.MethodPost, "/api/v1/faculties", admin, `{"code":`, http.StatusBadRequest, issuer.EInvalid, "malformed JSON"},
			{"error/syntax", http.MethodPost, "/api/v1/faculties", admin, `{"code" "A"}`, http.StatusBadRequest, issuer.EInvalid, "malformed JSON at byte"},
			{"error/unknown field", http.MethodPost, "/api/v1/faculties", admin, `{"code":"A","name":"B","dean":"C"}`,
				http.StatusBadRequest, issuer.EInvalid, `unknown field "dean"`},
			{"error/wrong type", http.MethodPost, "/api/v1/faculties", admin, `{"code":7,"name":"B"}`,
				http.StatusBadRequest, issuer.EInvalid, `field "code" must be a string, not number`},
			{"error/not an object", http.MethodPost, "/api/v1/faculties", admin, `["A","B"]`,
				http.StatusBadRequest, issuer.EInvalid, "must be a JSON object"},
			{"error/trailing data", http.MethodPost, "/api/v1/faculties", admin, `{"code":"A","name":"B"} {}`,
				http.StatusBadRequest, issuer.EInvalid, "nothing after it"},
			{"error/missing decision", http.MethodPost, "/api/v1/versions/" + cred.Version.ID + "/votes", member.Token, `{"comment":"yes?"}`,
				http.StatusBadRequest, issuer.EInvalid, "approve is required"},
			{"error/null decision", http.MethodPost, "/api/v1/versions/" + cred.Version.ID + "/votes", member.Token, `{"approve":null}`,
				http.StatusBadRequest, issuer.EInvalid, "approve is required"},
			{"error/missing list", http.MethodPut, "/api/v1/users/" + env.Admin.ID + "/roles", admin, `{}`,
				http.StatusBadRequest, issuer.EInvalid, "roles is required"},
			{"error/bad time", http.MethodPost, "/api/v1/committees/members/x/end", admin, `{"until":"tomorrow"}`,
				http.StatusBadRequest, issuer.EInvalid, "RFC 3339"},
			{"error/bad date", http.MethodPost, "/api/v1/credentials/" + cred.Credential.ID + "/offerings", admin, `{"offered_on":"1/9/2026"}`,
				http.StatusBadRequest, issuer.EInvalid, "offered_on must be a date"},
			{"error/bad query time", http.MethodGet, "/api/v1/committees/smc?at=noon", admin, nil, http.StatusBadRequest, issuer.EInvalid, "at must be an RFC 3339 time"},
			{"error/no token", http.MethodGet, "/api/v1/me", "", nil, http.StatusUnauthorized, issuer.EUnauthorized, "Bearer"},
			{"error/bad token", http.MethodGet, "/api/v1/me", "bdg_nope_nope", nil, http.StatusUnauthorized, issuer.EUnauthorized, "invalid"},
			{"error/not found", http.MethodGet, "/api/v1/users/00000000-0000-7000-8000-000000000000", admin, nil,
				http.StatusNotFound, issuer.ENotFound, ""},
			{"error/conflict", http.MethodPost, "/api/v1/faculties", admin, api.CreateFacultyRequest{Code: "DUP", Name: "Again"},
				http.StatusConflict, issuer.EConflict, ""},
			{"error/invalid state", http.MethodPost, "/api/v1/versions/" + cred.Version.ID + "/withdraw", proponent.Token, nil,
				http.StatusConflict, issuer.ETransition, "withdraw is not possible"},
			{"error/invalid input", http.MethodPost, "/api/v1/faculties", admin, api.CreateFacultyRequest{Code: "has space", Name: "X"},
				http.StatusBadRequest, issuer.EInvalid, "code must be"},
			{"error/unknown route", http.MethodGet, "/api/v1/nothing-here", admin, nil, http.StatusNotFound, issuer.ENotFound, "no route GET /api/v1/nothing-here"},
			{"error/unknown route without token", http.MethodGet, "/nothing", "", nil, http.StatusNotFound, issuer.ENotFound, "no route"},
			{"error/trailing slash", http.MethodGet, "/api/v1/me/", admin, nil, http.StatusNotFound, issuer.ENotFound, "no route"},
			{"error/wrong method", http.MethodDelete, "/api/v1/me", admin, nil, http.StatusMethodNotAllowed, api.EMethodNotAllowed, "allowed: GET"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				res := env.Do(t, tc.method, tc.path, tc.token, tc.body)
				require.Equal(t, tc.wantStatus, res.Status, "%s", res.Body)
				if tc.wantCode == "" {
					return
				}
				e := res.Error(t)
				require.Equal(t, tc.wantCode, e.Code)
				require.Contains(t, e.Message, tc.wantMessage)
			})
		}
	})
}

func TestMethodNotAllowedListsAllowed(t *testing.T) {
	t.Parallel()
	env := sqliteEnv(t)
	res := env.Do(t, http.MethodPatch, "/api/v1/forms/micro_credential", env.Admin.Token, "{}")
	require.Equal(t, http.StatusMethodNotAllowed, res.Status)
	require.ElementsMatch(t, []string{"GET", "PUT"}, strings.Split(strings.ReplaceAll(res.Header.Get("Allow"), " ", ""), ","))
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	env := sqliteEnv(t)
	// A valid body of exactly MaxBodyBytes, padded with JSON whitespace.
	valid := []byte(`{"code":"BIG","name":"Big"}`)
	atLimit := append(valid, bytes.Repeat([]byte(" "), api.MaxBodyBytes-len(valid))...)
	overLimit := append(atLimit, ' ')

	tests := []struct {
		name string
		body any
		want int
	}{
		{"ok/at the limit", atLimit, http.StatusCreated},
		{"error/declared length over the limit", overLimit, http.StatusRequestEntityTooLarge},
		{"error/chunked over the limit", bytes.NewReader(append([]byte(`{"code":"X","name":"`), bytes.Repeat([]byte("x"), api.MaxBodyBytes)...)),
			http.StatusRequestEntityTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := env.Do(t, http.MethodPost, "/api/v1/faculties", env.Admin.Token, tc.body)
			require.Equal(t, tc.want, res.Status, "%.200s", res.Body)
			if tc.want == http.StatusRequestEntityTooLarge {
				require.Equal(t, issuer.ETooLarge, res.Error(t).Code)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		env := newEnv(t, newDSN)
		for range 60 {
			env.NewFaculty(t)
		}
		var all api.List[api.Faculty]
		env.Call(t, http.MethodGet, "/api/v1/faculties?limit=200", env.Admin.Token, nil, http.StatusOK, &all)
		total := len(all.Items) // the 60, and those of the admin's department
		require.Greater(t, total, 60)
		require.Nil(t, all.NextOffset)

		tests := []struct {
			name       string
			query      string
			wantLimit  int
			wantOffset int
			wantItems  int
			wantNext   *int
		}{
			{"ok/defaults", "", 50, 0, 50, ptr(50)},
			{"ok/second page", "?offset=50", 50, 50, total - 50, nil},
			{"ok/small pages", "?limit=7&offset=14", 7, 14, 7, ptr(21)},
			{"ok/past the end", "?offset=1000", 50, 1000, 0, nil},
			{"ok/maximum", "?limit=200", 200, 0, total, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var page api.List[api.Faculty]
				env.Call(t, http.MethodGet, "/api/v1/faculties"+tc.query, env.Admin.Token, nil, http.StatusOK, &page)
				require.Equal(t, tc.wantLimit, page.Limit)
				require.Equal(t, tc.wantOffset, page.Offset)
				require.Len(t, page.Items, tc.wantItems)
				require.Equal(t, tc.wantNext, page.NextOffset)
				if tc.wantItems > 0 {
					require.Equal(t, all.Items[tc.wantOffset].ID, page.Items[0].ID, "pages follow the same order")
				}
			})
		}
		for _, q := range []string{"limit=0", "limit=201", "limit=-1", "limit=ten", "limit=", "offset=-1", "offset=x", "offset=99999999999"} {
			t.Run("error/"+q, func(t *testing.T) {
				e := env.CallError(t, http.MethodGet, "/api/v1/faculties?"+q, env.Admin.Token, nil, http.StatusBadRequest)
				require.Equal(t, issuer.EInvalid, e.Code)
				require.Regexp(t, `^(limit|offset) must be an integer from \d+ to \d+$`, e.Message)
			})
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestRequestIDAndLogs(t *testing.T) {
	t.Parallel()
	env := sqliteEnv(t)
	user := env.NewUser(t, issuer.RoleLearner)
	tests := []struct {
		name   string
		sent   string
		echoed func(t *testing.T, got string)
	}{
		{"ok/taken from the client", "req-42.a:b/c_d", func(t *testing.T, got string) { require.Equal(t, "req-42.a:b/c_d", got) }},
		{"ok/generated when absent", "", func(t *testing.T, got string) { require.Regexp(t, `^[0-9a-f]{32}$`, got) }},
		{"ok/replaced when not sane", "two words", func(t *testing.T, got string) { require.Regexp(t, `^[0-9a-f]{32}$`, got) }},
		{"ok/replaced when too long", strings.Repeat("a", api.MaxRequestIDLen+1), func(t *testing.T, got string) {
			require.Regexp(t, `^[0-9a-f]{32}$`, got)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.sent != "" {
				h.Set(api.HeaderRequestID, tc.sent)
			}
			res := env.DoWith(t, http.MethodGet, "/api/v1/me?secret=query", user.Token, nil, h)
			require.Equal(t, http.StatusOK, res.Status)
			id := res.Header.Get(api.HeaderRequestID)
			tc.echoed(t, id)

			line := requestLog(t, env.Logs(), id)
			require.Equal(t, "GET", line["method"])
			require.Equal(t, "/api/v1/me", line["path"])
			require.Equal(t, "/api/v1/me", line["route"])
			require.EqualValues(t, http.StatusOK, line["status"])
			require.Contains(t, line, "duration")
			require.Equal(t, user.ID, line["user_id"])
		})
	}
	t.Run("ok/two requests, two ids", func(t *testing.T) {
		a := env.Do(t, http.MethodGet, "/healthz", "", nil).Header.Get(api.HeaderRequestID)
		b := env.Do(t, http.MethodGet, "/healthz", "", nil).Header.Get(api.HeaderRequestID)
		require.NotEqual(t, a, b)
	})
	t.Run("ok/no secret in the logs", func(t *testing.T) {
		env.Do(t, http.MethodPost, "/api/v1/tokens", user.Token, api.CreateTokenRequest{Name: "body-secret"})
		logs := env.Logs()
		require.NotContains(t, logs, user.Token)
		require.NotContains(t, logs, strings.Split(user.Token, "_")[2], "the secret part of the token")
		require.NotContains(t, logs, "body-secret")
		require.NotContains(t, logs, "secret=query")
	})
}

// requestLog finds the request log line with a request id.
func requestLog(t *testing.T, logs, id string) map[string]any {
	t.Helper()
	for l := range strings.Lines(logs) {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m), "a log line that is not JSON: %s", l)
		if m["msg"] == "http request" && m["request_id"] == id {
			return m
		}
	}
	t.Fatalf("no request log line with request_id %s in:\n%s", id, logs)
	return nil
}

func TestHealth(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		store := openStore(t, newDSN(t))
		env := apitest.New(t, store)
		var h api.Health
		env.Call(t, http.MethodGet, "/healthz", "", nil, http.StatusOK, &h)
		require.Equal(t, api.Health{Status: "ok", Version: "test"}, h)
		env.Call(t, http.MethodGet, "/readyz", "", nil, http.StatusOK, &h)
		require.Equal(t, "ok", h.Status)

		require.NoError(t, store.Close())
		e := env.CallError(t, http.MethodGet, "/readyz", "", nil, http.StatusServiceUnavailable)
		require.Equal(t, api.ErrorBody{Code: api.EUnavailable, Message: "the database does not answer"}, e)
		env.Call(t, http.MethodGet, "/healthz", "", nil, http.StatusOK, &h)
		require.Contains(t, env.Logs(), "readiness check failed")
		// A request that needs the database fails as an internal error whose
		// detail is logged, not shown.
		e = env.CallError(t, http.MethodGet, "/api/v1/me", env.Admin.Token, nil, http.StatusInternalServerError)
		require.Equal(t, api.ErrorBody{Code: issuer.EInternal, Message: "internal error"}, e)
		require.Contains(t, env.Logs(), `"msg":"internal error"`)
	})
}

func TestPanicBecomesInternalError(t *testing.T) {
	t.Parallel()
	env := sqliteEnv(t)
	var logs bytes.Buffer
	srv, err := api.New(api.Config{Service: env.Service, Logger: slogTo(&logs)})
	require.NoError(t, err)
	api.HandleForTest(srv, http.MethodGet, "/boom", func(*gin.Context) { panic("kaboom") })

	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	require.JSONEq(t, `{"error":{"code":"internal","message":"internal error"}}`, rec.Body.String())
	require.NotEmpty(t, rec.Header().Get(api.HeaderRequestID))
	require.Contains(t, logs.String(), "kaboom")
	require.Contains(t, logs.String(), `"status":500`)

	// The server goes on serving.
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	require.Equal(t, http.StatusOK, rec.Code)
}

func TestNewNeedsAService(t *testing.T) {
	t.Parallel()
	_, err := api.New(api.Config{})
	require.Error(t, err)
}

// TestHistoryCSV exports a history whose comments are spreadsheet formulas
// and CSV metacharacters: the export must read back cell for cell, with
// every formula turned into text.
func TestHistoryCSV(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, newDSN func(*testing.T) string) {
		env := newEnv(t, newDSN)
		proponent := env.NewUser(t, issuer.RoleProponent)
		env.Call(t, http.MethodPut, "/api/v1/forms/micro_credential", env.Admin.Token, api.SetOutlineFormRequest{
			Fields: []api.OutlineFieldInput{{Key: "summary", Label: "Summary", Type: "text"}}}, http.StatusOK, nil)
		var c api.CreatedCredential
		env.Call(t, http.MethodPost, "/api/v1/credentials", proponent.Token,
			api.CreateCredentialRequest{Kind: "micro_credential", Title: "CSV", DepartmentID: env.Department}, http.StatusCreated, &c)
		submitted := `=HYPERLINK("http://evil.test","click"), then "quotes"` + "\nand a second line"
		withdrawn := "@SUM(A1:A9)"
		env.Call(t, http.MethodPost, "/api/v1/versions/"+c.Version.ID+"/submit", proponent.Token, api.CommentRequest{Comment: submitted}, http.StatusOK, nil)
		env.Call(t, http.MethodPost, "/api/v1/versions/"+c.Version.ID+"/withdraw", proponent.Token, api.CommentRequest{Comment: withdrawn}, http.StatusOK, nil)

		res := env.Call(t, http.MethodGet, "/api/v1/credentials/"+c.Credential.ID+"/history.csv", proponent.Token, nil, http.StatusOK, nil)
		require.Equal(t, "text/csv; charset=utf-8", res.Header.Get("Content-Type"))
		require.Equal(t, fmt.Sprintf(`attachment; filename="credential-%s-history.csv"`, c.Credential.ID), res.Header.Get("Content-Disposition"))
		rows := readCSV(t, res.Body)
		require.Equal(t, []string{"seq", "at", "subject_type", "subject_id", "action", "actor_id", "actor_role",
			"from_state", "to_state", "comment", "data", "prev_hash", "hash"}, rows[0])
		require.Len(t, rows, 4, "a header and three events")

		var hist api.List[api.AuditEvent]
		env.Call(t, http.MethodGet, "/api/v1/credentials/"+c.Credential.ID+"/history", proponent.Token, nil, http.StatusOK, &hist)
		require.Len(t, hist.Items, 3)
		for i, e := range hist.Items {
			row := rows[i+1]
			require.Equal(t, fmt.Sprint(e.Seq), row[0])
			require.Equal(t, e.Action, row[4])
			require.Equal(t, e.Hash, row[12])
			require.Equal(t, e.PrevHash, row[11])
		}
		require.Equal(t, []string{"create", "submit", "withdraw"}, []string{rows[1][4], rows[2][4], rows[3][4]})
		require.Equal(t, "'"+submitted, rows[2][9], "a formula becomes text; commas, quotes and newlines survive")
		require.Equal(t, "'"+withdrawn, rows[3][9])
		require.JSONEq(t, string(hist.Items[1].Data), rows[2][10])
	})
}

func TestCSVCell(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"ok/plain", "approved", "approved"},
		{"ok/empty", "", ""},
		{"ok/formula sign inside", "a=b+c", "a=b+c"},
		{"ok/JSON", `{"a":1}`, `{"a":1}`},
		{"guarded/equals", "=1+2", "'=1+2"},
		{"guarded/plus", "+1", "'+1"},
		{"guarded/minus", "-2+3", "'-2+3"},
		{"guarded/at", "@SUM(A1)", "'@SUM(A1)"},
		{"guarded/tab", "\t=1", "'\t=1"},
		{"guarded/carriage return", "\r=1", "'\r=1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, api.CSVCell(tc.in))
		})
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return rows
}

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }
