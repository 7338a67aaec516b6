//! Word automatic list numbering: the label (一、 / （一） / 1. / ①) Word draws
//! in front of a numbered paragraph, from a list's level definitions and its
//! counters. The DOCX reader fills the levels from `numbering.xml`, the
//! `.doc` reader from the binary list tables; both count and render here, so
//! a list gives the same labels whichever format it was saved in.

use std::collections::HashMap;
use std::hash::Hash;

/// Levels of a Word list (`w:ilvl` / `ilvl` 0…8).
pub const LIST_LEVELS: usize = 9;

/// What follows a list label (`w:suff`, `ixchFollow`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSuffix {
    Tab,
    Space,
    Nothing,
}

/// A piece of a level's number text: literal text, or the current number
/// of a level (0-based) in that level's format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelPart {
    Text(String),
    Number(u8),
}

/// One level of a list definition.
#[derive(Clone, Debug)]
pub struct ListLevel {
    pub start: u32,
    /// The OOXML number format name (`ST_NumberFormat`: `decimal`,
    /// `chineseCounting`, `bullet`, …); see [`format_number`].
    pub format: String,
    pub text: Vec<LabelPart>,
    /// `w:isLgl` / `fLegal`: every number in the label shown as decimal.
    pub legal: bool,
    pub suffix: LabelSuffix,
    /// When the level restarts: `None`, after any higher level; `Some(0)`,
    /// never; `Some(r)`, after a level above `r` (0-based levels `0..r`).
    pub restart: Option<u8>,
}

impl ListLevel {
    /// An OOXML `w:lvlText` (`%1、`, `（%2）`, `%1.%2`) as parts.
    pub fn parse_text(text: &str) -> Vec<LabelPart> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            let level = if ch == '%' {
                chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| *d >= 1)
            } else {
                None
            };
            match level {
                Some(d) => {
                    chars.next();
                    if !literal.is_empty() {
                        parts.push(LabelPart::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(LabelPart::Number((d - 1) as u8));
                }
                None => literal.push(ch),
            }
        }
        if !literal.is_empty() {
            parts.push(LabelPart::Text(literal));
        }
        parts
    }
}

/// The counters of a document's lists, one set per key (a reader's notion
/// of which paragraphs continue one sequence).
#[derive(Debug)]
pub struct ListCounters<K> {
    counters: HashMap<K, [Option<u32>; LIST_LEVELS]>,
}

impl<K> Default for ListCounters<K> {
    fn default() -> Self {
        ListCounters {
            counters: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> ListCounters<K> {
    /// Advances the counters of `key` for a paragraph at level `ilvl` and
    /// returns its label, or `None` when the level is not defined or renders
    /// to nothing. `levels` are the list's levels as the paragraph sees them
    /// (overrides applied); `start_overrides` replace a level's start.
    pub fn next_label(
        &mut self,
        key: K,
        ilvl: u8,
        levels: &[Option<&ListLevel>; LIST_LEVELS],
        start_overrides: &[Option<u32>; LIST_LEVELS],
    ) -> Option<(String, LabelSuffix)> {
        let idx = usize::from(ilvl).min(LIST_LEVELS - 1);
        let current = levels[idx]?;
        let start_of = |i: usize| -> u32 {
            start_overrides[i]
                .or_else(|| levels[i].map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(key).or_insert([None; LIST_LEVELS]);
        let value = match counters[idx] {
            Some(prev) => prev.saturating_add(1),
            None => start_of(idx),
        };
        for (i, slot) in counters.iter_mut().enumerate() {
            if i == idx {
                *slot = Some(value);
            } else if i > idx {
                let resets = match levels[i].and_then(|l| l.restart) {
                    None => true,
                    Some(0) => false,
                    Some(r) => idx < usize::from(r),
                };
                if resets {
                    *slot = None;
                }
            }
        }
        let values: [u32; LIST_LEVELS] =
            std::array::from_fn(|i| counters[i].unwrap_or_else(|| start_of(i)));

        if current.format == "bullet" {
            let bullet: String = current
                .text
                .iter()
                .filter_map(|part| match part {
                    LabelPart::Text(text) => Some(text.chars().map(bullet_char)),
                    LabelPart::Number(_) => None,
                })
                .flatten()
                .collect();
            return (!bullet.is_empty()).then_some((bullet, current.suffix));
        }
        let mut label = String::new();
        for part in &current.text {
            match part {
                LabelPart::Text(text) => label.push_str(text),
                LabelPart::Number(level) => {
                    let i = usize::from(*level).min(LIST_LEVELS - 1);
                    let format = if current.legal {
                        "decimal"
                    } else {
                        levels[i].map_or("decimal", |l| l.format.as_str())
                    };
                    label.push_str(&format_number(values[i], format));
                }
            }
        }
        (!label.trim().is_empty()).then_some((label, current.suffix))
    }
}

/// A paragraph's text with its list label in front, as a reader sees it:
/// a Chinese label (一、 （一） 第一条) is followed directly by the text, a
/// label and text both ASCII at the join by one space, unless the level
/// asks for nothing between them.
pub fn labelled_text(label: &str, suffix: LabelSuffix, body: &str) -> String {
    let label = label.trim_end();
    let joiner = match suffix {
        LabelSuffix::Nothing => "",
        _ if body.is_empty() => "",
        _ if !label.ends_with(|c: char| c.is_ascii())
            || !body.starts_with(|c: char| c.is_ascii()) =>
        {
            ""
        }
        _ => " ",
    };
    format!("{label}{joiner}{body}")
}

/// Bullets set in Symbol / Wingdings use private-use code points; show a plain bullet.
fn bullet_char(ch: char) -> char {
    if ('\u{E000}'..='\u{F8FF}').contains(&ch) {
        '•'
    } else {
        ch
    }
}

/// Renders `n` in the OOXML number format `format` (`w:numFmt`); unknown
/// formats render as decimal.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
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

/// Chinese numerals as enumerators write them (`一` … `十`, `百`, `〇`, `零`, `两`):
/// the one definition, for the readers and the parser's grammar alike.
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '两'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn level_text_parts() {
        use LabelPart::{Number, Text};
        assert_eq!(
            ListLevel::parse_text("（%2）"),
            [Text("（".into()), Number(1), Text("）".into())]
        );
        assert_eq!(
            ListLevel::parse_text("%1.%2"),
            [Number(0), Text(".".into()), Number(1)]
        );
        // %0 and a lone % are text.
        assert_eq!(ListLevel::parse_text("%0%"), [Text("%0%".into())]);
    }

    #[test]
    fn labels_join_text_as_a_reader_sees_them() {
        assert_eq!(
            labelled_text("一、", LabelSuffix::Tab, "总体要求"),
            "一、总体要求"
        );
        assert_eq!(labelled_text("1.", LabelSuffix::Tab, "Scope"), "1. Scope");
        assert_eq!(
            labelled_text("1.", LabelSuffix::Nothing, "Scope"),
            "1.Scope"
        );
        assert_eq!(labelled_text("（一） ", LabelSuffix::Space, ""), "（一）");
    }
}
