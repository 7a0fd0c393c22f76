#!/bin/sh
# Vergleich tdsite – Hugo: ganze Builds (verkleinerte Ausgabe) gleich vieler
# Seiten, je RUNS Läufe; Median der Zeit, Median des Spitzenspeichers (RSS).
#   test/bench/vergleich.sh            N = 1000 und 10000
#   NS="1000 10000 50000" RUNS=5 test/bench/vergleich.sh
set -eu
NS=${NS:-"1000 10000"}
RUNS=${RUNS:-5}
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo; }
test -x /usr/bin/time || { apt-get update -qq && apt-get install -y -qq time; }
tmp=$(mktemp -d /tmp/tdsite-vergleich-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/tdsite" ./cmd/tdsite
go build -o "$tmp/gencontent" ./internal/gencontent/cmd/gencontent

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD...: RUNS runs, prints "seconds megabytes" (medians)
measure() {
	name=$1; shift
	: > "$tmp/$name.t"
	i=0
	while [ $i -lt "$RUNS" ]; do
		rm -rf "$tmp/out-$name"
		/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null
		cat "$tmp/time" >> "$tmp/$name.t"
		i=$((i + 1))
	done
	s=$(cut -d' ' -f1 "$tmp/$name.t" | median)
	mb=$(cut -d' ' -f2 "$tmp/$name.t" | median | awk '{printf "%.0f", $1/1024}')
	echo "$s $mb"
}

printf '%-8s %-8s %10s %8s %7s %10s %8s %12s\n' N Seiten "tdsite s" "Hugo s" Ratio "tdsite MB" "Hugo MB" "tdsite ms/S"
for n in $NS; do
	pages=$("$tmp/gencontent" -n "$n" -tdsite "$tmp/t$n" -hugo "$tmp/h$n")
	set -- $(measure "t$n" "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n")
	ts=$1; tm=$2
	set -- $(measure "h$n" hugo --quiet --minify --source "$tmp/h$n" --destination "$tmp/out-h$n")
	hs=$1; hm=$2
	got=$(find "$tmp/out-h$n" -name '*.html' | wc -l)
	awk -v n="$n" -v p="$pages" -v ts="$ts" -v hs="$hs" -v tm="$tm" -v hm="$hm" -v got="$got" 'BEGIN {
		printf "%-8s %-8s %10.2f %8.2f %7.2f %10s %8s %12.2f\n", n, p, ts, hs, ts/hs, tm, hm, ts*1000/p
		if (got != p) printf "  Achtung: Hugo schrieb %d Seiten, tdsite %d.\n", got, p
	}'
	rm -rf "$tmp/t$n" "$tmp/h$n" "$tmp/out-t$n" "$tmp/out-h$n"
done
echo "Maschine: $(nproc) Kerne, $(hugo version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3)"
