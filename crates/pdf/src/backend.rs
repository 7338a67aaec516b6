//! The only module that touches the PDF library: pages in, positioned glyphs
//! and ruling segments out, every call isolated from panics.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_oxide::PdfDocument;
use pdf_oxide::decoders::{set_thread_inflate_budget, thread_inflate_budget};
use pdf_oxide::elements::{PathContent, PathOperation};
use policy_blocks::{Limit, LimitExceeded, Limits};

use crate::Error;

/// One page as the layout stages see it: y grows downwards from the page top.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
}

/// One character with its box (top-down coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Glyph {
    pub ch: char,
    pub x0: f32,
    pub x1: f32,
    /// Baseline, from the page top.
    pub y: f32,
    pub size: f32,
    /// Where this glyph left the pen for the next one of its string (its
    /// rendered advance, Tc and Tz included): a same glyph drawn there is
    /// the next character, not a fake-bold copy.
    pub pen: f32,
}

/// A horizontal or vertical ruling segment (top-down coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Segment {
    /// `y`, from `x0` to `x1`.
    Horizontal { y: f32, x0: f32, x1: f32 },
    /// `x`, from `y0` to `y1`.
    Vertical { x: f32, y0: f32, y1: f32 },
}

/// What the document holds besides its pages.
#[derive(Clone, Debug, Default)]
pub(crate) struct Loaded {
    pub pages: Vec<Page>,
    pub notes: Vec<String>,
    /// (1-based page, text) of annotations and form fields that carry text,
    /// gathered only when no page draws any: their text is then all there is.
    pub annotations: Vec<(u32, String)>,
    /// When no page gave a character: whether a page still shows text
    /// (text operators in its contents, or fonts in its resources or its
    /// forms'), so the file is no scan, only text the library cannot decode.
    pub draws_text: bool,
}

/// Runs `f`, turning a panic inside the PDF library into [`Error::Panic`].
fn guarded<T>(what: &'static str, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(Error::Panic {
            stage: what,
            message: library_message(&panic_message(payload.as_ref())),
        }),
    }
}

/// The text a panic carried.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn lib_err(stage: &'static str) -> impl Fn(pdf_oxide::Error) -> Error {
    move |source| Error::Malformed {
        stage,
        message: library_message(&source),
    }
}

/// A library's message fit for a user: no dump of raw bytes (`[37, 80, 68,
/// …]`, once 2,600 characters of one), no advice on the library's own API
/// ("Call authenticate(password)"), at most 200 characters.
pub(crate) fn library_message(source: &dyn std::fmt::Display) -> String {
    const MAX_CHARS: usize = 200;
    let mut message = source.to_string();
    if let Some(at) = byte_dump_start(&message) {
        message.truncate(at);
        message = format!("{} […]", message.trim_end());
    }
    let message: Vec<&str> = message
        .split(". ")
        .filter(|sentence| {
            let sentence = sentence.trim_start();
            !sentence.contains("authenticate(") && !sentence.starts_with("Call ")
        })
        .collect();
    let message = message.join(". ");
    match message.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}…", &message[..at]),
        None => message,
    }
}

/// Where a bracketed list of eight or more numbers starts.
fn byte_dump_start(message: &str) -> Option<usize> {
    message.char_indices().find_map(|(at, ch)| {
        if ch != '[' && ch != '(' {
            return None;
        }
        let rest = message.get(at + 1..)?;
        let list: String = rest
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || matches!(c, ',' | ' ' | 'x'))
            .collect();
        (list.matches(',').count() >= 8).then_some(at)
    })
}

/// `max_decompressed_bytes` spent over every stream the library inflates for
/// one document on this thread (xref and object streams, contents, fonts, a
/// stream read for its text and again for its rules counted twice); the
/// thread's previous budget comes back when this is dropped.
struct InflateBudget {
    allowed: u64,
    previous: Option<u64>,
}

impl InflateBudget {
    fn set(allowed: u64) -> Self {
        Self {
            allowed,
            previous: set_thread_inflate_budget(Some(allowed)),
        }
    }

    /// Once the budget is spent every further stream fails to decode, so
    /// what the library reads is incomplete: the document is refused with
    /// the limit it hit (a flate bomb stops here, at the budget).
    fn check(&self) -> Result<(), Error> {
        if thread_inflate_budget() == Some(0) {
            return Err(LimitExceeded {
                limit: Limit::DecompressedBytes,
                allowed: self.allowed,
                found: self.allowed.saturating_add(1),
            }
            .into());
        }
        Ok(())
    }
}

