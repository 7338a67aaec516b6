//! Word 97-2003 `.doc` files read like the same document in another format.
//!
//! - `fixtures/doc/*.doc` were made from the DOCX fixtures with LibreOffice
//!   (`fixtures/doc/README`): each decodes to the same blocks as its DOCX,
//!   merged cells marked the same way.
//! - `fixtures/real/real04…doc` and `real05…pdf` are the same notice as
//!   published: their tasks are compared one by one.

use policy_kit::{Block, BlockKind, Options};

use crate::util::{extract, relative, root};

/// `fixtures/doc/NAME.doc` and the DOCX it was made from.
const PAIRS: &[(&str, &str)] = &[
    (
        "fixtures/doc/000_division_table.doc",
        "fixtures/000_division_table.docx",
    ),
    (
        "fixtures/doc/000_division_table_spanrows.doc",
        "fixtures/000_division_table_spanrows.docx",
    ),
    (
        "fixtures/doc/001_ledger_table.doc",
        "fixtures/001_ledger_table.docx",
    ),
    (
        "fixtures/doc/002_implementation_plan.doc",
        "fixtures/002_implementation_plan.docx",
    ),
    (
        "fixtures/doc/real12_jinan_quanchenggou_gonggao.doc",
        "fixtures/real/real12_jinan_quanchenggou_gonggao.docx",
    ),
    (
        "fixtures/doc/numbered_lists.doc",
        "fixtures/doc/numbered_lists.docx",
    ),
];

fn blocks(path: &str) -> Vec<Block> {
    let path = root().join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    policy_kit::decode(&bytes, &relative(&path), &Options::default())
        .unwrap_or_else(|err| panic!("{}: {err:?}", path.display()))
        .blocks
}

