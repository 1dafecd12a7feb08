package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"badged/api"
	"badged/credentials/ob3"
	"badged/issuer"
	"badged/issuer/approval"
	"badged/issuer/issuertest"
)

// TestEndToEnd drives the approval workflow over HTTP, as the people of the
// policy would, on both databases: a non credit-bearing micro-credential to
// approval; a credit-bearing one through the interim period to Senate; a
// split vote through the meeting to a return and an appeal; the duplication
// branch; and a digital badge through the DBC, the SSCC report, the query
// and the Senate referral.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	for _, dialect := range issuertest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			for name, scenario := range map[string]func(*e2e){
				"non credit micro-credential":   e2eNonCredit,
				"credit-bearing through Senate": e2eCreditBearing,
				"split vote meeting and appeal": e2eSplitAndAppeal,
				"duplication branch":            e2eDuplication,
				"digital badge to Senate":       e2eDigitalBadge,
				"refusals over HTTP":            e2eRefusals,
				"history as JSON and CSV":       e2eHistory,
			} {
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					w := issuertest.New(t, issuertest.OpenStore(t, dialect))
					srv, err := api.New(api.Config{Service: w.Svc, Logger: slog.New(slog.DiscardHandler)})
					require.NoError(t, err)
					ts := httptest.NewServer(srv)
					t.Cleanup(ts.Close)
					scenario(&e2e{t: t, w: w, base: ts.URL + "/api/v1"})
				})
			}
		})
	}
}

type e2e struct {
	t    *testing.T
	w    *issuertest.World
	base string
}

type obj = map[string]any

// call sends one request as u and decodes the JSON answer, which must have status want.
func (e *e2e) call(u issuer.User, method, path string, body any, want int) obj {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(e.t, err)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, e.base+path, r)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", "Bearer "+e.w.Token(u))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	require.Equal(e.t, want, resp.StatusCode, "%s %s: %s", method, path, raw)
	var out obj
	if len(raw) > 0 && raw[0] == '{' {
		require.NoError(e.t, json.Unmarshal(raw, &out))
	}
	return out
}

// act posts a workflow action on a version and checks the state it lands in.
func (e *e2e) act(u issuer.User, versionID, action string, body any, wantState string) obj {
	e.t.Helper()
	if body == nil {
		body = obj{}
	}
	v := e.call(u, http.MethodPost, "/versions/"+versionID+"/"+action, body, http.StatusOK)
	require.Equal(e.t, wantState, v["state"], "%s", action)
	return v
}

// refuse posts an action that must fail with status and code.
func (e *e2e) refuse(u issuer.User, versionID, action string, body any, status int, code string) {
	e.t.Helper()
	if body == nil {
		body = obj{}
	}
	before := e.call(e.w.Admin, http.MethodGet, "/versions/"+versionID, nil, http.StatusOK)
	out := e.call(u, http.MethodPost, "/versions/"+versionID+"/"+action, body, status)
	errBody := out["error"].(obj)
	require.Equal(e.t, code, errBody["code"])
	require.NotEmpty(e.t, errBody["message"])
	after := e.call(e.w.Admin, http.MethodGet, "/versions/"+versionID, nil, http.StatusOK)
	require.Equal(e.t, before, after, "a refused action changed the version")
}

func (e *e2e) createMicro(credit string, credits float64) (credentialID, versionID string) {
	e.t.Helper()
	out := e.call(e.w.Proponent, http.MethodPost, "/credentials", obj{
		"kind": "micro_credential", "title": "Design Thinking", "department_id": e.w.Departments[0].ID,
		"outline": e.w.MicroOutline(approval.CreditStatus(credit), credits),
	}, http.StatusCreated)
	v := out["version"].(obj)
	require.Equal(e.t, "draft", v["state"])
	return out["credential"].(obj)["id"].(string), v["id"].(string)
}

func (e *e2e) submitReviewAndCall(vid string) {
	w := e.w
	e.act(w.Proponent, vid, "submit", obj{"comment": "for review"}, "submitted")
	v := e.act(w.SMCChair, vid, "assign-reviewers", obj{"reviewer_ids": e.w.SMCReviewers()}, "in_review")
	require.NotEmpty(e.t, v["review_due_at"], "the deadline is stored and shown")
	for _, r := range w.SMC[:3] {
		e.act(r, vid, "reviews", obj{"duplicates": false, "competency_based": true, "credit_bearing": false}, "in_review")
	}
	e.act(w.SMCChair, vid, "call-question", nil, "voting")
}

func (e *e2e) issuability(cid string) obj {
	return e.call(e.w.Admin, http.MethodGet, "/credentials/"+cid+"/issuability", nil, http.StatusOK)
}

