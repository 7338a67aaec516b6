#!/usr/bin/env bash
# Character recall of the PDF reader on the reader probes of issue 16
# (crates/pdf/tests/data/probe/, expected text in expected.tsv) and, for
# reference, of `pdftotext -raw` on the same files. Recall is the longest
# common subsequence of the expected and the read text over the expected
# length, after NFKC and white-space folding (a space counts only between two
# ASCII letters or digits, as in crates/pdf/tests/probes.rs); precision is the
# same over the read length (below 1: invented text).
#
# Usage: scripts/pdf-probes.sh [DECODE_BINARY]
#   DECODE_BINARY: default target/release/examples/decode (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
if [ -z "$BIN" ]; then
    cargo build -q --release -p policy-pdf --example decode
    BIN=target/release/examples/decode
fi
command -v pdftotext >/dev/null || { echo "pdftotext missing: apt-get install -y poppler-utils" >&2; exit 1; }
DIR=crates/pdf/tests/data/probe
python3 - "$BIN" "$DIR" <<'PY'
import subprocess, sys, unicodedata
bin_, d = sys.argv[1], sys.argv[2]

def canon(t):
    t = " ".join(unicodedata.normalize("NFKC", t).split())
    out = []
    for i, c in enumerate(t):
        if c == " ":
            a, b = t[i - 1], t[i + 1] if i + 1 < len(t) else ""
            if not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum()):
                continue
        out.append(c)
    return "".join(out)

def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]

rows = [l.rstrip("\n").split("\t") for l in open(f"{d}/expected.tsv", encoding="utf-8") if not l.startswith("#")]
tot = {"ours": [0, 0, 0], "pdftotext": [0, 0, 0]}
exact = {"ours": 0, "pdftotext": 0}
print(f"| {'probe':24} | {'ours rec':>8} | {'prec':>5} | {'pdftotext rec':>13} | ours read")
print(f"|{'-'*26}|{'-'*10}|{'-'*7}|{'-'*15}|----------")
for f, exp, _ in rows:
    e = canon(exp)
    r = subprocess.run([bin_, f"{d}/{f}"], capture_output=True, text=True)
    ours = canon(r.stdout) if r.stdout.strip() else ""
    err = r.stderr.strip().split("error: ", 1)[1] if "error: " in r.stderr else ""
    p = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", f"{d}/{f}", "-"], capture_output=True, text=True)
    ref = canon(p.stdout)
    res = {}
    for name, got in (("ours", ours), ("pdftotext", ref)):
        m = lcs(e, got)
        tot[name][0] += m; tot[name][1] += len(e); tot[name][2] += len(got)
        exact[name] += got == e
        res[name] = (m / max(len(e), 1), m / len(got) if got else 1.0)
    shown = ours if ours else f"(error: {err})"
    print(f"| {f:24} | {res['ours'][0]:8.3f} | {res['ours'][1]:5.2f} | {res['pdftotext'][0]:13.3f} | {shown[:60]}")
for name in tot:
    m, n, g = tot[name]
    print(f"{name}: {exact[name]}/{len(rows)} exact, character recall {m / n:.3f}, precision {m / max(g, 1):.3f}")
PY
