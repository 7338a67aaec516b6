//! The review page's content: spans land on the right text, tables and boxes
//! are where the document has them, and nothing from a document escapes into
//! markup. What the browser makes of it is tested in
//! `crates/extract/tests/review.rs`.

// Helpers outside #[test] fns panic on a broken test setup, as the tests themselves do.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use policy_blocks::{Block, BlockKind, Decoded, DecodedBuilder, Merge};
use policy_model::{
    Document, Owner, OwnerRole, Source, SourceFormat, Span, Task, TaskBox, Warning, WarningCode,
};
use policy_review::{Entry, Payload, payload, render};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `text[s..e]` in UTF-16 code units, as the page's script slices it.
fn utf16_slice(text: &str, s: usize, e: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[s..e]).unwrap()
}

/// Every span of the payload shows the text the model's span points at.
fn assert_spans_match(document: &Document, decoded: &Decoded, payload: &Payload, name: &str) {
    let text = &decoded.text;
    let spans = document
        .tasks
        .iter()
        .map(|t| t.span)
        .zip(payload.tasks.iter().map(|t| (t.s, t.e)))
        .chain(
            document
                .indicators
                .iter()
                .map(|i| i.span)
                .zip(payload.indicators.iter().map(|i| (i.s, i.e))),
        )
        .chain(
            document
                .warnings
                .iter()
                .map(|w| w.span)
                .zip(payload.warnings.iter().map(|w| (w.s, w.e))),
        );
    let mut n = 0;
    for (span, (s, e)) in spans {
        let expected = text
            .get(span.start..span.end)
            .unwrap_or_else(|| panic!("{name}: the model's span {span:?} is not on the text"));
        assert_eq!(utf16_slice(text, s, e), expected, "{name}: {span:?}");
        n += 1;
    }
    assert_eq!(
        n,
        document.tasks.len() + document.indicators.len() + document.warnings.len()
    );
}

#[test]
fn spans_of_every_seed_and_fixture_map_to_their_text() {
    let mut paths = Vec::new();
    for folder in ["seeds", "fixtures"] {
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ["txt", "docx", "pdf", "html"].iter().any(|e| ext == *e))
            {
                paths.push(path);
            }
        }
    }
    assert!(paths.len() > 10);
    let mut n_tasks = 0;
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let (document, decoded) =
            policy_kit::extract_with_text(&bytes, &name, &Default::default()).unwrap();
        let payload = payload(&document, &decoded);
        assert_eq!(payload.text, decoded.text);
        assert_spans_match(&document, &decoded, &payload, &name);
        n_tasks += payload.tasks.len();
        // A table's cells are in reading order inside it, tables and boxes in
        // text order without overlaps: what the script relies on.
        let units = payload.text.encode_utf16().count();
        let mut at = 0;
        for table in &payload.tables {
            assert!(
                at <= table.s && table.s <= table.e && table.e <= units,
                "{name}"
            );
            let mut cell_at = table.s;
            for cell in table.rows.iter().flat_map(|r| &r.cells) {
                assert!(
                    cell_at <= cell.s && cell.s <= cell.e && cell.e <= table.e,
                    "{name}"
                );
                cell_at = cell.e;
            }
            at = table.e;
        }
        let mut at = 0;
        for frame in &payload.boxes {
            assert!(
                at <= frame.s && frame.s < frame.e && frame.e <= units,
                "{name}"
            );
            assert!(frame.label.starts_with("专栏"), "{name}: {}", frame.label);
            for table in &payload.tables {
                let cuts = |p: usize| table.s < p && p < table.e;
                assert!(
                    !cuts(frame.s) && !cuts(frame.e),
                    "{name}: a box cuts a table"
                );
            }
            at = frame.e;
        }
    }
    assert!(n_tasks > 100);
}