impl Drop for InflateBudget {
    fn drop(&mut self) {
        set_thread_inflate_budget(self.previous);
    }
}

pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Loaded, Error> {
    let budget = InflateBudget::set(limits.max_decompressed_bytes);
    let data = bytes.to_vec();
    let doc = guarded("open", || {
        PdfDocument::from_bytes(data).map_err(lib_err("open"))
    });
    // A stream that failed for the budget is named as such, not as damage.
    budget.check()?;
    let doc = doc?;
    let mut notes = Vec::new();
    guarded("decrypt", || {
        if doc.is_encrypted() {
            // An owner-password-only file opens for everyone; a user password is needed otherwise.
            match doc.authenticate(b"") {
                Ok(true) => notes
                    .push("the PDF is encrypted without a user password; read as is".to_string()),
                // A password that guards only the attachments (crypt
                // filters /Identity for streams and strings): the pages
                // are plain, as every viewer opens them.
                Ok(false) if only_attachments_encrypted(&doc) => notes.push(
                    "the PDF's attachments are encrypted with a password, its pages are not: read as is"
                        .to_string(),
                ),
                Ok(false) => return Err(Error::Encrypted),
                Err(source) => {
                    return Err(Error::EncryptedUnsupported {
                        message: library_message(&source),
                    });
                }
            }
        }
        Ok(())
    })?;
    let n_pages = guarded("page count", || {
        doc.page_count().map_err(lib_err("page count"))
    })?;
    Limits::check(Limit::Pages, limits.max_pages as u64, n_pages as u64)?;
    let mut pages = Vec::with_capacity(n_pages);
    for index in 0..n_pages {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let page = guarded("page", || read_page(&doc, index, number, &budget));
        budget.check()?;
        pages.push(page?);
    }
    let off_page = drop_off_page_glyphs(&mut pages);
    if off_page > 0 {
        notes.push(format!(
            "dropped {off_page} characters drawn wholly outside the page (not visible)"
        ));
    }
    let phantoms = drop_phantom_glyphs(&mut pages);
    if phantoms > 0 {
        notes.push(format!(
            "dropped {phantoms} phantom glyphs drawn over other characters"
        ));
    }
    let no_glyphs = pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.ch.is_whitespace()));
    let annotations = if no_glyphs {
        annotation_texts(&doc, pages.len())
    } else {
        Vec::new()
    };
    let draws_text =
        no_glyphs && annotations.is_empty() && (0..pages.len()).any(|i| page_draws_text(&doc, i));
    Ok(Loaded {
        pages,
        notes,
        annotations,
        draws_text,
    })
}

/// Whether a page shows text: a text-showing operator (`Tj`, `TJ`, `'`,
/// `"`) in its contents or in those of the forms it draws (four levels
/// deep). Fonts merely declared do not count: ImageMagick writes a Helvetica
/// into the resources of every scan. Best effort: what cannot be read counts
/// as no text.
fn page_draws_text(doc: &PdfDocument, index: usize) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        if doc
            .get_page_content_data(index)
            .is_ok_and(|content| shows_text(&content))
        {
            return true;
        }
        // Resources are inherited from the page tree when the page has none.
        let mut node = doc.get_page(index).ok();
        for _ in 0..8 {
            let Some(dict) = node.as_ref().and_then(pdf_oxide::object::Object::as_dict) else {
                return false;
            };
            if let Some(resources) = dict.get("Resources") {
                return forms_show_text(doc, resources, 4);
            }
            node = match dict.get("Parent") {
                Some(pdf_oxide::object::Object::Reference(r)) => doc.load_object(*r).ok(),
                _ => None,
            };
        }
        false
    }))
    .unwrap_or(false)
}

/// A text-showing operator in a content stream: `Tj`, `TJ`, `'` or `"` as
/// a token of its own.
fn shows_text(content: &[u8]) -> bool {
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    content
        .windows(4)
        .any(|w| matches!(&w[1..3], b"Tj" | b"TJ") && delimiter(w[0]) && delimiter(w[3]))
        || content
            .windows(3)
            .any(|w| matches!(w[1], b'\'' | b'"') && w[0] == b')' && delimiter(w[2]))
}

