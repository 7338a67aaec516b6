//! Paragraph styles (`styles.xml`): which styles are headings and which carry numbering.
//!
//! The part is read lazily: [`Styles::read`] checks its structure with
//! [`crate::scan`] and indexes the paragraph styles by id from their start
//! tags alone; a style is parsed the first time the document asks for it.
//! A `styles.xml` is often hundreds of kilobytes of table, character and
//! latent styles, of which a document uses a handful.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::BytesStart;

use crate::Error;
use crate::scan;
use crate::xml::{self, Node, Ns};

/// The paragraph styles of a document, by `w:styleId`.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    /// The part, kept to parse styles on demand.
    bytes: Vec<u8>,
    part: String,
    max_depth: usize,
    /// The start tag of the `w:styles` element with only its namespace
    /// declarations, put in front of each style parsed on its own.
    root_start: Vec<u8>,
    by_id: HashMap<String, Entry>,
    /// The style a paragraph without `w:pStyle` has.
    default_paragraph: Option<String>,
    /// Answers already worked out, by style id: a document uses a handful
    /// of styles, and most paragraphs the same few.
    heading_memo: RefCell<Vec<(String, Option<u8>)>>,
    numbering_memo: RefCell<Vec<(String, Option<StyleNumbering>)>>,
    /// The first error met parsing a style on demand. From then on the part
    /// is left out, as a part found damaged when read whole is.
    error: RefCell<Option<Error>>,
}

/// A paragraph style: where it is, and once asked for, what it says.
#[derive(Debug)]
struct Entry {
    element: Range<usize>,
    parsed: OnceCell<Option<Style>>,
}

#[derive(Debug, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline_lvl: Option<u8>,
    /// `w:numPr` in the style: (numId, ilvl).
    num: Option<(Option<String>, Option<u8>)>,
}

/// The numbering a style gives: (numId, ilvl if the style says).
type StyleNumbering = (String, Option<u8>);

/// How far `w:basedOn` chains are followed (they may loop in a broken file).
const MAX_CHAIN: usize = 16;

