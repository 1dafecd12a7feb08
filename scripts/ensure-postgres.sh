#!/usr/bin/env bash
# ensure-postgres.sh STATE_DIR
#
# Prints on stdout the admin URL of a PostgreSQL server for the test suite
# (the value of BADGED_TEST_POSTGRES_URL), the first of:
#   1. BADGED_TEST_POSTGRES_URL, when it is already set;
#   2. a server on 127.0.0.1:5432 that trusts the user postgres or root,
#      unless BADGED_TEST_PG_SKIP_LOCAL=1;
#   3. a throwaway cluster started in STATE_DIR from the installed PostgreSQL
#      binaries (/usr/lib/postgresql/*/bin, or BADGED_TEST_PG_BINDIR);
#   4. the same after `apt-get install postgresql`, unless
#      BADGED_TEST_PG_NO_INSTALL=1.
# Exits non-zero, saying why, when none works. Progress goes to stderr.
# A cluster started here runs until `stop-postgres.sh STATE_DIR`; run the
# tests through with-postgres.sh, which does both.
set -euo pipefail

state=${1:?usage: ensure-postgres.sh STATE_DIR}

log() { echo "ensure-postgres: $*" >&2; }
die() {
	log "error: $*"
	log "no PostgreSQL for the tests; set BADGED_TEST_POSTGRES_URL=postgres://USER@HOST:PORT/postgres?sslmode=disable to a server where USER may create databases, or install PostgreSQL (apt-get install postgresql)"
	exit 1
}

# answers URL PSQL: whether a server at URL accepts a query from us.
answers() {
	PGCONNECT_TIMEOUT=3 "$2" --no-password --no-psqlrc --quiet --tuples-only \
		--dbname="$1" --command='SELECT 1' </dev/null >/dev/null 2>&1
}

# find_bindir: the directory of the newest initdb and pg_ctl, if any.
find_bindir() {
	local dirs
	if [[ -n ${BADGED_TEST_PG_BINDIR:-} ]]; then
		dirs=$BADGED_TEST_PG_BINDIR
	else
		dirs=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r || true)
	fi
	local dir
	for dir in $dirs; do
		if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
			echo "$dir"
			return 0
		fi
	done
	return 1
}

install_postgres() {
	if [[ ${BADGED_TEST_PG_NO_INSTALL:-} == 1 ]]; then
		log "BADGED_TEST_PG_NO_INSTALL=1: not installing PostgreSQL"
		return 1
	fi
	command -v apt-get >/dev/null || { log "no apt-get to install PostgreSQL with"; return 1; }
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null || { log "installing PostgreSQL needs root"; return 1; }
		sudo=(sudo -n)
	fi
	log "installing PostgreSQL from Debian's packages (a minute or two)"
	local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q)
	"${apt[@]}" update >&2 && "${apt[@]}" install -y --no-install-recommends postgresql >&2
}

# port_free PORT: nothing accepts connections on 127.0.0.1:PORT.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_cluster BINDIR: initialise and start a cluster in $state, print its URL.
start_cluster() {
	local bin=$1 user run=()
	# PostgreSQL refuses to run as root.
	if ((EUID == 0)); then
		user=postgres
		if ! id -u "$user" >/dev/null 2>&1; then
			user=badged-pg
			id -u "$user" >/dev/null 2>&1 ||
				useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
		fi
		run=(runuser -u "$user" --)
	else
		user=$(id -un)
	fi
	chmod 755 "$state"
	install -d -m 700 -o "$user" "$state/data" "$state/run"
	echo "$bin" >"$state/bindir"
	echo "$user" >"$state/user"

	log "starting a throwaway PostgreSQL ($("$bin/postgres" --version)) in $state as $user"
	# --no-sync and fsync=off: the data lives as long as one test run.
	if ! (cd "$state" && "${run[@]}" "$bin/initdb" --pgdata="$state/data" --username=postgres \
		--auth=trust --encoding=UTF8 --no-locale --no-sync --no-instructions) >"$state/initdb.log" 2>&1; then
		cat "$state/initdb.log" >&2
		die "initdb failed"
	fi

	local attempt port
	for attempt in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + RANDOM % 40000))
		port_free "$port" || continue
		if (cd "$state" && "${run[@]}" "$bin/pg_ctl" --pgdata="$state/data" --log="$state/run/postgres.log" \
			--wait --timeout=60 --silent start --options="-p $port -c listen_addresses=127.0.0.1 \
			-k $state/run -c max_connections=200 -c fsync=off -c synchronous_commit=off \
			-c full_page_writes=off") >&2; then
			local url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			answers "$url" "$bin/psql" || die "the throwaway PostgreSQL started but does not answer at $url"
			echo "$url"
			return 0
		fi
		# Another process may have taken the port between the check and
		# the bind; anything else is not going to get better.
		grep -q 'could not bind\|Address already in use' "$state/run/postgres.log" 2>/dev/null || break
		log "port $port was taken; trying another (attempt $attempt)"
	done
	cat "$state/run/postgres.log" >&2 2>/dev/null || true
	die "could not start the throwaway PostgreSQL"
}

if [[ -n ${BADGED_TEST_POSTGRES_URL:-} ]]; then
	log "using BADGED_TEST_POSTGRES_URL as given"
	echo "$BADGED_TEST_POSTGRES_URL"
	exit 0
fi

if [[ ${BADGED_TEST_PG_SKIP_LOCAL:-} == 1 ]]; then
	log "BADGED_TEST_PG_SKIP_LOCAL=1: not trying 127.0.0.1:5432"
else
	psql=$(command -v psql || true)
	[[ -n $psql ]] || psql=$( (find_bindir || true) | sed 's|$|/psql|')
	if [[ -x $psql ]]; then
		for user in postgres root; do
			url="postgres://$user@127.0.0.1:5432/postgres?sslmode=disable"
			if answers "$url" "$psql"; then
				log "using the server on 127.0.0.1:5432 as $user"
				echo "$url"
				exit 0
			fi
		done
		log "no server on 127.0.0.1:5432 trusts postgres or root"
	else
		log "no psql to try 127.0.0.1:5432 with"
	fi
fi

if bindir=$(find_bindir); then
	start_cluster "$bindir"
	exit 0
fi
log "no PostgreSQL binaries in ${BADGED_TEST_PG_BINDIR:-/usr/lib/postgresql/*/bin}"
install_postgres || die "could not install PostgreSQL"
# Look where Debian put them, whatever BADGED_TEST_PG_BINDIR said.
bindir=$(BADGED_TEST_PG_BINDIR='' find_bindir) || die "PostgreSQL was installed but initdb is not in /usr/lib/postgresql/*/bin"
start_cluster "$bindir"
