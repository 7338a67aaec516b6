//! Text forms of policy documents into [`Decoded`] blocks.
//!
//! [`decode_text`] turns bytes in any Chinese encoding into a `String`
//! (BOM, strict UTF-8, then a detector: `policy_charset`). [`read`] then recognises which text
//! form the document takes and splits it into blocks:
//! - tables flattened the Tika way (a cell starts with a tab, a blank line ends a row),
//! - Markdown from PDF converters (headings, pipe tables, page-break splits joined),
//! - plain prose (one paragraph per line), with the tables inside it that
//!   lost their grid (cells one per line, ` |`-closed cells, rows split by
//!   spaces, box drawing) rebuilt from their header row of column words
//!   (`policy_grammar::lexicon`), each with a reader note; page-number lines
//!   (`— 3 —`, `第3页 共10页`) left out, and text copied from a PDF with its
//!   hard line wraps (many lines cut at one width) joined back into
//!   paragraphs (`wrap.rs`), each a reader note.
//!
//! HTML `<table>` blocks inside converter Markdown (MinerU, marker) are read
//! with `policy_html::tables_from_fragment`, rowspan and colspan resolved.
//!
//! ```
//! let doc = policy_text::read("一、总体要求\n（一）指导思想。\n".as_bytes(), &Default::default()).unwrap();
//! assert_eq!(doc.blocks.len(), 2);
//! assert_eq!(doc.encoding.as_deref(), Some("utf-8"));
//! ```

mod decode;

pub use decode::{DecodedText, decode_text};

use policy_blocks::{Decoded, Limits};

/// Why a text document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Limit(#[from] policy_blocks::LimitExceeded),
    #[error("the file holds binary data ({nul_count} NUL bytes), not text")]
    Binary { nul_count: usize },
    #[error("the file is empty")]
    Empty,
    #[error(
        "the text is in neither UTF-8 nor a Chinese encoding, and in no encoding that can be named (it does not read as {guess} either): convert it to UTF-8"
    )]
    UnknownEncoding { guess: String },
}

/// Decodes `bytes` and splits the text into blocks, recognising the form.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    let decoded = decode_text(bytes, limits)?;
    Ok(forms::read_text(decoded, None, limits)?)
}

/// Like [`read`], for a file whose name says Markdown (`.md`): text that shows
/// no other form is read as Markdown.
pub fn read_markdown(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    let decoded = decode_text(bytes, limits)?;
    Ok(forms::read_text(decoded, Some(TextForm::Markdown), limits)?)
}

mod forms;
mod tables;
mod wrap;

pub use forms::{TextForm, detect_form};
