#!/usr/bin/env bash
# Measures the search index on synthetic corpora and writes bench/SEARCH.md.
#
#   bench/search.sh                 # 1k, 10k and 100k documents
#   bench/search.sh 1000 10000      # chosen sizes
#
# For each size: generates the corpus (../shared/bench/gen_corpus.py, zwgk
# flavor, cached in $BENCH_DIR), builds it with zwgk (wall time, peak memory),
# measures the search files (total, per document), the bytes a browser
# fetches for a one-word and a two-word query (meta, shards, large-term files,
# the rows of the first page of results; from examples/search_bench.rs), and
# the query time in headless Chromium (served over 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("${@:-1000 10000 100000}")
read -r -a SIZES <<< "${SIZES[*]}"
BENCH_DIR=${BENCH_DIR:-/tmp/zwgk-search-bench}
QUERY1=${QUERY1:-审查}
QUERY2=${QUERY2:-审查 公开}
export ZWGK_TODAY=2026-06-30
mkdir -p "$BENCH_DIR"

cargo build --release --quiet
cargo build --release --quiet --example search_bench
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}/release
ZWGK=$TARGET/zwgk
MEASURE=$TARGET/examples/search_bench
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || { echo "install chromium: apt-get install chromium chromium-driver" >&2; exit 1; }

PORT=$((20000 + RANDOM % 20000))
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; true' EXIT

# Prints the milliseconds Chromium takes for QUERY on the site in OUT: from
# the query to the first page of result rows, with a fresh page (cold: the
# index files are fetched) and then again on the same page (warm).
chromium_ms() {
  local out=$1 query=$2
  python3 - "$out" "$query" <<'PY'
import json, sys
out, query = sys.argv[1], sys.argv[2]
page = """<!DOCTYPE html><meta charset="utf-8"><pre id="out">pending</pre>
<script src="../assets/search.js" data-index="./"></script>
<script>
async function once(q) {
  var t = performance.now();
  var r = await zwgkSearch.search(q);
  await zwgkSearch.rows(r.hits.slice(0, 10).map(function (h) { return h.id; }));
  return [performance.now() - t, r.hits.length];
}
(async function () {
  var q = %s;
  var cold = await once(q);
  var warm = [];
  for (var i = 0; i < 5; i++) warm.push((await once(q))[0]);
  warm.sort(function (a, b) { return a - b; });
  document.getElementById("out").textContent = JSON.stringify({cold: cold[0], warm: warm[2], hits: cold[1]});
})();
</script>""" % json.dumps(query)
open(out + "/search/bench.html", "w", encoding="utf-8").write(page)
PY
  local profile
  profile=$(mktemp -d)
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --timeout=20000 --dump-dom \
    "http://127.0.0.1:$PORT/search/bench.html" 2>/dev/null \
    | python3 -c 'import re,sys,json,html; m=re.search(r"<pre id=\"out\">(.*?)</pre>", sys.stdin.read(), re.S); d=json.loads(html.unescape(m.group(1))); print("%.1f %.1f %d" % (d["cold"], d["warm"], d["hits"]))'
  rm -rf "$profile" "$out/search/bench.html"
}

ROWS=()
for n in "${SIZES[@]}"; do
  site=$BENCH_DIR/zwgk-$n
  out=$BENCH_DIR/out-$n
  [ -f "$site/site.toml" ] || python3 ../shared/bench/gen_corpus.py --n "$n" --flavor zwgk --out "$site" >/dev/null
  echo "== $n documents: build" >&2
  /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time-$n" "$ZWGK" -C "$site" build -o "$out" >/dev/null
  read -r build_s build_kb < "$BENCH_DIR/time-$n"
  docs=$(python3 -c 'import json,sys; s=open(sys.argv[1],encoding="utf-8").read(); print(json.loads(s[s.index(",")+1:s.rindex(")")])["docs"])' "$out/search/meta.js")
  total=$(find "$out/search" -name '*.js' -printf '%s\n' | awk '{s+=$1} END {print s}')
  files=$(find "$out/search" -name '*.js' | wc -l)
  index_s=$("$MEASURE" index "$site" | awk '/^index_seconds/ {sub(/\)/, "", $4); print $2 " s (CPU " $4 " s)"}')
  fetch1=$("$MEASURE" query "$out" "$QUERY1" | sed -E 's/.*fetched_bytes ([0-9]+).*/\1/')
  fetch2=$("$MEASURE" query "$out" "$QUERY2" | sed -E 's/.*fetched_bytes ([0-9]+).*/\1/')
  echo "== $n documents: Chromium" >&2
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$out" >/dev/null 2>&1 &
  SERVER_PID=$!
  sleep 1
  read -r cold1 warm1 hits1 <<< "$(chromium_ms "$out" "$QUERY1")"
  read -r cold2 warm2 hits2 <<< "$(chromium_ms "$out" "$QUERY2")"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  row=$(python3 - "$n" "$docs" "$total" "$files" "$build_s" "$build_kb" "$index_s" "$fetch1" "$fetch2" \
        "$cold1" "$warm1" "$hits1" "$cold2" "$warm2" "$hits2" <<'PY'
import sys
n, docs, total, files, build_s, build_kb, index_s, f1, f2, c1, w1, h1, c2, w2, h2 = sys.argv[1:]
docs, total = int(docs), int(total)
kb = lambda b: "%.0f KB" % (int(b) / 1000)
print("| %s | %d | %.1f MB | %.2f KB | %s | %s s / %.0f MB | %s | %s (%s hits) | %s (%s hits) | %s / %s ms | %s / %s ms |" % (
    n, docs, total / 1e6, total / docs / 1000, files, build_s, int(build_kb) / 1000, index_s,
    kb(f1), h1, kb(f2), h2, c1, w1, c2, w2))
PY
)
  echo "$row" >&2
  ROWS+=("$row")
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Search index measurements"
  echo
  echo "Produced by \`bench/search.sh ${SIZES[*]}\` on $(nproc) cores of $cpu, $(free -g | awk '/Mem:/ {print $2}') GB RAM,"
  echo "$("$CHROMIUM" --version 2>/dev/null | head -1). Corpora: \`python3 ../shared/bench/gen_corpus.py --n N --flavor zwgk\`"
  echo "(about 90% published). Queries: one word \`$QUERY1\`, two words \`$QUERY2\`."
  echo
  echo "- *search files*: every file under \`search/\` (shards, large-term files, row store, meta); per document = total / published documents."
  echo "- *build*: the whole \`zwgk build\` (all pages, open data, feeds, search): wall time and peak resident memory."
  echo "- *index*: wall and CPU time (both cores) of \`search::files\` alone (examples/search_bench.rs)."
  echo "- *fetched*: bytes a browser downloads for the query on a fresh page: meta, the query terms' shards and large-term files, and the row blocks of the first 10 results."
  echo "- *Chromium*: from the query to the first 10 result rows, cold (fresh page: files fetched from 127.0.0.1) / warm (same page again)."
  echo
  echo "| documents | published | search files | per document | files | build (wall / peak RSS) | index | fetched, 1 word | fetched, 2 words | Chromium, 1 word | Chromium, 2 words |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Timings on a shared machine vary from run to run; sizes are exact."
} > bench/SEARCH.md
cat bench/SEARCH.md
