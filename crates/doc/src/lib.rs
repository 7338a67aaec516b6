//! Legacy Word 97–2003 documents (`.doc`, and `.wps` / `.dot` files that are
//! Word binary inside) into [`Decoded`] blocks.
//!
//! [`read`] opens the OLE compound file with the `cfb` crate (refusing what
//! is not a Word document by name: an Excel workbook, a PowerPoint deck, an
//! encrypted OOXML package, a Word 6/95 file, an encrypted or obfuscated
//! document), reads the File Information Block, the piece table and the
//! paragraph properties, then walks the main text into headings,
//! paragraphs and tables for a [`DecodedBuilder`]. The parser cannot tell
//! the blocks from a DOCX's:
//! - the main document only: headers, footers, footnotes, endnotes, comments
//!   and text boxes are separate ranges of character positions after
//!   `ccpText` and are left out (text boxes noted);
//! - 8-bit pieces as Windows-1252, 16-bit pieces as UTF-16; a field shows its
//!   result, not its code, and a table of contents (`TOC` field) is left
//!   out and noted, as the DOCX reader does; tab, line break and
//!   non-breaking hyphen kept, pictures, anchors and soft hyphens dropped;
//! - a paragraph's heading level from its own outline level, else its style
//!   (a built-in heading, a `heading N` / `标题 N` name, an outline level);
//! - tables from cell marks and row-end marks: the distinct cell edges of
//!   the table's rows (`sprmTDefTable`) are the grid's columns, a wider cell
//!   is followed by [`Merge::Left`](policy_blocks::Merge::Left) cells, a cell
//!   that continues a vertical merge is [`Merge::Up`](policy_blocks::Merge::Up)
//!   with its text moved up, as `policy-docx` marks them; a nested table
//!   goes into its cell's text, one line per row, cells joined by a tab.
//!
//! ```
//! let err = policy_doc::read(b"not an OLE file", &Default::default()).unwrap_err();
//! assert!(matches!(err, policy_doc::Error::NotOle { .. }));
//! ```
//!
//! # Why `cfb` + our own piece-table reader
//! `docs/doc-backend.md` has the measurement. In short: the compound file is
//! a solved problem (`cfb` checks sector chains and directory entries), the
//! Word structures this reader needs are few (FIB, CLX, PAPX pages, style
//! sheet), and reading them here gives the cell edges and merge flags that
//! a text or Markdown export of a Word library does not.
//!
//! # Choices and what is not done
//! - Word automatic numbering is restored as the DOCX reader restores it
//!   (`一、`, `（一）`, `1.`, `①` before the text): the list tables
//!   (`PlfLst`, `PlfLfo`) give each list's levels, `sprmPIlfo` /
//!   `sprmPIlvl` a paragraph's list and level, and `policy_blocks`
//!   counts and renders. A style's link to a list level (`rgistdPara`) is
//!   not read; the style's own `sprmPIlfo` / `sprmPIlvl` are. Word 6
//!   autonumbering (`sprmPAnld`) is not read.
//! - Character properties are not read: hidden text and text deleted with
//!   tracked changes still show, and a symbol-font character shows as the
//!   placeholder Word stores.
//! - Piece-level property modifiers (`Prc`, from fast saves) are not
//!   applied; fast-saved files are rare since Word 2003.
//! - Every stream is counted against `max_decompressed_bytes`, a table's
//!   cells against `max_table_cells`, the text against `max_text_bytes`
//!   (`ccpText` is checked before the text is built).

mod bytes;
mod container;
mod fib;
mod lists;
mod pieces;
mod props;
mod walk;

use policy_blocks::{Decoded, DecodedBuilder, Limit, LimitExceeded, Limits, SourceFormat};

use crate::container::Container;
use crate::fib::{Fib, slice};
use crate::lists::Lists;
use crate::pieces::PieceTable;
use crate::props::{PapxRuns, Styles};
use crate::walk::{Out, Walker};

pub use crate::container::OLE_MAGIC as COMPOUND_FILE_MAGIC;

