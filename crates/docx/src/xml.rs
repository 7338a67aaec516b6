//! XML parts as events ([`Events`]: `quick-xml` with the depth limit
//! enforced, namespaces resolved, entities handled, uninteresting subtrees
//! left out) and as a small element tree ([`Dom`]) built from them.
//!
//! The supporting parts are small and built whole; the main document is
//! built one block at a time (see `stream_document` in the crate root).
//! Elements live in one arena (`Vec`) with their names, attributes and text
//! in one string buffer, so building allocates little and even a deep tree
//! is dropped without recursion.

use std::borrow::Cow;

use policy_blocks::{Limit, LimitExceeded};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event as XmlEvent};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};

use crate::Error;

/// Deepest nesting accepted whatever `Limits::max_nesting_depth` says: the walk
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
    pub(crate) fn from_uri(uri: &[u8]) -> Ns {
        // Nearly every element is WordprocessingML: one comparison.
        const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        if uri == W {
            return Ns::W;
        }
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

/// One item of a [`Dom`]: an element or a run of text, linked to its
/// siblings so that no element needs an allocation of its own.
#[derive(Debug)]
struct Item {
    kind: Kind,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
}

#[derive(Debug)]
enum Kind {
    Element {
        ns: Ns,
        /// The local name, in [`Dom::strings`].
        name: Span,
        /// Attributes by local name (`w:val` → `val`), namespace declarations
        /// dropped: a range of [`Dom::attrs`].
        attrs: (u32, u32),
    },
    Text(Span),
}

/// A byte range of [`Dom::strings`]. Offsets and indices are `u32`, which
/// halves the tree; [`Dom::add`] refuses a tree that would outgrow them.
type Span = (u32, u32);

/// No item (the end of a sibling list).
const NONE: u32 = u32::MAX;

/// The most items, attributes or string bytes one tree holds (below [`NONE`]).
const MAX_LEN: usize = u32::MAX as usize - 1;

/// `n` as a tree offset; past [`MAX_LEN`] it saturates, and [`Dom::add`]
/// then refuses the tree before anything reads it.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE)
}

/// A parsed XML part. Item 0 is a synthetic root holding the document element.
#[derive(Debug)]
pub(crate) struct Dom {
    items: Vec<Item>,
    /// Names, attribute keys and values, and text, one after another.
    strings: String,
    /// (key, value) spans.
    attrs: Vec<(Span, Span)>,
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
    pub(crate) fn new() -> Dom {
        let mut dom = Dom {
            items: Vec::new(),
            strings: String::new(),
            attrs: Vec::new(),
            unclosed: 0,
            dropped_entities: 0,
        };
        dom.clear();
        dom
    }

    /// Empties the tree (keeping its allocations) down to the synthetic root.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
        self.strings.clear();
        self.attrs.clear();
        self.items.push(Item {
            kind: Kind::Element {
                ns: Ns::Other,
                name: (0, 0),
                attrs: (0, 0),
            },
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
    }

    /// The synthetic root: its element children are the document element.
    pub(crate) fn root(&self) -> Node<'_> {
        Node { dom: self, idx: 0 }
    }

    fn str(&self, (start, end): Span) -> &str {
        self.strings.get(start as usize..end as usize).unwrap_or("")
    }

    fn span_of(&mut self, s: &str) -> Span {
        let start = small(self.strings.len());
        self.strings.push_str(s);
        (start, small(self.strings.len()))
    }

