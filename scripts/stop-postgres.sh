#!/usr/bin/env bash
# stop-postgres.sh STATE_DIR
#
# Stops the throwaway cluster ensure-postgres.sh started in STATE_DIR, if it
# started one. Silent on success: it runs after the test summary, whose last
# line must stay last.
set -uo pipefail

state=${1:?usage: stop-postgres.sh STATE_DIR}
[[ -f $state/data/postmaster.pid && -f $state/bindir && -f $state/user ]] || exit 0

bin=$(<"$state/bindir")
user=$(<"$state/user")
run=()
((EUID == 0)) && run=(runuser -u "$user" --)
# immediate: there is nothing in it worth a clean shutdown.
if ! (cd "$state" && "${run[@]}" "$bin/pg_ctl" --pgdata="$state/data" --mode=immediate --wait --silent stop) >/dev/null 2>&1; then
	echo "stop-postgres: could not stop the throwaway PostgreSQL in $state" >&2
	exit 1
fi