/// Why a Word binary document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is not an OLE compound file, so not a Word 97-2003 document (it starts with {magic:02x?})"
    )]
    NotOle { magic: Vec<u8> },
    #[error("the OLE compound file is damaged")]
    Container(#[source] std::io::Error),
    #[error("the OLE compound file holds {what}, not a Word document")]
    NotWord { what: &'static str },
    #[error(
        "the file is an encrypted (password-protected) Office Open XML document inside an OLE container"
    )]
    EncryptedOoxml,
    #[error("the Word document is encrypted with a password")]
    Encrypted,
    #[error("the Word document is obfuscated (XOR) with a password")]
    Obfuscated,
    #[error(
        "the file is a Word 6/95 or older document (nFib {nfib:#x}); only Word 97-2003 is read"
    )]
    PreWord97 { nfib: u16 },
    #[error("the Word document has no {stream} stream")]
    MissingStream { stream: String },
    #[error("the Word document is damaged: {what}")]
    Damaged { what: String },
}

/// Reads a Word 97–2003 document into blocks, within `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    let mut container = Container::open(bytes, limits)?;
    let word = container.stream("WordDocument")?;
    let fib = Fib::parse(&word)?;
    if !container.has_stream(fib.table_stream) {
        return Err(Error::MissingStream {
            stream: fib.table_stream.to_string(),
        });
    }
    let table = container.stream(fib.table_stream)?;

    // A character is at least one byte of WordDocument.
    if u64::from(fib.ccp_text) > word.len() as u64 {
        return Err(Error::Damaged {
            what: format!(
                "ccpText says {} characters, more than the {} bytes of WordDocument",
                fib.ccp_text,
                word.len()
            ),
        });
    }
    // Every character is at least one byte of text: refused before it is built.
    Limits::check(
        Limit::TextBytes,
        limits.max_text_bytes,
        u64::from(fib.ccp_text),
    )?;

    let clx = slice(&table, fib.clx, "the CLX", fib.table_stream)?;
    let pieces = PieceTable::parse(clx, word.len())?;
    let mut notes = Vec::new();
    let styles = match slice(&table, fib.stshf, "the style sheet", fib.table_stream)
        .ok()
        .and_then(Styles::read)
    {
        Some(styles) => styles,
        None => {
            notes.push(
                "left out: the style sheet is damaged; no heading levels from styles".to_string(),
            );
            Styles::default()
        }
    };
    let papx = PapxRuns::read(&word, &table, fib.plcf_bte_papx, fib.table_stream, &styles)?;
    let lists = Lists::read(&table, fib.plf_lst, fib.plf_lfo).unwrap_or_else(|damage| {
        notes.push(format!(
            "left out: {damage}; list numbering labels not restored"
        ));
        Lists::default()
    });
    let text = pieces.text(&word, fib.ccp_text);
    if (text.len() as u64) < u64::from(fib.ccp_text) {
        notes.push(format!(
            "the piece table covers {} of the {} characters of the main text",
            text.len(),
            fib.ccp_text
        ));
    }

    let mut walker = Walker::new(&pieces, &papx, &styles, lists, limits);
    walker.walk(&text)?;
    drop(text);
    walker.finish();
    notes.append(&mut walker.notes);
    if fib.ccp_txbx > 0 {
        notes.push(format!("text boxes left out ({} characters)", fib.ccp_txbx));
    }
    if fib.ccp_ftn > 0 || fib.ccp_edn > 0 {
        notes.push("footnotes and endnotes left out".to_string());
    }

    let mut builder = DecodedBuilder::new(SourceFormat::Doc);
    for note in notes {
        builder.note(note);
    }
    for block in std::mem::take(&mut walker.out) {
        match block {
            Out::Heading(level, text) => builder.heading(level, &text, None),
            Out::Paragraph(text) => builder.paragraph(&text, None),
            Out::Table(rows) => builder.table(rows, None),
        };
        Limits::check(
            Limit::TextBytes,
            limits.max_text_bytes,
            builder.text().len() as u64,
        )?;
    }
    Ok(builder.finish())
}
