//! DOCX policy documents into [`Decoded`] blocks.
//!
//! [`read`] opens the zip container (refusing what is not a DOCX: an OLE
//! `.doc`, an encrypted package, a damaged zip, a zip bomb), reads the styles
//! and the numbering definitions, then walks `word/document.xml` in reading
//! order into headings, paragraphs and tables for a
//! [`policy_blocks::DecodedBuilder`]. What a reader sees is kept:
//! - runs joined; `w:tab` as `\t`, `w:br` as `\n`; `w:sym` best effort; a
//!   field's displayed result (not its instruction); inserted text but not
//!   deleted text; footnotes, endnotes, comments and bookmarks left out;
//! - Word automatic numbering rendered into the text (`一、`, `（一）`, `1.`,
//!   `①`), since many real documents have no typed numbers; heading styles
//!   (`heading N`, `标题 N`, outline levels) give [`BlockKind::Heading`](policy_blocks::BlockKind::Heading) levels;
//! - tables as a full grid of `w:tblGrid` columns: `gridSpan` columns are
//!   [`Merge::Left`](policy_blocks::Merge::Left), `vMerge` continuations [`Merge::Up`](policy_blocks::Merge::Up), both with empty
//!   text; paragraphs in a cell joined with `\n`; a nested table goes into its
//!   cell's text, one line per row with cells joined by `\t`; only the leading
//!   `w:tblHeader` rows are header rows;
//! - text boxes (`w:txbxContent`, one branch of `mc:AlternateContent` only)
//!   as blocks right after the paragraph that anchors them;
//! - `docProps/core.xml` title and creation date as [`DocProps`].
//!
//! ```
//! # fn docx(document: &str) -> Vec<u8> {
//! #     use std::io::Write;
//! #     let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
//! #     zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
//! #     zip.write_all(document.as_bytes()).unwrap();
//! #     zip.finish().unwrap().into_inner()
//! # }
//! let bytes = docx(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
//!   <w:body><w:p><w:r><w:t>（一）指导思想。</w:t></w:r></w:p></w:body></w:document>"#);
//! let doc = policy_docx::read(&bytes, &Default::default()).unwrap();
//! assert_eq!(doc.blocks[0].text(), "（一）指导思想。");
//!
//! let err = policy_docx::read(b"not a zip", &Default::default()).unwrap_err();
//! assert!(matches!(err, policy_docx::Error::NotZip { .. }));
//! ```
//!
//! # Why `zip` + `quick-xml` and not `docx-rs`
//! `docx-rs` 0.4.22 (checked in its source) parses numbering definitions but
//! renders no labels, reads each part with `Vec::with_capacity(declared size)`
//! and `read_to_end(..).unwrap()` (a lying or corrupt entry allocates or
//! panics), and has no nesting limit. Here the zip is read within [`Limits`]
//! (entry count from the end record before opening; declared sizes checked
//! against the limit, then every part read through `take()` and refused if
//! it inflates past its declared size), the XML is streamed with
//! `quick-xml` with its depth counted, and the walk is ours, so nothing from
//! the file can panic.
//!
//! # Choices
//! - Numbering counters are kept per abstract definition, so two `w:num`s
//!   sharing one continue each other as in Word; a `w:num` with a
//!   `w:lvlOverride` counts on its own (that is how Word restarts a list).
//!   Using a level resets the deeper ones; `w:lvlRestart` is not read. A label
//!   is joined to the text directly when either side is CJK (`一、总体要求`),
//!   with a space otherwise, with nothing for `w:suff="nothing"`. Bullets in
//!   a symbol font's private-use area show as `•`.
//! - Hidden runs (`w:vanish`) are dropped; headers, footers, footnotes,
//!   endnotes and comments are separate parts and are not read. A table of
//!   contents (a `TOC` field's result) is left out and noted: it repeats the
//!   headings, as running headers repeat the title.
//! - A `vMerge` continuation cell that still holds text has it appended to the
//!   cell the merge starts at; a later `w:tblHeader` row that repeats the
//!   header is dropped; a table with no text at all is dropped; a span or
//!   padding wider than Word's 63 columns is clamped and noted.
//! - DTD entities are never expanded (only the five XML ones and character
//!   references); others are dropped and noted. A part cut off inside open
//!   elements is read as far as it goes and noted. A damaged supporting part
//!   (styles, numbering, properties, relationships) is left out and noted;
//!   only a damaged main document is an error.
//! - `max_decompressed_bytes` counts the parts actually read (document,
//!   styles, numbering, core properties, relationships), not images.
//! - The main document is streamed: each child of `w:body` is built into a
//!   small tree, walked and dropped, so memory follows the largest block (a
//!   table is one block) and the output, not the part. Its own errors still
//!   come before any other part's, as if it were read first. A tree keeps
//!   32-bit offsets: a block or a supporting part whose names and text pass
//!   4 GiB is refused as over `max_decompressed_bytes`, whatever it says.
//! - `styles.xml` (often hundreds of kilobytes of table, character and
//!   latent styles) is read lazily: a byte-level scan checks its structure
//!   (balanced, matching tags; the depth limit) and finds the paragraph
//!   styles by their start tags; only those the document uses are parsed.
//!   So damage the scan cannot see (an unknown entity, invalid UTF-8, a bad
//!   attribute) counts only inside a style the document uses, and then leaves
//!   the part out from that paragraph on; `stylesWithEffects.xml` is never read.
//! - Nesting deeper than 512 is refused whatever `max_nesting_depth` says: the
//!   walk recurses per level.