func e2eNonCredit(e *e2e) {
	w := e.w
	cid, vid := e.createMicro("non_credit_bearing", 0)
	require.Equal(e.t, false, e.issuability(cid)["issuable"])
	e.submitReviewAndCall(vid)
	e.act(w.SMC[0], vid, "votes", obj{"approve": true}, "voting")
	e.act(w.SMC[1], vid, "votes", obj{"approve": true}, "voting")
	e.act(w.SMC[2], vid, "votes", obj{"approve": true}, "chair_signature")
	e.act(w.SMCChair, vid, "chair-sign", obj{"comment": "signed"}, "provost_signature")
	e.act(w.Provost, vid, "provost-sign", nil, "approved")
	iss := e.issuability(cid)
	require.Equal(e.t, true, iss["issuable"])
	require.Equal(e.t, "non_credit_bearing", iss["credit"])
	require.Equal(e.t, vid, iss["version_id"])
}

func e2eCreditBearing(e *e2e) {
	w := e.w
	cid, vid := e.createMicro("credit_bearing", 3)
	e.submitReviewAndCall(vid)
	for i, want := range []string{"voting", "voting", "chair_signature"} {
		e.act(w.SMC[i], vid, "votes", obj{"approve": true}, want)
	}
	e.act(w.SMCChair, vid, "chair-sign", nil, "provost_signature")
	e.act(w.Provost, vid, "provost-sign", nil, "sscc_review")
	iss := e.issuability(cid)
	require.Equal(e.t, true, iss["issuable"])
	require.Equal(e.t, true, iss["interim"])
	require.Equal(e.t, "non_credit_bearing", iss["credit"], "issuable only as non credit-bearing while SSCC and Senate decide")
	e.act(w.SSCC, vid, "sscc-decision", obj{"recommend": true, "comment": "recommended to Senate"}, "senate_review")
	require.Equal(e.t, "non_credit_bearing", e.issuability(cid)["credit"])
	e.act(w.Senate, vid, "senate-decision", obj{"approve": true}, "approved")
	iss = e.issuability(cid)
	require.Equal(e.t, true, iss["issuable"])
	require.Equal(e.t, false, iss["interim"])
	require.Equal(e.t, "credit_bearing", iss["credit"])
	require.Equal(e.t, 3.0, iss["credits"])
}

func e2eSplitAndAppeal(e *e2e) {
	w := e.w
	_, vid := e.createMicro("non_credit_bearing", 0)
	e.submitReviewAndCall(vid)
	e.act(w.SMC[0], vid, "votes", obj{"approve": true}, "voting")
	e.act(w.SMC[1], vid, "votes", obj{"approve": false, "comment": "assessment unclear"}, "voting")
	e.act(w.SMC[2], vid, "votes", obj{"approve": true}, "meeting")
	e.act(w.SMCChair, vid, "call-final-vote", obj{"meeting_notes": "Met online on 20 November; assessment discussed."}, "final_voting")
	e.act(w.SMC[0], vid, "votes", obj{"approve": true}, "final_voting")
	e.act(w.SMC[1], vid, "votes", obj{"approve": false}, "final_voting")
	e.act(w.SMC[2], vid, "votes", obj{"approve": false}, "returned")
	e.act(w.SMCChair, vid, "appeal", obj{"grounds": "the proponent disputes the assessment concern"}, "appeal")
	e.act(w.SMC[3], vid, "votes", obj{"approve": true}, "appeal")
	e.act(w.SMCChair, vid, "votes", obj{"approve": true}, "appeal")
	e.act(w.SMC[0], vid, "votes", obj{"approve": true}, "chair_signature")
}

func e2eDuplication(e *e2e) {
	w := e.w
	_, vid := e.createMicro("non_credit_bearing", 0)
	e.act(w.Proponent, vid, "submit", nil, "submitted")
	e.act(w.SMCChair, vid, "assign-reviewers", obj{"reviewer_ids": e.w.SMCReviewers()}, "in_review")
	v := e.act(w.SMC[0], vid, "reviews", obj{"duplicates": true, "duplicate_of": "HIST 210", "duplicate_department_id": w.Departments[1].ID,
		"competency_based": true, "credit_bearing": false}, "duplication_consult")
	require.NotEmpty(e.t, v["consult_due_at"])
	e.refuse(w.SMCChair, vid, "call-question", nil, http.StatusConflict, "invalid_state")
	e.refuse(w.DeptChair, vid, "consultation/response", obj{"response": "not mine"}, http.StatusForbidden, "forbidden")
	e.act(w.OtherDeptChair, vid, "consultation/response", obj{"response": "Complementary to HIST 210; no objection."}, "in_review")
	view := e.call(w.SMCChair, http.MethodGet, "/versions/"+vid, nil, http.StatusOK)
	require.Contains(e.t, fmt.Sprint(view["consultations"]), "Complementary to HIST 210")
}