/// Whether a form among a resource dictionary's XObjects shows text, itself
/// or through its own forms, `depth` levels down.
fn forms_show_text(doc: &PdfDocument, resources: &pdf_oxide::object::Object, depth: u32) -> bool {
    use pdf_oxide::object::Object;
    let resolve = |object: &Object| match object {
        Object::Reference(r) => doc.load_object(*r).ok(),
        other => Some(other.clone()),
    };
    if depth == 0 {
        return false;
    }
    let Some(resources) = resolve(resources) else {
        return false;
    };
    let xobjects = resources
        .as_dict()
        .and_then(|d| d.get("XObject"))
        .and_then(&resolve);
    let Some(xobjects) = xobjects.as_ref().and_then(Object::as_dict) else {
        return false;
    };
    xobjects.values().any(|x| {
        let Some(form) = resolve(x) else { return false };
        let Some(dict) = form.as_dict() else {
            return false;
        };
        if dict.get("Subtype").and_then(Object::as_name) != Some("Form") {
            return false;
        }
        form.decode_stream_data()
            .is_ok_and(|content| shows_text(&content))
            || dict
                .get("Resources")
                .is_some_and(|r| forms_show_text(doc, r, depth - 1))
    })
}

/// Whether the document's encryption leaves streams and strings alone
/// (`/StmF` and `/StrF` both `/Identity`, ISO 32000-1 §7.6.5), as when only
/// embedded files are encrypted (`/EFF`).
fn only_attachments_encrypted(doc: &PdfDocument) -> bool {
    use pdf_oxide::object::Object;
    let Some(encrypt) = doc.trailer().as_dict().and_then(|t| t.get("Encrypt")) else {
        return false;
    };
    let encrypt = match encrypt {
        Object::Reference(r) => doc.load_object(*r).ok(),
        other => Some(other.clone()),
    };
    let Some(encrypt) = encrypt.as_ref().and_then(Object::as_dict) else {
        return false;
    };
    let identity = |key: &str| matches!(encrypt.get(key), Some(Object::Name(n)) if n == "Identity");
    identity("StmF") && identity("StrF")
}

/// Text of the annotations (notes, free text) and form fields (their
/// values) of each page; links and empty ones are skipped. A page whose
/// annotations carry no such strings gives the text their appearance
/// streams draw (a button's caption, a free-text box written only as its
/// appearance), as the library reads it with the page. Best effort: a page
/// whose annotations cannot be read contributes none.
fn annotation_texts(doc: &PdfDocument, n_pages: usize) -> Vec<(u32, String)> {
    let mut texts = Vec::new();
    for index in 0..n_pages {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let before = texts.len();
        page_annotation_strings(doc, index, number, &mut texts);
        if texts.len() == before
            && let Ok(Ok(text)) = catch_unwind(AssertUnwindSafe(|| doc.extract_text(index)))
        {
            let text = text.trim();
            if !text.is_empty() {
                texts.push((number, text.to_string()));
            }
        }
    }
    texts
}

/// The `/V` and `/Contents` strings of one page's annotations.
fn page_annotation_strings(
    doc: &PdfDocument,
    index: usize,
    number: u32,
    texts: &mut Vec<(u32, String)>,
) {
    let Ok(Ok(annotations)) = catch_unwind(AssertUnwindSafe(|| doc.get_annotations(index))) else {
        return;
    };
    for a in annotations {
        if a.subtype.as_deref() == Some("Link") {
            continue;
        }
        // The library's own strings lose UTF-16 text: decode the raw ones.
        let Some(dict) = a.raw_dict else { continue };
        for key in ["V", "Contents"] {
            if let Some(pdf_oxide::object::Object::String(bytes)) = dict.get(key) {
                let text = text_string(bytes);
                let text = text.trim();
                if !text.is_empty() {
                    texts.push((number, text.to_string()));
                }
            }
        }
    }
}

/// A PDF text string (ISO 32000-1 §7.9.2.2): UTF-16BE after a BOM, UTF-8
/// after a BOM, else PDFDocEncoding (read as Latin-1, which it matches for
/// the printable ASCII and Latin-1 letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| match pair {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xFFFD,
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Characters whose box lies wholly outside the page's media box are not
/// shown by any viewer (a line running off the right edge, text parked
/// outside the page); `pdftotext` leaves them out too.
fn drop_off_page_glyphs(pages: &mut [Page]) -> usize {
    let mut dropped = 0;
    for page in pages {
        let (width, height) = (page.width, page.height);
        let before = page.glyphs.len();
        page.glyphs
            .retain(|g| g.x0 < width && g.x1 > 0.0 && g.y > 0.0 && g.y - g.size < height);
        dropped += before - page.glyphs.len();
    }
    dropped
}