mod document;
mod numbering;
mod package;
mod scan;
mod styles;
mod xml;

use policy_blocks::{Decoded, DecodedBuilder, DocProps, LimitExceeded, Limits, SourceFormat};

use crate::document::{Out, Walker};
use crate::numbering::Numbering;
use crate::package::Package;
use crate::styles::Styles;
use crate::xml::{Dom, Event, Events, Ns};

/// Why a DOCX could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    #[error("the file is empty")]
    Empty,
    #[error("the file is not a zip archive, so not a DOCX (it starts with {magic:02x?})")]
    NotZip { magic: Vec<u8> },
    #[error(
        "the file is an OLE compound document (a legacy Word 97-2003 .doc or similar), not a DOCX"
    )]
    LegacyOle,
    #[error("the DOCX is encrypted with a password")]
    Encrypted,
    #[error("the zip archive is damaged or truncated")]
    Zip(#[source] zip::result::ZipError),
    #[error("the archive has no main document part ({part})")]
    MissingDocument { part: String },
    #[error("{part} holds no WordprocessingML document (no w:document element)")]
    NoDocumentElement { part: String },
    #[error("cannot decompress {part}")]
    Decompress {
        part: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{part} is not well-formed XML")]
    Xml {
        part: String,
        #[source]
        source: quick_xml::Error,
    },
}

/// Reads a DOCX into blocks, within `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    let mut package = Package::open(bytes, limits)?;
    let depth = limits.max_nesting_depth;

    let mut notes = Vec::new();
    let root_rels = parse_optional(&mut package, "_rels/.rels", depth, &mut notes)?;
    let main_part = root_rels
        .as_ref()
        .and_then(|rels| relationship_target(rels, "", "/officeDocument"))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document_bytes) = package.part(&main_part)? else {
        return Err(Error::MissingDocument { part: main_part });
    };
    let main_dir = main_part
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir)
        .to_string();
    let main_rels_name = format!(
        "{}_rels/{}.rels",
        dir_prefix(&main_dir),
        main_part.rsplit('/').next().unwrap_or("")
    );
    // The main document is streamed after the supporting parts are read, but
    // its own errors come first, as if it had been read first: a failure
    // reading a supporting part is reported only if the document is sound.
    let document_first =
        |err: Error| match stream_document(&document_bytes, &main_part, depth, None) {
            Ok(()) => err,
            Err(document_err) => document_err,
        };
    let main_rels =
        parse_optional(&mut package, &main_rels_name, depth, &mut notes).map_err(document_first)?;
    let related = |kind: &str, default: &str| {
        main_rels
            .as_ref()
            .and_then(|rels| relationship_target(rels, &main_dir, kind))
            .unwrap_or_else(|| format!("{}{default}", dir_prefix(&main_dir)))
    };
    let styles_part = related("/styles", "styles.xml");
    let styles = read_optional(&mut package, &styles_part, &mut notes, |bytes| {
        Styles::read(bytes, &styles_part, depth)
    })
    .map_err(document_first)?
    .unwrap_or_default();
    // Styles are parsed as the document asks for them: a damaged one is
    // noted where the part's note would be.
    let styles_note_at = notes.len();
    let mut numbering = parse_optional(
        &mut package,
        &related("/numbering", "numbering.xml"),
        depth,
        &mut notes,
    )
    .map_err(document_first)?
    .map(|dom| Numbering::from_dom(dom.root()))
    .unwrap_or_default();

    let core_part = root_rels
        .as_ref()
        .and_then(|rels| relationship_target(rels, "", "/core-properties"))
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    let props = parse_optional(&mut package, &core_part, depth, &mut notes)
        .map_err(document_first)?
        .map(|dom| core_props(&dom))
        .unwrap_or_default();

    let mut walker = Walker::new(&styles, &mut numbering, limits);
    let mut blocks = Vec::new();
    let mut walk = Walk {
        walker: &mut walker,
        out: &mut blocks,
        has_body: false,
        dropped_entities: 0,
        unclosed: 0,
    };
    stream_document(&document_bytes, &main_part, depth, Some(&mut walk))?;
    let (has_body, dropped_entities, unclosed) =
        (walk.has_body, walk.dropped_entities, walk.unclosed);
    drop(document_bytes);
    walker.finish(has_body);
    if let Some(err) = styles.take_error() {
        notes.insert(styles_note_at.min(notes.len()), left_out(&err));
    }
    notes.append(&mut walker.notes);
    if dropped_entities > 0 {
        notes.push(format!(
            "{dropped_entities} entity reference(s) in {main_part} were not expanded and were dropped"
        ));
    }
    if unclosed > 0 {
        notes.push(format!(
            "{main_part} ends inside {unclosed} open element(s): the part looks cut off"
        ));
    }

    let mut builder = DecodedBuilder::new(SourceFormat::Docx);
    builder.props(props);
    for note in notes {
        builder.note(note);
    }
    for block in blocks {
        match block {
            Out::Heading(level, text) => builder.heading(level, &text, None),
            Out::Paragraph(text) => builder.paragraph(&text, None),
            Out::Table(rows) => builder.table(rows, None),
        };
    }
    Ok(builder.finish())
}

