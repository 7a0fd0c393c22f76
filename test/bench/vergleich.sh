#!/bin/sh
# Vergleich tdsite – Hugo – Boden: ganze Builds derselben Inhalte
# (internal/gencontent: jede erzeugte Maßnahme mit eigenem Markdown-Text).
# Zwei Hugo-Korpora (internal/gencontent/hugosite):
#   Spiegel      eine Hugo-Seite an der Adresse jeder tdsite-Seite, im selben Rahmen
#   idiomatisch  wie Hugo-Nutzer die Inhalte bauen: Abschnitt je Strategie,
#                Taxonomien Handlungsfeld/Ressort/Status, Liste aller Maßnahmen,
#                Feeds mit 20 Einträgen
# Boden: internal/gencontent/cmd/floor rendert nur das Markdown mit goldmark
# (dieselben Erweiterungen) und schreibt eine Datei je Text, auf 2 Goroutinen.
# Je RUNS Runden abwechselnd (tdsite, tdsite kalt mit --no-cache, Hugo-Spiegel,
# Hugo-idiomatisch, Boden); Median der Zeit, der Verhältnisse je Runde, des
# Spitzenspeichers (RSS) und der Seitenfehler;
# dazu die Größe der ganzen Ausgabe, der Build ohne Änderung und der Build
# nach Änderung einer Maßnahme (tdsite build mit vorhandener Ausgabe: inkrementell,
# nur die betroffenen Seiten neu).
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
go build -o "$tmp/floor" ./internal/gencontent/cmd/floor

echo "Datum: $(date -u '+%Y-%m-%d %H:%M UTC'); Maschine: $(nproc) Kerne, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Last $(cut -d' ' -f1-3 /proc/loadavg), THP $(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo '?')${TDSITE_HUGEPAGES:+, TDSITE_HUGEPAGES=$TDSITE_HUGEPAGES}"
# THP: the transparent-huge-page mode; with "madvise" tdsite asks for huge
# pages itself, Hugo and the floor do not (docs/leistung.md, „Große Speicherseiten“).
echo "$(hugo version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3), tdsite $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $RUNS Runden"
echo

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# park DIR...: moves earlier output out of the way; all is deleted on exit.
# Deleting it right before a build made both tools 2–3 s slower at 10,000
# pages: ext4 without a journal (as on this VM) passes over inodes freed in
# the last 60 seconds when it creates files, and over those freed in the
# last 6 minutes while their inode table is not yet written back
# (fs/ext4/ialloc.c, RECENTCY_MIN and RECENTCY_DIRTY).
park() {
	for d in "$@"; do
		[ ! -e "$d" ] || mv "$d" "$tmp/alt/$(basename "$d").$(date +%s%N)"
	done
}
mkdir "$tmp/alt"

# timed NAME CMD...: runs CMD and appends "seconds kilobytes faults user
# system" to $tmp/NAME.t (faults: minor page faults, each a fresh page of
# memory; on the project's virtual machines a fault costs 11–19 µs, so at
# 10,000 pages tdsite's faults are a quarter of its CPU time,
# docs/leistung.md; user and system: CPU seconds).
# sync first: the kernel writes the previous tool's output back to disk
# some seconds later, on the same 2 cores, and that cost belongs to no
# one's build (without it, single tdsite rounds took 7.2–11.4 s).
timed() {
	name=$1; shift
	sync
	/usr/bin/time -f "%e %M %R %U %S" -o "$tmp/time" "$@" >/dev/null
	cat "$tmp/time" >> "$tmp/$name.t"
}