/// Some subset fonts make the library report a space as an arbitrary
/// ideograph drawn half over its neighbours. Such a phantom is the same few
/// characters colliding again and again, so on each collision the glyph whose
/// character collides more often in the whole document goes.
fn drop_phantom_glyphs(pages: &mut [Page]) -> usize {
    use std::collections::HashMap;
    let collisions = |glyphs: &[Glyph]| -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..glyphs.len()).collect();
        order.sort_by(|&a, &b| {
            let (ga, gb) = (glyphs.get(a), glyphs.get(b));
            let ya = ga.map_or(0.0, |g| g.y.round());
            let yb = gb.map_or(0.0, |g| g.y.round());
            ya.total_cmp(&yb).then(
                ga.map_or(0.0, |g| g.x0)
                    .total_cmp(&gb.map_or(0.0, |g| g.x0)),
            )
        });
        order
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => {
                    let (ga, gb) = (glyphs.get(*a)?, glyphs.get(*b)?);
                    let size = ga.size.max(gb.size).max(1.0);
                    let overlap = ga.x1.min(gb.x1) - gb.x0.max(ga.x0);
                    let collide = (ga.y - gb.y).abs() < 1.0
                        && overlap > 0.4 * size
                        && is_ideograph(ga.ch)
                        && is_ideograph(gb.ch);
                    collide.then_some((*a, *b))
                }
                _ => None,
            })
            .collect()
    };
    let mut counts: HashMap<char, usize> = HashMap::new();
    let per_page: Vec<Vec<(usize, usize)>> = pages.iter().map(|p| collisions(&p.glyphs)).collect();
    for (page, pairs) in pages.iter().zip(&per_page) {
        for &(a, b) in pairs {
            let (Some(ga), Some(gb)) = (page.glyphs.get(a), page.glyphs.get(b)) else {
                continue;
            };
            // Fake bold draws a character twice over itself: not a phantom.
            if ga.ch != gb.ch {
                *counts.entry(ga.ch).or_default() += 1;
                *counts.entry(gb.ch).or_default() += 1;
            }
        }
    }
    let mut dropped = 0;
    for (page, pairs) in pages.iter_mut().zip(per_page) {
        let mut drop = vec![false; page.glyphs.len()];
        for (a, b) in pairs {
            let count = |i: usize| {
                page.glyphs
                    .get(i)
                    .and_then(|g| counts.get(&g.ch))
                    .copied()
                    .unwrap_or(0)
            };
            let (ca, cb) = (count(a), count(b));
            let same = page.glyphs.get(a).map(|g| g.ch) == page.glyphs.get(b).map(|g| g.ch);
            let losers: &[usize] = if same && ca >= 3 {
                &[a, b]
            } else if ca.max(cb) >= 3 && ca != cb {
                if ca > cb { &[a][..] } else { &[b][..] }
            } else {
                &[]
            };
            for &i in losers {
                if let Some(slot) = drop.get_mut(i) {
                    *slot = true;
                }
            }
        }
        let mut i = 0;
        page.glyphs.retain(|_| {
            let keep = !drop.get(i).copied().unwrap_or(false);
            i += 1;
            keep
        });
        dropped += drop.iter().filter(|d| **d).count();
    }
    dropped
}

fn read_page(
    doc: &PdfDocument,
    index: usize,
    number: u32,
    budget: &InflateBudget,
) -> Result<Page, Error> {
    // An empty media box (`[0 0 0 0]`) is no page size: viewers draw such a
    // page at a default size, and every glyph would otherwise fall "outside".
    let (bx0, by0, bx1, by1) = doc
        .get_page_media_box(index)
        .ok()
        .filter(|&(x0, y0, x1, y1)| (x1 - x0).abs() >= 1.0 && (y1 - y0).abs() >= 1.0)
        .unwrap_or((0.0, 0.0, 595.0, 842.0));
    let (left, bottom) = (bx0.min(bx1), by0.min(by1));
    let width = (bx1 - bx0).abs();
    let height = (by1 - by0).abs();
    let top = bottom + height;
    let chars = doc.extract_chars(index);
    // Before the rules are read, which would inflate the contents again.
    budget.check()?;
    let chars = chars.map_err(lib_err("text"))?;
    let glyphs = chars
        .iter()
        .filter(|c| !c.char.is_control())
        .map(|c| Glyph {
            ch: c.char,
            x0: c.bbox.x - left,
            x1: c.bbox.x + c.bbox.width.max(c.advance_width) - left,
            y: top - c.origin_y,
            pen: c.bbox.x + c.rendered_advance - left,
            size: if c.font_size > 0.0 {
                c.font_size
            } else {
                c.bbox.height.abs()
            },
        })
        .filter(|g| g.x0.is_finite() && g.x1.is_finite() && g.y.is_finite() && g.size.is_finite())
        .collect();
    // Ruling lines are best effort: a page whose drawing cannot be read still has its text.
    let paths = doc.extract_paths(index).unwrap_or_default();
    let mut segments = Vec::new();
    for path in &paths {
        path_segments(path, |s| {
            segments.push(match s {
                Segment::Horizontal { y, x0, x1 } => Segment::Horizontal {
                    y: top - y,
                    x0: x0 - left,
                    x1: x1 - left,
                },
                Segment::Vertical { x, y0, y1 } => Segment::Vertical {
                    x: x - left,
                    y0: top - y1.max(y0),
                    y1: top - y0.min(y1),
                },
            })
        });
    }
    Ok(Page {
        number,
        width,
        height,
        glyphs,
        segments,
    })
}