    /// Appends `item` as the last child of `parent`, returning its index.
    fn append(&mut self, parent: usize, kind: Kind) -> u32 {
        let idx = small(self.items.len());
        self.items.push(Item {
            kind,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let last = match self.items.get_mut(parent) {
            Some(p) => {
                let last = p.last_child;
                p.last_child = idx;
                if last == NONE {
                    p.first_child = idx;
                }
                last
            }
            None => NONE,
        };
        if let Some(prev) = self.items.get_mut(last as usize) {
            prev.next_sibling = idx;
        }
        idx
    }

    /// Appends text to `parent`, merging with a text child just before it
    /// (entity references arrive as separate events).
    fn push_text(&mut self, parent: usize, text: &str) {
        let last = self.items.get(parent).map_or(NONE, |p| p.last_child);
        let strings_end = small(self.strings.len());
        if let Some(Item {
            kind: Kind::Text(span),
            ..
        }) = self.items.get_mut(last as usize)
        {
            if span.1 == strings_end {
                self.strings.push_str(text);
                span.1 = small(self.strings.len());
                return;
            }
            // Not at the end of the buffer (cannot happen with the builder's
            // event order): copy the text so far, then extend it.
            let (start, end) = *span;
            let old = self
                .strings
                .get(start as usize..end as usize)
                .unwrap_or("")
                .to_string();
            let new_start = small(self.strings.len());
            self.strings.push_str(&old);
            self.strings.push_str(text);
            *span = (new_start, small(self.strings.len()));
            return;
        }
        let span = self.span_of(text);
        self.append(parent, Kind::Text(span));
    }
}

impl<'a> Node<'a> {
    fn item(&self) -> Option<&'a Item> {
        self.dom.items.get(self.idx)
    }

    pub(crate) fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns() == ns && self.name() == name
    }

    pub(crate) fn ns(&self) -> Ns {
        match self.item().map(|i| &i.kind) {
            Some(Kind::Element { ns, .. }) => *ns,
            _ => Ns::Other,
        }
    }