# col NAME K: median of column K of $tmp/NAME.t
col() { cut -d' ' -f"$2" "$tmp/$1.t" | median; }
# ratio A B: median of the ratios of the seconds of A and B, run by run
ratio() { paste -d' ' "$tmp/$1.t" "$tmp/$2.t" | awk '{print $1/$(NF/2+1)}' | median; }
# cpu NAME: median CPU seconds (user + system); cpuratio A B: median of
# the ratios of the CPU seconds of A and B, run by run. On a shared
# machine the wall-clock ratio to the floor moved from 2.4 to 2.85 within
# an hour for the same code, the CPU ratio far less (docs/leistung.md):
# it tells a change of the code from a change of the machine.
cpu() { awk '{print $4 + $5}' "$tmp/$1.t" | median; }
cpuratio() { paste -d' ' "$tmp/$1.t" "$tmp/$2.t" | awk '{h = NF / 2; print ($4 + $5) / ($(h + 4) + $(h + 5))}' | median; }
# size DIR: all files written, in MB; html DIR: number of HTML pages
size() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1048576}'; }
html() { find "$1" -name '*.html' | wc -l; }

printf '%-7s %-19s %13s %9s %9s %11s %11s %13s\n' N Vergleich "HTML-Seiten" "tdsite s" "andere s" "tdsite/and." "RSS-MB t/a" "Ausgabe-MB t/a"
for n in $NS; do
	"$tmp/gencontent" -n "$n" -tdsite "$tmp/t$n" -hugo "$tmp/h$n" -hugo-idiomatisch "$tmp/i$n" >/dev/null
	for k in t c h i f; do : > "$tmp/$k.t"; done
	# All take turns, so that all see the same load of a shared machine;
	# a ratio is the median of the ratios of each round.
	i=0
	while [ $i -lt "$RUNS" ]; do
		park "$tmp/out-t$n" "$tmp/out-t$n-externe-links.txt" "$tmp/out-c$n" "$tmp/out-c$n-externe-links.txt" "$tmp/out-h$n" "$tmp/out-i$n" "$tmp/out-f$n"
		# From round 2 on, tdsite finds the record of its last build beside
		# the (parked) output and takes the parsed content from it; the cold
		# build (--no-cache) parses everything, as the first round does.
		timed t "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n"
		timed c "$tmp/tdsite" build --quiet --no-cache --source "$tmp/t$n" --dest "$tmp/out-c$n"
		timed h hugo --quiet --minify --source "$tmp/h$n" --destination "$tmp/out-h$n"
		timed i hugo --quiet --minify --source "$tmp/i$n" --destination "$tmp/out-i$n"
		timed f "$tmp/floor" -source "$tmp/t$n" -dest "$tmp/out-f$n"
		i=$((i + 1))
	done
	ts=$(col t 1)
	tm=$(col t 2)
	th=$(html "$tmp/out-t$n")
	tb=$(size "$tmp/out-t$n")
	for k in h i f; do
		case $k in
		h) label="Hugo, Spiegel" ;;
		i) label="Hugo, idiomatisch" ;;
		f) label="Boden (goldmark)" ;;
		esac
		awk -v n="$n" -v l="$label" -v th="$th" -v ah="$(html "$tmp/out-$k$n")" -v ts="$ts" -v as="$(col $k 1)" \
			-v r="$(ratio t $k)" -v tm="$tm" -v am="$(col $k 2)" -v tb="$tb" -v ab="$(size "$tmp/out-$k$n")" 'BEGIN {
			printf "%-7s %-19s %13s %9.2f %9.2f %11.2f %11s %13s\n", n, l, th "/" ah, ts, as, r, sprintf("%.0f/%.0f", tm/1024, am/1024), tb "/" ab }'
	done
	awk -v n="$n" -v cs="$(col c 1)" -v r="$(ratio c f)" -v cm="$(col c 2)" -v ct="$(col t 3)" -v cc="$(col c 3)" -v cf="$(col f 3)" 'BEGIN {
		printf "%-7s %-19s %13s %9.2f %9s %11.2f %11s   Seitenfehler t/kalt/Boden %.0f/%.0f/%.0f\n", n, "Boden, tdsite kalt", "", cs, "", r, sprintf("%.0f", cm/1024), ct, cc, cf }'
	awk -v t="$(cpu t)" -v c="$(cpu c)" -v f="$(cpu f)" -v rt="$(cpuratio t f)" -v rc="$(cpuratio c f)" 'BEGIN {
		printf "        Rechenzeit (CPU-s): tdsite %.2f, kalt %.2f, Boden %.2f; tdsite/Boden %.2f, kalt/Boden %.2f\n", t, c, f, rt, rc }'
	# The rounds themselves: a median of ratios that differs from the
	# ratio of the medians shows a round that the machine disturbed.
	for k in t c h i f; do
		printf '        Runden %s: %s s\n' "$k" "$(cut -d' ' -f1 "$tmp/$k.t" | paste -sd' ')"
	done
	# Second build without changes: the build cache answers.
	: > "$tmp/noop.t"
	: > "$tmp/eine.t"
	i=0
	while [ $i -lt "$RUNS" ]; do
		timed noop "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n"
		# One measure's text changed, as an editor would change it.
		printf '\nErgänzt in Runde %d.\n' "$i" >> "$tmp/t$n/content/strategien/beispiel-k001/massnahmen/K001-101.md"
		timed eine "$tmp/tdsite" build --quiet --source "$tmp/t$n" --dest "$tmp/out-t$n"
		i=$((i + 1))
	done
	awk -v noop="$(col noop 1)" -v eine="$(col eine 1)" -v ms="$(awk -v s="$ts" -v p="$th" 'BEGIN {print s*1000/p}')" 'BEGIN {
		printf "        tdsite: unverändert %.2f s, eine Maßnahme geändert %.2f s, %.3f ms je Seite (Hugo baut immer ganz)\n", noop, eine, ms }'
	park "$tmp/t$n" "$tmp/h$n" "$tmp/i$n" "$tmp/out-t$n" "$tmp/out-t$n-externe-links.txt" "$tmp/out-c$n" "$tmp/out-c$n-externe-links.txt" "$tmp/out-h$n" "$tmp/out-i$n" "$tmp/out-f$n"
