#!/usr/bin/env bash
# Text recall of our readers over folders of other projects' files (not part
# of CI; docs/corpora.md has the figures and how the corpora were fetched).
#
# Every PDF and DOCX under each DIR is decoded with `policy-extract text` (the
# decoded text every span indexes) and compared with a reference reader:
# `pdftotext` (poppler-utils) for a PDF, python-docx for a DOCX (body
# paragraphs and table cells, nested tables included, in document order; a
# merged cell once, not once per grid cell it covers).
#
# Recall is character-multiset recall: both texts NFKC-normalised, white space
# and control and format characters dropped, then the share of the reference's
# characters (counted with multiplicity) that our text also holds; precision
# is the same over our characters (below 1: characters the reference does not
# have). Order is not compared: a table or a two-column page read in another
# order is no loss.
#
# Annotation-only text is excluded: the PDF reference is pdftotext on a copy
# of the file without its annotations (removed with pypdf), since pdftotext
# draws annotation appearances (form field values, free-text boxes, stamps)
# and our reader reads the page contents (annotations only when no page draws
# any text). `recall_all` is the same against pdftotext on the file as is.
#
# The reader removes running headers, footers and page numbers, and names
# each removal in a note ("removed the running header or footer "…" repeated
# on 4 pages", "removed 7 page numbers ("- 1 -" … "- 7 -")"): `recall` counts
# those characters as read (the page numbers of a range filled in, as they
# count with the pages), `recall_raw` does not.
#
# Per file: recall, precision, reference size and our outcome; per folder: how
# many files were compared, median and p10 recall, and the files under 0.9.
# Not compared (listed with the reason): files the reference cannot read or
# finds no text in (scans, encrypted, text only in annotations).
#
# Usage: scripts/corpora.sh [-o REPORT.tsv] DIR...
#   REPORT.tsv: every file's row (default target/corpora/report.tsv)
#   CORPORA_BIN: the policy-extract binary (default: built here, release)
#   CORPORA_TIMEOUT: seconds per file and reader (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
REPORT=target/corpora/report.tsv
if [ "${1:-}" = "-o" ]; then
    REPORT="$2"
    shift 2
fi
[ $# -gt 0 ] || { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
command -v pdftotext >/dev/null || { echo "pdftotext missing: apt-get install -y poppler-utils" >&2; exit 1; }
python3 -c 'import docx, pypdf' 2>/dev/null || { echo "python-docx or pypdf missing: pip install python-docx pypdf" >&2; exit 1; }
BIN="${CORPORA_BIN:-}"
if [ -z "$BIN" ]; then
    cargo build -q --release -p policy-extract
    BIN=target/release/policy-extract
fi
mkdir -p "$(dirname "$REPORT")"
python3 - "$BIN" "${CORPORA_TIMEOUT:-60}" "$REPORT" "$@" <<'PY'
import collections, math, os, re, statistics, subprocess, sys, tempfile, unicodedata

bin_, timeout, report, dirs = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]


def chars(text):
    return collections.Counter(
        c
        for c in unicodedata.normalize("NFKC", text)
        if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    )


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", f"timeout after {timeout:.0f} s"


