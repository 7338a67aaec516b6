#!/usr/bin/env bash
# Peak memory and wall time of policy-extract on every hostile input: the
# generated cases of tests/hostile.rs (written to disk by its ignored test
# `dump_generated_corpus`) and the files in fixtures/hostile/, each run under
# `/usr/bin/time -v` with a 60 s timeout. Flags a case over 5 s or 512 MB.
#
# Usage: scripts/hostile-mem.sh [DIR]   (DIR: where to write the cases; default a temp dir, removed after)
# HOSTILE_DUMP_CMD overrides the command that writes the cases (it gets HOSTILE_CORPUS_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

DIR="${1:-}"
if [ -z "$DIR" ]; then
    DIR="$(mktemp -d /tmp/policy-hostile.XXXXXX)"
    trap 'rm -rf "$DIR"' EXIT
fi
export HOSTILE_CORPUS_DIR="$DIR"
bash -c "${HOSTILE_DUMP_CMD:-cargo test -q --release -p policy-kit --test tests -- --ignored --exact hostile::dump_generated_corpus}" >/dev/null
cargo build -q --release -p policy-extract
BIN=target/release/policy-extract

printf '| %-45s | %10s | %4s | %8s | %8s | %s\n' "input" "bytes" "exit" "wall s" "peak MB" "outcome"
printf '|%s|\n' "-----------------------------------------------|------------|------|----------|----------|--------"
over=0
for f in "$DIR"/* fixtures/hostile/* fixtures/hostile/crashers/* fixtures/real/*scanned*.pdf; do
    case "$f" in *.py | *README.md) continue ;; esac
    [ -f "$f" ] || continue
    log="$(mktemp)"
    set +e
    /usr/bin/time -v timeout 60 "$BIN" "$f" -f jsonl -o /dev/null 2>"$log"
    code=$?
    set -e
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$log")
    rss=$(awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$log")
    outcome=$(grep -m1 '^policy-extract:' "$log" | sed 's/^policy-extract: [^:]*: //' | cut -c1-110 || true)
    [ "$code" = 124 ] && outcome="TIMEOUT after 60 s"
    # A panic the reader caught is an error record ("the PDF library panicked …"), exit 2; an
    # uncaught one is Rust's own message, which names the thread.
    grep -q "^thread '.*' panicked" "$log" && outcome="PANIC: $(grep -m1 panicked "$log" | cut -c1-100)"
    grep -q 'overflowed its stack' "$log" && outcome="CRASH: $(grep -m1 'overflowed' "$log" | cut -c1-100)"
    flag=""
    if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 5 or int(sys.argv[2]) > 512 else 1)" "${wall:-0}" "${rss:-0}"; then
        flag=" **over bound**"; over=$((over + 1))
    fi
    printf '| %-45s | %10s | %4s | %8s | %8s | %s%s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$code" "$wall" "$rss" "${outcome:-document}" "$flag"
    rm -f "$log"
done
echo
echo "$over case(s) over 5 s or 512 MB"
