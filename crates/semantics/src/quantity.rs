//! The quantity grammar: a number, an optional multiplier and `余`/`多`, a unit,
//! and an optional suffix comparator (`以上`, `以内`, `左右`), on width-folded text.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while},
    character::complete::{char, digit1},
    combinator::{opt, recognize},
    error::{Error, ErrorKind},
};
pub(crate) use policy_grammar::lexicon::{
    COMPARATOR_PREFIXES as PREFIXES, COMPARATOR_SUFFIXES as SUFFIXES, HEDGES,
    QUANTITY_DESCRIPTIVE as DESCRIPTIVE, QUANTITY_MULTIPLIERS as MULTIPLIERS,
    QUANTITY_UNITS as UNITS,
};
use policy_model::Comparator;

/// A number with its unit as written, read from the start of a folded string.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Amount<'a> {
    pub value: f64,
    /// The multiplier and unit as written (`万名`, `%`, `平方米`); `None` when the number stands alone.
    pub unit: Option<String>,
    /// `余` / `多` after the number: more than the value.
    pub more_than: bool,
    /// From a suffix (`以上` → `>=`, `以内` → `<=`, `左右` → `~`).
    pub suffix: Option<Comparator>,
    /// Whether the unit names a duration or a class (`个月`, `类`, `岁`): not a commitment.
    pub descriptive: bool,
    /// What is left after the amount and its suffix.
    pub rest: &'a str,
}

/// A decimal number: `1000`, `15.4`.
pub(crate) fn number(input: &str) -> IResult<&str, &str> {
    recognize((digit1, opt((char('.'), digit1)))).parse(input)
}

fn spaces(input: &str) -> IResult<&str, &str> {
    take_while(|c: char| c == ' ' || c == '$').parse(input)
}

/// The first word of `list` that `input` starts with.
fn one_of<'a>(list: &'static [&'static str]) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |input: &'a str| {
        let first = input.as_bytes().first();
        list.iter()
            // the first byte rules out most words before a full comparison
            .filter(|w| w.as_bytes().first() == first)
            .find_map(|w| input.strip_prefix(w).map(|rest| (rest, &input[..w.len()])))
            .ok_or_else(|| nom::Err::Error(Error::new(input, ErrorKind::Tag)))
    }
}

fn suffix(input: &str) -> IResult<&str, Comparator> {
    SUFFIXES
        .iter()
        .find_map(|&(w, c)| input.strip_prefix(w).map(|rest| (rest, c)))
        .ok_or_else(|| nom::Err::Error(Error::new(input, ErrorKind::Tag)))
}

/// Reads an amount at the start of folded `input`: `1000人`, `10万名`, `75%以上`,
/// `30 平方米`, `100余个`, `15\%` (converter LaTeX). Fails when `input` does not start with a number.
pub(crate) fn amount(input: &str) -> IResult<&str, Amount<'_>> {
    let (rest, digits) = number(input)?;
    let value: f64 = digits
        .parse()
        .map_err(|_| nom::Err::Error(Error::new(input, ErrorKind::Float)))?;
    let (rest, _) = spaces(rest)?;
    let (rest, _) = opt(char('\\')).parse(rest)?;
    if let Ok((after, word)) = one_of(DESCRIPTIVE)(rest) {
        let amount = Amount {
            value,
            unit: Some(word.to_string()),
            more_than: false,
            suffix: None,
            descriptive: true,
            rest: after,
        };
        return Ok((after, amount));
    }
    let (rest, unit) = opt(one_of(UNITS)).parse(rest)?;
    let (rest, unit, more_than) = match unit {
        Some(unit) => (rest, Some(unit.to_string()), false),
        None => {
            let (rest, multiplier) = opt(one_of(MULTIPLIERS)).parse(rest)?;
            let (rest, more) = opt(alt((tag("余"), tag("多")))).parse(rest)?;
            let (rest, _) = spaces(rest)?;
            let (rest, unit) = opt(one_of(UNITS)).parse(rest)?;
            let unit = match (multiplier, unit) {
                (Some(m), Some(u)) => Some(format!("{m}{u}")),
                (Some(m), None) => Some(m.to_string()),
                (None, u) => u.map(str::to_string),
            };
            (rest, unit, more.is_some())
        }
    };
    let (rest, _) = spaces(rest)?;
    let (rest, suffix) = opt(suffix).parse(rest)?;
    // `48小时内`, `15天内`: a time limit
    let timed = unit
        .as_deref()
        .is_some_and(|u| matches!(u, "小时" | "天" | "分钟"));
    let (rest, suffix) = match (suffix, rest.strip_prefix('内')) {
        (None, Some(after)) if timed => (after, Some(Comparator::AtMost)),
        _ => (rest, suffix),
    };
    Ok((
        rest,
        Amount {
            value,
            unit,
            more_than,
            suffix,
            descriptive: false,
            rest,
        },
    ))
}

