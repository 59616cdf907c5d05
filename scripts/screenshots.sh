#!/usr/bin/env bash
# Screenshots of the example portal (home, guide, catalogue, a domain, a document,
# search) at 375 px and 1280 px, plus large-text, high-contrast and print views,
# for review. PNGs go to $1 (default: /tmp/zwgk-screenshots), outside git.
# Needs /usr/bin/chromium and fonts-noto-cjk; installs the node packages once.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/zwgk-screenshots}"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
[ -d tests/support/node_modules ] || npm ci --prefix tests/support --no-audit --no-fund
ZWGK_TODAY="${ZWGK_TODAY:-2026-11-22}" cargo run --quiet --release -- build -o "$site/public"
node scripts/screenshots.mjs "$site/public" "$out"
echo "screenshots in $out"