    pub(crate) fn name(&self) -> &'a str {
        match self.item().map(|i| &i.kind) {
            Some(Kind::Element { name, .. }) => self.dom.str(*name),
            _ => "",
        }
    }

    /// The value of the attribute with this local name.
    pub(crate) fn attr(&self, local: &str) -> Option<&'a str> {
        let Some(Kind::Element {
            attrs: (start, end),
            ..
        }) = self.item().map(|i| &i.kind)
        else {
            return None;
        };
        let dom = self.dom;
        dom.attrs
            .get(*start as usize..*end as usize)?
            .iter()
            .find(|(k, _)| dom.str(*k) == local)
            .map(|(_, v)| dom.str(*v))
    }

    /// All children, text runs included, in document order.
    fn items(&self) -> impl Iterator<Item = (usize, &'a Item)> + 'a {
        let dom = self.dom;
        let mut next = self.item().map_or(NONE, |i| i.first_child);
        std::iter::from_fn(move || {
            let idx = next as usize;
            let item = dom.items.get(idx)?;
            next = item.next_sibling;
            Some((idx, item))
        })
    }

    /// Element children in document order.
    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        let dom = self.dom;
        self.items().filter_map(move |(idx, item)| match item.kind {
            Kind::Element { .. } => Some(Node { dom, idx }),
            Kind::Text(_) => None,
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
    pub(crate) fn text(&self) -> Cow<'a, str> {
        let dom = self.dom;
        let mut out = Cow::Borrowed("");
        for (_, item) in self.items() {
            if let Kind::Text(span) = item.kind {
                let text = dom.str(span);
                if out.is_empty() {
                    out = Cow::Borrowed(text);
                } else {
                    out.to_mut().push_str(text);
                }
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

/// Elements whose subtrees the reader never looks at: not reported, to keep
/// the trees small (run properties dominate real documents). Of run
/// properties only `w:vanish` (hidden text) matters.
fn skipped(ns: Ns, name: &[u8], parent_is_rpr: bool) -> bool {
    if parent_is_rpr {
        return !(ns == Ns::W && matches!(name, b"vanish" | b"specVanish"));
    }
    ns == Ns::W
        && matches!(
            name,
            b"sectPr" | b"tblPr" | b"tcBorders" | b"pBdr" | b"rsids" | b"latentStyles"
        )
}

/// What [`Events`] reports: the elements and text the reader keeps.
pub(crate) enum Event<'b> {
    /// An element starts; `empty` if it has no content (`<w:tab/>`).
    Open {
        ns: Ns,
        start: BytesStart<'b>,
        empty: bool,
    },
    /// The innermost open element ends.
    Close,
    Text(Cow<'b, str>),
    Eof,
}

/// A streaming pass over one XML part with the depth limit enforced, the
/// namespaces resolved, entities handled and the uninteresting subtrees
/// ([`skipped`]) left out.
pub(crate) struct Events<'b> {
    reader: Reader<&'b [u8]>,
    /// Namespace scopes, pushed only for elements that declare a namespace
    /// (most declare none, and reading their attributes costs).
    namespaces: NamespaceResolver,
    /// For each open element, reported or not, whether it pushed a scope.
    scopes: Vec<bool>,
    /// What each element name prefix (with its colon; empty for none)
    /// resolves to while the scopes stay as they are: Word declares its
    /// namespaces once, at the root, so this saves resolving every name.
    prefixes: Vec<(Vec<u8>, Ns)>,
    /// Finds `xmlns` in a start tag.
    xmlns: memchr::memmem::Finder<'static>,
    part: &'b str,
    depth_limit: usize,
    /// Open elements reported, each with whether it is `w:rPr`; a synthetic
    /// root at the bottom.
    open: Vec<bool>,
    /// Depth inside a skipped subtree (0 = not skipping).
    skip_depth: usize,
    /// Elements still open when the input ended (a cut-off part).
    pub(crate) unclosed: usize,
    /// Entity references dropped, as [`Dom::dropped_entities`].
    pub(crate) dropped_entities: usize,
}

impl<'b> Events<'b> {
    pub(crate) fn new(bytes: &'b [u8], part: &'b str, max_depth: usize) -> Events<'b> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Events {
            reader,
            namespaces: NamespaceResolver::default(),
            scopes: Vec::new(),
            prefixes: Vec::new(),
            xmlns: memchr::memmem::Finder::new(b"xmlns"),
            part,
            depth_limit: max_depth.min(HARD_MAX_DEPTH),
            open: vec![false],
            skip_depth: 0,
            unclosed: 0,
            dropped_entities: 0,
        }
    }

    pub(crate) fn xml_err(&self, source: quick_xml::Error) -> Error {
        Error::Xml {
            part: self.part.to_string(),
            source,
        }
    }

    /// The namespace of element name `name` in the current scopes.
    fn resolve(&mut self, name: QName<'_>) -> Ns {
        let bytes = name.as_ref();
        let key = match memchr::memchr(b':', bytes) {
            Some(colon) => bytes.get(..=colon).unwrap_or_default(),
            None => &[],
        };
        if let Some((_, ns)) = self.prefixes.iter().find(|(k, _)| k == key) {
            return *ns;
        }
        let ns = match self.namespaces.resolve_element(name).0 {
            ResolveResult::Bound(ns) => Ns::from_uri(ns.as_ref()),
            _ => Ns::Other,
        };
        // A handful of prefixes in real parts; a hostile one cannot grow this past a bound.
        if self.prefixes.len() < 16 {
            self.prefixes.push((key.to_vec(), ns));
        }
        ns
    }

    /// Elements reported and still open.
    pub(crate) fn depth(&self) -> usize {
        self.open.len() - 1
    }

    /// The next event; after [`Event::Eof`], `Eof` again.
    pub(crate) fn next(&mut self) -> Result<Event<'b>, Error> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|source| self.xml_err(source))?;
            let ns = self.track_scopes(&event)?;
            let (e, empty) = match event {
                XmlEvent::Start(e) => (e, false),
                XmlEvent::Empty(e) => (e, true),
                XmlEvent::End(_) => match self.close() {
                    Some(close) => return Ok(close),
                    None => continue,
                },
                XmlEvent::Text(t) if self.skip_depth == 0 => {
                    let text = t.decode().map_err(|err| self.xml_err(err.into()))?;
                    return Ok(Event::Text(text));
                }
                XmlEvent::CData(t) if self.skip_depth == 0 => {
                    let text = t.decode().map_err(|err| self.xml_err(err.into()))?;
                    return Ok(Event::Text(text));
                }
                XmlEvent::GeneralRef(r) if self.skip_depth == 0 => {
                    match self.resolve_reference(&r)? {
                        Some(ch) => return Ok(Event::Text(Cow::Owned(ch.to_string()))),
                        None => {
                            self.dropped_entities += 1;
                            continue;
                        }
                    }
                }
                XmlEvent::Eof => {
                    self.unclosed = self.open.len().saturating_sub(1);
                    return Ok(Event::Eof);
                }
                _ => continue,
            };
            if let Some(open) = self.open_element(e, ns, empty)? {
                return Ok(open);
            }
        }
    }

    /// Keeps the namespace scopes in step with the elements, and resolves the
    /// namespace of an element that opens (`Ns::Other` for anything else, and
    /// inside a skipped subtree, where no name matters).
    fn track_scopes(&mut self, event: &XmlEvent<'_>) -> Result<Ns, Error> {
        match event {
            XmlEvent::Start(e) | XmlEvent::Empty(e) => {
                let declares = self.xmlns.find(e).is_some();
                if declares {
                    self.prefixes.clear();
                    self.namespaces
                        .push(e)
                        .map_err(|err| self.xml_err(err.into()))?;
                }
                let ns = match self.skip_depth {
                    0 => self.resolve(e.name()),
                    _ => Ns::Other,
                };
                if matches!(event, XmlEvent::Start(_)) {
                    self.scopes.push(declares);
                } else if declares {
                    self.prefixes.clear();
                    self.namespaces.pop();
                }
                Ok(ns)
            }
            XmlEvent::End(_) => {
                if self.scopes.pop() == Some(true) {
                    self.prefixes.clear();
                    self.namespaces.pop();
                }
                Ok(Ns::Other)
            }
            _ => Ok(Ns::Other),
        }
    }

    /// An end tag: [`Event::Close`] for an element the caller saw open, none
    /// for the end of a skipped one or of the root.
    fn close(&mut self) -> Option<Event<'b>> {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
        } else if self.open.len() > 1 {
            self.open.pop();
            return Some(Event::Close);
        }
        None
    }

    /// A character reference or one of XML's five predefined entities; `None`
    /// for any other entity (never expanded: a billion laughs stays small).
    fn resolve_reference(&self, r: &BytesRef<'_>) -> Result<Option<char>, Error> {
        if let Some(ch) = r.resolve_char_ref().map_err(|e| self.xml_err(e))? {
            return Ok(Some(ch));
        }
        Ok(
            match r.decode().map_err(|err| self.xml_err(err.into()))?.as_ref() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => None,
            },
        )
    }

    /// An element that opens: checked against the depth limit, then skipped
    /// with its subtree (`None`) or returned as [`Event::Open`].
    fn open_element(
        &mut self,
        e: BytesStart<'b>,
        ns: Ns,
        empty: bool,
    ) -> Result<Option<Event<'b>>, Error> {
        let depth = self.open.len() + self.skip_depth;
        if depth > self.depth_limit {
            return Err(Error::Limit(LimitExceeded {
                limit: Limit::NestingDepth,
                allowed: self.depth_limit as u64,
                found: depth as u64,
            }));
        }
        let local = e.local_name();
        let parent_is_rpr = self.open.last().copied().unwrap_or(false);
        if self.skip_depth > 0 || skipped(ns, local.as_ref(), parent_is_rpr) {
            if !empty {
                self.skip_depth += 1;
            }
            return Ok(None);
        }
        if !empty {
            self.open.push(ns == Ns::W && local.as_ref() == b"rPr");
        }
        Ok(Some(Event::Open {
            ns,
            start: e,
            empty,
        }))
    }

    /// Reads the rest of the part, for its errors only.
    pub(crate) fn drain(&mut self) -> Result<(), Error> {
        loop {
            match self.next()? {
                Event::Eof => return Ok(()),
                Event::Open { start, .. } => self.attrs(&start, |_, _| {})?,
                _ => {}
            }
        }
    }

    /// Calls `f` with each attribute of `start`: its local name and its
    /// unescaped value. Namespace declarations are left out.
    pub(crate) fn attrs(
        &self,
        start: &BytesStart<'b>,
        mut f: impl FnMut(&str, &str),
    ) -> Result<(), Error> {
        for attr in start.attributes().with_checks(false) {
            let attr = attr.map_err(|err| self.xml_err(err.into()))?;
            if attr.key.as_ref().starts_with(b"xmlns") {
                continue;
            }
            let key = utf8_lossy(attr.key.local_name().into_inner());
            // Without `&` there is nothing to unescape: what `unescape_value`
            // returns is the value checked as UTF-8, done here more cheaply.
            let plain = match memchr::memchr(b'&', &attr.value) {
                None => std::str::from_utf8(&attr.value).ok(),
                Some(_) => None,
            };
            match plain {
                Some(value) => f(&key, value),
                None => f(&key, &attr.unescape_value().map_err(|e| self.xml_err(e))?),
            }
        }
        Ok(())
    }
}