/// The most characters between a comparator word and its number.
const MAX_GAP: usize = 6;

/// A comparator word found before a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PrefixHit {
    /// Byte offset of the word in the window.
    pub start: usize,
    pub comparator: Comparator,
}

/// The comparator word nearest the end of `window` (the clause text before a number),
/// when only a few non-digit characters (`每百户`, `配备或明确`) stand between it and the number.
pub(crate) fn prefix_comparator(window: &str) -> Option<PrefixHit> {
    // The nearest word wins, the longest where two end together: so try each
    // place a word may end, from the window's end back, widening the gap by a
    // character at a time. A word's last occurrence is the one that ends
    // nearest, so this finds what searching for every word would.
    let mut end = window.len();
    for gap in 0..=MAX_GAP {
        let before = &window[..end];
        let last = before.as_bytes().last();
        let hit = PREFIXES
            .iter()
            .filter(|(word, _)| word.as_bytes().last() == last && before.ends_with(word))
            // one-character words (`为`, `超`, `约`) are common inside other words (`超市`, `为民`)
            .filter(|(word, _)| gap == 0 || word.chars().nth(1).is_some())
            .max_by_key(|(word, _)| word.len());
        if let Some(&(word, comparator)) = hit {
            return Some(PrefixHit {
                start: end - word.len(),
                comparator,
            });
        }
        match before.chars().next_back() {
            Some(c) if !c.is_ascii_digit() => end -= c.len_utf8(),
            _ => break,
        }
    }
    None
}

