#!/usr/bin/env bash
# Whole-process benchmarks of policy-extract, side by side with the tools an
# analyst would otherwise use, on the same files in the same run:
#   text  MB/s on one core (a generated large text, and the text corpus)
#   DOCX  documents/s, against a python-docx walk (load + every paragraph and table cell)
#   PDF   pages/s, against `pdftotext -layout`
#   peak memory (/usr/bin/time -v), and 1 vs 2 jobs (-j 1 / -j 2)
#
# Usage: scripts/bench.sh [COPIES]   (default 20: every fixture copied 20 times)
# Installs hyperfine, poppler-utils and time with apt-get, python-docx with pip,
# when they are missing. Writes target/bench/results.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${1:-20}"
RUNS="${RUNS:-3}"
OUT=target/bench
mkdir -p "$OUT"

need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v pdfinfo >/dev/null || need_apt+=(poppler-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c 'import docx' 2>/dev/null || pip install -q python-docx

load=$(cut -d' ' -f1-3 /proc/loadavg)
cargo build -q --release -p policy-extract
BIN="$PWD/target/release/policy-extract"

# ---- the corpus --------------------------------------------------------------
CORPUS="$(mktemp -d /tmp/policy-bench.XXXXXX)"
trap 'rm -rf "$CORPUS"' EXIT
mkdir -p "$CORPUS"/{text,docx,pdf}
copy() { # copy SRC DEST_DIR: COPIES copies of SRC
    local name; name="$(basename "$1")"
    for i in $(seq 1 "$COPIES"); do cp "$1" "$2/${i}_${name}"; done
}
for f in seeds/*.txt fixtures/*.txt fixtures/real/*.txt fixtures/real/*.md; do
    case "$f" in */README.md) continue ;; esac
    copy "$f" "$CORPUS/text"
