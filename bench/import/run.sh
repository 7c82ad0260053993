#!/usr/bin/env bash
# bench/import/run.sh: import the same generated MediaWiki dump into Folio and,
# when it is installed, into MediaWiki 1.39 with importDump.php, and print
# pages/s for both and their ratio.
#
#   bench/import/run.sh [--pages N] [--revs N] [--no-mediawiki] [--keep]
#
# The dump comes from ../shared/peers/mediawiki/gen_dump.py (set GEN_DUMP to
# another path). Folio's figure covers the import, the link table rebuild and
# the RecentChanges rebuild; MediaWiki's covers importDump.php (which updates
# link tables as it goes) plus rebuildrecentchanges.php, each into a fresh
# SQLite wiki in a temporary directory. Nothing outside it is touched.
# FOLIO_BIN=path uses a built folio binary instead of building ./cmd/folio.
set -euo pipefail

PAGES=2000 REVS=1 MEDIAWIKI=1 KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pages) PAGES="$2"; shift 2 ;;
    --revs) REVS="$2"; shift 2 ;;
    --no-mediawiki) MEDIAWIKI=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GEN_DUMP="${GEN_DUMP:-$ROOT/../shared/peers/mediawiki/gen_dump.py}"
PYTHON="${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}"
MW="${MW_DIR:-/usr/share/mediawiki}"
WORK="$(mktemp -d /tmp/folio-bench-import.XXXXXX)"
if [[ $KEEP == 0 ]]; then trap 'rm -rf "$WORK"' EXIT; else echo "work directory: $WORK"; fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }'; }
# timed FILE CMD...: run CMD, writing GNU time's max RSS (KB) and user+sys
# CPU seconds to FILE when available.
timed() {
  local out="$1"; shift
  if [[ -x /usr/bin/time ]]; then /usr/bin/time -f '%M %U %S' -o "$out" "$@"; else "$@"; echo 0 0 0 > "$out"; fi
}
rss_mb() { awk '{ printf "%d", $1 / 1024 }' "$1"; }
cpu_s() { awk '{ printf "%.2f", $2 + $3 }' "$1"; }

[[ -f "$GEN_DUMP" ]] || { echo "gen_dump.py not found at $GEN_DUMP (set GEN_DUMP)" >&2; exit 1; }
"$PYTHON" "$GEN_DUMP" --pages "$PAGES" --revs "$REVS" --seed 1 -o "$WORK/dump.xml" 2> "$WORK/gen.log" ||
  { cat "$WORK/gen.log" >&2; exit 1; }
NPAGES=$(grep -c '<page>' "$WORK/dump.xml")
NREVS=$(grep -c '<revision>' "$WORK/dump.xml")
printf 'dump: %d pages, %d revisions, %s bytes (gen_dump.py --pages %s --revs %s --seed 1)\n' \
  "$NPAGES" "$NREVS" "$(stat -c %s "$WORK/dump.xml")" "$PAGES" "$REVS"

if [[ -n "${FOLIO_BIN:-}" ]]; then
  cp "$FOLIO_BIN" "$WORK/folio"
else
  (cd "$ROOT" && CGO_ENABLED=0 go build -o "$WORK/folio" ./cmd/folio)
fi
t0=$(now)
timed "$WORK/folio.rss" "$WORK/folio" import --data "$WORK/folio-data" --progress=false "$WORK/dump.xml" \
  > "$WORK/folio.log" 2>&1 || { cat "$WORK/folio.log" >&2; exit 1; }
t1=$(now)
FOLIO_S=$(secs "$t0" "$t1")
FOLIO_RATE=$(rate "$NPAGES" "$FOLIO_S")
IMPORT_S=$(sed -n 's/^import: .* in \([0-9.]*\)\(m\?s\)$/\1 \2/p' "$WORK/folio.log" | awk '{ print ($2 == "ms" ? $1 / 1000 : $1) }')
printf 'folio import: %ss total (%ss import, the rest link and RC rebuild), %s pages/s (import alone %s pages/s), CPU %ss, max RSS %s MB\n' \
  "$FOLIO_S" "$IMPORT_S" "$FOLIO_RATE" "$(rate "$NPAGES" "${IMPORT_S:-0}")" "$(cpu_s "$WORK/folio.rss")" "$(rss_mb "$WORK/folio.rss")"

if [[ $MEDIAWIKI == 0 || ! -f "$MW/maintenance/importDump.php" ]] || ! command -v php > /dev/null; then
  echo "mediawiki: not installed (need php and $MW); no ratio"
  exit 0
fi
mkdir -p "$WORK/mw/data" "$WORK/mw/conf"
php "$MW/maintenance/install.php" --server http://127.0.0.1:1 --scriptpath /w --dbtype sqlite \
  --dbpath "$WORK/mw/data" --dbname benchimport --lang en --pass "bench-import-$$-pass" \
  --confpath "$WORK/mw/conf" BenchImport Admin > "$WORK/mw-install.log" 2>&1
export MW_CONFIG_FILE="$WORK/mw/conf/LocalSettings.php"
# As in ../shared/peers/mediawiki/setup.sh: a file-based localisation cache,
# warmed before timing, and no jobs run inside requests.
mkdir -p "$WORK/mw/cache"
printf '\n$wgCacheDirectory = "%s";\n$wgJobRunRate = 0;\n' "$WORK/mw/cache" >> "$MW_CONFIG_FILE"
php "$MW/maintenance/rebuildLocalisationCache.php" --lang en --force --quiet > /dev/null 2>&1 || true
t0=$(now)
timed "$WORK/mw.rss" php "$MW/maintenance/importDump.php" --report 500 "$WORK/dump.xml" > "$WORK/mw-import.log" 2>&1
t1=$(now)
php "$MW/maintenance/rebuildrecentchanges.php" > "$WORK/mw-rrc.log" 2>&1
t2=$(now)
MW_IMPORT_S=$(secs "$t0" "$t1")
MW_S=$(secs "$t0" "$t2")
MW_RATE=$(rate "$NPAGES" "$MW_S")
printf 'mediawiki importDump.php: %ss, rebuildrecentchanges.php: %ss; %s pages/s (importDump alone %s pages/s), importDump CPU %ss, max RSS %s MB\n' \
  "$MW_IMPORT_S" "$(secs "$t1" "$t2")" "$MW_RATE" "$(rate "$NPAGES" "$MW_IMPORT_S")" "$(cpu_s "$WORK/mw.rss")" "$(rss_mb "$WORK/mw.rss")"
awk -v f="$FOLIO_RATE" -v m="$MW_RATE" -v fc="$(cpu_s "$WORK/folio.rss")" -v mc="$(cpu_s "$WORK/mw.rss")" 'BEGIN {
  printf "ratio: Folio imports %.1fx as many pages/s as MediaWiki (%.1fx less CPU)\n", (m > 0 ? f / m : 0), (fc > 0 ? mc / fc : 0) }'