#[test]
fn seed_003_draws_its_boxes_and_its_indicator_table() {
    let path = repo().join("seeds/003_38b093e0452f821f.txt");
    let bytes = std::fs::read(&path).unwrap();
    let (document, decoded) =
        policy_kit::extract_with_text(&bytes, "003.txt", &Default::default()).unwrap();
    let payload = payload(&document, &decoded);
    let labels: Vec<&str> = payload.boxes.iter().map(|b| b.label.as_str()).collect();
    assert!(
        labels.contains(&"专栏2 社会力量参与社区服务行动"),
        "{labels:?}"
    );
    // Each box's frame holds its tasks.
    for task in &payload.tasks {
        if let Some(label) = &task.in_box {
            let frame = payload.boxes.iter().find(|b| &b.label == label);
            if let Some(frame) = frame {
                assert!(frame.s <= task.s && task.e <= frame.e, "{label}");
            }
        }
    }
    // The indicator table (a Markdown table) is drawn as a grid holding the indicators.
    let first = &payload.indicators[0];
    assert!(
        payload
            .tables
            .iter()
            .any(|t| t.s <= first.s && first.e <= t.e),
        "the indicators sit in a drawn table"
    );
}

fn owner(name: &str, role: OwnerRole) -> Owner {
    Owner {
        name: name.to_string(),
        role,
        raw: name.to_string(),
    }
}

/// A document whose every string carries markup, over a text with CJK and
/// astral characters.
fn hostile() -> (Document, Decoded) {
    const BAD: &str = r#"<script>alert(1)</script></script><!--<img src=x onerror=alert(2)>"'&"#;
    let mut builder = DecodedBuilder::new(SourceFormat::Html);
    builder.heading(1, &format!("标题{BAD}"), None);
    let para = builder.text().len();
    builder.paragraph(&format!("1.建设𠀀{BAD}中心。（责任单位：县{BAD}局）"), None);
    builder.note(format!("a table was dropped {BAD}"));
    let decoded = builder.finish();
    let span = Span::new(para, decoded.text.len());
    let mut document = Document::new(Source::new(format!("{BAD}.html"), SourceFormat::Html));
    document.meta.title = Some(format!("标题{BAD}"));
    document.tasks.push(Task {
        id: "t1".to_string(),
        number: Some(format!("1{BAD}")),
        path: vec![format!("一、{BAD}")],
        in_box: Some(TaskBox {
            id: "专栏1".to_string(),
            title: Some(BAD.to_string()),
        }),
        title: Some(format!("建设{BAD}")),
        text: decoded.text[para..].to_string(),
        owners: vec![
            owner(&format!("县{BAD}局"), OwnerRole::Lead),
            owner("县住建局", OwnerRole::Co),
        ],
        owner_note: None,
        deadline: None,
        targets: Vec::new(),
        span,
    });
    document.warnings.push(Warning {
        code: WarningCode::Reader,
        message: format!("odd {BAD}"),
        span,
    });
    (document, decoded)
}