done
for f in fixtures/*.docx fixtures/real/*.docx; do copy "$f" "$CORPUS/docx"; done
for f in fixtures/*.pdf fixtures/real/*.pdf; do
    case "$f" in *scanned*) continue ;; esac # no text layer: nothing to compare
    copy "$f" "$CORPUS/pdf"
done
# One large text for MB/s on one core: the seeds repeated to about 30 MB (under the 32 MiB max_text_bytes).
: >"$CORPUS/large.txt"
while [ "$(stat -c %s "$CORPUS/large.txt")" -lt 30000000 ]; do cat seeds/*.txt >>"$CORPUS/large.txt"; done

bytes_of() { du -cb "$@" | tail -1 | cut -f1; }
count_of() { find "$1" -type f | wc -l; }
pages_of() { local n=0 p; for f in "$1"/*.pdf; do p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'); n=$((n + ${p:-0})); done; echo "$n"; }

# mean seconds of a command, by hyperfine (failures of single inputs allowed: exit code 1)
mean() { # mean NAME CMD
    hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$OUT/$1.json" "$2" >/dev/null 2>&1 ||
        hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$OUT/$1.json" "$2" >/dev/null
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$OUT/$1.json"
}
# peak resident set size in MB of a command
peak() { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}'; }
div() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{a / b:.{int(sys.argv[3])}f}' if b else 'n/a')" "$@"; }

cat >"$CORPUS/walk_docx.py" <<'EOF'
"""The python-docx walk an analyst would write: load, every paragraph, every table cell."""
import sys
import docx

n = 0
for path in sys.argv[1:]:
    d = docx.Document(path)
    for p in d.paragraphs:
        n += len(p.text)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
print(n)
EOF

# ---- measurements ------------------------------------------------------------
text_bytes=$(bytes_of "$CORPUS"/text/*); text_n=$(count_of "$CORPUS/text")
large_bytes=$(bytes_of "$CORPUS/large.txt")
docx_n=$(count_of "$CORPUS/docx")
pdf_n=$(count_of "$CORPUS/pdf"); pdf_pages=$(pages_of "$CORPUS/pdf")

t_large=$(mean large "$BIN -j 1 $CORPUS/large.txt -o /dev/null -f jsonl")
t_text1=$(mean text1 "$BIN -j 1 $CORPUS/text -o /dev/null -f jsonl")
t_text2=$(mean text2 "$BIN -j 2 $CORPUS/text -o /dev/null -f jsonl")
t_docx1=$(mean docx1 "$BIN -j 1 $CORPUS/docx -o /dev/null -f jsonl")
t_docx2=$(mean docx2 "$BIN -j 2 $CORPUS/docx -o /dev/null -f jsonl")
# (through bash so that the glob expands; hyperfine -N runs commands without a shell)
python3 "$CORPUS/walk_docx.py" "$CORPUS"/docx/*.docx >/dev/null # fails the script if the walk fails
t_pydocx=$(mean pydocx "bash -c 'python3 $CORPUS/walk_docx.py $CORPUS/docx/*.docx'")
t_pdf1=$(mean pdf1 "$BIN -j 1 $CORPUS/pdf -o /dev/null -f jsonl")
t_pdf2=$(mean pdf2 "$BIN -j 2 $CORPUS/pdf -o /dev/null -f jsonl")
t_pdftotext=$(mean pdftotext "bash -c 'for f in $CORPUS/pdf/*.pdf; do pdftotext -layout \"\$f\" - >/dev/null; done'")

m_large=$(peak "$BIN -j 1 $CORPUS/large.txt -o /dev/null -f jsonl")
m_text=$(peak "$BIN -j 2 $CORPUS/text -o /dev/null -f jsonl")
m_docx=$(peak "$BIN -j 2 $CORPUS/docx -o /dev/null -f jsonl")
m_pydocx=$(peak "python3 $CORPUS/walk_docx.py $CORPUS/docx/*.docx")
m_pdf=$(peak "$BIN -j 2 $CORPUS/pdf -o /dev/null -f jsonl")
m_pdftotext=$(peak "for f in $CORPUS/pdf/*.pdf; do pdftotext -layout \"\$f\" - >/dev/null; done")

# Did the PDFs actually extract? (The facade answers `unsupported` until the PDF reader is wired in.)
pdf_ok=$("$BIN" -j 2 "$CORPUS/pdf" -f jsonl 2>/dev/null | grep -vc '"error"' || true)

# Per file: one process each, pdftotext -layout vs policy-extract, on each distinct PDF.
per_file=""
for f in fixtures/*.pdf fixtures/real/*.pdf; do
    case "$f" in *scanned*) continue ;; esac
    name=$(basename "$f")
    a=$(mean "one_$name" "$BIN $f -f json -o /dev/null")
    b=$(mean "pdftotext_$name" "pdftotext -layout $f /dev/null")
    pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
    per_file+="| $name | $pages | $(div "$a" 0.001 1) ms | $(div "$b" 0.001 1) ms | $(div "$b" "$a" 2) |"$'\n'
done

cpu=$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')
{
    echo "Measured $(date -u +'%Y-%m-%d %H:%M UTC') on $cpu ($(nproc) cores, load average before the run: $load), $COPIES copies of each fixture, mean of $RUNS runs (hyperfine), at $(git rev-parse --short HEAD)."
    echo
    echo "| Input | Files | Size | policy-extract -j 1 | -j 2 (speed-up) | Peer | Ratio (peer time / ours, -j 1) | Peak RSS ours / peer |"
    echo "|---|---|---|---|---|---|---|---|"
    echo "| large text (seeds repeated) | 1 | $(div "$large_bytes" 1e6 1) MB | $(div "$t_large" 1 2) s = **$(div "$large_bytes" "$(div "$t_large" 1e-6 0)" 1) MB/s** | – | – | – | $m_large MB |"
    echo "| text corpus | $text_n | $(div "$text_bytes" 1e6 1) MB | $(div "$t_text1" 1 2) s = $(div "$text_bytes" "$(div "$t_text1" 1e-6 0)" 1) MB/s | $(div "$t_text2" 1 2) s ($(div "$t_text1" "$t_text2" 2)×) | – | – | $m_text MB |"
    echo "| DOCX corpus | $docx_n | | $(div "$t_docx1" 1 2) s = **$(div "$docx_n" "$t_docx1" 0) docs/s** | $(div "$t_docx2" 1 2) s = $(div "$docx_n" "$t_docx2" 0) docs/s ($(div "$t_docx1" "$t_docx2" 2)×) | python-docx walk $(div "$t_pydocx" 1 2) s = $(div "$docx_n" "$t_pydocx" 0) docs/s | **$(div "$t_pydocx" "$t_docx1" 1)×** | $m_docx / $m_pydocx MB |"
    echo "| PDF corpus ($pdf_ok of $pdf_n extracted) | $pdf_n | $pdf_pages pages | $(div "$t_pdf1" 1 2) s = **$(div "$pdf_pages" "$t_pdf1" 0) pages/s** | $(div "$t_pdf2" 1 2) s = $(div "$pdf_pages" "$t_pdf2" 0) pages/s ($(div "$t_pdf1" "$t_pdf2" 2)×) | pdftotext -layout $(div "$t_pdftotext" 1 2) s = $(div "$pdf_pages" "$t_pdftotext" 0) pages/s | **$(div "$t_pdftotext" "$t_pdf1" 2)×** | $m_pdf / $m_pdftotext MB |"
    echo
    echo "Per PDF, one process each (startup included):"
    echo
    echo "| PDF | Pages | policy-extract | pdftotext -layout | Ratio (pdftotext / ours) |"
    echo "|---|---|---|---|---|"
    printf '%s' "$per_file"
} | tee "$OUT/results.md"