impl Dom {
    /// Adds what `event` says to the tree; `stack` holds the open elements,
    /// the synthetic root at the bottom.
    fn add(
        &mut self,
        events: &Events<'_>,
        stack: &mut Vec<usize>,
        event: Event<'_>,
    ) -> Result<(), Error> {
        let parent = stack.last().copied().unwrap_or(0);
        match event {
            Event::Open { ns, start, empty } => {
                let name = self.span_of(&utf8_lossy(start.local_name().into_inner()));
                let first_attr = small(self.attrs.len());
                let mut attrs = std::mem::take(&mut self.attrs);
                let mut strings = std::mem::take(&mut self.strings);
                let result = events.attrs(&start, |key, value| {
                    let k0 = small(strings.len());
                    strings.push_str(key);
                    let k1 = small(strings.len());
                    strings.push_str(value);
                    attrs.push(((k0, k1), (k1, small(strings.len()))));
                });
                self.attrs = attrs;
                self.strings = strings;
                result?;
                let idx = self.append(
                    parent,
                    Kind::Element {
                        ns,
                        name,
                        attrs: (first_attr, small(self.attrs.len())),
                    },
                );
                if !empty {
                    stack.push(idx as usize);
                }
            }
            Event::Close => {
                if stack.len() > 1 {
                    stack.pop();
                }
            }
            Event::Text(text) => self.push_text(parent, &text),
            Event::Eof => {}
        }
        let largest = self
            .strings
            .len()
            .max(self.items.len())
            .max(self.attrs.len());
        if largest > MAX_LEN {
            // Only a part (or a block of the main document) over 4 GiB,
            // with a `max_decompressed_bytes` that let it in, gets here.
            return Err(Error::Limit(LimitExceeded {
                limit: Limit::DecompressedBytes,
                allowed: MAX_LEN as u64,
                found: largest as u64,
            }));
        }
        Ok(())
    }
}

