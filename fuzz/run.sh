#!/usr/bin/env bash
# Fuzzes one target with AFL++ through cargo-afl (stable Rust):
#   fuzz/run.sh TARGET [SECONDS]       (default 600)
# Needs `cargo install cargo-afl --locked` and `cargo afl config --build` once.
# Seeds come from the repository's examples and fixtures; findings land in
# fuzz/out/TARGET/default/crashes/, and each one, once understood and fixed, is copied to
# fuzz/regressions/TARGET/ so that the test suite replays it.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
seeds=out/seeds
cargo run --quiet --manifest-path ../Cargo.toml -p kosmo_lint_fuzz --bin fuzz-seeds -- "$seeds" >/dev/null
cargo afl build --release --quiet
# Deeply nested inputs need more stack than the default 8 MiB: the linter runs files on
# threads with a large stack, the harness on its main thread.
ulimit -s unlimited 2>/dev/null || true
mkdir -p out
AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  cargo afl fuzz -i "$seeds/$target" -o "out/$target" -V "$seconds" -- target/release/kosmo-fuzz "$target" \
  >"out/$target.log" 2>&1 || { tail -20 "out/$target.log"; exit 1; }
# The campaign's figures, from AFL's own statistics file.
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) ' \
  "out/$target/default/fuzzer_stats"
ls "out/$target/default/crashes" "out/$target/default/hangs" 2>/dev/null | grep -v README || true