done
cat <<'EOF'
„andere“ ist das Werkzeug der Zeile; tdsite/and. der Median der Verhältnisse je Runde.
Runden: Sekunden je Runde, t tdsite, c tdsite kalt (--no-cache), h Hugo-Spiegel, i Hugo idiomatisch, f Boden.
„Boden, tdsite kalt“: tdsite ohne Baustand (--no-cache) gegen den Boden.
Rechenzeit: Sekunden aller Kerne (Nutzer + System), Median; die Verhältnisse als Median je Runde.
Ausgabe-MB: alle geschriebenen Dateien; RSS-MB: Spitzenspeicher (Median).
EOF
# Scaling: time per page on a small and a large site (target: the large
# one at most 1.2 times the small one's).
SKALIERUNG=${SKALIERUNG-"1000 50000"}
[ -z "$SKALIERUNG" ] || { echo; printf '%-7s %-7s %9s %10s %12s %8s\n' N Seiten "tdsite s" "tdsite MB" "ms je Seite" Faktor; }
base=""
for n in $SKALIERUNG; do
	pages=$("$tmp/gencontent" -n "$n" -tdsite "$tmp/s$n")
	: > "$tmp/s.t"
	for i in 1 2 3; do
		park "$tmp/out-s$n"
		timed s "$tmp/tdsite" build --quiet --no-cache --source "$tmp/s$n" --dest "$tmp/out-s$n"
	done
	s=$(col s 1)
	per=$(awk -v s="$s" -v p="$pages" 'BEGIN {printf "%.4f", s*1000/p}')
	[ -n "$base" ] || base=$per
	awk -v n="$n" -v p="$pages" -v s="$s" -v m="$(col s 2)" -v per="$per" -v base="$base" 'BEGIN {
		printf "%-7s %-7s %9.2f %10.0f %12.3f %8.2f\n", n, p, s, m/1024, per, per/base }'
	park "$tmp/s$n" "$tmp/out-s$n"
done
