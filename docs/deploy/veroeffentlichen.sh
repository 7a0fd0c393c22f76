#!/bin/sh
# Veröffentlicht public/ auf einem Webserver, ohne dass Besucherinnen und Besucher je eine
# halb hochgeladene Website sehen:
#   1. hochladen in <ziel>/releases/<fassung>/ (unveränderte Dateien als harte Links der
#      laufenden Fassung, das spart Zeit und Platz),
#   2. den Link <ziel>/current in einem Schritt auf die neue Fassung umstellen,
#   3. ältere Fassungen bis auf die letzten fünf löschen.
# Zurück zur vorigen Fassung: auf dem Server  ln -sfn releases/<alt> current.neu && mv -T current.neu current
#
# Aufruf: sh veroeffentlichen.sh <ordner> <benutzer@server> <zielordner> [fassung]
#   z. B.: sh docs/deploy/veroeffentlichen.sh public deploy@web1.example.org /srv/tdsite "$(git rev-parse --short HEAD)"
set -eu

quelle=${1:?Ordner mit der gebauten Website fehlt (z. B. public)}
server=${2:?Server fehlt (z. B. deploy@web1.example.org)}
ziel=${3:?Zielordner auf dem Server fehlt (z. B. /srv/tdsite)}
fassung=${4:-$(date -u +%Y%m%d-%H%M%S)}

case "$fassung" in
  *[!A-Za-z0-9._-]*) echo "Die Fassung darf nur Buchstaben, Ziffern, . _ - enthalten: $fassung" >&2; exit 2 ;;
esac
test -f "$quelle/index.html" || { echo "$quelle/index.html fehlt – zuerst „tdsite build“ ausführen." >&2; exit 3; }

ssh "$server" "mkdir -p '$ziel/releases'"
rsync -a --delete --chmod=D755,F644 --link-dest="$ziel/current/" "$quelle/" "$server:$ziel/releases/$fassung/"
# touch: rsync -a übernimmt die Zeit des Ordners public/; das Aufräumen sortiert nach dem Upload.
ssh "$server" "cd '$ziel' && touch 'releases/$fassung' && ln -sfn 'releases/$fassung' current.neu && mv -T current.neu current \
  && ls -1dt releases/*/ | tail -n +6 | grep -vx 'releases/$fassung/' | xargs -r rm -rf"
echo "Veröffentlicht: $server:$ziel/releases/$fassung (current)"