#[test]
fn markup_from_a_document_stays_text() {
    let (document, decoded) = hostile();
    let html = render(&[Entry::Read {
        document: &document,
        decoded: &decoded,
    }]);
    // The page's own data block and script, nothing else.
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<img"));
    assert!(!html.contains("<!--"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the header shows it as text"
    );

    // The data block reads back to the document's own strings.
    let start = html.find(r#"<script type="application/json">"#).unwrap()
        + r#"<script type="application/json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(data["text"], serde_json::json!(decoded.text));
    assert_eq!(
        data["tasks"][0]["owners"][0][0],
        serde_json::json!(document.tasks[0].owners[0].name)
    );
    assert_eq!(
        data["tasks"][0]["title"],
        serde_json::json!(document.tasks[0].title)
    );
    let (s, e) = (
        data["tasks"][0]["s"].as_u64().unwrap() as usize,
        data["tasks"][0]["e"].as_u64().unwrap() as usize,
    );
    assert_eq!(utf16_slice(&decoded.text, s, e), document.tasks[0].text);
}

#[test]
fn header_line_says_what_the_reader_could_not_do() {
    let (document, decoded) = hostile();
    let html = render(&[Entry::Read {
        document: &document,
        decoded: &decoded,
    }]);
    assert!(html.contains("reader: 2 things it could not do"), "{html}");
    assert!(html.contains("<li>a table was dropped &lt;script&gt;"));
    assert!(html.contains("<b>1</b> tasks"));
    assert!(html.contains("<b>2</b> owners"));
    assert!(html.contains("html · encoding set by the container"));

    let mut quiet = Document::new(Source::new("plan.txt", SourceFormat::Text));
    quiet.source.encoding = Some("gb18030".to_string());
    let empty = Decoded::default();
    let html = render(&[
        Entry::Read {
            document: &quiet,
            decoded: &empty,
        },
        Entry::Failed {
            path: "old.doc",
            kind: "unsupported_format",
            message: "legacy <Word>",
        },
    ]);
    assert!(html.contains("text · gb18030"));
    assert!(html.contains("reader: nothing dropped or guessed"));
    assert!(html.contains("not read (unsupported_format): legacy &lt;Word&gt;"));
    assert!(html.contains("2 documents"));
}

#[test]
fn merged_cells_span_rows_and_columns() {
    let mut builder = DecodedBuilder::new(SourceFormat::Docx);
    let cell = |text: &str, merge| (text.to_string(), merge);
    builder.table(
        vec![
            (
                vec![
                    cell("类别", Merge::None),
                    cell("任务", Merge::None),
                    cell("", Merge::Left),
                ],
                true,
            ),
            (
                vec![
                    cell("一", Merge::None),
                    cell("甲", Merge::None),
                    cell("乙", Merge::None),
                ],
                false,
            ),
            (
                vec![
                    cell("", Merge::Up),
                    cell("丙", Merge::None),
                    cell("", Merge::Up),
                ],
                false,
            ),
        ],
        None,
    );
    let decoded = builder.finish();
    let document = Document::new(Source::new("t.docx", SourceFormat::Docx));
    let payload = payload(&document, &decoded);
    assert_eq!(payload.tables.len(), 1);
    let shape: Vec<Vec<(String, usize, usize)>> = payload.tables[0]
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| (utf16_slice(&payload.text, c.s, c.e), c.rowspan, c.colspan))
                .collect()
        })
        .collect();
    let own = |t: &str, r, c| (t.to_string(), r, c);
    assert_eq!(
        shape,
        vec![
            vec![own("类别", 1, 1), own("任务", 1, 2)],
            vec![own("一", 2, 1), own("甲", 1, 1), own("乙", 2, 1)],
            vec![own("丙", 1, 1)],
        ]
    );
    assert!(payload.tables[0].rows[0].header);
}

#[test]
fn a_table_whose_cells_are_out_of_place_is_shown_as_text() {
    let mut builder = DecodedBuilder::new(SourceFormat::Html);
    builder.table(
        vec![(
            vec![
                ("甲".to_string(), Merge::None),
                ("乙".to_string(), Merge::None),
            ],
            false,
        )],
        None,
    );
    let mut decoded = builder.finish();
    if let Some(Block {
        kind: BlockKind::Table(table),
        ..
    }) = decoded.blocks.first_mut()
    {
        // A reader's bug: the second cell points before the first.
        table.rows[0].cells.swap(0, 1);
    }
    let document = Document::new(Source::new("t.html", SourceFormat::Html));
    assert!(payload(&document, &decoded).tables.is_empty());
}

#[test]
fn spans_past_the_text_or_inside_a_character_land_on_whole_characters() {
    let decoded = Decoded::from_text(SourceFormat::Text, "一二三".to_string(), Vec::new());
    let mut document = Document::new(Source::new("t.txt", SourceFormat::Text));
    for (start, end) in [(1, 5), (6, 100), (7, 2)] {
        document.warnings.push(Warning {
            code: WarningCode::AmbiguousTarget,
            message: String::new(),
            span: Span::new(start, end),
        });
    }
    let payload = payload(&document, &decoded);
    let spans: Vec<(usize, usize)> = payload.warnings.iter().map(|w| (w.s, w.e)).collect();
    assert_eq!(spans, [(0, 1), (2, 3), (2, 2)]);
}
