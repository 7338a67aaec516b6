//! PDF policy documents into [`Decoded`] blocks.
//!
//! [`read`] opens the file with the PDF backend (`pdf_oxide`, chosen by
//! measurement: see `docs/pdf-backend.md`) and hands positioned glyphs and
//! ruling segments through three stages:
//! - lines: glyphs grouped by baseline and sorted by x, CJK joined without spaces;
//! - tables: horizontal and vertical rules built into cell grids, merged
//!   regions resolved ([`Merge::Up`](policy_blocks::Merge) / `Left`), a table
//!   running over pages stitched into one, its repeated header row dropped;
//! - layout: running headers, footers and page numbers removed, lines joined
//!   into paragraphs (also across a page break), blocks in reading order.
//!
//! Every call into the backend runs under `catch_unwind`: a panic in the
//! library is an [`Error::Panic`], never a crash. A scan without a text layer
//! is [`Error::NoTextLayer`], pages that draw text none of which could be
//! decoded [`Error::TextUndecoded`]; a password-protected file is
//! [`Error::Encrypted`].
//!
//! ```
//! let err = policy_pdf::read(b"%PDF-1.4\n", &Default::default()).unwrap_err();
//! assert!(err.to_string().contains("PDF"));
//! ```

mod backend;
mod layout;
mod lines;
mod tables;

use policy_blocks::{Decoded, Limit, LimitExceeded, Limits};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    #[error("the file is empty")]
    Empty,
    #[error("the file is not a PDF: no %PDF- header in its first {searched} bytes")]
    NotPdf { searched: usize },
    #[error("the PDF is truncated: no %%EOF marker at its end")]
    Truncated,
    #[error("the PDF is malformed ({stage}): {message}")]
    Malformed {
        stage: &'static str,
        message: String,
    },
    #[error("the PDF library panicked while reading the file ({stage}): {message}")]
    Panic {
        stage: &'static str,
        message: String,
    },
    #[error("the PDF is encrypted with a password: decrypt it first")]
    Encrypted,
    #[error("the PDF is encrypted with an unsupported scheme: {message}")]
    EncryptedUnsupported { message: String },
    #[error("the PDF has no text layer ({pages} pages of images only): it is a scan, OCR it first")]
    NoTextLayer { pages: usize },
    #[error(
        "the PDF draws text on its pages ({pages}), but none of it could be decoded (a damaged file, or fonts or content this reader does not support); if its pages are images with a hidden label, OCR it"
    )]
    TextUndecoded { pages: usize },
}

/// How far into the file the `%PDF-` header may start.
const HEADER_WINDOW: usize = 1024;
/// How far from the end the `%%EOF` marker may sit (trailing junk is common).
const EOF_WINDOW: usize = 4096;

/// Stack for the thread that runs the PDF library.
const BACKEND_STACK: usize = 256 * 1024 * 1024;

/// Refuses a file whose arrays and dictionaries nest deeper than
/// `max_nesting_depth`, before the library's recursive parser sees it: thousands of
/// nested `[` in a 10 KB file would overflow the stack, which no `catch_unwind`
/// can catch. Streams, strings and comments are skipped; honest files nest a
/// few levels deep.
fn check_nesting(bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    let mut depth: usize = 0;
    let mut deepest: usize = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut level = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level = level.saturating_sub(1);
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                match find(&bytes[i..], b"endstream") {
                    Some(end) => i += end + b"endstream".len() - 1,
                    None => break,
                }
            }
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    Limits::check(
        Limit::NestingDepth,
        limits.max_nesting_depth as u64,
        deepest as u64,
    )?;
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads a PDF into blocks: paragraphs and tables in reading order, each
/// block's `span.page` the 1-based page it starts on.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    Limits::check(
        Limit::InputBytes,
        limits.max_input_bytes,
        bytes.len() as u64,
    )?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    let head = bytes.get(..HEADER_WINDOW).unwrap_or(bytes);
    if !contains(head, b"%PDF-") {
        return Err(Error::NotPdf {
            searched: head.len(),
        });
    }
    let tail = bytes
        .get(bytes.len().saturating_sub(EOF_WINDOW)..)
        .unwrap_or(bytes);
    // Without %%EOF the file may be cut short, or only its last line lost:
    // what the library recovers is read (as pdftotext does) with a note, and
    // a file it cannot make sense of is called truncated, not malformed.
    let has_eof = contains(tail, b"%%EOF");
    check_nesting(bytes, limits)?;
    // The library's object parser recurses once per nesting level; a deep
    // object inside a compressed object stream escapes the scan above, so the
    // library runs on a thread with a stack far larger than any honest file needs.
    let loaded = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("policy-pdf".to_string())
            .stack_size(BACKEND_STACK)
            .spawn_scoped(scope, || backend::load(bytes, limits))
            .map_err(|e| Error::Malformed {
                stage: "thread",
                message: e.to_string(),
            })?
            .join()
            .unwrap_or_else(|payload| {
                Err(Error::Panic {
                    stage: "load",
                    message: backend::panic_message(payload.as_ref()),
                })
            })
    });
    let mut loaded = match loaded {
        Err(Error::Malformed { .. } | Error::Panic { .. }) if !has_eof => {
            return Err(Error::Truncated);
        }
        other => other?,
    };
    let n_pages = loaded.pages.len();
    let no_text = loaded
        .pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.ch.is_whitespace()));
    if !has_eof && (n_pages == 0 || no_text) {
        return Err(Error::Truncated);
    }
    if n_pages == 0 {
        return Err(Error::Malformed {
            stage: "pages",
            message: "the document has no pages".to_string(),
        });
    }
    if no_text && !loaded.annotations.is_empty() {
        // Never "a scan" when the text is there, only not on the pages.
        let mut doc = policy_blocks::DecodedBuilder::new(policy_blocks::SourceFormat::Pdf);
        for note in &loaded.notes {
            doc.note(note.clone());
        }
        doc.note(format!(
            "the pages draw no text: read the text of {} annotations and form fields instead",
            loaded.annotations.len()
        ));
        for (page, text) in &loaded.annotations {
            doc.paragraph(text, Some(*page));
        }
        return Ok(doc.finish());
    }
    if no_text && loaded.draws_text {
        return Err(Error::TextUndecoded { pages: n_pages });
    }
    if no_text {
        return Err(Error::NoTextLayer { pages: n_pages });
    }
    if !has_eof {
        loaded.notes.push(format!(
            "the PDF has no %%EOF marker at its end, so it may be truncated: read the {n_pages} pages that could be recovered"
        ));
    }
    layout::assemble(loaded, limits)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
