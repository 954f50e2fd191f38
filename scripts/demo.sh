#!/usr/bin/env bash
# A short tour of Weft: creates a fresh workspace from the example manifests, then lists, logs and verifies it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
demo="${WEFT_DEMO_DIR:-$(mktemp -d -t weft-demo.XXXXXX)}"
weft() { "$root/weft" --workspace "$demo" "$@"; }

step() { printf '\n\033[1m$ weft %s\033[0m\n' "$*"; weft "$@"; }

step init
step add "$root"/examples/*.yaml
step ingest cities.population "$root"/examples/data/cities-2020.csv
step ingest cities.population "$root"/examples/data/cities-2021.csv
step list
step log cities.population
step verify --all
printf '\nThe demo workspace is in %s (try: ./weft --workspace %s log shop.orders -o yaml)\n' "$demo" "$demo"