/// Combines a prefix word, `余`/`多` and a suffix into one comparator: a suffix
/// (`达到…以上`) refines an equal-kind prefix; no word at all is a plain count (`=`).
pub(crate) fn combine(prefix: Option<Comparator>, amount: &Amount<'_>) -> Comparator {
    match (prefix, amount.suffix) {
        (Some(p), None) if amount.more_than && p == Comparator::Equal => Comparator::Above,
        (Some(p), None) => p,
        (Some(Comparator::Equal) | None, Some(s)) => s,
        (Some(p), Some(_)) => p,
        (None, None) if amount.more_than => Comparator::Above,
        (None, None) => Comparator::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, value: f64, unit: Option<&str>, suffix: Option<Comparator>) {
        let (_, a) = amount(input).unwrap();
        assert_eq!(
            (a.value, a.unit.as_deref(), a.suffix),
            (value, unit, suffix),
            "{input}"
        );
    }

    #[test]
    fn reads_amounts() {
        check("1000人，并落实", 1000.0, Some("人"), None);
        check("10万名有康复需求", 10.0, Some("万名"), None);
        check("75%以上,其中", 75.0, Some("%"), Some(Comparator::AtLeast));
        check("30 平方米", 30.0, Some("平方米"), None);
        check("15.4 人", 15.4, Some("人"), None);
        check("30平米以上", 30.0, Some("平米"), Some(Comparator::AtLeast));
        check("5个百分点", 5.0, Some("个百分点"), None);
        check("2000万元", 2000.0, Some("万元"), None);
        check("1.5亿元以内", 1.5, Some("亿元"), Some(Comparator::AtMost));
        check("15\\%$ ，对其中", 15.0, Some("%"), None);
        check(
            "35微克/立方米以下",
            35.0,
            Some("微克/立方米"),
            Some(Comparator::AtMost),
        );
        check("2000场", 2000.0, Some("场"), None);
        check("5000千米", 5000.0, Some("千米"), None);
        check("80%左右", 80.0, Some("%"), Some(Comparator::About));
        check("48小时内放行", 48.0, Some("小时"), Some(Comparator::AtMost));
    }

    #[test]
    fn marks_more_than_and_descriptive_words() {
        let (_, a) = amount("100余个").unwrap();
        assert!(a.more_than);
        assert_eq!(a.unit.as_deref(), Some("个"));
        assert!(amount("3个月内完成").unwrap().1.descriptive);
        assert!(amount("8类重点").unwrap().1.descriptive);
        assert!(amount("60岁以上").unwrap().1.descriptive);
        assert_eq!(amount("5G基站").unwrap().1.unit, None);
        assert!(amount("第3条").is_err());
    }

    #[test]
    fn finds_the_nearest_comparator_word() {
        let hit = |w: &str| prefix_comparator(w).map(|h| (h.start, h.comparator));
        assert_eq!(
            hit("全年累计招录“社工岗”不低于").map(|h| h.1),
            Some(Comparator::AtLeast)
        );
        assert_eq!(
            hit("社区综合服务设施面积达到每百户").map(|h| h.1),
            Some(Comparator::Equal)
        );
        assert_eq!(hit("每件补贴不超过").map(|h| h.1), Some(Comparator::AtMost));
        assert_eq!(
            hit("确保每个村(社区)至少配备或明确").map(|h| h.1),
            Some(Comparator::AtLeast)
        );
        assert_eq!(hit("人数大于").map(|h| h.1), Some(Comparator::Above));
        assert_eq!(hit("比例提高到").map(|h| h.1), Some(Comparator::Equal));
        assert_eq!(hit("建设"), None);
        assert_eq!(hit("新开超市"), None);
        assert_eq!(hit("为困境儿童及其家庭提供更多帮助并建设"), None);
    }

    #[test]
    fn prefix_words_near_the_end_of_a_long_window() {
        let hit = |w: &str| prefix_comparator(w).map(|h| (h.start, h.comparator));
        let long = "长".repeat(50);
        assert_eq!(
            hit(&format!("{long}不低于每百户")),
            Some((150, Comparator::AtLeast))
        );
        assert_eq!(hit(&format!("不低于{long}")), None);
        assert_eq!(
            hit(&format!("{long}不低于一二三四五六")),
            Some((150, Comparator::AtLeast))
        );
        assert_eq!(hit(&format!("{long}不低于一二三四五六七")), None);
        assert_eq!(hit(&format!("{long}不低于1个")), None);
        // the nearest word, then the longest, then a one-character word only at the end
        assert_eq!(hit("达到不超过"), Some((6, Comparator::AtMost)));
        assert_eq!(hit("超过"), Some((0, Comparator::AtLeast)));
        assert_eq!(hit("不低于超市"), Some((0, Comparator::AtLeast)));
        assert_eq!(hit("约"), Some((0, Comparator::About)));
        assert_eq!(hit("约每户"), None);
    }

    #[test]
    fn combines_prefix_and_suffix() {
        let a = amount("75%以上").unwrap().1;
        assert_eq!(combine(Some(Comparator::Equal), &a), Comparator::AtLeast);
        assert_eq!(combine(None, &a), Comparator::AtLeast);
        let b = amount("1000人").unwrap().1;
        assert_eq!(combine(None, &b), Comparator::Equal);
        assert_eq!(
            combine(Some(Comparator::AtMost), &amount("5%以内").unwrap().1),
            Comparator::AtMost
        );
    }
}