/// A block without its span (the two texts differ where notes differ).
fn shape(block: &Block) -> String {
    match &block.kind {
        BlockKind::Table(table) => serde_json::to_string(
            &table
                .rows
                .iter()
                .map(|row| {
                    (
                        row.is_header,
                        row.cells
                            .iter()
                            .map(|c| (c.text.clone(), c.merge))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .expect("tables serialize"),
        kind => serde_json::to_string(kind).expect("blocks serialize"),
    }
}

#[test]
fn doc_made_from_docx_decodes_to_the_same_blocks() {
    let mut failures = Vec::new();
    for (doc, docx) in PAIRS {
        let (from_doc, from_docx) = (blocks(doc), blocks(docx));
        let (a, b): (Vec<String>, Vec<String>) = (
            from_doc.iter().map(shape).collect(),
            from_docx.iter().map(shape).collect(),
        );
        if a != b {
            let first = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            failures.push(format!(
                "{doc}: {} blocks, {docx}: {}; first difference at block {first}:\n  doc:  {}\n  docx: {}",
                a.len(),
                b.len(),
                a.get(first).map_or("(none)", String::as_str),
                b.get(first).map_or("(none)", String::as_str),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `numbered_lists` is all Word automatic numbering (`make_numbered_lists.py`):
/// its labels come from the list definitions, not the text, so the pair
/// above is only a test of them if the labels are there.
#[test]
fn numbered_lists_show_their_labels() {
    let texts: Vec<String> = blocks("fixtures/doc/numbered_lists.doc")
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Table(table) => table.rows[1].cells[0].text.clone(),
            _ => b.text(),
        })
        .collect();
    for label in [
        "一、总体要求",
        "（二）基本原则。",
        "2.改造提升农村幸福院10个。",
        "②农村每个乡镇",
        "（2）落实建设补贴。",
        // A second list of the same format counts from 1.
        "（1）加强组织领导。",
        "（3）严格督查考核。",
        "三、保障措施",
        "第十一条本办法自发布之日起施行。",
        "四.2农村社区设施",
        "•康复护理",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(label)),
            "no block starts with {label}: {texts:#?}"
        );
    }
    // The table's first column is numbered too.
    assert!(texts.contains(&"一".to_string()), "{texts:#?}");
}

/// The same notice as `.doc` and as PDF: the same tasks, in the same order,
/// with the same owners and the same text once white space is removed. The
/// PDF reader drops some punctuation at line ends of real05 (`，` `、` `。`
/// where a line wraps), so a PDF task may lack punctuation the `.doc` has,
/// and nothing else.
#[test]
fn real04_doc_and_real05_pdf_give_the_same_tasks() {
    let doc = extract(&root().join("fixtures/real/real04_hainan_nongji_butie_fangan.doc"))
        .expect("real04 reads");
    let pdf = extract(&root().join("fixtures/real/real05_hainan_nongji_butie_fangan.pdf"))
        .expect("real05 reads");
    assert!(
        doc.tasks.len() >= 20,
        "real04 has {} tasks",
        doc.tasks.len()
    );
    assert_eq!(doc.tasks.len(), pdf.tasks.len(), "task counts");
    let mut differences = Vec::new();
    let mut missing_punctuation = 0;
    for (i, (a, b)) in doc.tasks.iter().zip(&pdf.tasks).enumerate() {
        let (a_text, b_text) = (squeeze(&a.text), squeeze(&b.text));
        if a_text != b_text {
            if only_punctuation_missing(&a_text, &b_text) {
                missing_punctuation += 1;
            } else {
                differences.push(format!(
                    "task {i} text:\n  doc: {}\n  pdf: {}",
                    a.text, b.text
                ));
            }
        }
        let owners =
            |t: &policy_kit::Task| t.owners.iter().map(|o| o.name.clone()).collect::<Vec<_>>();
        if owners(a) != owners(b) {
            differences.push(format!(
                "task {i} owners: doc {:?}, pdf {:?}",
                owners(a),
                owners(b)
            ));
        }
        if squeeze(&a.number.clone().unwrap_or_default())
            != squeeze(&b.number.clone().unwrap_or_default())
        {
            differences.push(format!(
                "task {i} number: doc {:?}, pdf {:?}",
                a.number, b.number
            ));
        }
    }
    eprintln!(
        "real04/real05: {} tasks, {missing_punctuation} PDF task(s) missing punctuation the .doc has",
        doc.tasks.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(doc.meta.date, pdf.meta.date, "dates");
    assert_eq!(doc.meta.region, pdf.meta.region, "regions");
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `shorter` is `longer` with some punctuation left out.
fn only_punctuation_missing(longer: &str, shorter: &str) -> bool {
    let mut rest = shorter.chars().peekable();
    for c in longer.chars() {
        if rest.peek() == Some(&c) {
            rest.next();
        } else if !(c.is_ascii_punctuation() || "，、。；：！？".contains(c)) {
            return false;
        }
    }
    rest.peek().is_none()
}

/// The bytes say what a file is, not its name: a `.wps` that is a DOCX, a
/// `.doc` that is text or HTML, an OLE file under any name.
#[test]
fn doc_and_wps_are_detected_by_their_bytes() {
    use policy_kit::{SourceFormat, detect_format};
    let docx = std::fs::read(root().join("fixtures/002_implementation_plan.docx")).expect("docx");
    let doc = std::fs::read(root().join("fixtures/doc/002_implementation_plan.doc")).expect("doc");
    let cases: &[(&[u8], &str, SourceFormat)] = &[
        (&docx, "plan.wps", SourceFormat::Docx),
        (&docx, "plan.doc", SourceFormat::Docx),
        (&doc, "plan.wps", SourceFormat::Doc),
        (&doc, "plan.docx", SourceFormat::Doc),
        (&doc, "download", SourceFormat::Doc),
        ("一、总体要求\n".as_bytes(), "plan.doc", SourceFormat::Text),
        (
            b"<html><body><p>x</p></body></html>",
            "plan.doc",
            SourceFormat::Html,
        ),
    ];
    for (bytes, name, format) in cases {
        assert_eq!(detect_format(bytes, name).ok(), Some(*format), "{name}");
    }
    assert!(
        detect_format(b"{\\rtf1\\ansi x}", "plan.doc").is_err(),
        "RTF is named"
    );
    let via_wps = policy_kit::extract(&doc, "plan.wps", &Options::default()).expect("reads");
    assert_eq!(via_wps.source.format, SourceFormat::Doc);
    assert!(!via_wps.tasks.is_empty());
}
