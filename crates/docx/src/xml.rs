//! A small element tree built by streaming `quick-xml`, with the depth limit
//! enforced while reading.
//!
//! Parts of a DOCX are bounded by `max_decompressed_bytes` before they get
//! here, so a tree is affordable; it makes "take one branch of
//! `mc:AlternateContent`" or "look ahead in a table row" simple. Elements live
//! in one arena (`Vec`), so even a deep tree is dropped without recursion.

use policy_blocks::LimitExceeded;
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::Error;

/// Deepest nesting accepted whatever `Limits::max_xml_depth` says: the walk
/// over the tree recurses once or twice per level, and test threads have small
/// stacks. Real documents stay far below it.
pub(crate) const HARD_MAX_DEPTH: usize = 512;

/// The namespaces the reader cares about; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office math (`m:t`).
    Math,
    /// Dublin Core elements (`dc:title`).
    Dc,
    /// Dublin Core terms (`dcterms:created`).
    Dcterms,
    /// OPC relationships.
    Rels,
    Other,
}

impl Ns {
    fn from_uri(uri: &[u8]) -> Ns {
        match uri {
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            b"http://schemas.openxmlformats.org/officeDocument/2006/math"
            | b"http://purl.oclc.org/ooxml/officeDocument/math" => Ns::Math,
            b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
            b"http://purl.org/dc/terms/" => Ns::Dcterms,
            b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
            _ => Ns::Other,
        }
    }
}

#[derive(Debug)]
struct Element {
    ns: Ns,
    name: Box<str>,
    /// Attributes by local name (`w:val` → `val`); namespace declarations dropped.
    attrs: Vec<(Box<str>, Box<str>)>,
    children: Vec<Child>,
}

#[derive(Debug)]
enum Child {
    Element(usize),
    Text(String),
}

/// A parsed XML part. Element 0 is a synthetic root holding the document element.
#[derive(Debug)]
pub(crate) struct Dom {
    elements: Vec<Element>,
    /// Elements still open when the input ended (a cut-off part).
    pub(crate) unclosed: usize,
    /// Entity references other than the five XML ones: never expanded (no
    /// DTD entities, so no "billion laughs" and no external entities), dropped.
    pub(crate) dropped_entities: usize,
}

/// A borrowed element of a [`Dom`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node<'a> {
    dom: &'a Dom,
    idx: usize,
}

impl Dom {
    /// The synthetic root: its element children are the document element.
    pub(crate) fn root(&self) -> Node<'_> {
        Node { dom: self, idx: 0 }
    }
}

impl<'a> Node<'a> {
    fn element(&self) -> &'a Element {
        // Indices are only ever created by `parse` for elements it pushed.
        &self.dom.elements[self.idx]
    }

    pub(crate) fn is(&self, ns: Ns, name: &str) -> bool {
        let el = self.element();
        el.ns == ns && &*el.name == name
    }

    pub(crate) fn ns(&self) -> Ns {
        self.element().ns
    }

    pub(crate) fn name(&self) -> &'a str {
        &self.element().name
    }

    /// The value of the attribute with this local name.
    pub(crate) fn attr(&self, local: &str) -> Option<&'a str> {
        self.element()
            .attrs
            .iter()
            .find(|(k, _)| &**k == local)
            .map(|(_, v)| &**v)
    }

    /// Element children in document order.
    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        let dom = self.dom;
        self.element().children.iter().filter_map(move |c| match c {
            Child::Element(idx) => Some(Node { dom, idx: *idx }),
            Child::Text(_) => None,
        })
    }

    /// The first element child with this name.
    pub(crate) fn child(&self, ns: Ns, name: &str) -> Option<Node<'a>> {
        self.children().find(|c| c.is(ns, name))
    }

    /// `w:val` (or any `val`) of the child element `name`, e.g. `<w:pStyle w:val="1"/>`.
    pub(crate) fn child_val(&self, ns: Ns, name: &str) -> Option<&'a str> {
        self.child(ns, name).and_then(|c| c.attr("val"))
    }

    /// The text directly inside this element.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.element().children {
            if let Child::Text(t) = c {
                out.push_str(t);
            }
        }
        out
    }

    /// Whether an element named `name` occurs anywhere below this one.
    pub(crate) fn has_descendant(&self, ns: Ns, name: &str) -> bool {
        // Iterative, so a deep subtree cannot exhaust the stack.
        let mut stack: Vec<Node<'a>> = self.children().collect();
        while let Some(node) = stack.pop() {
            if node.is(ns, name) {
                return true;
            }
            stack.extend(node.children());
        }
        false
    }
}

/// Elements whose subtrees the reader never looks at: not stored, to keep the
/// tree small (run properties dominate real documents). Of run properties
/// only `w:vanish` (hidden text) matters.
fn skipped(ns: Ns, name: &[u8], parent: Option<&Element>) -> bool {
    if parent.is_some_and(|p| p.ns == Ns::W && &*p.name == "rPr") {
        return !(ns == Ns::W && matches!(name, b"vanish" | b"specVanish"));
    }
    ns == Ns::W
        && matches!(
            name,
            b"sectPr" | b"tblPr" | b"tcBorders" | b"pBdr" | b"rsids" | b"latentStyles"
        )
}