/// `String::from_utf8_lossy`, with a cheaper path for the usual valid input.
fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Parses `bytes` (the part `part`) into a [`Dom`], refusing nesting deeper than `max_depth`.
pub(crate) fn parse(bytes: &[u8], part: &str, max_depth: usize) -> Result<Dom, Error> {
    let mut events = Events::new(bytes, part, max_depth);
    let mut dom = Dom::new();
    let mut stack = vec![0];
    loop {
        match events.next()? {
            Event::Eof => break,
            event => dom.add(&events, &mut stack, event)?,
        }
    }
    dom.unclosed = events.unclosed;
    dom.dropped_entities = events.dropped_entities;
    Ok(dom)
}

/// Builds into `dom` (emptied first) the element that `open` starts, with
/// its whole subtree: events are read until it closes or the part ends.
pub(crate) fn build_element<'b>(
    events: &mut Events<'b>,
    dom: &mut Dom,
    open: Event<'b>,
) -> Result<(), Error> {
    dom.clear();
    let mut stack = vec![0];
    dom.add(events, &mut stack, open)?;
    while stack.len() > 1 {
        match events.next()? {
            Event::Eof => break,
            event => dom.add(events, &mut stack, event)?,
        }
    }
    Ok(())
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
                    limit: Limit::NestingDepth,
                    ..
                })
            ),
            "{err}"
        );
    }

    #[test]
    fn offsets_saturate_past_u32() {
        assert_eq!(small(5), 5);
        assert_eq!(small(MAX_LEN), u32::MAX - 1);
        assert_eq!(small(usize::MAX), NONE);
    }

    #[test]
    fn mismatched_end_is_an_error() {
        assert!(matches!(
            parse(b"<a><b></a>", "t", 64),
            Err(Error::Xml { .. })
        ));
    }
}
