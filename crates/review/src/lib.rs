//! The review page: one self-contained HTML file that shows every extracted
//! fact in its place in the document's text, so an analyst can check the
//! tasks and owners of a new document at a glance.
//!
//! [`render`] takes one [`Entry`] per input: a [`Document`] with the
//! [`Decoded`] text its spans point into, or the reason it could not be read.
//! The page holds its CSS and script inline and loads nothing (it works from
//! `file://`). Each document is a section: a header line written here (format,
//! encoding, counts, what the reader could not do), then the text with every
//! task highlighted and numbered in the margin, tables and 专栏 boxes drawn,
//! beside a table of tasks, the indicators and the warnings. The section's
//! body is drawn by the page's script from a JSON payload when it first comes
//! into view, so a page of a hundred documents opens at once.
//!
//! Everything taken from a document is escaped: header text as HTML, payloads
//! as JSON with `<`, `>` and `&` written as `\u` escapes, and the script builds
//! markup only through its own escaping. The page's Content-Security-Policy
//! allows no script but its own (by hash) and no network at all.
//!
//! Spans in the model are UTF-8 byte offsets; the payload carries UTF-16
//! offsets, which is what a JavaScript string indexes ([`payload`]).
//!
//! ```
//! use policy_blocks::DecodedBuilder;
//! use policy_model::{Document, Source, SourceFormat};
//!
//! let decoded = DecodedBuilder::new(SourceFormat::Text).finish();
//! let document = Document::new(Source::new("plan.txt", SourceFormat::Text));
//! let html = policy_review::render(&[policy_review::Entry::Read {
//!     document: &document,
//!     decoded: &decoded,
//! }]);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! ```

mod data;
mod offsets;
mod page;

pub use data::{
    BoxFrame, GridCell, GridRow, IndicatorRow, Payload, TableGrid, TaskRow, WarningRow, payload,
};
pub use page::{escape, render, script_json};

use policy_blocks::Decoded;
use policy_model::Document;

/// One input of the page.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A document and the decoded text its spans point into.
    Read {
        document: &'a Document,
        decoded: &'a Decoded,
    },
    /// An input that could not be read: shown as a header line with the reason.
    Failed {
        path: &'a str,
        kind: &'a str,
        message: &'a str,
    },
}
