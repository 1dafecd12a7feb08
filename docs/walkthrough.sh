#!/usr/bin/env bash
# One micro-credential from draft to approved, over the HTTP API with curl.
#
#   BADGED=http://127.0.0.1:8080 ADMIN_TOKEN=bdg_... docs/walkthrough.sh
#
# ADMIN_TOKEN is the token `make run` prints on first start. The script
# needs only bash, curl and sed. It sets up a Faculty, a department and the
# people of the policy, then walks the proposal through the SMC and the
# Provost, printing each state. Run it once on a fresh database (the
# committee seats it fills can be filled only once). The README shows the
# same calls.
set -euo pipefail
: "${BADGED:=http://127.0.0.1:8080}" "${ADMIN_TOKEN:?set ADMIN_TOKEN to the token make run printed}"
API=$BADGED/api/v1
run=$(date +%s)   # keeps emails and codes unique

# call TOKEN METHOD PATH [JSON]: prints the response body; fails on an HTTP error.
call() {
	local body
	body=$(curl -sS -X "$2" "$API$3" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
		${4:+--data "$4"} -w '\n%{http_code}')
	local status=${body##*$'\n'}
	body=${body%$'\n'*}
	if [[ $status -ge 400 ]]; then
		echo "$2 $3 -> $status $body" >&2
		return 1
	fi
	printf '%s\n' "$body"
}
# field NAME: the first "NAME":"value" in the JSON on stdin.
field() { grep -o "\"$1\":\"[^\"]*\"" | head -n1 | sed 's/.*:"\(.*\)"/\1/'; }

# 1. The central office sets up the institution.
FAC=$(call "$ADMIN_TOKEN" POST /faculties "{\"code\":\"SCI$run\",\"name\":\"Faculty of Science\"}" | field id)
DEP=$(call "$ADMIN_TOKEN" POST /departments "{\"faculty_id\":\"$FAC\",\"code\":\"CS$run\",\"name\":\"Computer Science\"}" | field id)

# 2. People: a proponent, the Provost, the SMC Chair and three SMC members.
user() { # user EMAIL NAME [ROLE]: prints "id token"
	local roles=${3:+"[{\"role\":\"$3\"}]"}
	local id
	id=$(call "$ADMIN_TOKEN" POST /users "{\"email\":\"$1\",\"name\":\"$2\",\"roles\":${roles:-[]}}" | field id)
	echo "$id $(call "$ADMIN_TOKEN" POST /tokens "{\"name\":\"walkthrough\",\"user_id\":\"$id\"}" | field secret)"
}
read -r PRO PRO_T < <(user "pat.$run@uni.example" "Pat Proponent" proponent)
read -r PROV PROV_T < <(user "provost.$run@uni.example" "The Provost" provost)
read -r CHAIR CHAIR_T < <(user "chair.$run@uni.example" "SMC Chair")
read -r R1 R1_T < <(user "r1.$run@uni.example" "Reviewer One")
read -r R2 R2_T < <(user "r2.$run@uni.example" "Reviewer Two")
read -r R3 R3_T < <(user "r3.$run@uni.example" "Reviewer Three")
call "$ADMIN_TOKEN" POST /committees/smc/members "{\"user_id\":\"$CHAIR\",\"seat\":\"faculty\",\"faculty_id\":\"$FAC\",\"chair\":true}" >/dev/null
call "$ADMIN_TOKEN" POST /committees/smc/members "{\"user_id\":\"$R1\",\"seat\":\"provost_office\"}" >/dev/null
call "$ADMIN_TOKEN" POST /committees/smc/members "{\"user_id\":\"$R2\",\"seat\":\"cps\"}" >/dev/null
call "$ADMIN_TOKEN" POST /committees/smc/members "{\"user_id\":\"$R3\",\"seat\":\"decanal\"}" >/dev/null

# 3. The proponent drafts the Outline form (GET /forms/micro_credential lists its fields) and submits it.
OUTLINE="{\"title\":\"Design Thinking\",\"description\":\"Apply design thinking to real problems.\",
 \"learning_outcomes\":[\"Frame a problem from a user's view\",\"Prototype and test a solution\"],
 \"competencies\":[{\"targetName\":\"Design thinking\",\"targetUrl\":\"https://example.org/skills/design\"}],
 \"assessment\":\"Two prototypes assessed with a rubric.\",\"hours_of_learning\":24,
 \"credit_request\":\"non_credit_bearing\",\"target_audience\":\"Working professionals\",\"offering_department\":\"$DEP\"}"
CRED=$(call "$PRO_T" POST /credentials "{\"kind\":\"micro_credential\",\"title\":\"Design Thinking\",\"department_id\":\"$DEP\",\"outline\":$OUTLINE}")
CID=$(field id <<<"$CRED")
VID=$(sed -n 's/.*"version":{"id":"\([^"]*\)".*/\1/p' <<<"$CRED")
step() { # step TOKEN ACTION JSON
	printf '%-18s -> %s\n' "$2" "$(call "$1" POST "/versions/$VID/$2" "$3" | field state)"
}
step "$PRO_T" submit '{"comment":"Ready for the SMC"}'

# 4. The SMC Chair finds it complete and assigns three reviewers (10 working days).
step "$CHAIR_T" assign-reviewers "{\"reviewer_ids\":[\"$R1\",\"$R2\",\"$R3\"]}"

# 5. Each reviewer answers the three questions.
for t in "$R1_T" "$R2_T" "$R3_T"; do
	step "$t" reviews '{"duplicates":false,"competency_based":true,"credit_bearing":false}'
done

# 6. All three reviews are in: the Chair calls the question; all three approve.
step "$CHAIR_T" call-question '{}'
for t in "$R1_T" "$R2_T" "$R3_T"; do step "$t" votes '{"approve":true}'; done

# 7. The SMC Chair signs and the Provost signs: approved.
step "$CHAIR_T" chair-sign '{"comment":"Signed for the SMC"}'
step "$PROV_T" provost-sign '{}'

# 8. May badges be issued now, and with which credit status? And the full record.
call "$ADMIN_TOKEN" GET "/credentials/$CID/issuability"
call "$ADMIN_TOKEN" GET "/credentials/$CID/history.csv" | cut -d, -f1-9