impl Styles {
    /// Indexes `styles.xml` (the part `part`). A structural error is an
    /// [`Error::Xml`]; nesting deeper than `max_depth`, an [`Error::Limit`].
    pub(crate) fn read(mut bytes: Vec<u8>, part: &str, max_depth: usize) -> Result<Styles, Error> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let outline = scan::scan(&bytes, part, max_depth, |name| local(name) == b"style")?;
        let xml_err = |source: quick_xml::Error| Error::Xml {
            part: part.to_string(),
            source,
        };
        let mut styles = Styles {
            part: part.to_string(),
            max_depth,
            ..Styles::default()
        };
        // The first top-level element that is `w:styles`.
        let Some((root_index, root_start, bindings)) =
            outline.tops.iter().enumerate().find_map(|(i, tag)| {
                let tag_bytes = bytes.get(tag.clone())?;
                let bindings = Bindings::default().extended(tag_bytes);
                (bindings.resolve(tag_bytes) == (Ns::W, &b"styles"[..]))
                    .then(|| (i, tag.clone(), bindings))
            })
        else {
            return Ok(styles);
        };
        // The full parser reads every attribute of the elements it keeps.
        for_each_attr(bytes.get(root_start.clone()).unwrap_or_default(), |_, _| {})
            .map_err(xml_err)?;
        for child in outline.children.iter().filter(|c| c.top == root_index) {
            let tag = bytes.get(child.start.clone()).unwrap_or_default();
            let ns = if contains(tag, b"xmlns") {
                bindings.extended(tag).resolve(tag).0
            } else {
                bindings.resolve(tag).0
            };
            if ns != Ns::W {
                continue;
            }
            let (mut kind, mut id, mut default) = (None, None, None);
            for_each_attr(tag, |key, value| {
                let slot = match key {
                    "type" => &mut kind,
                    "styleId" => &mut id,
                    "default" => &mut default,
                    _ => return,
                };
                if slot.is_none() {
                    *slot = Some(value.to_string());
                }
            })
            .map_err(xml_err)?;
            if kind.is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = id else {
                continue;
            };
            if default.is_some_and(|d| matches!(d.as_str(), "1" | "true" | "on")) {
                styles.default_paragraph = Some(id.clone());
            }
            styles.by_id.insert(
                id,
                Entry {
                    element: child.element.clone(),
                    parsed: OnceCell::new(),
                },
            );
        }
        styles.root_start = namespace_tag(bytes.get(root_start).unwrap_or_default());
        styles.bytes = bytes;
        Ok(styles)
    }

    /// The error that made the part unusable while the document was read, if any.
    pub(crate) fn take_error(&self) -> Option<Error> {
        self.error.borrow_mut().take()
    }

    fn usable(&self) -> bool {
        self.error.borrow().is_none()
    }

    /// The style a paragraph has: its `w:pStyle`, else the default paragraph style.
    pub(crate) fn effective<'s>(&'s self, p_style: Option<&'s str>) -> Option<&'s str> {
        if !self.usable() {
            return p_style;
        }
        p_style.or(self.default_paragraph.as_deref())
    }

    /// The style `id`, parsed on first use.
    fn style(&self, id: &str) -> Option<&Style> {
        if !self.usable() {
            return None;
        }
        let entry = self.by_id.get(id)?;
        let style = entry
            .parsed
            .get_or_init(|| match self.parse(&entry.element) {
                Ok(style) => Some(style),
                Err(err) => {
                    *self.error.borrow_mut() = Some(err);
                    None
                }
            });
        if !self.usable() {
            return None;
        }
        style.as_ref()
    }

    /// Parses one `w:style` element, behind the root's start tag so its
    /// prefixes resolve as in the whole part.
    fn parse(&self, element: &Range<usize>) -> Result<Style, Error> {
        let mut fragment = self.root_start.clone();
        fragment.extend_from_slice(self.bytes.get(element.clone()).unwrap_or_default());
        let dom = xml::parse(&fragment, &self.part, self.max_depth)?;
        Ok(dom
            .root()
            .child(Ns::W, "styles")
            .and_then(|top| top.child(Ns::W, "style"))
            .map(style_of)
            .unwrap_or_default())
    }

    /// The heading level (1 = outermost) the style gives: a name `heading N` /
    /// `标题 N`, or an outline level, along the `w:basedOn` chain.
    pub(crate) fn heading_level(&self, style_id: &str) -> Option<u8> {
        if self.usable()
            && let Some((_, level)) = self
                .heading_memo
                .borrow()
                .iter()
                .find(|(id, _)| id == style_id)
        {
            return *level;
        }
        let level = self.find_heading_level(style_id);
        remember(&self.heading_memo, self.usable(), style_id, level);
        level
    }

    fn find_heading_level(&self, style_id: &str) -> Option<u8> {
        for style in self.chain(style_id) {
            if let Some(level) = style.name.as_deref().and_then(heading_name_level) {
                return Some(level);
            }
            if let Some(lvl) = style.outline_lvl {
                return outline_to_level(lvl);
            }
        }
        None
    }

    /// The numbering the style gives: (numId, ilvl if the style says).
    pub(crate) fn numbering(&self, style_id: &str) -> Option<StyleNumbering> {
        if self.usable()
            && let Some((_, num)) = self
                .numbering_memo
                .borrow()
                .iter()
                .find(|(id, _)| id == style_id)
        {
            return num.clone();
        }
        let num = self.find_numbering(style_id);
        remember(&self.numbering_memo, self.usable(), style_id, num.clone());
        num
    }

    fn find_numbering(&self, style_id: &str) -> Option<StyleNumbering> {
        for style in self.chain(style_id) {
            if let Some((num_id, ilvl)) = &style.num {
                return num_id.clone().map(|id| (id, *ilvl));
            }
        }
        None
    }

    fn chain<'s>(&'s self, style_id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.style(style_id);
        std::iter::from_fn(move || {
            let current = next?;
            next = current.based_on.as_deref().and_then(|b| self.style(b));
            Some(current)
        })
        .take(MAX_CHAIN)
    }
}

/// Keeps an answer for `style_id`, while the part is usable, for the first
/// few styles asked about.
fn remember<T>(memo: &RefCell<Vec<(String, T)>>, usable: bool, style_id: &str, answer: T) {
    let mut memo = memo.borrow_mut();
    if usable && memo.len() < 32 {
        memo.push((style_id.to_string(), answer));
    }
}

/// What a `w:style` element says.
fn style_of(node: Node<'_>) -> Style {
    let ppr = node.child(Ns::W, "pPr");
    Style {
        name: node.child_val(Ns::W, "name").map(str::to_string),
        based_on: node.child_val(Ns::W, "basedOn").map(str::to_string),
        outline_lvl: ppr
            .and_then(|p| p.child_val(Ns::W, "outlineLvl"))
            .and_then(|v| v.trim().parse().ok()),
        num: ppr.and_then(|p| p.child(Ns::W, "numPr")).map(num_pr),
    }
}

/// Namespace prefixes in scope, as far as the reader cares about them.
#[derive(Debug, Default, Clone)]
struct Bindings {
    default: Option<Ns>,
    prefixes: Vec<(Vec<u8>, Ns)>,
}

