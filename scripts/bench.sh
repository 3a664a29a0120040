#!/bin/sh
# make bench: build generated corpora of growing size and print, per corpus,
# wall time, PDF pages, pages/s, files written, peak memory and the time of
# each stage; then time wkhtmltopdf and hugo on the same text where they are
# installed. BENCH_SIZES overrides the corpus sizes (default 15 150 1500);
# BENCH_TIMEOUT bounds each build in seconds (default 150).
set -eu
GO=${GO:-go}
SIZES=${BENCH_SIZES:-15 150 1500}
TIMEOUT=${BENCH_TIMEOUT:-150}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/trustdocs-bench.XXXXXX")}
mkdir -p bin "$work"
echo "bench: building the commands; corpora and outputs in $work" >&2
$GO build -trimpath -o bin/trustdocs ./cmd/trustdocs
$GO build -trimpath -o bin/trustdocs-corpus ./cmd/trustdocs-corpus

rows="$work/rows"
: > "$rows"
# run NAME CONTENT: one build, one row.
run() {
	name=$1 content=$2 out="$work/out-$1"
	echo "bench: building $name …" >&2
	if ! timeout "$TIMEOUT" /usr/bin/time -v -o "$work/time-$name" \
		bin/trustdocs build --content "$content" --out "$out" --timings \
		> "$work/stdout-$name" 2> "$work/stderr-$name"; then
		echo "$name	(failed or over ${TIMEOUT} s: see $work/stderr-$name)" >> "$rows"
		return
	fi
	awk -v name="$name" '
		FILENAME ~ /stdout/ && /^built / {
			files = $2; pdfs = $6; pages = substr($8, 2); html = $10; wall = $13
		}
		FILENAME ~ /stdout/ && /^stages: / {
			sub(/^stages: /, ""); gsub(/ s/, ""); stages = $0
		}
		FILENAME ~ /time-/ && /Maximum resident set size/ { rss = $NF }
		END {
			printf "%s\t%.2f s\t%d\t%.0f\t%d\t%.0f MiB\t%s\n", name, wall, pages, pages / wall, files, rss / 1024, stages
		}' "$work/stdout-$name" "$work/time-$name" >> "$rows"
}

run content content
for n in $SIZES; do
	c="$work/corpus-$n"
	if [ ! -d "$c" ]; then
		echo "bench: generating a corpus of $n subsystems …" >&2
		bin/trustdocs-corpus -n "$n" -out "$c"
	fi
	run "$n" "$c"
done

echo
printf 'corpus\twall\tpages\tpages/s\tfiles\tpeak\tstages (s)\n'
cat "$rows"

# The yardsticks: wkhtmltopdf on the German security concept as HTML, and
# Hugo building it as a site.
echo

de="$work/out-content/de/sicherheitskonzept.html"
ours_pdf=$(awk -F'\t' '$1 == "content" { print $2 }' "$rows")
if command -v wkhtmltopdf >/dev/null 2>&1 && [ -f "$de" ]; then
	t0=$(date +%s.%N)
	wkhtmltopdf --quiet "$de" "$work/wk.pdf" >/dev/null 2>&1 || true
	t1=$(date +%s.%N)
	wkpages=$(pdfinfo "$work/wk.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	ourpages=$(pdfinfo "$work/out-content/de/sicherheitskonzept.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	# ours: one PDF alone, in-process, one worker
	t2=$(date +%s.%N)
	$GO test -run '^$' -bench '^BenchmarkSecurityConceptPDF$' -benchtime 5x ./generator/build/ > "$work/ours-pdf" 2>&1 || true
	ns=$(awk '/^BenchmarkSecurityConceptPDF/ { print $3 }' "$work/ours-pdf")
	awk -v a="$t0" -v b="$t1" -v wp="${wkpages:-0}" -v op="${ourpages:-0}" -v ns="${ns:-0}" 'BEGIN {
		wk = b - a; ours = ns / 1e9
		printf "wkhtmltopdf: Sicherheitskonzept (de) %.2f s for %d pages (%.1f ms/page)\n", wk, wp, wp ? wk * 1000 / wp : 0
		if (ours > 0 && op > 0 && wp > 0)
			printf "trustdocs:   same text %.3f s for %d pages (%.1f ms/page): %.1f× faster per page\n", ours, op, ours * 1000 / op, (wk / wp) / (ours / op)
	}'
else
	echo "wkhtmltopdf: not installed, skipped (apt-get install wkhtmltopdf)"
fi
if command -v hugo >/dev/null 2>&1 && [ -f "$de" ]; then
	h="$work/hugo"
	rm -rf "$h"; mkdir -p "$h/content" "$h/layouts/_default"
	printf 'baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$h/hugo.toml"
	printf '{{ .Content }}\n' > "$h/layouts/_default/single.html"
	printf '{{ range .Pages }}{{ .Title }}{{ end }}\n' > "$h/layouts/_default/list.html"
	{ printf -- '---\ntitle: Sicherheitskonzept\n---\n'; cat "$de"; } > "$h/content/sicherheitskonzept.html"
	t0=$(date +%s.%N)
	hugo --quiet -s "$h" -d "$h/public" >/dev/null 2>&1 || true
	t1=$(date +%s.%N)
	ourhtml=$(awk '/^stages: / { for (i = 1; i <= NF; i++) if ($i == "html") print $(i+1) }' "$work/stdout-content")
	awk -v a="$t0" -v b="$t1" -v o="${ourhtml:-0}" 'BEGIN {
		printf "hugo:        one-page site %.3f s; trustdocs HTML stage for the whole site %.3f s (hugo takes %.1f× our time)\n", b - a, o, (o > 0) ? ((b - a) / o) : 0
	}'
else
	echo "hugo: not installed, skipped (apt-get install hugo)"
fi
# trustdocs serve: a saved change to one measure of content/ until the open
# page shows it in headless Chromium (three edits; the first one makes the
# content a draft, so it retypesets every current document).
if command -v chromium >/dev/null 2>&1; then
	$GO test -count=1 -run '^TestEditReloadsTheBrowser$' -v ./generator/serve/ 2>&1 |
		awk '/save → new text/ { sub(/.*browser: /, ""); print "serve:       save → new text in the browser: " $0 }'
else
	echo "serve: chromium not installed, skipped (apt-get install chromium)"
fi
