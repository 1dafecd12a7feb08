#!/usr/bin/env bash
# fuzz.sh [FUZZTIME [PACKAGE...]]
#
# Runs every fuzz target in the packages (default ./...), one after the
# other, for FUZZTIME each (default 10s). Targets are found with `go test -list`, so a new one
# is fuzzed without being named here. Stops at the first failure, which go
# test reports with the input it saved under testdata/fuzz/.
set -euo pipefail

fuzztime=${1:-10s}
shift || true
packages=("${@:-./...}")
go=${GO:-go}

# go test -list prints a package's matching names, then "ok <package> <time>".
targets=$("$go" test -list '^Fuzz' "${packages[@]}" | awk '
	/^Fuzz/ { names = names " " $1; next }
	/^ok / { if (names != "") print $2 names; names = "" }
')
if [[ -z $targets ]]; then
	echo "fuzz: no fuzz targets"
	exit 0
fi

count=0
while read -r pkg names; do
	for name in $names; do
		echo "fuzz: $pkg $name for $fuzztime"
		"$go" test -run='^$' -fuzz="^$name\$" -fuzztime="$fuzztime" "$pkg"
		count=$((count + 1))
	done
done <<<"$targets"
echo "fuzz: $count targets fuzzed for $fuzztime each"