impl Bindings {
    /// These bindings with the declarations of start tag `tag` added, read as
    /// the namespace resolver reads them (up to a damaged attribute).
    fn extended(&self, tag: &[u8]) -> Bindings {
        let mut out = self.clone();
        let Some(start) = start_of(tag) else {
            return out;
        };
        for attr in start.attributes().with_checks(false) {
            let Ok(attr) = attr else {
                break;
            };
            let key = attr.key.as_ref();
            let ns = Ns::from_uri(&attr.value);
            if key == b"xmlns" {
                out.default = Some(ns);
            } else if let Some(prefix) = key.strip_prefix(b"xmlns:") {
                out.prefixes.push((prefix.to_vec(), ns));
            }
        }
        out
    }

    /// The namespace and local name of the element `tag` starts.
    fn resolve<'t>(&self, tag: &'t [u8]) -> (Ns, &'t [u8]) {
        let name = tag_name(tag);
        let ns = match name.iter().position(|&b| b == b':') {
            Some(colon) => {
                let prefix = name.get(..colon).unwrap_or_default();
                self.prefixes
                    .iter()
                    .rev()
                    .find(|(p, _)| p == prefix)
                    .map_or(Ns::Other, |(_, ns)| *ns)
            }
            None => self.default.unwrap_or(Ns::Other),
        };
        (ns, local(name))
    }
}

/// The part of a qualified name after its prefix.
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or_default(),
        None => name,
    }
}

/// The content of a start tag `<…>` or `<…/>`, without the brackets.
fn tag_content(tag: &[u8]) -> &[u8] {
    let inner = tag.strip_prefix(b"<").unwrap_or(tag);
    let inner = inner.strip_suffix(b">").unwrap_or(inner);
    inner.strip_suffix(b"/").unwrap_or(inner)
}

fn tag_name(tag: &[u8]) -> &[u8] {
    let content = tag_content(tag);
    let end = content
        .iter()
        .position(|&b| scan::is_xml_space(b))
        .unwrap_or(content.len());
    content.get(..end).unwrap_or_default()
}

fn start_of(tag: &[u8]) -> Option<BytesStart<'_>> {
    let content = tag_content(tag);
    let name_len = tag_name(tag).len();
    let content = std::str::from_utf8(content).ok()?;
    Some(BytesStart::from_content(content, name_len))
}

/// Calls `f` with each attribute of start tag `tag` (local name, unescaped
/// value), namespace declarations left out, as the full parser reads them.
fn for_each_attr(tag: &[u8], mut f: impl FnMut(&str, &str)) -> Result<(), quick_xml::Error> {
    let content = std::str::from_utf8(tag_content(tag))
        .map_err(|err| quick_xml::Error::from(quick_xml::encoding::EncodingError::from(err)))?;
    let start = BytesStart::from_content(content, tag_name(tag).len());
    for attr in start.attributes().with_checks(false) {
        let attr = attr?;
        if attr.key.as_ref().starts_with(b"xmlns") {
            continue;
        }
        let value = attr.unescape_value()?;
        let key = String::from_utf8_lossy(attr.key.local_name().into_inner());
        f(&key, &value);
    }
    Ok(())
}