/// The walk over the body as the main document streams by, and what the
/// stream says about the part as a whole.
struct Walk<'w, 'a> {
    walker: &'w mut Walker<'a>,
    out: &'w mut Vec<Out>,
    has_body: bool,
    dropped_entities: usize,
    unclosed: usize,
}

/// Streams the main document part: each child of the first `w:body` of the
/// first `w:document` is built into a small tree and walked by `walk` (if
/// any), then dropped, so memory follows the largest block, not the part.
/// Without a walk, only checks the part: well-formed, within the depth
/// limit, with a document element.
///
/// The part's own errors win over the walk's: when the walk fails (a table
/// over `max_table_cells`), the rest of the part is still read for them.
fn stream_document(
    bytes: &[u8],
    part: &str,
    depth: usize,
    mut walk: Option<&mut Walk<'_, '_>>,
) -> Result<(), Error> {
    let mut events = Events::new(bytes, part, depth);
    let mut block = Dom::new();
    let (mut has_document, mut in_document) = (false, false);
    let (mut has_body, mut in_body) = (false, false);
    loop {
        // Elements open before this event: the new element's level is one more.
        let level = events.depth();
        match events.next()? {
            Event::Eof => break,
            Event::Close => {
                let level = events.depth();
                in_body &= level >= 2;
                in_document &= level >= 1;
            }
            Event::Text(_) => {}
            open @ Event::Open { .. } if in_body && level == 2 && walk.is_some() => {
                xml::build_element(&mut events, &mut block, open)?;
                if let Some(walk) = walk.as_deref_mut()
                    && let Err(err) = walk.walker.blocks(block.root(), walk.out)
                {
                    events.drain()?;
                    return Err(err);
                }
            }
            Event::Open { ns, start, empty } => {
                events.attrs(&start, |_, _| {})?;
                let name = start.local_name();
                if level == 0 && !has_document && ns == Ns::W && name.as_ref() == b"document" {
                    has_document = true;
                    in_document = !empty;
                } else if in_document
                    && level == 1
                    && !has_body
                    && ns == Ns::W
                    && name.as_ref() == b"body"
                {
                    has_body = true;
                    in_body = !empty;
                }
            }
        }
    }
    if !has_document {
        return Err(Error::NoDocumentElement {
            part: part.to_string(),
        });
    }
    if let Some(walk) = walk {
        walk.has_body = has_body;
        walk.dropped_entities = events.dropped_entities;
        walk.unclosed = events.unclosed;
    }
    Ok(())
}