/// The thickest a filled rectangle may be and still count as a rule.
const RULE_THICKNESS: f32 = 3.0;

/// Horizontal and vertical segments a path draws, in PDF (bottom-up) coordinates.
fn path_segments(path: &PathContent, mut emit: impl FnMut(Segment)) {
    let stroked = path.stroke_color.is_some();
    let filled = path.fill_color.is_some();
    if !stroked && !filled {
        return;
    }
    let mut start = (0.0_f32, 0.0_f32);
    let mut current = (0.0_f32, 0.0_f32);
    for op in &path.operations {
        match *op {
            PathOperation::MoveTo(x, y) => {
                start = (x, y);
                current = (x, y);
            }
            PathOperation::LineTo(x, y) => {
                if stroked {
                    line(current, (x, y), &mut emit);
                }
                current = (x, y);
            }
            PathOperation::CurveTo(_, _, _, _, x, y) => current = (x, y),
            PathOperation::ClosePath => {
                if stroked {
                    line(current, start, &mut emit);
                }
                current = start;
            }
            PathOperation::Rectangle(x, y, w, h) => {
                let (x0, x1) = (x.min(x + w), x.max(x + w));
                let (y0, y1) = (y.min(y + h), y.max(y + h));
                if filled && (y1 - y0) <= RULE_THICKNESS && (x1 - x0) > RULE_THICKNESS {
                    emit(Segment::Horizontal {
                        y: (y0 + y1) / 2.0,
                        x0,
                        x1,
                    });
                } else if filled && (x1 - x0) <= RULE_THICKNESS && (y1 - y0) > RULE_THICKNESS {
                    emit(Segment::Vertical {
                        x: (x0 + x1) / 2.0,
                        y0,
                        y1,
                    });
                } else if stroked {
                    emit(Segment::Horizontal { y: y0, x0, x1 });
                    emit(Segment::Horizontal { y: y1, x0, x1 });
                    emit(Segment::Vertical { x: x0, y0, y1 });
                    emit(Segment::Vertical { x: x1, y0, y1 });
                }
                start = (x, y);
                current = (x, y);
            }
        }
    }
}

fn line(a: (f32, f32), b: (f32, f32), emit: &mut impl FnMut(Segment)) {
    const SLOPE: f32 = 0.5;
    if (a.1 - b.1).abs() <= SLOPE && (a.0 - b.0).abs() > SLOPE {
        emit(Segment::Horizontal {
            y: (a.1 + b.1) / 2.0,
            x0: a.0.min(b.0),
            x1: a.0.max(b.0),
        });
    } else if (a.0 - b.0).abs() <= SLOPE && (a.1 - b.1).abs() > SLOPE {
        emit(Segment::Vertical {
            x: (a.0 + b.0) / 2.0,
            y0: a.1.min(b.1),
            y1: a.1.max(b.1),
        });
    }
}

/// Punctuation glyphs legitimately overlap their neighbours; only ideographs can be phantoms.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod message_tests {
    use super::library_message;

    #[test]
    fn library_messages_carry_no_byte_dumps_or_api_hints() {
        let dump = format!(
            "Invalid object header at 120: [{}]",
            vec!["37"; 900].join(", ")
        );
        assert_eq!(library_message(&dump), "Invalid object header at 120: […]");
        assert_eq!(
            library_message(&"Document is encrypted. Call authenticate(password) first"),
            "Document is encrypted"
        );
        let long = "x".repeat(500);
        assert_eq!(library_message(&long).chars().count(), 201);
        assert_eq!(
            library_message(&"bad xref (offset 12, 3 entries)"),
            "bad xref (offset 12, 3 entries)"
        );
    }
}