/// The start tag `tag` with its namespace declarations and nothing else.
/// Every style parsed on demand is parsed behind it, so the rest of the root's
/// attributes (a megabyte of them, in a hostile part) are not read again for
/// each style. `tag` has passed `for_each_attr`, so its attributes parse.
fn namespace_tag(tag: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    out.push(b'<');
    out.extend_from_slice(tag_name(tag));
    if let Some(start) = start_of(tag) {
        for attr in start.attributes().with_checks(false).flatten() {
            let key = attr.key.as_ref();
            if !key.starts_with(b"xmlns") {
                continue;
            }
            // The value is still escaped, so it cannot hold the quote it is put in.
            let quote = if attr.value.contains(&b'"') {
                b'\''
            } else {
                b'"'
            };
            out.push(b' ');
            out.extend_from_slice(key);
            out.extend_from_slice(&[b'=', quote]);
            out.extend_from_slice(&attr.value);
            out.push(quote);
        }
    }
    out.push(b'>');
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `w:outlineLvl` 0…8 are heading levels 1…9; 9 is body text.
pub(crate) fn outline_to_level(lvl: u8) -> Option<u8> {
    (lvl <= 8).then_some(lvl + 1)
}

/// Reads (numId, ilvl) from a `w:numPr`.
pub(crate) fn num_pr(num_pr: Node<'_>) -> (Option<String>, Option<u8>) {
    let num_id = num_pr
        .child_val(Ns::W, "numId")
        .map(|v| v.trim().to_string());
    let ilvl = num_pr
        .child_val(Ns::W, "ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok());
    (num_id, ilvl)
}

/// `heading 2`, `Heading 2`, `标题 2`, `标题2` → 2.
fn heading_name_level(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_from_names_outline_and_based_on() {
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
          <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>
          <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="我的标题"/><w:pPr><w:outlineLvl w:val="2"/><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Child"><w:name w:val="child"/><w:basedOn w:val="Mine"/></w:style>
          <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        let styles = Styles::read(xml.as_bytes().to_vec(), "styles.xml", 64).unwrap();
        assert_eq!(styles.heading_level("1"), Some(1));
        assert_eq!(styles.heading_level("a3"), Some(2));
        assert_eq!(styles.heading_level("Child"), Some(3));
        assert_eq!(styles.heading_level("Normal"), None);
        assert_eq!(styles.heading_level("Loop"), None);
        assert_eq!(styles.numbering("Child"), Some(("4".to_string(), None)));
        assert_eq!(styles.effective(None), Some("Normal"));
    }

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    #[test]
    fn styles_parse_behind_the_root_namespaces_only() {
        let root = format!(
            r#"<x:styles xmlns:x="{W}" filler="{}" xmlns:y='urn:a"b' mc:Ignorable="w14">"#,
            "x".repeat(1 << 20)
        );
        assert_eq!(
            namespace_tag(root.as_bytes()),
            format!(r#"<x:styles xmlns:x="{W}" xmlns:y='urn:a"b'>"#).into_bytes()
        );
        // Many used styles behind a huge root tag: each parse sees the small tag.
        let mut xml = root.clone();
        for i in 0..200 {
            xml.push_str(&format!(
                r#"<x:style x:type="paragraph" x:styleId="s{i}"><x:name x:val="heading {}"/></x:style>"#,
                i % 9 + 1
            ));
        }
        xml.push_str("</x:styles>");
        let styles = Styles::read(xml.into_bytes(), "styles.xml", 64).unwrap();
        assert!(styles.root_start.len() < 200);
        for i in 0..200 {
            assert_eq!(styles.heading_level(&format!("s{i}")), Some(i % 9 + 1));
        }
    }

    #[test]
    fn any_prefix_or_the_default_namespace() {
        let xml = format!(
            r#"<?xml version="1.0"?><x:styles xmlns:x="{W}"><x:style x:type="paragraph" x:styleId="H"><x:name x:val="heading 3"/></x:style><style xmlns="{W}" type="paragraph" styleId="D"><name val="标题 4"/></style><y:style xmlns:y="urn:other" y:styleId="O"><y:name y:val="heading 1"/></y:style></x:styles>"#
        );
        let styles = Styles::read(xml.into_bytes(), "styles.xml", 64).unwrap();
        assert_eq!(styles.heading_level("H"), Some(3));
        assert_eq!(styles.heading_level("D"), Some(4));
        assert_eq!(styles.heading_level("O"), None, "not WordprocessingML");
    }

    #[test]
    fn last_paragraph_style_with_an_id_wins() {
        let xml = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:styleId="A"><w:name w:val="heading 1"/></w:style><w:style w:styleId="A"><w:name w:val="heading 2"/></w:style><w:style w:type="character" w:styleId="A"><w:name w:val="heading 3"/></w:style></w:styles>"#
        );
        let styles = Styles::read(xml.into_bytes(), "styles.xml", 64).unwrap();
        assert_eq!(styles.heading_level("A"), Some(2));
    }

    #[test]
    fn only_the_styles_asked_for_are_parsed() {
        // "Bad" holds an unknown entity in an attribute: an error only once it is parsed.
        let xml = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="N"><w:name w:val="Normal"/></w:style><w:style w:styleId="Bad"><w:name w:val="&nope;"/></w:style><w:style w:styleId="H"><w:name w:val="heading 1"/></w:style></w:styles>"#
        );
        let styles = Styles::read(xml.into_bytes(), "styles.xml", 64).unwrap();
        assert_eq!(styles.heading_level("H"), Some(1));
        assert!(styles.take_error().is_none());
        assert_eq!(styles.heading_level("Bad"), None);
        // From then on the part is left out, as a damaged part is.
        assert_eq!(styles.heading_level("H"), None);
        assert_eq!(styles.effective(None), None);
        assert!(matches!(styles.take_error(), Some(Error::Xml { .. })));
    }

    #[test]
    fn damaged_structure_and_depth() {
        let bad = Styles::read(b"<w:styles><w:style></w:styles>".to_vec(), "styles.xml", 64);
        assert!(matches!(bad, Err(Error::Xml { .. })));
        let deep = format!(
            r#"<w:styles xmlns:w="{W}">{}{}</w:styles>"#,
            "<w:x>".repeat(100),
            "</w:x>".repeat(100)
        );
        let err = Styles::read(deep.into_bytes(), "styles.xml", 64).unwrap_err();
        assert!(matches!(err, Error::Limit(_)), "{err}");
        assert!(
            Styles::read(b"\xEF\xBB\xBF".to_vec(), "styles.xml", 64)
                .unwrap()
                .effective(None)
                .is_none()
        );
    }
}