def docx_text(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []

    def walk(parent):
        for item in parent.iter_inner_content():
            if isinstance(item, Paragraph):
                out.append(item.text)
            elif isinstance(item, Table):
                # python-docx gives a merged cell once per grid cell it covers.
                seen = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            walk(cell)

    walk(docx.Document(path))
    return "\n".join(out)


def without_annotations(path, out):
    """Writes `path` without its annotations to `out`; False if pypdf cannot."""
    import logging

    from pypdf import PdfReader, PdfWriter

    logging.disable(logging.CRITICAL)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        writer = PdfWriter(clone_from=reader)
        writer.remove_annotations(subtypes=None)
        with open(out, "wb") as f:
            writer.write(f)
        return True
    except Exception:  # noqa: BLE001 (pypdf fails on some damaged files)
        return False


def pdftotext(path):
    code, out, err = run(["pdftotext", "-enc", "UTF-8", path, "-"])
    if code != 0:
        return None, "pdftotext fails: " + (err.strip().splitlines() or ["?"])[-1][:80]
    return out, None


def reference(path):
    """(text, text with annotations, None) or (None, None, why the file is not compared)."""
    if path.lower().endswith(".pdf"):
        whole, why = pdftotext(path)
        if whole is None:
            return None, None, why
        with tempfile.TemporaryDirectory() as tmp:
            bare = os.path.join(tmp, "bare.pdf")
            text = pdftotext(bare)[0] if without_annotations(path, bare) else None
        # pypdf could not rewrite the file: compared with its annotations.
        return (whole if text is None else text), whole, None
    try:
        text = docx_text(path)
        return text, text, None
    except Exception as e:  # noqa: BLE001 (any failure of the reference reader)
        return None, None, f"python-docx fails: {type(e).__name__}: {str(e)[:60]}"


def noted_removals(err):
    """The text the reader's notes say it removed as page furniture."""
    out = []
    for line in err.splitlines():
        m = re.search(r'note: removed the running header or footer "(.*)" repeated on (\d+) pages$', line)
        if m:
            out.append(m.group(1) * int(m.group(2)))
            continue
        m = re.search(r'note: removed the page number "(.*)"$', line)
        if m:
            out.append(m.group(1))
            continue
        m = re.search(r'note: removed (\d+) page numbers \("(.*)" … "(.*)"\)$', line)
        if m:
            n, first, last = int(m.group(1)), m.group(2), m.group(3)
            a, b = re.search(r"\d+", first), re.search(r"\d+", last)
            if a and b and int(b.group()) - int(a.group()) + 1 == n:
                out += [first[: a.start()] + str(k) + first[a.end():] for k in range(int(a.group()), int(b.group()) + 1)]
            else:
                out += [first, last]
    return "".join(out)


def first_error(err):
    for line in err.splitlines():
        if line.startswith("policy-extract: error:"):
            return line.split(": ", 3)[-1][:120]
    return (err.strip().splitlines() or ["?"])[-1][:120]


cols = ["corpus", "file", "recall", "precision", "recall_raw", "recall_all", "ref_chars", "outcome", "status"]
rows = []
for d in dirs:
    corpus = os.path.basename(os.path.normpath(d))
    files = sorted(
        os.path.join(root, f)
        for root, _, names in os.walk(d)
        for f in names
        if f.lower().endswith((".pdf", ".docx"))
    )
    for path in files:
        ref, ref_all, why = reference(path)
        code, ours, err = run([bin_, "text", path])
        row = {"corpus": corpus, "file": os.path.relpath(path, d), "recall": "", "precision": "",
               "recall_raw": "", "recall_all": "", "ref_chars": "", "outcome": "read"}
        if code is None:
            row["outcome"] = err
        elif code != 0:
            row["outcome"] = "error: " + first_error(err)
        elif "annotations and form fields instead" in err:
            row["outcome"] = "annotation text only"
        if ref is None:
            row["status"] = "not compared: " + why
        else:
            want = chars(ref)
            n = sum(want.values())
            row["ref_chars"] = n
            if n == 0:
                row["status"] = "not compared: the reference finds no text"
            elif row["outcome"] == "annotation text only":
                row["status"] = "not compared: annotation text only"
            else:
                raw = chars(ours) if code == 0 else collections.Counter()
                got = raw + chars(noted_removals(err))
                common = sum((want & got).values())
                row["recall"] = f"{common / n:.3f}"
                row["recall_raw"] = f"{sum((want & raw).values()) / n:.3f}"
                total = sum(got.values())
                row["precision"] = f"{common / total:.3f}" if total else ""
                want_all = chars(ref_all)
                row["recall_all"] = f"{sum((want_all & got).values()) / sum(want_all.values()):.3f}"
                row["status"] = "compared"
        rows.append(row)
        print("\t".join(str(row[c] or "-") for c in cols), flush=True)

with open(report, "w") as f:
    f.write("\t".join(cols) + "\n")
    for r in rows:
        f.write("\t".join(str(r[c]) for c in cols) + "\n")


def p10(values):
    values = sorted(values)
    return values[max(0, math.ceil(len(values) * 0.1) - 1)] if values else float("nan")


print()
print("| corpus | kind | files | compared | median recall | p10 recall | under 0.9 | errors on a file with text "
      "| median / p10 recall_raw | median / p10 recall_all |")
print("|---|---|---|---|---|---|---|---|---|---|")
for corpus in dict.fromkeys(r["corpus"] for r in rows):
    for kind in (".pdf", ".docx"):
        mine = [r for r in rows if r["corpus"] == corpus and r["file"].lower().endswith(kind)]
        if not mine:
            continue
        rec = [float(r["recall"]) for r in mine if r["status"] == "compared"]
        rec_all = [float(r["recall_all"]) for r in mine if r["status"] == "compared"]
        rec_raw = [float(r["recall_raw"]) for r in mine if r["status"] == "compared"]
        under = sum(v < 0.9 for v in rec)
        errors = sum(r["status"] == "compared" and r["outcome"].startswith("error") for r in mine)
        med = f"{statistics.median(rec):.3f}" if rec else "-"
        def pair(values):
            return f"{statistics.median(values):.3f} / {p10(values):.3f}" if values else "-"

        print(f"| {corpus} | {kind[1:].upper()} | {len(mine)} | {len(rec)} | {med} | {p10(rec):.3f} | {under} "
              f"| {errors} | {pair(rec_raw)} | {pair(rec_all)} |")
print()
print(f"every row: {report}; files under 0.9:")
for r in rows:
    if r["status"] == "compared" and float(r["recall"]) < 0.9:
        print(f"  {r['corpus']}/{r['file']}\trecall {r['recall']}\t{r['outcome']}")
PY