func e2eDigitalBadge(e *e2e) {
	w := e.w
	out := e.call(w.Proponent, http.MethodPost, "/credentials", obj{"kind": "digital_badge", "title": "Academic Integrity",
		"department_id": w.Departments[0].ID, "outline": w.BadgeOutline()}, http.StatusCreated)
	cid, vid := out["credential"].(obj)["id"].(string), out["version"].(obj)["id"].(string)
	e.act(w.Proponent, vid, "submit", nil, "dbc_review")
	e.act(w.DBC[0], vid, "votes", obj{"approve": true}, "dbc_review")
	e.act(w.DBC[1], vid, "votes", obj{"approve": true}, "dbc_review")
	e.act(w.DBCChair, vid, "votes", obj{"approve": true}, "approved")
	require.Equal(e.t, true, e.issuability(cid)["issuable"])
	rep := e.call(w.Provost, http.MethodPost, "/reports", obj{"meeting": "SSCC, 4 December 2026"}, http.StatusCreated)
	require.Contains(e.t, fmt.Sprint(rep["version_ids"]), vid)
	e.act(w.SSCC, vid, "sscc-query", obj{"concern": "it assesses competencies: a micro-credential?"}, "sscc_query")
	e.act(w.Provost, vid, "provost-explanation", obj{"explanation": "completion only; no assessment"}, "explained")
	e.act(w.SSCC, vid, "sscc-resolution", obj{"refer_to_senate": true, "comment": "still dissatisfied"}, "senate_referral")
	e.act(w.Senate, vid, "senate-resolution", obj{"rescind": true, "comment": "use the micro-credential process"}, "rescinded")
	require.Equal(e.t, false, e.issuability(cid)["issuable"])
}

func e2eRefusals(e *e2e) {
	w := e.w
	_, vid := e.createMicro("non_credit_bearing", 0)
	e.refuse(w.SMCChair, vid, "call-question", nil, http.StatusConflict, "invalid_state")
	e.refuse(w.OtherProponent, vid, "submit", nil, http.StatusForbidden, "forbidden")
	e.refuse(w.Learner, vid, "submit", nil, http.StatusForbidden, "forbidden")
	e.act(w.Proponent, vid, "submit", nil, "submitted")
	four := append(e.w.SMCReviewers(), w.SMC[3].ID)
	e.refuse(w.SMCChair, vid, "assign-reviewers", obj{"reviewer_ids": four}, http.StatusBadRequest, "invalid")
	e.refuse(w.SMC[0], vid, "assign-reviewers", obj{"reviewer_ids": e.w.SMCReviewers()}, http.StatusForbidden, "forbidden")
	e.act(w.SMCChair, vid, "assign-reviewers", obj{"reviewer_ids": e.w.SMCReviewers()}, "in_review")
	e.refuse(w.SMC[3], vid, "reviews", obj{"duplicates": false, "competency_based": true, "credit_bearing": false}, http.StatusForbidden, "forbidden")
	e.act(w.SMC[0], vid, "reviews", obj{"duplicates": false, "competency_based": true, "credit_bearing": false}, "in_review")
	e.refuse(w.SMCChair, vid, "call-question", nil, http.StatusConflict, "invalid_state")
	e.refuse(w.SMC[0], vid, "votes", obj{"approve": true}, http.StatusConflict, "invalid_state")
	e.refuse(w.Proponent, vid, "votes", obj{"approve": true}, http.StatusForbidden, "forbidden")
}

func e2eHistory(e *e2e) {
	w := e.w
	cid, vid := e.createMicro("non_credit_bearing", 0)
	e.act(w.Proponent, vid, "submit", obj{"comment": "=HYPERLINK(\"http://x\")"}, "submitted")
	e.act(w.SMCChair, vid, "return-incomplete", obj{"feedback": "Add the assessment rubric, please."}, "incomplete")
	hist := e.call(w.Admin, http.MethodGet, "/credentials/"+cid+"/history", nil, http.StatusOK)
	items := hist["items"].([]any)
	require.Len(e.t, items, 3)
	last := items[2].(obj)
	require.Equal(e.t, "return_incomplete", last["action"])
	require.Equal(e.t, w.SMCChair.ID, last["actor_id"])
	require.Equal(e.t, "smc_chair", last["actor_role"])
	require.Equal(e.t, "submitted", last["from_state"])
	require.Equal(e.t, "incomplete", last["to_state"])
	require.Equal(e.t, "Add the assessment rubric, please.", last["comment"])

	req, _ := http.NewRequest(http.MethodGet, e.base+"/credentials/"+cid+"/history.csv", nil)
	req.Header.Set("Authorization", "Bearer "+w.Token(w.Admin))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	require.Equal(e.t, http.StatusOK, resp.StatusCode)
	require.Contains(e.t, resp.Header.Get("Content-Type"), "text/csv")
	csv, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	require.Contains(e.t, string(csv), "return_incomplete")
	require.Contains(e.t, string(csv), `'=HYPERLINK`, "cells that a spreadsheet would run as formulas are neutralised")
}

// TestExtensionContextServed checks that the extension context named in
// issued credentials is served, unauthenticated, byte for byte as embedded.
func TestExtensionContextServed(t *testing.T) {
	t.Parallel()
	w := issuertest.New(t, issuertest.OpenStore(t, "sqlite"))
	srv, err := api.New(api.Config{Service: w.Svc, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	resp, err := http.Get(ts.URL + ob3.ExtensionContextPath)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/ld+json", resp.Header.Get("Content-Type"))
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, ob3.ExtensionContext, body)
	require.Equal(t, ts.URL+ob3.ExtensionContextPath, ob3.ExtensionContextURL(ts.URL))
}
