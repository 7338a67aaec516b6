//! Word automatic numbering (`numbering.xml`): the definitions, read into
//! [`ListLevel`]s that `policy_blocks` counts and renders (一、 / （一） / 1. / ①).

use std::collections::HashMap;

use policy_blocks::{LIST_LEVELS, LabelSuffix, ListCounters, ListLevel};

use crate::xml::{Node, Ns};

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    counters: ListCounters<CounterKey>,
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: HashMap<u8, ListLevel>,
    /// `w:pStyle` of a level: the style that carries it.
    level_styles: HashMap<u8, String>,
    /// `w:numStyleLink`: the definition lives in the abstractNum whose `w:styleLink` matches.
    num_style_link: Option<String>,
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride` by level: a new start and/or a whole new level.
    overrides: HashMap<u8, (Option<u32>, Option<ListLevel>)>,
}

/// Word continues a list across `w:num`s that share an abstract definition,
/// unless a `w:num` overrides a level (that is how Word restarts a list), so
/// counters are kept per abstract definition, or per `w:num` when it overrides.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(String),
    Num(String),
}

const MAX_LEVEL: u8 = LIST_LEVELS as u8 - 1;

impl Numbering {
    /// Reads the definitions from the root of `numbering.xml`.
    pub(crate) fn from_dom(root: Node<'_>) -> Numbering {
        let mut numbering = Numbering::default();
        let Some(top) = root.child(Ns::W, "numbering") else {
            return numbering;
        };
        for node in top.children() {
            if node.is(Ns::W, "abstractNum") {
                let Some(id) = node.attr("abstractNumId") else {
                    continue;
                };
                let mut def = AbstractNum {
                    num_style_link: node.child_val(Ns::W, "numStyleLink").map(str::to_string),
                    style_link: node.child_val(Ns::W, "styleLink").map(str::to_string),
                    ..AbstractNum::default()
                };
                for lvl in node.children().filter(|c| c.is(Ns::W, "lvl")) {
                    if let Some((ilvl, level)) = parse_level(lvl) {
                        def.levels.insert(ilvl, level);
                        if let Some(style) = lvl.child_val(Ns::W, "pStyle") {
                            def.level_styles.insert(ilvl, style.to_string());
                        }
                    }
                }
                numbering.abstracts.insert(id.to_string(), def);
            } else if node.is(Ns::W, "num") {
                let Some(id) = node.attr("numId") else {
                    continue;
                };
                let Some(abstract_id) = node.child_val(Ns::W, "abstractNumId") else {
                    continue;
                };
                let mut num = Num {
                    abstract_id: abstract_id.to_string(),
                    ..Num::default()
                };
                for over in node.children().filter(|c| c.is(Ns::W, "lvlOverride")) {
                    let Some(ilvl) = over.attr("ilvl").and_then(parse_ilvl) else {
                        continue;
                    };
                    let start = over
                        .child_val(Ns::W, "startOverride")
                        .and_then(|v| v.trim().parse().ok());
                    let level = over
                        .child(Ns::W, "lvl")
                        .and_then(parse_level)
                        .map(|(_, l)| l);
                    num.overrides.insert(ilvl, (start, level));
                }
                numbering.nums.insert(id.to_string(), num);
            }
        }
        numbering
    }

    /// The level of `num_id` whose `w:pStyle` is `style_id` (style-linked numbering).
    pub(crate) fn level_for_style(&self, num_id: &str, style_id: &str) -> Option<u8> {
        let def = abstract_of(&self.abstracts, self.nums.get(num_id)?)?;
        def.level_styles
            .iter()
            .find(|(_, s)| s.as_str() == style_id)
            .map(|(i, _)| *i)
    }

    /// Advances the counters for a paragraph numbered (`num_id`, `ilvl`) and
    /// returns its rendered label, or `None` when the numbering is unknown or
    /// renders to nothing.
    pub(crate) fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<(String, LabelSuffix)> {
        let num = self.nums.get(num_id)?;
        let def = abstract_of(&self.abstracts, num);
        let levels: [Option<&ListLevel>; LIST_LEVELS] = std::array::from_fn(|i| {
            let i = i as u8;
            match num.overrides.get(&i) {
                Some((_, Some(level))) => Some(level),
                _ => def.and_then(|d| d.levels.get(&i)),
            }
        });
        let starts: [Option<u32>; LIST_LEVELS] =
            std::array::from_fn(|i| num.overrides.get(&(i as u8)).and_then(|(s, _)| *s));
        let key = if num.overrides.is_empty() {
            CounterKey::Abstract(num.abstract_id.clone())
        } else {
            CounterKey::Num(num_id.to_string())
        };
        self.counters
            .next_label(key, ilvl.min(MAX_LEVEL), &levels, &starts)
    }

    /// Whether `w:num` `num_id` is defined.
    pub(crate) fn defines(&self, num_id: &str) -> bool {
        self.nums.contains_key(num_id)
    }
}

/// The definition `num` uses, following a `w:numStyleLink` to the
/// definition that holds the levels.
fn abstract_of<'n>(
    abstracts: &'n HashMap<String, AbstractNum>,
    num: &Num,
) -> Option<&'n AbstractNum> {
    let def = abstracts.get(&num.abstract_id)?;
    match &def.num_style_link {
        Some(link) if def.levels.is_empty() => abstracts
            .values()
            .find(|a| a.style_link.as_deref() == Some(link.as_str()))
            .or(Some(def)),
        _ => Some(def),
    }
}

fn parse_ilvl(v: &str) -> Option<u8> {
    v.trim().parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL)
}

fn parse_level(lvl: Node<'_>) -> Option<(u8, ListLevel)> {
    let ilvl = lvl.attr("ilvl").and_then(parse_ilvl)?;
    let level = ListLevel {
        start: lvl
            .child_val(Ns::W, "start")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1),
        format: lvl
            .child_val(Ns::W, "numFmt")
            .unwrap_or("decimal")
            .to_string(),
        text: ListLevel::parse_text(lvl.child_val(Ns::W, "lvlText").unwrap_or("")),
        legal: lvl
            .child(Ns::W, "isLgl")
            .is_some_and(|n| is_on(n.attr("val"))),
        suffix: match lvl.child_val(Ns::W, "suff") {
            Some("space") => LabelSuffix::Space,
            Some("nothing") => LabelSuffix::Nothing,
            _ => LabelSuffix::Tab,
        },
        restart: lvl
            .child_val(Ns::W, "lvlRestart")
            .and_then(|v| v.trim().parse().ok()),
    };
    Some((ilvl, level))
}

/// An OOXML on/off value: absent means on.
pub(crate) fn is_on(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>
        <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%5)"/><w:lvlRestart w:val="0"/></w:lvl>
        <w:lvl w:ilvl="5"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%6)"/><w:lvlRestart w:val="1"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    fn labels(steps: &[(&str, u8)]) -> Vec<String> {
        let dom = xml::parse(NUMBERING.as_bytes(), "numbering.xml", 64).unwrap();
        let mut numbering = Numbering::from_dom(dom.root());
        steps
            .iter()
            .map(|(id, l)| {
                numbering
                    .next_label(id, *l)
                    .map(|(s, _)| s)
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn counters_reset_lower_levels() {
        let got = labels(&[
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("1", 2),
            ("1", 1),
            ("1", 2),
            ("1", 0),
            ("1", 1),
        ]);
        assert_eq!(
            got,
            [
                "一、",
                "（一）",
                "1.",
                "2.",
                "（二）",
                "1.",
                "二、",
                "（一）"
            ]
        );
    }

    #[test]
    fn shared_abstract_continues_and_override_restarts() {
        let got = labels(&[("1", 0), ("2", 0), ("3", 0), ("3", 0), ("1", 0), ("9", 0)]);
        assert_eq!(got, ["一、", "二、", "五、", "六、", "三、", ""]);
    }

    #[test]
    fn level_restart() {
        // Level 4 never restarts; level 5 restarts only when level 0 is used.
        let got = labels(&[
            ("1", 4),
            ("1", 5),
            ("1", 1),
            ("1", 4),
            ("1", 5),
            ("1", 0),
            ("1", 4),
            ("1", 5),
        ]);
        assert_eq!(got, ["1)", "a)", "（一）", "2)", "b)", "一、", "3)", "a)"]);
    }

    #[test]
    fn legal_numbering_uses_decimal_for_upper_levels() {
        assert_eq!(
            labels(&[("1", 0), ("1", 0), ("1", 3)]),
            ["一、", "二、", "2.1"]
        );
    }

    #[test]
    fn eleventh_item() {
        let steps: Vec<(&str, u8)> = std::iter::repeat_n(("1", 0), 21).collect();
        let got = labels(&steps);
        assert_eq!(got.get(10).map(String::as_str), Some("十一、"));
        assert_eq!(got.get(19).map(String::as_str), Some("二十、"));
        assert_eq!(got.get(20).map(String::as_str), Some("二十一、"));
    }
}
