#!/usr/bin/env bash
# Benchmarks kosmo-lint against the parse floor (walk + read + parse with oxc and nothing
# else) and oxlint with one rule, on generated KosmoJS corpora, and prints a Markdown table:
# medians with min–max, ratios, peak RSS, the warm-cache run and one thread against two.
#
#   bench/run.sh                              # 1k and 10k routes, g1 and g5
#   SIZES="1000 10000 50000" RUNS=5 bench/run.sh
#
# Environment: SIZES, GENS, RUNS (default 10), BENCH_DIR (corpora and results; default
# /tmp/kosmo-lint-bench). Everything it runs is built from this repository (kosmo-lint, the
# parse floor in bench/parse-floor, and xtask, which writes the corpora, checks the findings
# and prints the table), except hyperfine and GNU time (installed with apt when missing) and
# oxlint from npm (its column is left empty without npm).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/kosmo-lint-bench}
SIZES=${SIZES:-"1000 10000"}
GENS=${GENS:-"g1 g5"}
RUNS=${RUNS:-10}
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || [ ! -x /usr/bin/time ]; then
  echo "installing hyperfine and GNU time with apt-get" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine time >/dev/null
fi

echo "building kosmo-lint, the parse floor and xtask" >&2
(cd "$ROOT" && cargo build --release --locked -q -p kosmo-lint -p parse-floor -p xtask)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
KL="$TARGET/release/kosmo-lint"
FLOOR="$TARGET/release/parse-floor"
XTASK="$TARGET/release/xtask"

OXLINT=""
if need npm; then
  if [ ! -x "$WORK/oxlint/node_modules/.bin/oxlint" ]; then
    echo "installing oxlint from npm" >&2
    mkdir -p "$WORK/oxlint"
    (cd "$WORK/oxlint" && npm install --silent --no-audit --no-fund oxlint@1 >/dev/null 2>&1) || true
  fi
  [ -x "$WORK/oxlint/node_modules/.bin/oxlint" ] && OXLINT="$WORK/oxlint/node_modules/.bin/oxlint"
fi

# Peak RSS in KiB of one run (the median of three).
rss() {
  for _ in 1 2 3; do /usr/bin/time -f "%M" "$@" >/dev/null 2>"$WORK/rss.txt" || true; tail -n1 "$WORK/rss.txt"; done \
    | sort -n | sed -n 2p
}

RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
for gen in $GENS; do
  for size in $SIZES; do
    corpus="$WORK/corpus-$gen-$size"
    # Written afresh each time (a second or two per 10k routes), so a corpus left by an
    # older generator is never measured.
    rm -rf "$corpus"
    "$XTASK" corpus --routes "$size" --seed 1 --generation "$gen" --out "$corpus"
    cache="$corpus/.kosmo-lint-cache"
    json="$WORK/hyperfine-$gen-$size.json"
    cmds=(-n floor "$FLOOR $corpus"
          -n cold "$KL check --format json $corpus"
          -n cold-1-thread "$KL --threads 1 check --format json $corpus"
          -n floor-1-thread "$FLOOR --threads 1 $corpus")
    [ -n "$OXLINT" ] && cmds+=(-n oxlint "$OXLINT -A all -D no-debugger $corpus")
    echo "timing $gen $size" >&2
    hyperfine -N -i --warmup 1 --runs "$RUNS" --prepare "rm -rf $cache" --export-json "$json" "${cmds[@]}" >/dev/null
    # Recall and precision: exactly the planted violations, nothing else.
    "$KL" check --format json "$corpus" >"$WORK/findings.json" || true
    "$XTASK" corpus-check "$corpus" "$WORK/findings.json"
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$WORK/warm-$gen-$size.json" \
      -n warm "$KL check --format json $corpus" >/dev/null
    rm -rf "$cache"
    rss_cold=$(rss "$KL" check --format json --no-cache "$corpus")
    rss_cache=$(sh -c "rm -rf $cache"; rss "$KL" check --format json "$corpus")
    rss_warm=$(rss "$KL" check --format json "$corpus")
    rss_floor=$(rss "$FLOOR" "$corpus")
    "$XTASK" bench-row "$gen" "$size" "$corpus" "$json" "$WORK/warm-$gen-$size.json" \
      "$rss_floor" "$rss_cold" "$rss_cache" "$rss_warm" >>"$RESULTS"
  done
done

"$XTASK" bench-table "$RESULTS"
