//! Snapshots of the blocks of every PDF fixture, and hostile-input tests.

use std::path::Path;

use policy_blocks::{BlockKind, Decoded, Limits, Merge};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A readable view of the blocks: one entry per block, tables as grids where
/// `^` marks a cell merged upward and `<` one merged leftward.
fn view(doc: &Decoded) -> serde_json::Value {
    let blocks: Vec<serde_json::Value> = doc
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Heading { level, text } => {
                serde_json::json!({ "page": b.span.page, "heading": level, "text": text })
            }
            BlockKind::Paragraph { text } => serde_json::json!({ "page": b.span.page, "p": text }),
            BlockKind::Table(t) => {
                let rows: Vec<serde_json::Value> = t
                    .rows
                    .iter()
                    .map(|r| {
                        let cells: Vec<String> = r
                            .cells
                            .iter()
                            .map(|c| match c.merge {
                                Merge::Up => "^".to_string(),
                                Merge::Left => "<".to_string(),
                                Merge::None => c.text.clone(),
                            })
                            .collect();
                        if r.is_header {
                            serde_json::json!({ "header": cells })
                        } else {
                            serde_json::json!(cells)
                        }
                    })
                    .collect();
                serde_json::json!({ "page": b.span.page, "table": rows })
            }
        })
        .collect();
    serde_json::json!({ "notes": doc.notes, "blocks": blocks })
}

#[test]
fn fixture_pdfs() {
    let dir = fixtures();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.extend(
        [
            "real/real05_hainan_nongji_butie_fangan.pdf",
            "real/real06_shandong_jiadian_yijiuhuanxin_fangan.pdf",
        ]
        .map(String::from),
    );
    names.push("../crates/pdf/tests/data/predefined_cmap.pdf".to_string());
    names.sort();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).expect("fixture");
        let doc =
            policy_pdf::read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let snapshot = Path::new(&name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("pdf")
            .to_string();
        insta::assert_json_snapshot!(snapshot, view(&doc));
    }
}

#[test]
fn block_spans_point_at_block_text() {
    let bytes = std::fs::read(fixtures().join("002_implementation_plan.pdf")).expect("fixture");
    let doc = policy_pdf::read(&bytes, &Limits::default()).expect("reads");
    for block in &doc.blocks {
        if let BlockKind::Paragraph { text } = &block.kind {
            assert_eq!(&doc.text[block.span.start..block.span.end], text);
            assert!(block.span.page.is_some_and(|p| p >= 1));
        }
    }
}

fn error_of(bytes: &[u8]) -> String {
    match policy_pdf::read(bytes, &Limits::default()) {
        Ok(doc) => panic!("read {} blocks from hostile input", doc.blocks.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn scanned_pdf_says_it_has_no_text_layer() {
    let bytes =
        std::fs::read(fixtures().join("real/real10_shandong_shouji_gouxin_xize.scanned.pdf"))
            .expect("fixture");
    let message = error_of(&bytes);
    assert!(
        message.contains("no text layer") && message.contains("OCR"),
        "{message}"
    );
}

#[test]
fn password_protected_pdf_is_a_clear_error() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/encrypted_password.pdf"),
    )
    .expect("fixture");
    let message = error_of(&bytes);
    assert!(message.contains("encrypted"), "{message}");
}

#[test]
fn encrypted_pdf_without_user_password_is_read() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/encrypted_nopassword.pdf"),
    )
    .expect("fixture");
    let doc = policy_pdf::read(&bytes, &Limits::default()).expect("reads");
    assert_eq!(
        doc.blocks.first().map(|b| b.text()),
        Some("一、总体要求".to_string())
    );
}

#[test]
fn truncated_pdf_is_an_error_not_a_panic() {
    for name in ["000_division_table.pdf", "002_implementation_plan.pdf"] {
        let bytes = std::fs::read(fixtures().join(name)).expect("fixture");
        let half = bytes.get(..bytes.len() / 2).expect("half");
        assert!(error_of(half).contains("truncated"));
    }
}

#[test]
fn pdf_with_broken_body_is_an_error_not_a_panic() {
    // Header and %%EOF intact, everything between them garbage.
    let bytes = std::fs::read(fixtures().join("000_division_table.pdf")).expect("fixture");
    let mut broken = bytes.clone();
    let len = broken.len();
    for (i, b) in broken.iter_mut().enumerate().take(len - 64).skip(64) {
        *b = (i as u8).wrapping_mul(31).wrapping_add(7);
    }
    let _ = policy_pdf::read(&broken, &Limits::default());
}

