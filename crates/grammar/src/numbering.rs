//! Item enumerators: `一、` → `（一）` → `1.` → `（1）` → `①`, and `第一章` / `第一条`;
//! and the label of a box (`专栏 3`).
//!
//! Documents nest these in the order above, but a document may start at any
//! of them (a 规划 may number its items `（一）…（二十）` under Markdown headings),
//! so the kind says only what was written; the parser decides the levels by
//! order of first appearance.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{anychar, satisfy},
    combinator::{eof, not, opt, peek, recognize, verify},
    sequence::terminated,
};

use crate::chars::{cn_number_value, fold_width, is_cn_digit};
use crate::lexicon;

/// The shape of an enumerator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EnumKind {
    /// `第一章`, `第二部分`.
    Chapter,
    /// `第一节`.
    Section,
    /// `一、`
    CnComma,
    /// `（一）` or `(一)`.
    CnParen,
    /// `1.` `1．` `1、`
    ArabicDot,
    /// `（1）` or `(1)`.
    ArabicParen,
    /// `①`
    Circled,
    /// `第一条`.
    Article,
}

/// An enumerator at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumerator {
    pub kind: EnumKind,
    /// The enumerator as the output contract writes it: bare (`一`, `3`, `①`,
    /// `第一章`) or, for the bracketed kinds, in full-width brackets (`（三）`).
    pub number: String,
    /// Its value (`十一` → 11), for checking sequences.
    pub value: Option<u32>,
    /// The enumerator exactly as written, punctuation included.
    pub raw: String,
}

/// Reads an enumerator at the start of `line` (after white space and Markdown
/// `**`/`- ` markers). Returns it and the rest of the line, trimmed at its start.
pub fn enumerator(line: &str) -> Option<(Enumerator, &str)> {
    let start = skip_lead(line);
    // Every enumerator opens with one of these: most lines are ruled out here.
    let first = start.chars().next()?;
    if !(first == '第'
        || first == '（'
        || first == '('
        || is_cn_digit(first)
        || ascii_or_wide_digit(first)
        || ('①'..='⑳').contains(&first))
    {
        return None;
    }
    let (rest, (kind, raw, core)) = any_enumerator(start).ok()?;
    let value = match kind {
        EnumKind::ArabicDot | EnumKind::ArabicParen => arabic_value(core),
        EnumKind::Circled => core.chars().next().map(|c| c as u32 - 0x2460 + 1),
        _ => cn_number_value(core).or_else(|| arabic_value(core)),
    };
    let number = match kind {
        EnumKind::CnParen | EnumKind::ArabicParen => format!("（{core}）"),
        EnumKind::Chapter | EnumKind::Section | EnumKind::Article => raw.trim().to_string(),
        _ => core.to_string(),
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '*');
    Some((
        Enumerator {
            kind,
            number,
            value,
            raw: raw.to_string(),
        },
        rest,
    ))
}

/// Skips indentation, a Markdown list marker (`- `, `* `) and bold markers.
fn skip_lead(line: &str) -> &str {
    let mut s =
        line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}');
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            s = rest.trim_start();
        }
    }
    s.trim_start_matches(['*', '#', ' ', '\u{3000}'])
        .trim_start_matches(lexicon::ENUMERATOR_MARKS)
}

/// Reads a box's label at the start of `s` (`专栏 3 新时代…`, `专栏三：…`): its id,
/// written without the gap and with half-width digits (`专栏3`, `专栏三`), and the
/// text after the number. The number is Arabic (half- or full-width) or Chinese
/// (`一` … `十`), not a mix.
pub fn box_label(s: &str) -> Option<(String, &str)> {
    let rest = s.strip_prefix(lexicon::BOX)?.trim_start();
    let arabic = rest.trim_start_matches(ascii_or_wide_digit);
    let after = if arabic.len() < rest.len() {
        arabic
    } else {
        rest.trim_start_matches(is_cn_digit)
    };
    let number = &rest[..rest.len() - after.len()];
    (!number.is_empty()).then(|| (format!("{}{}", lexicon::BOX, fold_width(number)), after))
}

