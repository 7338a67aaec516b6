//! The 文号 (`吉民发〔2023〕35号`) and the date (`2023年6月20日`, `二〇二三年六月二十日`)
//! a document is signed on.

use std::sync::LazyLock;

use policy_grammar::chars::{cn_number_value, fold_width};
use regex::Regex;

/// A line opening with a 文号: `吉民发〔2023〕35号`, `鲁商字 [2025] 1号`, `（皖开放办〔2022〕6号）`.
pub(super) fn doc_number(line: &str) -> Option<String> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\(?([\p{Han}A-Za-z]{0,16}?)[〔\[(【［﹝]((?:19|20)\d{2})[〕\])】］﹞]第?(\d{1,6})号",
        )
        .expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let caps = NUMBER.captures(&compact)?;
    let prefix = caps.get(1).map_or("", |m| m.as_str());
    Some(format!(
        "{prefix}〔{}〕{}号",
        caps.get(2)?.as_str(),
        caps.get(3)?.as_str()
    ))
}

/// A line that is a date (`2023年6月20日`, `二〇二三年六月二十日`, perhaps followed by
/// `印发`) → `2023-06-20`.
pub(super) fn date(line: &str) -> Option<String> {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:印发)?$").expect("static regex")
    });
    static HAN: LazyLock<Regex> = LazyLock::new(|| {
        // Month and day as written: 六, 十, 十二, 二十, 三十一.
        Regex::new(r"^([〇○零O一二三四五六七八九]{4})年([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])月([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?:印发)?$")
            .expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    let (y, m, d) = if let Some(c) = DIGITS.captures(&compact) {
        (
            c.get(1)?.as_str().parse().ok()?,
            c.get(2)?.as_str().parse().ok()?,
            c.get(3)?.as_str().parse().ok()?,
        )
    } else {
        let c = HAN.captures(&compact)?;
        let part = |i: usize| c.get(i).and_then(|m| cn_number_value(m.as_str()));
        (part(1)?, part(2)?, part(3)?)
    };
    ((1900..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The date a value opens with: `2015-12-30 11:39`, `2015年12月25日`.
pub(super) fn date_prefix(value: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})").expect("static regex")
    });
    let caps = ISO.captures(value.trim())?;
    let part = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some(format!("{:04}-{:02}-{:02}", part(1)?, part(2)?, part(3)?))
}

/// A 印发 line naming its office and date (`山东省商务厅办公室2025年1月20日印发`).
pub(super) fn signed_date(line: &str) -> Option<String> {
    static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,40}?(\d{4}年\d{1,2}月\d{1,2}日)印发$").expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    date(SIGNED.captures(&compact)?.get(1)?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        assert_eq!(
            doc_number("吉民发〔2023〕35号 "),
            Some("吉民发〔2023〕35号".into())
        );
        assert_eq!(
            doc_number("国办发〔2021〕10号"),
            Some("国办发〔2021〕10号".into())
        );
        assert_eq!(
            doc_number("鲁商字 [2025] 1号"),
            Some("鲁商字〔2025〕1号".into())
        );
        assert_eq!(
            doc_number("（皖开放办〔2022〕6号）"),
            Some("皖开放办〔2022〕6号".into())
        );
        assert_eq!(
            doc_number("新政办发(2022)34号"),
            Some("新政办发〔2022〕34号".into())
        );
        assert_eq!(doc_number("〔2023〕35号"), Some("〔2023〕35号".into()));
        assert_eq!(
            doc_number("为深入贯彻落实《通知》(新政办发〔2022〕34号)精神"),
            None
        );
        assert_eq!(doc_number("2023年6月20日"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date("　　2023年6月20日"), Some("2023-06-20".into()));
        assert_eq!(date("2023年9月25日"), Some("2023-09-25".into()));
        assert_eq!(date("二〇二四年十一月八日"), Some("2024-11-08".into()));
        assert_eq!(date("二〇二三年六月二十日"), Some("2023-06-20".into()));
        assert_eq!(date("2022年3月23日印发"), Some("2022-03-23".into()));
        assert_eq!(date("（2024年1月5日）"), Some("2024-01-05".into()));
        assert_eq!(date("2023年6月20日召开会议"), None);
        assert_eq!(date("2023年13月20日"), None);
    }
}
