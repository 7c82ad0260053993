#!/usr/bin/env bash
# bench/parse.sh: parse time of the same ~30 KB article (gen_article.py of
# the MediaWiki peer, with its 3 templates) in Folio and in MediaWiki 1.39,
# in one run on this machine. Prints ms per parse, ms per KB and the ratio.
#
#   folio  go run ./bench/parse: median of RUNS in-process parses with the
#          templates in a map-backed host (no database).
#   mw     maintenance/parse.php of the peer wiki, PARSE_RUNS times, as the
#          peer's bench.sh measures it: median wall time of the article minus
#          the median of a trivial text ("x"), which removes PHP's bootstrap
#          (the CLI has no OPcache). The raw article time is printed too.
#
# Usage: bench/parse.sh              (from the repository root)
# Env:   RUNS=50 PARSE_RUNS=5 PEER=../shared/peers/mediawiki MWPEER=/tmp/mwpeer
# Needs: go, python3; for the MediaWiki half the peer wiki set up by
# $PEER/setup.sh (it is only read, and given the 3 templates with its own
# edit.php when they are missing). Without it only Folio's figures print.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="${PEER:-$ROOT/../shared/peers/mediawiki}"
MWPEER="${MWPEER:-/tmp/mwpeer}"
MW=/usr/share/mediawiki
RUNS="${RUNS:-50}"; PARSE_RUNS="${PARSE_RUNS:-5}"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/tpl"
python3 "$PEER/gen_article.py" article > "$TMP/Bench_Article.wiki"
python3 "$PEER/gen_article.py" templates "$TMP/tpl"
echo x > "$TMP/trivial.wiki"
chmod -R a+rX "$TMP"
bytes=$(wc -c < "$TMP/Bench_Article.wiki")

(cd "$ROOT" && go build -o "$TMP/folio-parse" ./bench/parse)
folio_ms=$("$TMP/folio-parse" -article "$TMP/Bench_Article.wiki" -templates "$TMP/tpl" -runs "$RUNS" |
	awk '$1=="folio_ms"{print $2}')

kb() { awk -v ms="$1" -v b="$bytes" 'BEGIN{printf "%.3f", ms / (b / 1024)}'; }
echo "article: $bytes bytes wikitext"
echo "folio:   $folio_ms ms per parse (median of $RUNS), $(kb "$folio_ms") ms/KB"

if [[ ! -f $MWPEER/LocalSettings.php || ! -f $MW/maintenance/parse.php ]]; then
	echo "mw:      skipped (no peer wiki: run bash $PEER/setup.sh)"
	exit 0
fi
mwphp() {
	(cd / && runuser -u www-data -- env MW_CONFIG_FILE="$MWPEER/LocalSettings.php" php "$MW/maintenance/$1" "${@:2}")
}
for f in "$TMP"/tpl/*.wiki; do # the templates, once, with the peer's own edit.php
	name="Template:$(basename "$f" .wiki)"
	if ! mwphp getText.php "$name" > /dev/null 2>&1; then
		mwphp edit.php --user Admin --summary "bench fixture" "$name" < "$f" > /dev/null
	fi
done
now() { date +%s.%N; }
for r in $(seq 1 "$PARSE_RUNS"); do
	t0=$(now); mwphp parse.php --title "Bench Article" < "$TMP/Bench_Article.wiki" > /dev/null 2>&1
	t1=$(now); mwphp parse.php --title "Trivial" < "$TMP/trivial.wiki" > /dev/null 2>&1
	t2=$(now)
	echo "$t0 $t1 $t2" >> "$TMP/mw.times"
done
read -r mw_total mw_trivial < <(awk '{a[NR]=($2-$1)*1000; t[NR]=($3-$2)*1000}
	function med(x, n,   i, j, v) { for (i = 2; i <= n; i++) { v = x[i]; for (j = i - 1; j > 0 && x[j] > v; j--) x[j+1] = x[j]; x[j+1] = v }
		return n % 2 ? x[(n+1)/2] : (x[n/2] + x[n/2+1]) / 2 }
	END { printf "%.1f %.1f\n", med(a, NR), med(t, NR) }' "$TMP/mw.times")
mw_ms=$(awk -v a="$mw_total" -v t="$mw_trivial" 'BEGIN{printf "%.1f", a - t}')
echo "mw:      $mw_ms ms per parse (parse.php article $mw_total ms - trivial $mw_trivial ms, medians of $PARSE_RUNS), $(kb "$mw_ms") ms/KB"
echo "mw raw:  $(kb "$mw_total") ms/KB including PHP bootstrap"
awk -v f="$folio_ms" -v m="$mw_ms" -v a="$mw_total" 'BEGIN{
	printf "ratio:   MediaWiki/Folio %.2fx (net parse), %.1fx (raw CLI)\n", m / f, a / f }'
