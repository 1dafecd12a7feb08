#!/usr/bin/env bash
# with-postgres.sh COMMAND [ARG...]
#
# Runs COMMAND with BADGED_TEST_POSTGRES_URL set to a server found or started
# by ensure-postgres.sh, then stops and deletes any throwaway server started
# for it, however COMMAND ends. Exits with COMMAND's status.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# /tmp rather than $TMPDIR: as root the cluster runs as another user, who
# must be able to reach the directory.
state=$(mktemp -d /tmp/badged-pg.XXXXXX)
cleanup() {
	"$here/stop-postgres.sh" "$state" || true
	rm -rf "$state"
}
# COMMAND runs in the foreground, so Ctrl-C reaches it as usual; a signal
# to this script alone waits for COMMAND to end before the server stops.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

BADGED_TEST_POSTGRES_URL=$("$here/ensure-postgres.sh" "$state")
export BADGED_TEST_POSTGRES_URL
# The password, if any, stays out of logs.
echo "PostgreSQL for the tests: BADGED_TEST_POSTGRES_URL=$(sed -E 's#://([^:/@]*):[^@]*@#://\1:xxxxx@#' <<<"$BADGED_TEST_POSTGRES_URL")" >&2
"$@"
