#!/usr/bin/env python3
"""Writes the hand-made PDFs of this folder that no tool makes for us.

`python3 crates/pdf/tests/data/make.py`. (encrypted_aes256_nopassword.pdf is
`qpdf --encrypt "" owner 256 -- probe/len+0.pdf encrypted_aes256_nopassword.pdf`,
encrypted_aes256_r5_nopassword.pdf the same with `--force-R5`;
junk_before_header.pdf is probe/len+0.pdf after three mail-header lines;
bom_before_header.pdf is probe/len+0.pdf after a UTF-8 byte-order mark, as
some upload forms save it: `printf '\xef\xbb\xbf' | cat - probe/len+0.pdf`.)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def pdf(objects, trailer=b""):
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R".encode() + trailer
    out += f" >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def utf16(text):
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


# A page that draws nothing; its text is a free-text annotation and a filled
# form field (a scanned form with typed-in answers looks like this).
annotation_only = pdf([
    b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R 5 0 R] >>",
    b"<< /Type /Annot /Subtype /FreeText /Rect [72 700 400 730] /Contents " + utf16("到2025年，完成100个项目") + b" /DA (/Helv 12 Tf 0 g) >>",
    b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (owner) /Rect [72 600 400 630] /V " + utf16("省发展改革委") + b" /P 3 0 R >>",
])
with open(os.path.join(HERE, "annotation_only.pdf"), "wb") as f:
    f.write(annotation_only)

# A page that draws nothing; its only text is a push button's caption, drawn
# by the button's appearance stream (no /V, no /Contents to read).
caption = b"BT /Helv 12 Tf 4 6 Td (Submit the plan) Tj ET"
appearance_only = pdf([
    b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
    b"<< /Type /Annot /Subtype /Widget /FT /Btn /Ff 65536 /T (submit) /Rect [72 700 192 724] /P 3 0 R /AP << /N 5 0 R >> >>",
    b"<< /Type /XObject /Subtype /Form /BBox [0 0 120 24] /Resources << /Font << /Helv 6 0 R >> >> /Length "
    + str(len(caption)).encode() + b" >>\nstream\n" + caption + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
])
with open(os.path.join(HERE, "annotation_appearance_only.pdf"), "wb") as f:
    f.write(appearance_only)


def page_with_text(media_box, font, content, extra=(), trailer=b""):
    """One page showing `content` in font /F1; `extra` objects follow, from 6 0 obj."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        font,
        *extra,
    ], trailer)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
BUDGET = b"BT /F1 12 Tf 72 700 Td (Budget 1100 million) Tj ET"

# A ligature named by its components in /Differences (f_f, as Calibri subsets
# have it): every component is a character ("stuff", not "stuf").
write("ligature_glyph_name.pdf", page_with_text(
    b"[0 0 200 50]",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 31 /LastChar 117"
    b" /Widths [556" + b" 0" * 83 + b" 500 278 556] /Encoding << /Type /Encoding"
    b" /BaseEncoding /WinAnsiEncoding /Differences [31 /f_f] >> >>",
    b"BT /F1 20 Tf 10 20 Td (stu\\037) Tj ET",
))

# An empty media box: viewers draw the page at a default size; its text is
# no text "outside the page".
write("empty_media_box.pdf", page_with_text(b"[0 0 0 0]", HELVETICA, BUDGET))

# A non-embedded Arial without /Widths on a page 200 pt wide: with Helvetica's
# metrics (viewers substitute it) the line ends at x 195; at 500/1000 em a
# glyph its last word ran past the page edge and was dropped.
write("nonembedded_arial.pdf", page_with_text(
    b"[0 0 200 50]",
    b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /Encoding /WinAnsiEncoding >>",
    b"BT /F1 12 Tf 10 20 Td (Issue 5470 - the text should be red) Tj ET",
))

# AES-256 whose password guards only the attachments (/EFF, AuthEvent
# /EFOpen): streams and strings use the /Identity crypt filter, so the pages
# are plain and every viewer opens the file without a password. (The
# password hashes are arbitrary bytes: the empty password does not match.)
write("encrypted_attachments_only.pdf", page_with_text(
    b"[0 0 595 842]",
    HELVETICA,
    BUDGET,
    extra=[
        b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4"
        b" /O <" + b"11" * 48 + b"> /U <" + b"22" * 48 + b"> /OE <" + b"33" * 32 + b"> /UE <" + b"44" * 32 + b">"
        b" /Perms <" + b"55" * 16 + b"> /CF << /StdCF << /AuthEvent /EFOpen /CFM /AESV3 /Length 32 >> >>"
        b" /StmF /Identity /StrF /Identity /EFF /StdCF >>",
    ],
    trailer=b" /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
))