#[test]
fn random_bytes_and_empty_input_are_errors() {
    let random: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(error_of(&random).contains("not a PDF"));
    assert!(error_of(b"").contains("empty"));
    let mut fake = b"%PDF-1.7\n".to_vec();
    fake.extend(&random);
    fake.extend(b"\n%%EOF\n");
    let _ = error_of(&fake);
}

#[test]
fn limits_are_enforced() {
    let bytes = std::fs::read(fixtures().join("001_ledger_table.pdf")).expect("fixture");
    let small = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let err = policy_pdf::read(&bytes, &small).expect_err("too many pages");
    assert!(err.to_string().contains("max_pages"), "{err}");
    let tiny = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    let err = policy_pdf::read(&bytes, &tiny).expect_err("too big");
    assert!(err.to_string().contains("max_input_bytes"), "{err}");
    // Every stream the library inflates counts, its fonts and pages (between
    // 256 KB and 1 MB here): a flate bomb stops at the limit, named.
    let inflating = Limits {
        max_decompressed_bytes: 64 * 1024,
        ..Limits::default()
    };
    let err = policy_pdf::read(&bytes, &inflating).expect_err("inflates past 64 KB");
    assert!(
        matches!(&err, policy_pdf::Error::Limit(e) if e.limit == policy_blocks::Limit::DecompressedBytes),
        "{err}"
    );
    let enough = Limits {
        max_decompressed_bytes: 1 << 20,
        ..Limits::default()
    };
    policy_pdf::read(&bytes, &enough).expect("inflates under 1 MB");
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .expect("test data")
}

/// Reads a file of `tests/data`, which must hold `text` and, when `note` is
/// given, a reader note that says it.
fn reads(name: &str, text: &str, note: Option<&str>) -> Decoded {
    let doc = policy_pdf::read(&data(name), &Limits::default())
        .unwrap_or_else(|err| panic!("{name}: {err}"));
    assert!(doc.text.contains(text), "{name}: {}", doc.text);
    if let Some(note) = note {
        assert!(
            doc.notes.iter().any(|n| n.message.contains(note)),
            "{name}: {:?}",
            doc.notes
        );
    }
    doc
}

/// AES-256 (R6) with an empty user password, as `qpdf --encrypt "" owner 256
/// -- probe/len+0.pdf` writes it: text, not "a scan".
#[test]
fn aes256_pdf_without_user_password_is_read() {
    reads(
        "encrypted_aes256_nopassword.pdf",
        "Third line of text",
        Some("encrypted"),
    );
}

/// AES-256 R5 (Acrobat 9's deprecated revision) with an empty user password,
/// as `qpdf --encrypt "" owner 256 --force-R5 -- probe/len+0.pdf` writes it:
/// its file key is unwrapped from /UE, not the password hash itself (before
/// the patch the pages decrypted to noise and the file was called a scan).
#[test]
fn aes256_r5_pdf_without_user_password_is_read() {
    reads(
        "encrypted_aes256_r5_nopassword.pdf",
        "Third line of text",
        Some("encrypted"),
    );
}

/// Mail-gateway headers before `%PDF-` (the xref offsets all shifted): still read.
#[test]
fn bytes_before_the_header_do_not_refuse_a_readable_file() {
    let doc = policy_pdf::read(&data("junk_before_header.pdf"), &Limits::default()).expect("reads");
    assert!(doc.text.contains("First line of text"), "{}", doc.text);
    assert!(doc.text.contains("Third line of text"), "{}", doc.text);
}

/// A UTF-8 byte-order mark before `%PDF-` (upload forms that save a file as
/// text): read like the file without it.
#[test]
fn a_byte_order_mark_before_the_header_does_not_refuse_the_file() {
    reads("bom_before_header.pdf", "Third line of text", None);
}

/// No `%%EOF` (probe noeof.pdf): read, and the note says the file may be cut.
#[test]
fn a_file_without_eof_marker_is_read_with_a_note() {
    reads("probe/noeof.pdf", "Third line of text", Some("%%EOF"));
}