type Parsed<'a> = (EnumKind, &'a str, &'a str);

fn any_enumerator(i: &str) -> IResult<&str, Parsed<'_>> {
    alt((
        chapter,
        cn_paren,
        arabic_paren,
        cn_comma,
        arabic_dot,
        circled,
    ))
    .parse(i)
}

fn open(i: &str) -> IResult<&str, char> {
    satisfy(|c| c == '（' || c == '(').parse(i)
}

fn close(i: &str) -> IResult<&str, char> {
    satisfy(|c| c == '）' || c == ')').parse(i)
}

fn cn_digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 4, is_cn_digit).parse(i)
}

fn ascii_or_wide_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, ascii_or_wide_digit).parse(i)
}

/// Optional white space inside brackets: `( 一 )` is written too.
fn sp(i: &str) -> IResult<&str, Option<&str>> {
    opt(take_while_m_n(1, 3, |c: char| c == ' ' || c == '\u{3000}')).parse(i)
}

fn cn_comma(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, (core, _)) = (
        cn_digits,
        satisfy(|c| matches!(c, '、' | '．' | '.' | '，')),
    )
        .parse(i)?;
    let raw = &i[..i.len() - rest.len()];
    Ok((rest, (EnumKind::CnComma, raw, core)))
}

fn cn_paren(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, (_, _, core, _, _, _)) = (
        open,
        sp,
        cn_digits,
        sp,
        close,
        opt(satisfy(|c| matches!(c, '、' | '.' | '．'))),
    )
        .parse(i)?;
    Ok((rest, (EnumKind::CnParen, &i[..i.len() - rest.len()], core)))
}

fn arabic_paren(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, (_, _, core, _, _, _)) = (
        open,
        sp,
        digits,
        sp,
        close,
        opt(satisfy(|c| matches!(c, '、' | '.' | '．'))),
    )
        .parse(i)?;
    Ok((
        rest,
        (EnumKind::ArabicParen, &i[..i.len() - rest.len()], core),
    ))
}

/// `1.` / `1．` / `1、`, not a decimal (`0.1平方米`) nor a date (`2023.6`).
fn arabic_dot(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, core) = terminated(
        digits,
        terminated(
            // `1* .`, `2*.`: a mark between the number and its dot.
            (
                opt((satisfy(|c| lexicon::ENUMERATOR_MARKS.contains(&c)), sp)),
                satisfy(|c| matches!(c, '.' | '．' | '、')),
            ),
            alt((
                recognize(eof),
                recognize(peek(not(satisfy(|c| {
                    ascii_or_wide_digit(c) || c == '%' || c == '％'
                })))),
            ))
            .map(|_| ()),
        ),
    )
    .parse(i)?;
    Ok((
        rest,
        (EnumKind::ArabicDot, &i[..i.len() - rest.len()], core),
    ))
}

fn circled(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, c) = recognize(verify(anychar, |c| ('①'..='⑳').contains(c))).parse(i)?;
    Ok((rest, (EnumKind::Circled, c, c)))
}

fn chapter(i: &str) -> IResult<&str, Parsed<'_>> {
    let (rest, (_, core, unit)) = (
        tag("第"),
        alt((cn_digits, digits)),
        alt((tag("章"), tag("节"), tag("条"), tag("部分"))),
    )
        .parse(i)?;
    let kind = match unit {
        "章" | "部分" => EnumKind::Chapter,
        "节" => EnumKind::Section,
        _ => EnumKind::Article,
    };
    Ok((rest, (kind, &i[..i.len() - rest.len()], core)))
}

