//! Width folding and shared character classes.

use crate::lexicon;

/// Folds full-width ASCII variants (`（` `，` `：` `１` `．` `％`) and the small
/// percent sign `﹪` to half-width, and the ideographic and no-break spaces to a
/// space. CJK characters are untouched.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold_width`] for one character: the one folding table of the parser. Every
/// character folds to one character, never longer than itself in UTF-8, so a
/// folded text maps back to the text as written.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹪' => '%',
        _ => c,
    }
}

/// A CJK ideograph (the common blocks).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Chinese numerals as used in enumerators: the one definition, shared with
/// the readers (`policy_blocks`), which look for enumerators too.
pub use policy_blocks::is_cn_digit;

/// The value of a Chinese numeral up to the hundreds (`十一` = 11, `二十` = 20,
/// `一百零五` = 105), or of one written digit by digit (`二〇二四` = 2024, as years
/// are). Zero is `〇`, `零`, or as typed for `〇` in dates, `○` or the letter `O`.
pub fn cn_number_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .find(c)
            .map(|i| (i / '一'.len_utf8()) as u32)
            .or(match c {
                '零' | '○' | 'O' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    for c in s.chars() {
        seen = true;
        match c {
            '十' => {
                total += if current == 0 { 10 } else { current * 10 };
                current = 0;
            }
            '百' => {
                total += if current == 0 { 100 } else { current * 100 };
                current = 0;
            }
            _ => current = current * 10 + digit(c)?,
        }
    }
    seen.then_some(total + current)
}

/// Joins the lines of a table cell or a wrapped paragraph: no separator between
/// two CJK characters (or CJK punctuation), one space between two Latin words.
/// A line that opens with a label (`责任单位：…`, `分管县领导：…`) starts a clause
/// of its own: a `；` closes the line before it unless punctuation does, so
/// that labels written on lines of their own do not run into each other.
pub fn join_lines(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next()) {
            if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                out.push(' ');
            } else if opens_with_label(line) && !lexicon::CLAUSE_ENDS.contains(&prev) {
                out.push('；');
            }
        }
        out.push_str(line);
    }
    out
}

/// Whether `line` opens with a short label and its colon (`牵头单位：`, `分管县领导:`),
/// the label ending in a field's word (not `管网改造：5公里`).
fn opens_with_label(line: &str) -> bool {
    let head = line
        .char_indices()
        .take_while(|(_, c)| is_cjk(*c))
        .take(8)
        .last()
        .map_or(0, |(at, c)| at + c.len_utf8());
    line[head..].starts_with(['：', ':'])
        && lexicon::LINE_LABEL_ENDINGS
            .iter()
            .any(|w| line[..head].ends_with(w))
}

/// Trims white space including the ideographic space and Markdown emphasis.
pub fn trim_text(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '*' || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_line_starts_a_clause() {
        assert_eq!(
            join_lines("牵头单位：县发改局\n责任单位：县统计局"),
            "牵头单位：县发改局；责任单位：县统计局"
        );
        assert_eq!(
            join_lines("新建厂房。\n分管县领导：张某"),
            "新建厂房。分管县领导：张某"
        );
        // a wrapped line is joined as it was, even when it holds a colon later
        assert_eq!(
            join_lines("推进园区建设，完成\n管网改造：5公里"),
            "推进园区建设，完成管网改造：5公里"
        );
    }

    #[test]
    fn folds_full_width() {
        assert_eq!(fold_width("（一）１．５％，：　"), "(一)1.5%,: ");
        assert_eq!(
            fold_width("达到３０﹪，吉林省\u{a0}体育局"),
            "达到30%,吉林省 体育局"
        );
    }

    #[test]
    fn folds_never_lengthen_a_character() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            assert!(fold_char(c).len_utf8() <= c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn chinese_numbers() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("九十九", 99),
        ] {
            assert_eq!(cn_number_value(s), Some(n), "{s}");
        }
        for (s, n) in [
            ("二〇二四", 2024),
            ("二○二三", 2023),
            ("二零一九", 2019),
            ("二O二一", 2021),
        ] {
            assert_eq!(cn_number_value(s), Some(n), "{s}");
        }
        assert_eq!(cn_number_value("甲"), None);
        assert_eq!(cn_number_value(""), None);
    }

    #[test]
    fn joins_cell_lines() {
        assert_eq!(
            join_lines("城乡社区社会\n工作服务行动"),
            "城乡社区社会工作服务行动"
        );
        assert_eq!(join_lines("Internet\nPlus 行动"), "Internet Plus 行动");
        assert_eq!(join_lines("  \n甲\n\n乙 "), "甲乙");
    }
}
