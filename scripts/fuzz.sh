#!/usr/bin/env bash
# Runs every cargo-fuzz target for a fixed time and writes one summary row per
# target (executions, coverage, corpus, peak RSS, crashes) for docs/fuzzing.md.
#
# Usage: scripts/fuzz.sh [SECONDS] [JOBS] [TARGET ...]
#   SECONDS  run time per target (default 600, the issue's 10 minutes)
#   JOBS     targets run at once (default 2: this machine has 2 cores)
#   TARGET   the targets to run (default: all in fuzz/fuzz_targets)
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and the seed corpora of
# docs/fuzzing.md in fuzz/corpus/. Builds on the stable toolchain with
# RUSTC_BOOTSTRAP=1, as recorded in docs/fuzzing.md (keep it set: toggling it
# rebuilds from proc-macro2 up). The fuzzers run at `nice -n 19` (the machine
# is shared). Logs, crash inputs and target/fuzz/summary.md are written under
# target/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-600}"
JOBS="${2:-2}"
shift $(($# > 2 ? 2 : $#))
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi
OUT="$PWD/target/fuzz"
mkdir -p "$OUT"

if [ $# -gt 0 ]; then
    for target in "${targets[@]}"; do
        (cd fuzz && RUSTC_BOOTSTRAP=1 nice -n 15 cargo fuzz build -s none -O "$target")
    done
else
    (cd fuzz && RUSTC_BOOTSTRAP=1 nice -n 15 cargo fuzz build -s none -O)
fi
BIN_DIR="$PWD/fuzz/target/x86_64-unknown-linux-gnu/release"

run_one() { # run_one TARGET
    local target="$1" corpus="fuzz/corpus/$1" artifacts="$OUT/artifacts/$1/"
    mkdir -p "$corpus" "$artifacts"
    # -max_len: the PDF, DOCX and .doc seeds are up to a few hundred KB (libFuzzer
    # cuts a seed to max_len); the line targets need little.
    local max_len=4096
    case "$target" in pdf | docx | docx_xml | html | text | doc | doc_streams) max_len=400000 ;; esac
    nice -n 19 "$BIN_DIR/$target" "$corpus" \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts" -print_final_stats=1 >"$OUT/$target.log" 2>&1 || true
}
export -f run_one
export OUT BIN_DIR SECONDS_PER_TARGET
printf '%s\n' "${targets[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one {}'

{
    echo "Fuzzed $(date -u +'%Y-%m-%d %H:%M UTC') at $(git rev-parse --short HEAD), ${SECONDS_PER_TARGET} s per target, $JOBS at once on $(nproc) cores."
    echo
    echo "| Target | Executions | Seconds | Coverage (cov / ft) | Corpus | Peak RSS | Crashes |"
    echo "|---|---|---|---|---|---|---|"
    for target in "${targets[@]}"; do
        log="$OUT/$target.log"
        runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log" | tail -1)
        secs=$(awk '/Done [0-9]+ runs in/ {print $5}' "$log" | tail -1)
        status=$(grep -E '^#[0-9]+' "$log" | tail -1)
        cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
        ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
        corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$status")
        rss=$(awk '/stat::peak_rss_mb:/ {print $2}' "$log" | tail -1)
        crashes=$(find "$OUT/artifacts/$target" -type f | wc -l)
        echo "| \`$target\` | ${runs:-?} | ${secs:-died} | ${cov:-?} / ${ft:-?} | ${corp:-?} | ${rss:-?} MB | $crashes |"
    done
} | tee "$OUT/summary.md"