/// Parses `bytes` (the part `part`) into a [`Dom`], refusing nesting deeper than `max_depth`.
pub(crate) fn parse(bytes: &[u8], part: &str, max_depth: usize) -> Result<Dom, Error> {
    let xml_err = |source: quick_xml::Error| Error::Xml {
        part: part.to_string(),
        source,
    };
    let depth_limit = max_depth.min(HARD_MAX_DEPTH);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = NsReader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;

    let root = Element {
        ns: Ns::Other,
        name: "".into(),
        attrs: Vec::new(),
        children: Vec::new(),
    };
    let mut dom = Dom {
        elements: vec![root],
        unclosed: 0,
        dropped_entities: 0,
    };
    // Open elements; the root is always at the bottom.
    let mut stack: Vec<usize> = vec![0];
    // Depth inside a skipped subtree (0 = not skipping).
    let mut skip_depth = 0usize;

    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(xml_err)?;
        let ns = match resolved {
            ResolveResult::Bound(ns) => Ns::from_uri(ns.as_ref()),
            _ => Ns::Other,
        };
        let (e, is_start) = match event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(_) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            Event::Text(t) if skip_depth == 0 => {
                let text = t.decode().map_err(|err| xml_err(err.into()))?;
                push_text(&mut dom, &stack, &text);
                continue;
            }
            Event::CData(t) if skip_depth == 0 => {
                let text = t.decode().map_err(|err| xml_err(err.into()))?;
                push_text(&mut dom, &stack, &text);
                continue;
            }
            Event::GeneralRef(r) if skip_depth == 0 => {
                let resolved = match r.resolve_char_ref().map_err(xml_err)? {
                    Some(ch) => Some(ch),
                    None => match r.decode().map_err(|err| xml_err(err.into()))?.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                match resolved {
                    Some(ch) => push_text(&mut dom, &stack, ch.encode_utf8(&mut [0u8; 4])),
                    None => dom.dropped_entities += 1,
                }
                continue;
            }
            Event::Eof => {
                dom.unclosed = stack.len().saturating_sub(1);
                break;
            }
            _ => continue,
        };
        let depth = stack.len() + skip_depth;
        if depth > depth_limit {
            return Err(Error::Limit(LimitExceeded {
                limit: "max_xml_depth",
                allowed: depth_limit as u64,
                found: depth as u64,
            }));
        }
        let local = e.local_name();
        let parent = stack.last().and_then(|&p| dom.elements.get(p));
        if skip_depth > 0 || skipped(ns, local.as_ref(), parent) {
            if is_start {
                skip_depth += 1;
            }
            continue;
        }
        let name: Box<str> = String::from_utf8_lossy(local.as_ref()).into();
        let mut attrs = Vec::new();
        for attr in e.attributes().with_checks(false) {
            let attr = attr.map_err(|err| xml_err(err.into()))?;
            let key = attr.key;
            if key.as_ref().starts_with(b"xmlns") {
                continue;
            }
            let value = attr.unescape_value().map_err(xml_err)?;
            let key: Box<str> = String::from_utf8_lossy(key.local_name().as_ref()).into();
            attrs.push((key, value.into_owned().into_boxed_str()));
        }
        let idx = dom.elements.len();
        dom.elements.push(Element {
            ns,
            name,
            attrs,
            children: Vec::new(),
        });
        if let Some(parent) = stack.last().and_then(|&p| dom.elements.get_mut(p)) {
            parent.children.push(Child::Element(idx));
        }
        if is_start {
            stack.push(idx);
        }
    }
    Ok(dom)
}

/// Appends text to the open element, merging with a text child just before it
/// (entity references arrive as separate events).
fn push_text(dom: &mut Dom, stack: &[usize], text: &str) {
    let Some(parent) = stack.last().and_then(|&p| dom.elements.get_mut(p)) else {
        return;
    };
    if let Some(Child::Text(prev)) = parent.children.last_mut() {
        prev.push_str(text);
    } else {
        parent.children.push(Child::Text(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn resolves_namespaces_attributes_and_entities() {
        let xml = format!(
            r#"<w:document {W}><w:p><w:r><w:t xml:space="preserve">a &amp; b&#x4E00;</w:t></w:r><w:pStyle w:val="x"/></w:p></w:document>"#
        );
        let dom = parse(xml.as_bytes(), "t", 64).unwrap();
        let doc = dom.root().child(Ns::W, "document").unwrap();
        let p = doc.child(Ns::W, "p").unwrap();
        assert_eq!(p.child_val(Ns::W, "pStyle"), Some("x"));
        let t = p.child(Ns::W, "r").unwrap().child(Ns::W, "t").unwrap();
        assert_eq!(t.text(), "a & b一");
        assert_eq!(t.attr("space"), Some("preserve"));
    }

    #[test]
    fn other_prefix_for_the_same_namespace() {
        let xml =
            r#"<x:p xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#;
        let dom = parse(xml.as_bytes(), "t", 64).unwrap();
        assert!(dom.root().child(Ns::W, "p").is_some());
    }

    #[test]
    fn depth_limit() {
        let xml = format!("{}{}", "<a>".repeat(40), "</a>".repeat(40));
        assert!(parse(xml.as_bytes(), "t", 64).is_ok());
        let err = parse(xml.as_bytes(), "t", 10).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Limit(LimitExceeded {
                    limit: "max_xml_depth",
                    ..
                })
            ),
            "{err}"
        );
    }

    #[test]
    fn mismatched_end_is_an_error() {
        assert!(matches!(
            parse(b"<a><b></a>", "t", 64),
            Err(Error::Xml { .. })
        ));
    }
}