# A page that shows text in codes its font maps to no character (control
# codes): nothing can be decoded, but the page is no scan.
write("undecodable_text.pdf", page_with_text(
    b"[0 0 595 842]",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"BT /F1 12 Tf 72 700 Td (\\001\\002\\003\\004) Tj ET",
))

# Doubled glyphs. Line 1 is fake bold: the whole line drawn twice, 0.3 pt
# apart. Line 2 is what a table exporter writes (tabula S2MNCEbirdisland.pdf):
# each cell drawn twice, in two clip strips, and the copy for one strip leaves
# out a glyph outside its strip, moving the pen past it with a TJ offset
# ("54", a gap of 0.2778 em, "5"; "Opti", a gap, "um") that the library reads
# as a space glyph; the other copy draws the "." and the "m" in that gap. Line
# 3 is Chinese drawn twice (STSong-Light, UniGB-UCS2-H). Each reads once,
# without a space inside a number or a word.
def cjk_hex(text):
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


CJK_LINE = cjk_hex("到2025年，完成100个项目")
doubled = (
    b"BT /F1 12 Tf 72 700 Td (Yield 53.7 bu, 122,921 plants) Tj ET\n"
    b"BT /F1 12 Tf 72.3 700 Td (Yield 53.7 bu, 122,921 plants) Tj ET\n"
    b"q 72 680 300 6 re W n BT /F1 12 Tf 72 680 Td [(Yield 54)-277.8(5 bu, Opti)-833(um seed)] TJ ET Q\n"
    b"q 72 674 300 6 re W n BT /F1 12 Tf 72 680 Td (Yield 54.5 bu, Optimum seed) Tj ET Q\n"
    b"BT /F2 12 Tf 72 660 Td " + CJK_LINE + b" Tj ET\n"
    b"BT /F2 12 Tf 72.3 660 Td " + CJK_LINE + b" Tj ET"
)
write("doubled_glyphs.pdf", pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
    b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length " + str(len(doubled)).encode() + b" >>\nstream\n" + doubled + b"\nendstream",
    HELVETICA,
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
    b" /FontDescriptor 8 0 R /DW 1000 /W [1 95 500] >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
    b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]))

# GBK2K-H (GB 18030) mixes 1-, 2- and 4-byte codes: "㐀" is <8139EE39>, "㒳"
# <82308236>, "䶵" <82358738> (CJK Extension A, which GB 18030 adds to GBK),
# next to ASCII digits and 2-byte codes.
GBK2K_TEXT = "第5条：㐀㒳5个䶵"
write("gbk2k_four_byte.pdf", page_with_text(
    b"[0 0 595 842]",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK2K-H /DescendantFonts [6 0 R] >>",
    b"BT /F1 12 Tf 72 700 Td <" + GBK2K_TEXT.encode("gb18030").hex().upper().encode() + b"> Tj ET",
    extra=[
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ],
))

# A ToUnicode map whose zlib stream carries a wrong Adler-32 (a .NET writer's
# stream in pdf.js issue13316_reduced.pdf): the deflate data is whole, and the
# map (codes A–E → 开票通知单, after padding entries for unused codes) reads
# whole; cut at the failed check it lost its end and mapped nothing ("ABCDE").
import zlib

cmap_entries = "".join(f"<{c:02X}> <{0x2460 + c - 0x80:04X}>\n" for c in range(0x80, 0x100))
cmap_entries += "".join(f"<{0x41 + i:02X}> <{ord(ch):04X}>\n" for i, ch in enumerate("开票通知单"))
tounicode = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Bad-Adler def\n/CMapType 2 def\n"
    "1 begincodespacerange <00> <FF> endcodespacerange\n"
    f"{0x85} beginbfchar\n{cmap_entries}endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
).encode()
bad_adler = bytearray(zlib.compress(tounicode))
bad_adler[-1] ^= 0xFF
write("tounicode_bad_checksum.pdf", page_with_text(
    b"[0 0 595 842]",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
    b"BT /F1 12 Tf 72 700 Td (ABCDE) Tj ET",
    extra=[
        b"<< /Filter /FlateDecode /Length " + str(len(bad_adler)).encode() + b" >>\nstream\n" + bytes(bad_adler) + b"\nendstream",
    ],
))
