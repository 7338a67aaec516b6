//! Paragraph styles (`styles.xml`): which styles are headings and which carry numbering.

use std::collections::HashMap;

use crate::xml::{Node, Ns};

/// The paragraph styles of a document, by `w:styleId`.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
    /// The style a paragraph without `w:pStyle` has.
    default_paragraph: Option<String>,
}

#[derive(Debug, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline_lvl: Option<u8>,
    /// `w:numPr` in the style: (numId, ilvl).
    num: Option<(Option<String>, Option<u8>)>,
}

/// How far `w:basedOn` chains are followed (they may loop in a broken file).
const MAX_CHAIN: usize = 16;

impl Styles {
    pub(crate) fn from_dom(root: Node<'_>) -> Styles {
        let mut styles = Styles::default();
        let Some(top) = root.child(Ns::W, "styles") else {
            return styles;
        };
        for node in top.children().filter(|c| c.is(Ns::W, "style")) {
            if node.attr("type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = node.attr("styleId") else {
                continue;
            };
            let ppr = node.child(Ns::W, "pPr");
            let style = Style {
                name: node.child_val(Ns::W, "name").map(str::to_string),
                based_on: node.child_val(Ns::W, "basedOn").map(str::to_string),
                outline_lvl: ppr
                    .and_then(|p| p.child_val(Ns::W, "outlineLvl"))
                    .and_then(|v| v.trim().parse().ok()),
                num: ppr.and_then(|p| p.child(Ns::W, "numPr")).map(num_pr),
            };
            if node
                .attr("default")
                .is_some_and(|d| matches!(d, "1" | "true" | "on"))
            {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The style a paragraph has: its `w:pStyle`, else the default paragraph style.
    pub(crate) fn effective<'s>(&'s self, p_style: Option<&'s str>) -> Option<&'s str> {
        p_style.or(self.default_paragraph.as_deref())
    }

    /// The heading level (1 = outermost) the style gives: a name `heading N` /
    /// `标题 N`, or an outline level, along the `w:basedOn` chain.
    pub(crate) fn heading_level(&self, style_id: &str) -> Option<u8> {
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
    pub(crate) fn numbering(&self, style_id: &str) -> Option<(String, Option<u8>)> {
        for style in self.chain(style_id) {
            if let Some((num_id, ilvl)) = &style.num {
                return num_id.clone().map(|id| (id, *ilvl));
            }
        }
        None
    }

    fn chain<'s>(&'s self, style_id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.by_id.get(style_id);
        std::iter::from_fn(move || {
            let current = next?;
            next = current.based_on.as_deref().and_then(|b| self.by_id.get(b));
            Some(current)
        })
        .take(MAX_CHAIN)
    }
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
    use crate::xml;

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
        let dom = xml::parse(xml.as_bytes(), "styles.xml", 64).unwrap();
        let styles = Styles::from_dom(dom.root());
        assert_eq!(styles.heading_level("1"), Some(1));
        assert_eq!(styles.heading_level("a3"), Some(2));
        assert_eq!(styles.heading_level("Child"), Some(3));
        assert_eq!(styles.heading_level("Normal"), None);
        assert_eq!(styles.heading_level("Loop"), None);
        assert_eq!(styles.numbering("Child"), Some(("4".to_string(), None)));
        assert_eq!(styles.effective(None), Some("Normal"));
    }
}