fn arabic_value(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |acc, c| {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - '０' as u32
        };
        (d < 10).then(|| acc.saturating_mul(10).saturating_add(d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected` is `kind number | rest`, or `-` for no enumerator.
    fn check(input: &str, expected: &str) {
        let got = match enumerator(input) {
            Some((e, rest)) => format!("{:?} {} | {rest}", e.kind, e.number),
            None => "-".to_string(),
        };
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn marked_enumerators() {
        check("1* .开展改革。", "ArabicDot 1 | 开展改革。");
        check("2*.推行登记。", "ArabicDot 2 | 推行登记。");
        check("★3．提升服务。", "ArabicDot 3 | 提升服务。");
        // a space alone between a number and a dot is no enumerator
        check("1 .5米", "-");
    }

    #[test]
    fn chinese_comma() {
        check("一、工作目标", "CnComma 一 | 工作目标");
        check(
            "十四、社区共建共治共享行动。",
            "CnComma 十四 | 社区共建共治共享行动。",
        );
        check("　　二十一、其他", "CnComma 二十一 | 其他");
        check("## **五、加快提升**", "CnComma 五 | 加快提升**");
    }

    #[test]
    fn brackets_full_and_half_width() {
        check(
            "（一）完善城乡社区服务格局",
            "CnParen （一） | 完善城乡社区服务格局",
        );
        check(
            "(十一) 提升服务设施功能。",
            "CnParen （十一） | 提升服务设施功能。",
        );
        check("( 三 )强化", "CnParen （三） | 强化");
        check("（3）建立台账", "ArabicParen （3） | 建立台账");
        check("(12)加强", "ArabicParen （12） | 加强");
    }

    #[test]
    fn arabic_items() {
        check("1.健全党建引领机制。", "ArabicDot 1 | 健全党建引领机制。");
        check("3．推动城乡社区", "ArabicDot 3 | 推动城乡社区");
        check("12、加强", "ArabicDot 12 | 加强");
        check("- 1.社区固本强基行动。", "ArabicDot 1 | 社区固本强基行动。");
        check(
            "1. “互联网+基层治理”行动。",
            "ArabicDot 1 | “互联网+基层治理”行动。",
        );
        check("１．全角数字", "ArabicDot １ | 全角数字");
    }

    #[test]
    fn not_enumerators() {
        check("0.1平方米", "-");
        check("2023.6", "-");
        check("2023年6月20日", "-");
        check("1.5%以上", "-");
        check("一是坚持党的全面领导", "-");
        check("十四五时期", "-");
        check("", "-");
        check("（责任单位：县民政局）", "-");
    }

    #[test]
    fn circled_and_chapters() {
        check("①建立制度", "Circled ① | 建立制度");
        check("第一章 总则", "Chapter 第一章 | 总则");
        check("第三条　本办法", "Article 第三条 | 本办法");
        check("第二部分 重点任务", "Chapter 第二部分 | 重点任务");
    }

    #[test]
    fn box_labels() {
        let label = |s| box_label(s).map(|(id, rest)| format!("{id} | {rest}"));
        assert_eq!(
            label("专栏 3 新时代行动").as_deref(),
            Some("专栏3 |  新时代行动")
        );
        assert_eq!(
            label("专栏１２：重点工程").as_deref(),
            Some("专栏12 | ：重点工程")
        );
        assert_eq!(label("专栏\u{3000}十一").as_deref(), Some("专栏十一 | "));
        assert_eq!(label("专栏\n2").as_deref(), Some("专栏2 | "));
        assert_eq!(label("专栏 1二").as_deref(), Some("专栏1 | 二"));
        assert_eq!(label("专栏"), None);
        assert_eq!(label("专栏内容"), None);
        assert_eq!(label("见专栏3"), None);
    }

    #[test]
    fn values() {
        assert_eq!(enumerator("十一、x").and_then(|(e, _)| e.value), Some(11));
        assert_eq!(enumerator("（二十）x").and_then(|(e, _)| e.value), Some(20));
        assert_eq!(enumerator("12.x").and_then(|(e, _)| e.value), Some(12));
        assert_eq!(enumerator("③x").and_then(|(e, _)| e.value), Some(3));
    }
}
