#!/usr/bin/env bash
# Benchmarks kosmo-lint against the parse floor (walk + read + parse with oxc and nothing
# else) and oxlint with one rule, on generated KosmoJS corpora, and prints a Markdown table:
# medians with min–max, ratios, peak RSS, the warm-cache run and one thread against two.
#
#   bench/run.sh                              # 1k and 10k routes, g1 and g5
#   SIZES="1000 10000 50000" RUNS=5 bench/run.sh
#
# Environment: SIZES, GENS, RUNS (default 10), BENCH_DIR (corpora and builds; default
# /tmp/kosmo-lint-bench), KOSMO_LINT_SHARED (the workplace's shared/ folder; default ../shared
# beside this repository). Needs python3, cargo, hyperfine and GNU time (installed with apt
# when missing), and npm for the oxlint column (skipped without it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${KOSMO_LINT_SHARED:-$ROOT/../shared}
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

echo "building kosmo-lint and the parse floor" >&2
(cd "$ROOT" && cargo build --release --locked -q -p kosmo-lint)
KL="$ROOT/target/release/kosmo-lint"
CARGO_TARGET_DIR="$WORK/parse-floor-target" \
  cargo build --release -q --manifest-path "$SHARED/bench/parse-floor/Cargo.toml"
FLOOR="$WORK/parse-floor-target/release/parse-floor"

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
    if [ ! -f "$corpus/expected.json" ]; then
      echo "generating $corpus" >&2
      python3 "$SHARED/bench/gen-corpus.py" --routes "$size" --seed 1 --generation "$gen" --out "$corpus" >/dev/null
    fi
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
    python3 - "$corpus/expected.json" "$WORK/findings.json" <<'PY'
import json, sys
expected = {(v["rule"], v["path"], v["line"]) for v in json.load(open(sys.argv[1]))["violations"]}
found = {(d["rule"], d["path"], d["line"]) for d in json.load(open(sys.argv[2]))["diagnostics"]}
if expected != found:
    sys.exit(f"findings differ from expected.json: {len(expected - found)} missed, {len(found - expected)} extra")
print(f"recall: all {len(expected)} planted violations found, nothing else", file=sys.stderr)
PY
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$WORK/warm-$gen-$size.json" \
      -n warm "$KL check --format json $corpus" >/dev/null
    rm -rf "$cache"
    rss_cold=$(rss "$KL" check --format json --no-cache "$corpus")
    rss_cache=$(sh -c "rm -rf $cache"; rss "$KL" check --format json "$corpus")
    rss_warm=$(rss "$KL" check --format json "$corpus")
    rss_floor=$(rss "$FLOOR" "$corpus")
    files=$(python3 -c "import json,sys; print(json.load(open('$corpus/expected.json'))['stats']['source_files'])")
    python3 - "$json" "$WORK/warm-$gen-$size.json" "$gen" "$size" "$files" \
      "$rss_floor" "$rss_cold" "$rss_cache" "$rss_warm" >>"$RESULTS" <<'PY'
import json, sys
cold, warm, gen, size, files, *rss = sys.argv[1:]
times = {r["command"]: r for r in json.load(open(cold))["results"]}
times.update({r["command"]: r for r in json.load(open(warm))["results"]})
row = {"gen": gen, "routes": int(size), "files": int(files),
       "rss_kib": dict(zip(["floor", "cold", "cold_with_cache_write", "warm"], map(int, rss)))}
for name, r in times.items():
    row[name] = {"median": r["median"], "min": r["min"], "max": r["max"]}
print(json.dumps(row))
PY
  done
done

python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
def t(r, k):
    x = r.get(k)
    return f"{x['median']*1000:.0f} ({x['min']*1000:.0f}–{x['max']*1000:.0f})" if x else "–"
def ratio(r, a, b):
    return f"{r[a]['median']/r[b]['median']:.2f}×" if a in r and b in r else "–"
print("| corpus | files | parse floor ms | kosmo-lint cold ms | cold / floor | warm ms | warm / cold | oxlint ms | cold / oxlint | 1 thread: kosmo / floor | peak RSS MiB (floor, cold, cold+cache, warm) | µs per file (cold) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    rss = r["rss_kib"]
    per_file = r["cold"]["median"] * 1e6 / r["files"]
    print(f"| {r['gen']} {r['routes']} | {r['files']} | {t(r,'floor')} | {t(r,'cold')} | {ratio(r,'cold','floor')} | "
          f"{t(r,'warm')} | {ratio(r,'warm','cold')} | {t(r,'oxlint')} | {ratio(r,'cold','oxlint')} | "
          f"{ratio(r,'cold-1-thread','floor-1-thread')} | "
          f"{rss['floor']/1024:.0f}, {rss['cold']/1024:.0f}, {rss['cold_with_cache_write']/1024:.0f}, {rss['warm']/1024:.0f} | {per_file:.1f} |")
PY
