//! The decoded form of a document, whatever container it came in.
//!
//! Every reader (text, Markdown, HTML, DOCX, PDF) turns bytes into one
//! [`Decoded`]: the normalized text plus a flat list of [`Block`]s in reading
//! order — headings, paragraphs and [`Table`]s whose merged cells are resolved
//! into a grid — each with its [`Span`] in that text. The parser sees only
//! this, so it does not care where a document came from. Readers know nothing
//! about policy content; they only say what the page shows.
//!
//! [`Limits`] are the bounds every reader enforces on hostile input.
//!
//! [`ListCounters`] count Word list paragraphs and render their labels
//! (一、 （一） 1. ①) from [`ListLevel`]s, for the DOCX and `.doc` readers
//! alike.
//!
//! ```
//! use policy_blocks::{Block, BlockKind, DecodedBuilder};
//! use policy_model::SourceFormat;
//!
//! let mut doc = DecodedBuilder::new(SourceFormat::Text);
//! doc.heading(1, "一、总体要求", None);
//! doc.paragraph("（一）指导思想。", None);
//! let doc = doc.finish();
//! assert_eq!(doc.blocks.len(), 2);
//! assert_eq!(&doc.text[doc.blocks[1].span.start..doc.blocks[1].span.end], "（一）指导思想。");
//! ```

mod block;
mod limits;
mod numbering;

pub use block::{
    Block, BlockKind, Cell, Decoded, DecodedBuilder, DocProps, Merge, Note, Row, Table,
};
pub use limits::{Limit, LimitExceeded, Limits};
pub use numbering::{
    LIST_LEVELS, LabelPart, LabelSuffix, ListCounters, ListLevel, format_number, is_cn_digit,
    labelled_text,
};
pub use policy_model::{SourceFormat, Span};
