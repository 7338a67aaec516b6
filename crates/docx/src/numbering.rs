//! Word automatic numbering (`numbering.xml`): definitions, counters, and the
//! rendered label (一、 / （一） / 1. / ①) a reader sees in front of a paragraph.

use std::collections::HashMap;

use crate::xml::{Node, Ns};

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
    /// Counters by [`CounterKey`]: one value per level, `None` until used.
    counters: HashMap<CounterKey, [Option<u32>; 9]>,
}

/// What a label is followed by (`w:suff`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Suffix {
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: HashMap<u8, Level>,
    /// `w:numStyleLink`: the definition lives in the abstractNum whose `w:styleLink` matches.
    num_style_link: Option<String>,
    style_link: Option<String>,
}

#[derive(Clone, Debug)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    is_lgl: bool,
    suffix: Suffix,
    p_style: Option<String>,
    /// `w:lvlRestart`.
    restart: Option<u8>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride` by level: a new start and/or a whole new level.
    overrides: HashMap<u8, (Option<u32>, Option<Level>)>,
}

/// Word continues a list across `w:num`s that share an abstract definition,
/// unless a `w:num` overrides a level (that is how Word restarts a list), so
/// counters are kept per abstract definition, or per `w:num` when it overrides.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(String),
    Num(String),
}

const MAX_LEVEL: u8 = 8;

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
        let def = self.abstract_of(num_id)?;
        def.levels
            .iter()
            .find(|(_, l)| l.p_style.as_deref() == Some(style_id))
            .map(|(i, _)| *i)
    }

    /// Advances the counters for a paragraph numbered (`num_id`, `ilvl`) and
    /// returns its rendered label, or `None` when the numbering is unknown or
    /// renders to nothing.
    pub(crate) fn next_label(&mut self, num_id: &str, ilvl: u8) -> Option<(String, Suffix)> {
        let ilvl = ilvl.min(MAX_LEVEL);
        let num = self.nums.get(num_id)?;
        let levels: Vec<Option<Level>> = (0..=MAX_LEVEL).map(|i| self.level(num_id, i)).collect();
        let current = levels.get(usize::from(ilvl))?.clone()?;
        let key = if num.overrides.is_empty() {
            CounterKey::Abstract(num.abstract_id.clone())
        } else {
            CounterKey::Num(num_id.to_string())
        };
        let start_of = |i: usize| -> u32 {
            let over = u8::try_from(i)
                .ok()
                .and_then(|i| num.overrides.get(&i))
                .and_then(|(s, _)| *s);
            over.or_else(|| levels.get(i).and_then(|l| l.as_ref()).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let idx = usize::from(ilvl);
        let value = match counters.get(idx).copied().flatten() {
            Some(prev) => prev.saturating_add(1),
            None => start_of(idx),
        };
        for (i, slot) in counters.iter_mut().enumerate() {
            if i == idx {
                *slot = Some(value);
            } else if i > idx {
                // `w:lvlRestart`: absent, any higher level restarts this one;
                // 0, never; r, a level up to r (one-based) does.
                let restart = levels
                    .get(i)
                    .and_then(|l| l.as_ref())
                    .and_then(|l| l.restart);
                let resets = match restart {
                    None => true,
                    Some(0) => false,
                    Some(r) => idx < usize::from(r),
                };
                if resets {
                    *slot = None;
                }
            }
        }
        let values: Vec<u32> = counters
            .iter()
            .enumerate()
            .map(|(i, c)| c.unwrap_or_else(|| start_of(i)))
            .collect();

        if current.fmt == "bullet" {
            let bullet: String = current.text.chars().map(bullet_char).collect();
            return (!bullet.is_empty()).then_some((bullet, current.suffix));
        }
        let mut label = String::new();
        let mut chars = current.text.chars().peekable();
        while let Some(ch) = chars.next() {
            let level_ref = if ch == '%' {
                chars.peek().and_then(|d| d.to_digit(10))
            } else {
                None
            };
            match level_ref {
                Some(d @ 1..=9) => {
                    chars.next();
                    let i = (d - 1) as usize;
                    let value = values.get(i).copied().unwrap_or(1);
                    let fmt = if current.is_lgl {
                        "decimal"
                    } else {
                        levels
                            .get(i)
                            .and_then(|l| l.as_ref())
                            .map_or("decimal", |l| l.fmt.as_str())
                    };
                    label.push_str(&format_number(value, fmt));
                }
                _ => label.push(ch),
            }
        }
        (!label.trim().is_empty()).then_some((label, current.suffix))
    }

    /// Whether `w:num` `num_id` is defined.
    pub(crate) fn defines(&self, num_id: &str) -> bool {
        self.nums.contains_key(num_id)
    }

    fn abstract_of(&self, num_id: &str) -> Option<&AbstractNum> {
        let num = self.nums.get(num_id)?;
        let def = self.abstracts.get(&num.abstract_id)?;
        match &def.num_style_link {
            Some(link) if def.levels.is_empty() => self
                .abstracts
                .values()
                .find(|a| a.style_link.as_deref() == Some(link.as_str()))
                .or(Some(def)),
            _ => Some(def),
        }
    }

    fn level(&self, num_id: &str, ilvl: u8) -> Option<Level> {
        let num = self.nums.get(num_id)?;
        if let Some((_, Some(level))) = num.overrides.get(&ilvl) {
            return Some(level.clone());
        }
        self.abstract_of(num_id)?.levels.get(&ilvl).cloned()
    }
}

fn parse_ilvl(v: &str) -> Option<u8> {
    v.trim().parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL)
}

fn parse_level(lvl: Node<'_>) -> Option<(u8, Level)> {
    let ilvl = lvl.attr("ilvl").and_then(parse_ilvl)?;
    let level = Level {
        start: lvl
            .child_val(Ns::W, "start")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1),
        fmt: lvl
            .child_val(Ns::W, "numFmt")
            .unwrap_or("decimal")
            .to_string(),
        text: lvl.child_val(Ns::W, "lvlText").unwrap_or("").to_string(),
        is_lgl: lvl
            .child(Ns::W, "isLgl")
            .is_some_and(|n| is_on(n.attr("val"))),
        suffix: match lvl.child_val(Ns::W, "suff") {
            Some("space") => Suffix::Space,
            Some("nothing") => Suffix::Nothing,
            _ => Suffix::Tab,
        },
        p_style: lvl.child_val(Ns::W, "pStyle").map(str::to_string),
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

/// Bullets set in Symbol / Wingdings use private-use code points; show a plain bullet.
fn bullet_char(ch: char) -> char {
    if ('\u{E000}'..='\u{F8FF}').contains(&ch) {
        '•'
    } else {
        ch
    }
}

/// Renders `n` in the OOXML number format `fmt` (`w:numFmt`); unknown formats render as decimal.
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n).unwrap_or_else(|| n.to_string()),
        "lowerRoman" => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        "upperLetter" => letters(n, 'A'),
        "lowerLetter" => letters(n, 'a'),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographLegalTraditional" => {
            chinese_counting(n, &CHINESE_SIMPLE).unwrap_or_else(|| n.to_string())
        }
        "chineseLegalSimplified" => {
            chinese_counting(n, &CHINESE_LEGAL).unwrap_or_else(|| n.to_string())
        }
        "ideographTraditional" => cycle(
            n,
            &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
        ),
        "ideographZodiac" => cycle(
            n,
            &[
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ],
        ),
        "ideographDigital" | "japaneseDigitalTenThousand" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| {
                d.to_digit(10)
                    .and_then(|d| CHINESE_SIMPLE.digits.get(d as usize).copied())
                    .unwrap_or(d)
            })
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed_circle(n),
        "decimalEnclosedParen" => offset_char(n, 20, 0x2474),
        "decimalEnclosedFullstop" => offset_char(n, 20, 0x2488),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10).unwrap_or(d))
            .collect(),
        _ => n.to_string(),
    }
}

struct ChineseDigits {
    digits: [char; 10],
    ten: char,
    hundred: char,
    thousand: char,
}

const CHINESE_SIMPLE: ChineseDigits = ChineseDigits {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    ten: '十',
    hundred: '百',
    thousand: '千',
};

const CHINESE_LEGAL: ChineseDigits = ChineseDigits {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    ten: '拾',
    hundred: '佰',
    thousand: '仟',
};

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百〇五; `None` past 9999.
fn chinese_counting(n: u32, set: &ChineseDigits) -> Option<String> {
    if n >= 10_000 {
        return None;
    }
    let digit = |d: u32| set.digits.get(d as usize).copied().unwrap_or('?');
    if n == 0 {
        return Some(digit(0).to_string());
    }
    let places = [
        (1000, Some(set.thousand)),
        (100, Some(set.hundred)),
        (10, Some(set.ten)),
        (1, None),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (value, unit) in places {
        let d = (n / value) % 10;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(digit(0));
            pending_zero = false;
        }
        // 十一, not 一十一, when ten is the leading place.
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push(digit(d));
        }
        if let Some(unit) = unit {
            out.push(unit);
        }
    }
    Some(out)
}

fn roman(n: u32) -> Option<String> {
    if n == 0 || n >= 4000 {
        return None;
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in table {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    Some(out)
}

/// Word's letters: a … z, aa … zz, aaa …
fn letters(n: u32, first: char) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from_u32(u32::from(first) + (n - 1) % 26).unwrap_or(first);
    let count = ((n - 1) / 26 + 1).min(64) as usize;
    std::iter::repeat_n(letter, count).collect()
}

fn cycle(n: u32, symbols: &[char]) -> String {
    match n
        .checked_sub(1)
        .map(|i| i as usize % symbols.len())
        .and_then(|i| symbols.get(i))
    {
        Some(ch) => ch.to_string(),
        None => n.to_string(),
    }
}

/// ① … ⑳, ㉑ … ㉟, ㊱ … ㊿; decimal past 50.
fn enclosed_circle(n: u32) -> String {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return n.to_string(),
    };
    char::from_u32(code).map_or_else(|| n.to_string(), |c| c.to_string())
}

fn offset_char(n: u32, max: u32, base: u32) -> String {
    (1..=max)
        .contains(&n)
        .then(|| char::from_u32(base + n - 1))
        .flatten()
        .map_or_else(|| n.to_string(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml;

    #[test]
    fn chinese_counting_past_ten() {
        let got: Vec<String> = [
            1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 111, 1000, 1001, 1010, 2024,
        ]
        .iter()
        .map(|&n| format_number(n, "chineseCounting"))
        .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百〇一",
                "一百一十",
                "一百一十一",
                "一千",
                "一千〇一",
                "一千〇一十",
                "二千〇二十四"
            ]
        );
        assert_eq!(format_number(11, "chineseCountingThousand"), "十一");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "拾贰");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(1, "decimalEnclosedCircle"), "①");
        assert_eq!(format_number(20, "decimalEnclosedCircle"), "⑳");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "㉑");
        assert_eq!(format_number(51, "decimalEnclosedCircle"), "51");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(11, "ideographTraditional"), "甲");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(1, "decimalEnclosedParen"), "⑴");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(7, "somethingNew"), "7");
        assert_eq!(format_number(7, "none"), "");
    }

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
