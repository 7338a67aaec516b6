//! Where a paragraph starts with an enumerator (一、 （一） 1. 第一条).

use policy_blocks::is_cn_digit;

/// 一、 （一） (一) 1. 1、 1． （1） 第一章 第一条 at the start of a line.
pub(super) fn starts_with_numbering(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    if first == '（' || first == '(' {
        let inner: String = chars
            .by_ref()
            .take_while(|&c| c != '）' && c != ')')
            .collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && (inner.chars().all(is_cn_digit) || inner.chars().all(|c| c.is_ascii_digit()))
            && t.contains(['）', ')']);
    }
    if first == '第' {
        let n: String = chars
            .by_ref()
            .take_while(|&c| is_cn_digit(c) || c.is_ascii_digit())
            .collect();
        return !n.is_empty()
            && t.chars()
                .nth(n.chars().count() + 1)
                .is_some_and(|c| "章节条部分".contains(c));
    }
    if is_cn_digit(first) {
        let rest: String = std::iter::once(first).chain(chars).collect();
        let n = rest.chars().take_while(|&c| is_cn_digit(c)).count();
        return n <= 3 && rest.chars().nth(n) == Some('、');
    }
    if first.is_ascii_digit() {
        let rest: String = std::iter::once(first).chain(chars).collect();
        let n = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest.chars().nth(n);
        let next = rest.chars().nth(n + 1);
        return n <= 2
            && (after == Some('、')
                || ((after == Some('.') || after == Some('．'))
                    && next.is_some_and(|c| !c.is_ascii_digit())));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms_are_recognised() {
        for yes in [
            "一、总体要求",
            "（一）指导思想",
            "(二)目标",
            "1.加强领导",
            "2、压实责任",
            "第三条 适用",
            "十二、附则",
            "（3）其他",
        ] {
            assert!(starts_with_numbering(yes), "{yes}");
        }
        for no in [
            "2025年底前完成",
            "一是加强",
            "1.5倍",
            "全面落实",
            "（发改环资〔2025〕13号）",
        ] {
            assert!(!starts_with_numbering(no), "{no}");
        }
    }
}
