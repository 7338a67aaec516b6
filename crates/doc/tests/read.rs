//! The reader on hand-made files (`fixtures/hostile/make.py`): a small sound
//! document read exactly, and every kind of damage refused by name.

use policy_blocks::{BlockKind, Limit, Limits, Merge};
use policy_doc::Error;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn read(name: &str) -> Result<policy_blocks::Decoded, Error> {
    policy_doc::read(&fixture(name), &Limits::default())
}

#[test]
fn minimal_document_with_a_vertically_merged_cell() {
    let doc = read("minimal.doc").expect("minimal.doc reads");
    assert_eq!(doc.blocks.len(), 3);
    assert_eq!(doc.blocks[0].text(), "一、总体要求");
    let BlockKind::Table(table) = &doc.blocks[1].kind else {
        panic!("a table, got {:?}", doc.blocks[1].kind);
    };
    let grid: Vec<Vec<(&str, Merge)>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| (c.text.as_str(), c.merge)).collect())
        .collect();
    assert_eq!(
        grid,
        vec![
            vec![("牵头单位", Merge::None), ("县民政局", Merge::None)],
            vec![("", Merge::Up), ("县住建局", Merge::None)],
        ]
    );
    assert_eq!(
        doc.blocks[2].text(),
        "（一）工作目标。到2025年，建成社区服务中心10个。"
    );
    // Spans point at the text of each block.
    let span = doc.blocks[2].span;
    assert_eq!(&doc.text[span.start..span.end], doc.blocks[2].text());
}

#[test]
fn tighter_limits_are_named() {
    let limits = Limits {
        max_table_cells: 3,
        ..Limits::default()
    };
    let err = policy_doc::read(&fixture("minimal.doc"), &limits).expect_err("4 cells");
    assert!(matches!(err, Error::Limit(hit) if hit.limit == Limit::TableCells));
    let limits = Limits {
        max_decompressed_bytes: 1000,
        ..Limits::default()
    };
    let err = policy_doc::read(&fixture("minimal.doc"), &limits).expect_err("4 KB streams");
    assert!(matches!(err, Error::Limit(hit) if hit.limit == Limit::DecompressedBytes));
}

/// A fixture and the test its error must pass.
type Case = (&'static str, fn(&Error) -> bool);

#[test]
fn what_is_not_a_word_document_is_named() {
    let cases: &[Case] = &[
        ("doc_encrypted.doc", |e| matches!(e, Error::Encrypted)),
        ("doc_obfuscated.doc", |e| matches!(e, Error::Obfuscated)),
        ("doc_word95.doc", |e| {
            matches!(e, Error::PreWord97 { nfib: 0x65 })
        }),
        (
            "ole_excel_workbook.doc",
            |e| matches!(e, Error::NotWord { what } if what.contains("Excel")),
        ),
        (
            "ole_powerpoint.doc",
            |e| matches!(e, Error::NotWord { what } if what.contains("PowerPoint")),
        ),
        ("ole_encrypted_ooxml.doc", |e| {
            matches!(e, Error::EncryptedOoxml)
        }),
        ("random.docx", |e| matches!(e, Error::NotOle { .. })),
        ("empty.docx", |e| matches!(e, Error::Empty)),
    ];
    for (name, expected) in cases {
        match read(name) {
            Err(err) if expected(&err) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn damage_is_refused_by_name() {
    let cases: &[(&str, &str)] = &[
        ("ole_fat_loop.doc", "compound file is damaged"),
        ("ole_fat_out_of_range.doc", "compound file is damaged"),
        ("ole_dir_start_out_of_range.doc", "compound file is damaged"),
        ("ole_random.doc", "compound file is damaged"),
        ("truncated.doc", "compound file is damaged"),
        (
            "ole_stream_larger_than_declared.doc",
            "more than the 9728 bytes of the whole file",
        ),
        ("doc_no_table_stream.doc", "no 1Table stream"),
        (
            "doc_piece_outside_stream.doc",
            "lies outside the 4096 bytes of WordDocument",
        ),
        ("doc_pieces_backwards.doc", "goes backwards"),
        ("doc_absurd_piece_count.doc", "301 pieces for 53 characters"),
        ("doc_ccp_text_past_stream.doc", "ccpText says"),
    ];
    for (name, words) in cases {
        match read(name) {
            Err(err) => assert!(err.to_string().contains(words), "{name}: {err}"),
            Ok(doc) => panic!("{name} read as {} blocks", doc.blocks.len()),
        }
    }
}

#[test]
fn word_list_numbering_is_restored() {
    let doc = read("minimal_lists.doc").expect("minimal_lists.doc reads");
    let texts: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(
        texts,
        [
            "一、总体要求",
            "（一）工作目标。",
            "（二）基本原则。",
            // fLegal: every number of the label in decimal.
            "1.1统筹推进。",
            // ideographDigital from 10.
            "一〇年度计划",
            // An override restarts the first list at 5.
            "五、保障措施",
            // A list override the tables do not define: no label, noted.
            "加强领导。",
        ]
    );
    let notes: Vec<&str> = doc.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("1 numbered paragraph(s) refer to a list")),
        "{notes:?}"
    );
}

#[test]
fn damaged_list_tables_leave_the_text_without_labels() {
    for (name, words) in [
        (
            "doc_list_levels_cut_off.doc",
            "cut off by the end of the stream",
        ),
        ("doc_absurd_list_count.doc", "says 30000 lists in 58 bytes"),
    ] {
        let doc = read(name).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(doc.blocks[0].text(), "总体要求", "{name}");
        assert_eq!(doc.blocks.len(), 7, "{name}");
        assert!(
            doc.notes
                .iter()
                .any(|n| n.message.contains(words) && n.message.contains("labels not restored")),
            "{name}: {:?}",
            doc.notes
        );
    }
}
