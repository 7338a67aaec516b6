//! One snapshot per DOCX fixture (`fixtures/*.docx`, `fixtures/real/*.docx`).
//!
//! The view is the blocks without spans: a heading as `{heading: level, text}`,
//! a paragraph as its text, a table as rows of cells where a merge
//! continuation shows as `⟨up⟩` or `⟨left⟩`. Spans are checked here instead.

use policy_blocks::{BlockKind, Decoded, Limits, Merge};
use serde_json::{Value, json};

fn view(doc: &Decoded) -> Value {
    let blocks: Vec<Value> = doc
        .blocks
        .iter()
        .map(|block| match &block.kind {
            BlockKind::Heading { level, text } => json!({ "heading": level, "text": text }),
            BlockKind::Paragraph { text } => json!(text),
            BlockKind::Table(table) => {
                let rows: Vec<Value> = table
                    .rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<&str> = row
                            .cells
                            .iter()
                            .map(|cell| match cell.merge {
                                Merge::None => cell.text.as_str(),
                                Merge::Up => "⟨up⟩",
                                Merge::Left => "⟨left⟩",
                            })
                            .collect();
                        if row.is_header {
                            json!({ "header": cells })
                        } else {
                            json!(cells)
                        }
                    })
                    .collect();
                json!({ "table": rows })
            }
        })
        .collect();
    json!({ "props": doc.props, "notes": doc.notes, "blocks": blocks })
}

fn check_spans(doc: &Decoded) {
    for block in &doc.blocks {
        let at = &doc.text[block.span.start..block.span.end];
        match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => assert_eq!(at, text),
            BlockKind::Table(table) => {
                for cell in table.rows.iter().flat_map(|r| &r.cells) {
                    assert_eq!(&doc.text[cell.span.start..cell.span.end], cell.text);
                }
            }
        }
    }
}

#[test]
fn fixtures() {
    insta::glob!("../../../fixtures", "{*.docx,real/*.docx}", |path| {
        let bytes = std::fs::read(path).unwrap();
        let doc = policy_docx::read(&bytes, &Limits::default()).unwrap();
        check_spans(&doc);
        insta::assert_json_snapshot!(view(&doc));
    });
}
