//! A fast structural pass over an XML part, for parts of which the reader
//! needs a few elements only.
//!
//! `styles.xml` is often hundreds of kilobytes of table, character and
//! latent styles while a document uses a handful of paragraph styles: a full
//! parse of it cost most of the time of a whole read. [`scan`] checks the
//! part's structure — tags balanced with matching names, comments, CDATA,
//! processing instructions and DOCTYPE closed, nesting within the depth
//! limit, the same checks and errors the full parser makes on structure —
//! and records where the children of the top-level elements are, so that
//! only the ones wanted are parsed later, each on its own. It looks at
//! bytes only: it decodes no text, and reads attributes only to find where a
//! tag ends (quoted values may hold `>`).

use std::ops::Range;

use policy_blocks::{Limit, LimitExceeded};
use quick_xml::errors::{IllFormedError, SyntaxError};

use crate::Error;
use crate::xml::HARD_MAX_DEPTH;

/// Where the elements of a part are.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// The top-level elements, each as its start tag (`<w:styles ...>`, with
    /// its namespace declarations).
    pub(crate) tops: Vec<Range<usize>>,
    /// The children of the top-level elements whose qualified name `scan` was asked for.
    pub(crate) children: Vec<Child>,
}

/// A child of a top-level element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Child {
    /// Which of [`Outline::tops`] it is in.
    pub(crate) top: usize,
    /// Its start tag, `<` to `>`.
    pub(crate) start: Range<usize>,
    /// The whole element; to the end of the part if it is never closed.
    pub(crate) element: Range<usize>,
}

/// Scans `bytes` (the part `part`, any byte order mark already removed),
/// recording the children of top-level elements for which `wanted(qualified
/// name)` holds.
pub(crate) fn scan(
    bytes: &[u8],
    part: &str,
    max_depth: usize,
    wanted: impl Fn(&[u8]) -> bool,
) -> Result<Outline, Error> {
    let depth_limit = max_depth.min(HARD_MAX_DEPTH);
    let syntax = |err: SyntaxError| Error::Xml {
        part: part.to_string(),
        source: quick_xml::Error::Syntax(err),
    };
    let ill_formed = |err: IllFormedError| Error::Xml {
        part: part.to_string(),
        source: quick_xml::Error::IllFormed(err),
    };
    let mut outline = Outline::default();
    // Qualified names of the open elements.
    let mut open: Vec<Range<usize>> = Vec::new();
    // A wanted child not closed yet, as its index in `outline.children`.
    let mut pending: Option<usize> = None;
    let mut pos = 0;
    loop {
        // Tags mostly follow one another directly.
        let lt = if bytes.get(pos) == Some(&b'<') {
            pos
        } else {
            match find_byte(bytes, pos, b'<') {
                Some(lt) => lt,
                None => break,
            }
        };
        let rest = bytes.get(lt..).unwrap_or_default();
        match rest.get(1) {
            Some(b'!') => {
                pos = if rest.starts_with(b"<!--") {
                    find(bytes, lt + 4, b"-->")
                        .ok_or_else(|| syntax(SyntaxError::UnclosedComment))?
                        + 3
                } else if rest.starts_with(b"<![CDATA[") {
                    find(bytes, lt + 9, b"]]>").ok_or_else(|| syntax(SyntaxError::UnclosedCData))?
                        + 3
                } else if rest
                    .get(..9)
                    .is_some_and(|s| s.eq_ignore_ascii_case(b"<!DOCTYPE"))
                {
                    doctype_end(bytes, lt + 9)
                        .ok_or_else(|| syntax(SyntaxError::UnclosedDoctype))?
                } else {
                    return Err(syntax(SyntaxError::InvalidBangMarkup));
                };
            }
            Some(b'?') => {
                pos = find(bytes, lt + 2, b"?>")
                    .ok_or_else(|| syntax(SyntaxError::UnclosedPIOrXmlDecl))?
                    + 2;
            }
            Some(b'/') => {
                let gt = find_byte(bytes, lt + 2, b'>')
                    .ok_or_else(|| syntax(SyntaxError::UnclosedTag))?;
                let name = trim_end(bytes, lt + 2..gt);
                let found = bytes.get(name.clone()).unwrap_or_default();
                let Some(expected) = open.pop() else {
                    return Err(ill_formed(IllFormedError::UnmatchedEndTag(lossy(found))));
                };
                let expected = bytes.get(expected).unwrap_or_default();
                if expected != found {
                    return Err(ill_formed(IllFormedError::MismatchedEndTag {
                        expected: lossy(expected),
                        found: lossy(found),
                    }));
                }
                pos = gt + 1;
                if open.len() == 1
                    && let Some(child) = pending.take().and_then(|i| outline.children.get_mut(i))
                {
                    child.element.end = pos;
                }
            }
            _ => {
                let gt = tag_end(bytes, lt + 1).ok_or_else(|| syntax(SyntaxError::UnclosedTag))?;
                pos = gt + 1;
                let empty = gt > lt + 1 && bytes.get(gt - 1) == Some(&b'/');
                let depth = open.len() + 1;
                if depth > depth_limit {
                    return Err(Error::Limit(LimitExceeded {
                        limit: Limit::NestingDepth,
                        allowed: depth_limit as u64,
                        found: depth as u64,
                    }));
                }
                if empty && depth > 2 {
                    // Most tags: nothing to record, nothing to close.
                    continue;
                }
                let content_end = if empty { gt - 1 } else { gt };
                let name = lt + 1..name_end(bytes, lt + 1, content_end);
                match open.len() {
                    0 => outline.tops.push(lt..pos),
                    1 if wanted(bytes.get(name.clone()).unwrap_or_default()) => {
                        outline.children.push(Child {
                            top: outline.tops.len().saturating_sub(1),
                            start: lt..pos,
                            element: lt..if empty { pos } else { bytes.len() },
                        });
                        if !empty {
                            pending = Some(outline.children.len() - 1);
                        }
                    }
                    _ => {}
                }
                if !empty {
                    open.push(name);
                }
            }
        }
    }
    Ok(outline)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    memchr::memchr(byte, bytes.get(from..)?).map(|i| from + i)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// The `>` that ends a start tag whose content begins at `from`: the first
/// one outside a quoted attribute value.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let gt = find_byte(bytes, from, b'>')?;
    // Usually no value holds a `>`: then the quotes before the first `>`
    // are double quotes that pair up.
    if quotes_pair_up(bytes.get(from..gt)?) {
        return Some(gt);
    }
    let mut at = from;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', bytes.get(at..)?)?;
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => at = find_byte(bytes, i + 1, quote)? + 1,
            _ => return Some(i),
        }
    }
}

