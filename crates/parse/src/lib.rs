//! Decoded blocks into the policy model.
//!
//! [`parse`] is a pure function from a [`Decoded`] document (blocks with
//! spans, from any reader) to a [`Document`]. It never fails: an odd document
//! still yields a model, with [`Warning`](policy_model::Warning)s saying what
//! could not be settled. It runs in two stages:
//!
//! 1. structure — numbered prose becomes an outline of items (levels found by
//!    the order in which enumerator kinds first appear), 专栏 boxes are
//!    opened and closed, tables are read by column meaning (序号, categories,
//!    task, content, owners, deadline) with category cells filled down;
//! 2. semantics — each actionable item becomes a [`Task`](policy_model::Task)
//!    with its owners (the [`policy_grammar::owners`] grammar), deadline,
//!    targets, and the document gets its indicators and metadata
//!    (`policy_semantics`).
//!
//! ```
//! use policy_model::{Source, SourceFormat};
//!
//! let decoded = policy_text::read("二、重点任务\n1.健全机制。完善体系。（责任单位：县民政局、财政局）\n".as_bytes(), &Default::default()).unwrap();
//! let doc = policy_parse::parse(&decoded, Source::new("plan.txt", SourceFormat::Text));
//! assert_eq!(doc.tasks[0].title.as_deref(), Some("健全机制"));
//! assert_eq!(doc.tasks[0].path, ["二、重点任务"]);
//! assert_eq!(doc.tasks[0].owners[1].name, "县财政局");
//! ```

mod draft;
mod outline;
mod segment;
mod table;
mod task;

use policy_blocks::{Block, BlockKind, Decoded};
use policy_grammar::numbering::enumerator;
use policy_model::{Document, Source, Warning, WarningCode};

/// Parses decoded blocks into a document. Never fails.
pub fn parse(decoded: &Decoded, source: Source) -> Document {
    let mut doc = Document::new(source);
    // What the reader dropped or guessed is part of what the document says.
    doc.warnings
        .extend(decoded.notes.iter().map(|note| Warning {
            code: WarningCode::Reader,
            message: note.message.clone(),
            span: note.span.unwrap_or_default(),
        }));
    let mut outline = outline::Outline::default();
    let mut tables = table::TableReader::default();
    let (blocks, run_in, guesses) = paragraphs(decoded);
    doc.warnings.extend(guesses);
    for (block, run_in) in blocks.iter().zip(run_in) {
        match &block.kind {
            BlockKind::Table(t) => {
                let context = outline.context();
                let read = tables.read(t, block.span, &context);
                doc.indicators.extend(read.indicators);
                doc.warnings.extend(read.warnings);
                outline.push_table_tasks(read.tasks);
            }
            BlockKind::Heading { level, text } => outline.heading(*level, text, block.span),
            BlockKind::Paragraph { text } => {
                // An indicator table flattened into the paragraph (a web page's table as text).
                let flat = policy_semantics::indicators_from_flat_table(text, block.span);
                if !flat.is_empty() {
                    doc.warnings.push(Warning {
                        code: WarningCode::GuessedStructure,
                        message: format!(
                            "an indicator table flattened into text: its {} rows and their name / target cells were inferred",
                            flat.len()
                        ),
                        span: block.span,
                    });
                }
                doc.indicators.extend(flat);
                outline.paragraph(text, block.span, run_in);
            }
        }
    }
    doc.warnings.extend(outline.take_guesses());
    let (drafts, goals) = outline.finish();
    // A target list in prose only when no indicator table says it already.
    if doc.indicators.is_empty() {
        for (text, span) in goals {
            doc.indicators
                .extend(policy_semantics::indicators_from_goals(&text, span));
        }
    }
    doc.meta = policy_semantics::meta(&blocks, &decoded.props);
    let (tasks, warnings) = task::finish(drafts, policy_semantics::doc_year(&doc.meta));
    doc.tasks = tasks;
    doc.warnings.extend(warnings);
    if doc.tasks.is_empty() {
        doc.warnings.push(Warning {
            code: WarningCode::NoTasks,
            message: "no numbered item, table row or 专栏 item was found".to_string(),
            span: Default::default(),
        });
    }
    doc
}

/// The blocks with run-together paragraphs split and web chrome left out
/// ([`segment`]), and for each whether it is a run-in item.
fn paragraphs(decoded: &Decoded) -> (Vec<Block>, Vec<bool>, Vec<Warning>) {
    let mut numbering = segment::Numbering::default();
    let mut guesses = Vec::new();
    let mut blocks = Vec::with_capacity(decoded.blocks.len());
    let mut run_in = Vec::with_capacity(decoded.blocks.len());
    for block in &decoded.blocks {
        match &block.kind {
            BlockKind::Paragraph { text } => {
                for piece in segment::split(text, block.span, &decoded.text, &mut numbering) {
                    if outline::is_attachment_mark(&piece.text) {
                        numbering.reset();
                    }
                    if let Some(message) = piece.guess {
                        guesses.push(Warning {
                            code: WarningCode::GuessedStructure,
                            message: message.to_string(),
                            span: piece.span,
                        });
                    }
                    run_in.push(piece.run_in);
                    blocks.push(Block {
                        kind: BlockKind::Paragraph { text: piece.text },
                        span: piece.span,
                    });
                }
            }
            BlockKind::Heading { text, .. } => {
                if let Some((e, _)) = enumerator(text) {
                    numbering.see(e.kind, e.value);
                } else if outline::is_attachment_mark(text) {
                    numbering.reset();
                }
                run_in.push(false);
                blocks.push(block.clone());
            }
            BlockKind::Table(_) => {
                run_in.push(false);
                blocks.push(block.clone());
            }
        }
    }
    (blocks, run_in, guesses)
}