/// Parses a supporting part (relationships, styles, numbering, properties)
/// if the package has it. One that is damaged is left out with a note: the
/// body can still be read without it. Limits still stop the read.
fn parse_optional(
    package: &mut Package<'_>,
    part: &str,
    depth: usize,
    notes: &mut Vec<String>,
) -> Result<Option<Dom>, Error> {
    read_optional(package, part, notes, |bytes| {
        xml::parse(&bytes, part, depth)
    })
}

/// Reads a supporting part with `read` if the package has it. One that is
/// damaged is left out with a note; limits still stop the read.
fn read_optional<T>(
    package: &mut Package<'_>,
    part: &str,
    notes: &mut Vec<String>,
    read: impl FnOnce(Vec<u8>) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    let parsed = package
        .part(part)
        .and_then(|bytes| bytes.map(read).transpose());
    match parsed {
        Err(err @ (Error::Xml { .. } | Error::Decompress { .. } | Error::Zip(_))) => {
            notes.push(left_out(&err));
            Ok(None)
        }
        other => other,
    }
}

/// The note for a supporting part left out because of `err`.
fn left_out(err: &Error) -> String {
    let mut note = format!("left out: {err}");
    if let Some(source) = std::error::Error::source(err) {
        note.push_str(&format!(": {source}"));
    }
    note
}

fn dir_prefix(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The target of the first relationship whose type ends with `kind_suffix`,
/// resolved against `base_dir` (the folder of the part the rels belong to).
fn relationship_target(rels: &Dom, base_dir: &str, kind_suffix: &str) -> Option<String> {
    let top = rels.root().child(Ns::Rels, "Relationships")?;
    let rel = top.children().find(|r| {
        r.is(Ns::Rels, "Relationship")
            && r.attr("Type").is_some_and(|t| t.ends_with(kind_suffix))
            && r.attr("TargetMode") != Some("External")
    })?;
    let target = rel.attr("Target")?.replace('\\', "/");
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            seg => parts.push(seg),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `dc:title` and `dcterms:created` from `docProps/core.xml`.
fn core_props(core: &Dom) -> DocProps {
    let Some(top) = core.root().children().next() else {
        return DocProps::default();
    };
    let value = |ns: Ns, name: &str| {
        top.child(ns, name)
            .map(|n| n.text().trim().to_string())
            .filter(|t| !t.is_empty())
    };
    DocProps {
        title: value(Ns::Dc, "title"),
        created: value(Ns::Dcterms, "created"),
    }
}
