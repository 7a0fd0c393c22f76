#!/bin/sh
# Vergleich tdsite – Hugo: ganze Builds (verkleinerte Ausgabe) derselben
# Seiten (Hugo-Korpus: Spiegel der tdsite-Website, internal/gencontent/hugosite),
# je RUNS Läufe abwechselnd (tdsite, Hugo, tdsite, …); Median der Zeit, des
# Verhältnisses je Paar und des Spitzenspeichers (RSS); dazu die
# geschriebenen HTML-Megabytes beider (MB in den Spalten „tdsite/Hugo MB“ = RSS).
#   test/bench/vergleich.sh            N = 1000 und 10000
#   NS="1000 10000 50000" RUNS=5 test/bench/vergleich.sh
# Danach die Skalierung (nur tdsite, SKALIERUNG="1000 50000", je 3 Läufe).
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

# park DIR...: moves earlier output out of the way; all is deleted on exit.
# Deleting it right before a build made both tools 2–3 s slower at 10,000
# pages: ext4 without a journal (as on this VM) passes over inodes freed in
# the last 30 seconds when it creates files.
park() {
	for d in "$@"; do
		[ ! -e "$d" ] || mv "$d" "$tmp/alt/$(basename "$d").$(date +%s%N)"
	done
}
mkdir "$tmp/alt"

# measure NAME CMD...: RUNS runs, prints "seconds megabytes" (medians).
# Each run starts without output folder, unless KEEP=1 (no-op rebuild).
measure() {
	name=$1; shift
	: > "$tmp/$name.t"
	i=0
	while [ $i -lt "$RUNS" ]; do
		[ "${KEEP:-}" = 1 ] || park "$tmp/out-$name"
		/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null
		cat "$tmp/time" >> "$tmp/$name.t"
		i=$((i + 1))
	done
	s=$(cut -d' ' -f1 "$tmp/$name.t" | median)
	mb=$(cut -d' ' -f2 "$tmp/$name.t" | median | awk '{printf "%.0f", $1/1024}')
	echo "$s $mb"
}

printf '%-7s %-7s %9s %8s %7s %10s %8s %12s %14s %9s %8s\n' N Seiten "tdsite s" "Hugo s" Ratio "tdsite MB" "Hugo MB" "tdsite ms/S" "unverändert s" "HTML-MB t" "HTML-MB h"
for n in $NS; do
	pages=$("$tmp/gencontent" -n "$n" -tdsite "$tmp/t$n" -hugo "$tmp/h$n")
	# tdsite and Hugo take turns, so that both see the same load of a
	# shared machine; the ratio is the median of the ratios of each pair.
	: > "$tmp/paar"
	i=0
	while [ $i -lt "$RUNS" ]; do
		park "$tmp/out-t$n" "$tmp/out-h$n"
		/usr/bin/time -f "%e %M" -o "$tmp/time-t" "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n" >/dev/null
		/usr/bin/time -f "%e %M" -o "$tmp/time-h" hugo --quiet --minify --source "$tmp/h$n" --destination "$tmp/out-h$n" >/dev/null
		echo "$(cat "$tmp/time-t") $(cat "$tmp/time-h")" >> "$tmp/paar"
		i=$((i + 1))
	done
	ts=$(cut -d' ' -f1 "$tmp/paar" | median)
	tm=$(cut -d' ' -f2 "$tmp/paar" | median | awk '{printf "%.0f", $1/1024}')
	hs=$(cut -d' ' -f3 "$tmp/paar" | median)
	hm=$(cut -d' ' -f4 "$tmp/paar" | median | awk '{printf "%.0f", $1/1024}')
	ratio=$(awk '{print $1/$3}' "$tmp/paar" | median)
	# Second build without changes: the build cache answers.
	set -- $(KEEP=1 measure "t$n" "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n")
	noop=$1
	th=$(find "$tmp/out-t$n" -name '*.html' | wc -l)
	hh=$(find "$tmp/out-h$n" -name '*.html' | wc -l)
	tb=$(find "$tmp/out-t$n" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1048576}')
	hb=$(find "$tmp/out-h$n" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1048576}')
	awk -v n="$n" -v p="$pages" -v ts="$ts" -v hs="$hs" -v r="$ratio" -v tm="$tm" -v hm="$hm" -v th="$th" -v hh="$hh" -v noop="$noop" -v tb="$tb" -v hb="$hb" 'BEGIN {
		printf "%-7s %-7s %9.2f %8.2f %7.2f %10s %8s %12.3f %14.2f %9s %8s\n", n, p, ts, hs, r, tm, hm, ts*1000/p, noop, tb, hb
		if (th != hh) printf "  Achtung: Hugo schrieb %d HTML-Seiten, tdsite %d.\n", hh, th
	}'
	park "$tmp/t$n" "$tmp/h$n" "$tmp/out-t$n" "$tmp/out-h$n"
done
# Scaling: time per page on a small and a large site (target: the large
# one at most 1.3 times the small one's).
SKALIERUNG=${SKALIERUNG-"1000 50000"}
[ -z "$SKALIERUNG" ] || { echo; printf '%-7s %-7s %9s %10s %12s %8s\n' N Seiten "tdsite s" "tdsite MB" "ms je Seite" Faktor; }
base=""
for n in $SKALIERUNG; do
	pages=$("$tmp/gencontent" -n "$n" -tdsite "$tmp/s$n")
	set -- $(RUNS=3 measure "s$n" "$tmp/tdsite" build --quiet --no-cache --source "$tmp/s$n" --dest "$tmp/out-s$n")
	per=$(awk -v s="$1" -v p="$pages" 'BEGIN {printf "%.4f", s*1000/p}')
	[ -n "$base" ] || base=$per
	awk -v n="$n" -v p="$pages" -v s="$1" -v m="$2" -v per="$per" -v base="$base" 'BEGIN {
		printf "%-7s %-7s %9.2f %10s %12.3f %8.2f\n", n, p, s, m, per, per/base }'
	park "$tmp/s$n" "$tmp/out-s$n"
done
echo "Maschine: $(nproc) Kerne, $(hugo version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3)"