/// A page that draws no text, its text in a free-text annotation and a form
/// field (`make.py`): read, with a note, never "a scan".
#[test]
fn text_only_in_annotations_is_read_with_a_note() {
    let doc = reads(
        "annotation_only.pdf",
        "到2025年，完成100个项目",
        Some("annotations"),
    );
    assert!(doc.text.contains("省发展改革委"), "{}", doc.text);
}

/// A page whose only text is a push button's caption, drawn by its
/// appearance stream: read from there (pdftotext draws it too), never "a scan".
#[test]
fn text_only_in_an_annotation_appearance_is_read_with_a_note() {
    reads(
        "annotation_appearance_only.pdf",
        "Submit the plan",
        Some("annotations"),
    );
}

/// A ligature named by its components in `/Differences` (`f_f`): every
/// component is a character, "stuff", not "stuf" (pdf.js issue11016).
#[test]
fn a_compound_glyph_name_reads_as_all_its_letters() {
    let doc = reads("ligature_glyph_name.pdf", "stuff", None);
    assert_eq!(doc.text.trim(), "stuff");
}

/// An empty media box (`[0 0 0 0]`) is no page size: the text is read, not
/// dropped as drawn outside the page (pdf.js boundingBox_invalid).
#[test]
fn a_page_with_an_empty_media_box_is_read() {
    reads("empty_media_box.pdf", "Budget 1100 million", None);
}

/// A non-embedded Arial without `/Widths` takes Helvetica's metrics, as
/// viewers substitute it: its line ends inside the page, and no word of it
/// is dropped as drawn off the page (pdf.js issue5470).
#[test]
fn a_non_embedded_arial_has_helvetica_widths() {
    let doc = reads("nonembedded_arial.pdf", "the text should be red", None);
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
}

/// A password that guards only the attachments (crypt filters `/Identity`
/// for streams and strings, `/EFF` for embedded files): the pages are read,
/// with a note, not refused as password-protected (pdf.js auth-event-ef-open).
#[test]
fn a_pdf_whose_attachments_alone_are_encrypted_is_read() {
    reads(
        "encrypted_attachments_only.pdf",
        "Budget 1100 million",
        Some("attachments"),
    );
}

/// Pages that show text none of which decodes (here control codes) are not
/// called a scan of images only: the error says the text is there and
/// could not be decoded.
#[test]
fn undecodable_text_is_not_called_a_scan() {
    let err = policy_pdf::read(&data("undecodable_text.pdf"), &Limits::default())
        .expect_err("nothing decodes");
    assert!(
        matches!(err, policy_pdf::Error::TextUndecoded { pages: 1 }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("none of it could be decoded"),
        "{err}"
    );
}

/// Glyphs drawn twice (`make.py`): fake bold 0.3 pt apart, a cell drawn once
/// per clip strip whose copy skips the "." and the "m" with a `TJ` offset
/// (tabula S2MNCEbirdisland.pdf), Chinese drawn twice. Each reads once, and
/// no number or word is split by the gap a copy left.
#[test]
fn doubled_glyphs_read_once_without_a_space_inside_a_number() {
    let doc = reads("doubled_glyphs.pdf", "Yield 53.7 bu, 122,921 plants", None);
    let lines: Vec<&str> = doc.text.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "Yield 53.7 bu, 122,921 plants",
            "Yield 54.5 bu, Optimum seed",
            "到2025年，完成100个项目"
        ],
        "{}",
        doc.text
    );
}

/// GBK2K-H (GB 18030) mixes 1-, 2- and 4-byte codes (`make.py`): the 4-byte
/// codes of CJK Extension A read as their characters, and the digits around
/// them stay digits (read as 2-byte pairs they came out "第5条：99065个58").
#[test]
fn gbk2k_four_byte_codes_read_as_one_character() {
    let doc = reads("gbk2k_four_byte.pdf", "第5条：㐀㒳5个䶵", None);
    assert_eq!(doc.text.trim(), "第5条：㐀㒳5个䶵");
}

/// A ToUnicode map whose zlib stream has a wrong Adler-32 (`make.py`, as in
/// pdf.js issue13316_reduced.pdf): the deflate data is whole and read whole,
/// so the codes map to their characters, not to the letters of the codes.
#[test]
fn a_tounicode_map_with_a_wrong_zlib_checksum_is_read_whole() {
    let doc = reads("tounicode_bad_checksum.pdf", "开票通知单", None);
    assert_eq!(doc.text.trim(), "开票通知单");
}