/// Whether `head` holds an even number of `"` and no `'`. Eight bytes at a
/// time: cheaper than stepping from quote to quote through a tag.
fn quotes_pair_up(head: &[u8]) -> bool {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // The high bit of each byte of `word` that equals the byte `pattern` repeats.
    let equal = |word: u64, pattern: u64| {
        let x = word ^ pattern;
        !(((x & LOW7) + LOW7) | x | LOW7)
    };
    const DOUBLE: u64 = 0x2222_2222_2222_2222;
    const SINGLE: u64 = 0x2727_2727_2727_2727;
    let (mut parity, mut single) = (0u64, 0u64);
    let mut chunks = head.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        parity ^= equal(word, DOUBLE);
        single |= equal(word, SINGLE);
    }
    let mut doubles = parity.count_ones();
    for &b in chunks.remainder() {
        doubles += u32::from(b == b'"');
        single |= u64::from(b == b'\'');
    }
    doubles % 2 == 0 && single == 0
}

/// The end of a DOCTYPE that starts at `from` (after `<!DOCTYPE`): the `>`
/// that balances it, counting the `<` and `>` of an internal subset.
fn doctype_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, &b) in bytes.get(from..)?.iter().enumerate() {
        match b {
            b'<' => depth += 1,
            b'>' => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where the element name starting at `from` ends: at white space or at `end`.
fn name_end(bytes: &[u8], from: usize, end: usize) -> usize {
    bytes
        .get(from..end)
        .and_then(|s| s.iter().position(|&b| is_xml_space(b)))
        .map_or(end, |i| from + i)
}

/// XML's white space: space, tab, CR and LF (not form feed, which
/// `u8::is_ascii_whitespace` also takes), as quick-xml reads it.
pub(crate) fn is_xml_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim_end(bytes: &[u8], range: Range<usize>) -> Range<usize> {
    let mut end = range.end;
    while end > range.start && bytes.get(end - 1).is_some_and(|&b| is_xml_space(b)) {
        end -= 1;
    }
    range.start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(name: &[u8]) -> bool {
        name == b"w:style"
    }

    fn children(xml: &str) -> Vec<&str> {
        let outline = scan(xml.as_bytes(), "t", 64, style).unwrap();
        outline
            .children
            .iter()
            .map(|c| xml.get(c.element.clone()).unwrap())
            .collect()
    }

    #[test]
    fn finds_the_wanted_children_of_the_root() {
        let xml = r#"<?xml version="1.0"?><!-- <w:style> --><w:styles a="x>y" b='<'><w:docDefaults><w:style/></w:docDefaults><w:style w:styleId="A"><w:name w:val="a>b"/></w:style ><w:style w:styleId="B"/><w:latentStyles/><![CDATA[<w:style>]]></w:styles>"#;
        assert_eq!(
            children(xml),
            [
                r#"<w:style w:styleId="A"><w:name w:val="a>b"/></w:style >"#,
                r#"<w:style w:styleId="B"/>"#
            ]
        );
        let outline = scan(xml.as_bytes(), "t", 64, style).unwrap();
        assert_eq!(outline.tops.len(), 1);
        assert_eq!(
            xml.get(outline.tops[0].clone()),
            Some(r#"<w:styles a="x>y" b='<'>"#)
        );
        assert_eq!(
            xml.get(outline.children[0].start.clone()),
            Some(r#"<w:style w:styleId="A">"#)
        );
    }

    #[test]
    fn a_child_cut_off_runs_to_the_end() {
        let xml = "<w:styles><w:style w:styleId=\"A\"><w:name/>";
        assert_eq!(children(xml), ["<w:style w:styleId=\"A\"><w:name/>"]);
    }

    #[test]
    fn structure_errors_are_xml_errors() {
        for bad in [
            "<w:styles><w:style></w:styles>",
            "<a></b>",
            "</a>",
            "<a><!-- x",
            "<a><![CDATA[ x",
            "<a><? x",
            "<a><!x>",
            "<a><!DOCTYPE x [ <!ENTITY a 'b'>",
            "<a b=\"></a>",
            "<a",
            // A form feed is not XML white space: the end tag's name is `a\x0C`.
            "<w:styles><a></a\x0C></w:styles>",
        ] {
            assert!(
                matches!(scan(bad.as_bytes(), "t", 64, style), Err(Error::Xml { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn quotes_pair_up_like_a_plain_count() {
        for head in [
            &b""[..],
            b"a",
            b"w:val=\"x\"",
            b"w:val=\"x",
            b"w:val='x'",
            b"a=\"1\" b=\"2\" c=\"3\" d=\"4\"",
            b"a=\"1\" b=\"2\" c=\"3\" d=\"4",
            b"\"\"\"\"\"\"\"\"\"",
            b"\"\"\"\"\"\"\"\"\"\"",
            b"abcdefgh'",
            b"\xFF\x22\xA2\x22",
        ] {
            let plain =
                head.iter().filter(|&&b| b == b'"').count() % 2 == 0 && !head.contains(&b'\'');
            assert_eq!(
                quotes_pair_up(head),
                plain,
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn depth_limit() {
        let xml = format!("{}{}", "<a>".repeat(40), "</a>".repeat(40));
        assert!(scan(xml.as_bytes(), "t", 64, style).is_ok());
        let err = scan(xml.as_bytes(), "t", 10, style).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit(LimitExceeded {
                    limit: Limit::NestingDepth,
                    found: 11,
                    ..
                })
            ),
            "{err}"
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let alphabet = b"<>/!?-[]\"'= abw:style";
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            if let Ok(outline) = scan(&bytes, "t", 8, style) {
                for child in outline.children {
                    assert!(child.start.end <= child.element.end);
                    assert!(child.element.end <= bytes.len());
                }
            }
        }
    }
}
