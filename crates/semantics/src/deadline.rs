//! Deadlines: a 完成时限 / 时间节点 cell, or a deadline stated in running text.

use std::sync::LazyLock;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::digit1,
    combinator::{map_res, opt, verify},
};
use policy_model::{Deadline, DeadlineKind};
use regex::Regex;

use crate::fold::Folded;
use crate::targets::{digits_before_nian, targets};
use policy_grammar::chars::fold_width;
use policy_grammar::lexicon;

/// Reads a 完成时限 / 时间节点 cell.
///
/// `持续实施` / `长期坚持` / `持续推进` → ongoing; `2025`, `2025年`, `2025年底前`,
/// `2024年6月底前`, `2023.6` → by (year, month); `2023—2025年` / `2023-2025` → range
/// (`year` = start, `end_year`); `每年` → yearly; `年底前` with no year → by with no
/// year; blank (or `—`, `/`, `无`) → `None`. Text that names no time at all is kept
/// in `raw` with kind `none`, so the caller can warn about it.
pub fn deadline_cell(text: &str) -> Option<Deadline> {
    deadline_cell_in(text, None)
}

/// [`deadline_cell`] for a document of `doc_year` (its date, else a year in its
/// title): a month with no year (`6月底前完成`, `9月底`) is that year's; `每年
/// 12月20日前` is yearly with its month.
pub fn deadline_cell_in(text: &str, doc_year: Option<i32>) -> Option<Deadline> {
    let mut d = read_cell(text)?;
    if d.year.is_none()
        && matches!(
            d.kind,
            DeadlineKind::None | DeadlineKind::By | DeadlineKind::Yearly
        )
    {
        let compact: String = fold_width(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if let Some((month, yearly)) = month_phrase(&compact) {
            d.month = Some(month);
            if yearly {
                d.kind = DeadlineKind::Yearly;
            } else {
                d.kind = DeadlineKind::By;
                d.year = doc_year;
            }
        }
    }
    Some(d)
}

/// `6月底前`, `9月底`, `12月20日前`, `每年3月前`: the month of a deadline written
/// without its year, and whether it recurs every year. A month right after a
/// year (`2024年6月`) is a dated deadline's, not this.
fn month_phrase(compact: &str) -> Option<(u32, bool)> {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(每年|年)?([0-9]{1,2})月(?:[0-9]{1,2}日)?(底|末|中旬|上旬|下旬)?(前|以前|之前|完成)?",
        )
        .expect("static regex")
    });
    for caps in MONTH.captures_iter(compact) {
        let (Some(whole), Some(m)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let lead = caps.get(1).map(|m| m.as_str());
        if lead == Some("年") || compact[..whole.start()].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let marked = caps.get(3).is_some() || caps.get(4).is_some();
        let Ok(month) = m.as_str().parse::<u32>() else {
            continue;
        };
        if marked && (1..=12).contains(&month) {
            return Some((month, lead == Some("每年")));
        }
    }
    None
}

fn read_cell(text: &str) -> Option<Deadline> {
    let raw = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("<br>", "");
    let compact: String = fold_width(&raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if compact.is_empty()
        || matches!(
            compact.as_str(),
            "—" | "——" | "-" | "/" | "无" | "\\" | "－"
        )
    {
        return None;
    }
    let mut d = Deadline {
        raw: raw.trim().to_string(),
        kind: DeadlineKind::None,
        year: None,
        month: None,
        end_year: None,
    };
    let first_year = compact
        .char_indices()
        .find(|&(i, _)| year(&compact[i..]).is_ok())
        .map(|(i, _)| i);
    if let Some(i) = first_year {
        let at = &compact[i..];
        if let Ok((_, (start, end))) = year_range(at) {
            (d.kind, d.year, d.end_year) = (DeadlineKind::Range, Some(start), Some(end));
            return Some(d);
        }
        if let Ok((rest, (y, month))) = date(at) {
            let from = rest.starts_with('起') || rest.starts_with("开始");
            d.kind = if from {
                DeadlineKind::Ongoing
            } else {
                DeadlineKind::By
            };
            (d.year, d.month) = (Some(y), month);
            return Some(d);
        }
    }
    if lexicon::DEADLINE_YEARLY.iter().any(|w| compact.contains(w)) {
        d.kind = DeadlineKind::Yearly;
    } else if lexicon::DEADLINE_ONGOING
        .iter()
        .any(|w| compact.contains(w))
    {
        d.kind = DeadlineKind::Ongoing;
    } else if let Some(month) = lexicon::DEADLINE_THIS_YEAR
        .iter()
        .find(|w| compact.contains(*w))
    {
        d.kind = DeadlineKind::By;
        d.month = (*month != "年内" && *month != "今年").then_some(12);
    }
    Some(d)
}

/// A deadline the text states for the whole task, in its first or last clause: `2023年底前完成`, `到2025年`,
/// `2024年6月底前`, `力争到2025年底`. `None` when the text states none, when the only
/// year phrases belong to a target in the same clause (`年底前完成1000个`,
/// `到2025年末覆盖率达100%`), or when two phrases disagree.
pub fn prose_deadline(text: &str) -> Option<Deadline> {
    prose_deadline_in(text, None)
}

/// [`prose_deadline`] for a document of `doc_year`: where the text dates no
/// deadline, a month phrase in a whole-task position (`…，6月底前完成。`,
/// `…要于每年12月20日前报送…`) is read with the document's year, or as yearly.
pub fn prose_deadline_in(text: &str, doc_year: Option<i32>) -> Option<Deadline> {
    if let Some(d) = dated_prose_deadline(text) {
        return Some(d);
    }
    static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(每年)?\s*([0-9]{1,2})\s*月\s*(?:[0-9]{1,2}\s*日)?\s*(底|末)?\s*(前|以前|之前)",
        )
        .expect("static regex")
    });
    if !text.contains('月') {
        return None;
    }
    let folded = Folded::new(text);
    let t = folded.text.as_str();
    let mut found: Option<Deadline> = None;
    for caps in PHRASE.captures_iter(t) {
        let (Some(whole), Some(m)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let before = t[..whole.start()].trim_end();
        if before.ends_with('年')
            || before.ends_with(|c: char| c.is_ascii_digit())
            || reports_the_past(t, whole.start())
        {
            continue;
        }
        let Ok(month) = m.as_str().parse::<u32>() else {
            continue;
        };
        if !(1..=12).contains(&month) || clause_has_target(t, whole.start()) {
            continue;
        }
        let yearly = caps.get(1).is_some();
        // A recurring date binds the task wherever it stands; a one-off month
        // only from a whole-task position.
        if !yearly && !whole_task_position(t, whole.start(), whole.end()) {
            continue;
        }
        let d = Deadline {
            raw: folded
                .orig_slice(whole.start(), whole.end())
                .trim()
                .to_string(),
            kind: if yearly {
                DeadlineKind::Yearly
            } else {
                DeadlineKind::By
            },
            year: if yearly { None } else { doc_year },
            month: Some(month),
            end_year: None,
        };
        match &found {
            None => found = Some(d),
            Some(prev) if (prev.kind, prev.month) == (d.kind, d.month) => {}
            Some(_) => return None,
        }
    }
    found
}

/// A deadline with its year written (`2023年底前完成`, `到2025年`).
fn dated_prose_deadline(text: &str) -> Option<Deadline> {
    static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            // ASCII digits: the text is folded first, and `\d` (every script's digits)
            // would compile to a much larger automaton.
            r"(截至|截止|到|至|于|在|力争|争取|确保)?\s*([0-9]{4})\s*年\s*(?:([0-9]{1,2})\s*月)?\s*(底|末|年底|年末|上半年|下半年)?\s*(前|以前|之前)?",
        )
        .expect("static regex")
    });
    // Every phrase has digits before a 年; folding changes neither what is a
    // digit nor what is white space, so the text as written tells.
    if !text.contains('年') || !digits_before_nian(text) {
        return None;
    }
    let folded = Folded::new(text);
    let t = folded.text.as_str();
    let mut found: Option<Deadline> = None;
    for caps in PHRASE.captures_iter(t) {
        let (Some(whole), Some(y)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let lead = caps.get(1).map(|m| m.as_str());
        if matches!(lead, Some("截至" | "截止"))
            || inside_quotes(t, whole.start())
            || reports_the_past(t, whole.start())
        {
            continue;
        }
        let after = t[whole.end()..].trim_start();
        if after.starts_with('起') || after.starts_with("以来") || after.starts_with("开始") {
            continue;
        }
        let marked = lead.is_some() || caps.get(4).is_some() || caps.get(5).is_some();
        if !marked && !lexicon::DEADLINE_DONE.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        if clause_has_target(t, whole.start())
            || !whole_task_position(t, whole.start(), whole.end())
        {
            continue;
        }
        let month = caps.get(3).and_then(|m| m.as_str().parse().ok()).or(
            match caps.get(4).map(|m| m.as_str()) {
                Some("上半年") => Some(6),
                Some(_) => Some(12),
                None => None,
            },
        );
        let d = Deadline {
            raw: folded
                .orig_slice(whole.start(), whole.end())
                .trim()
                .to_string(),
            kind: DeadlineKind::By,
            year: y.as_str().parse().ok(),
            month,
            end_year: None,
        };
        match &found {
            None => found = Some(d),
            Some(prev) if (prev.year, prev.month) == (d.year, d.month) => {}
            Some(_) => return None,
        }
    }
    found
}

/// `已于2014年5月30日通车`, `已经在6月底前完成`: a date after a word of the past
/// reports what was done.
fn reports_the_past(t: &str, start: usize) -> bool {
    let before = t[..start].trim_end();
    let before = before
        .strip_suffix('于')
        .or_else(|| before.strip_suffix('在'))
        .unwrap_or(before);
    lexicon::PAST_MARKERS.iter().any(|w| before.ends_with(w))
}

/// A deadline speaks for the whole task only from the opening clause of its
/// first or last sentence (`到2025年，…`; `…。力争到2025年，…`) or from its last
/// clause (`…，2023年底前完成。`); a year phrase in the middle of a sentence
/// (`…，到2025年末，将工作者轮训一遍，并…`) belongs to the clause around it.
fn whole_task_position(t: &str, start: usize, end: usize) -> bool {
    use lexicon::{CLAUSE_ENDS as CLAUSE, SENTENCE_ENDS as SENTENCE};
    let body = t.trim_end_matches(|c: char| CLAUSE.contains(&c) || c.is_whitespace());
    let before = &t[..start];
    let sentence_start = before.rfind(SENTENCE).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let opens_sentence = !t[sentence_start..start].contains(CLAUSE);
    let in_first_sentence = sentence_start == 0;
    let in_last_sentence = !body.get(end..).unwrap_or("").contains(SENTENCE);
    let last_clause = !body.get(end..).unwrap_or("").contains(CLAUSE);
    (opens_sentence && (in_first_sentence || in_last_sentence)) || last_clause
}

/// A four-digit year 1900–2099.
fn year(input: &str) -> IResult<&str, i32> {
    verify(
        map_res(
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
            str::parse::<i32>,
        ),
        |y| (1900..2100).contains(y),
    )
    .parse(input)
}

/// `2023—2025年`, `2023-2025`, `2023年至2025年`.
fn year_range(input: &str) -> IResult<&str, (i32, i32)> {
    let (rest, start) = year(input)?;
    let (rest, _) = opt(tag("年")).parse(rest)?;
    let (rest, _) = alt((
        tag("——"),
        tag("—"),
        tag("–"),
        tag("-"),
        tag("~"),
        tag("～"),
        tag("至"),
        tag("到"),
    ))
    .parse(rest)?;
    let (rest, end) = year(rest)?;
    let (rest, _) = opt(tag("年")).parse(rest)?;
    Ok((rest, (start, end)))
}

/// `2025`, `2025年`, `2025年底前`, `2024年6月底前`, `2023.6`, `2023年上半年`, `2023年三季度`.
fn date(input: &str) -> IResult<&str, (i32, Option<u32>)> {
    let (rest, y) = year(input)?;
    let (rest, sep) = opt(alt((tag("年"), tag("."), tag("-"), tag("/")))).parse(rest)?;
    let (rest, month) = match sep {
        Some(_) => opt(month).parse(rest)?,
        None => (rest, None),
    };
    let (rest, part) = opt(alt((
        tag("年底"),
        tag("年末"),
        tag("底"),
        tag("末"),
        tag("上半年"),
        tag("下半年"),
        tag("第一季度"),
        tag("一季度"),
        tag("第二季度"),
        tag("二季度"),
        tag("第三季度"),
        tag("三季度"),
        tag("第四季度"),
        tag("四季度"),
    )))
    .parse(rest)?;
    let month = month.or(match part {
        Some("上半年" | "第二季度" | "二季度") => Some(6),
        Some("第一季度" | "一季度") => Some(3),
        Some("第三季度" | "三季度") => Some(9),
        Some(_) => Some(12),
        None => None,
    });
    Ok((rest, (y, month)))
}

/// `6月`, `06`, `12月` (followed by anything but another digit).
fn month(input: &str) -> IResult<&str, u32> {
    let (rest, m) =
        verify(map_res(digit1, str::parse::<u32>), |m| (1..=12).contains(m)).parse(input)?;
    let (rest, _) = opt(tag("月")).parse(rest)?;
    Ok((rest, m))
}

fn inside_quotes(t: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in t[..at].chars() {
        match c {
            '《' | '“' | '「' | '『' | '〈' => depth += 1,
            '》' | '”' | '」' | '』' | '〉' => depth = (depth - 1).max(0),
            '。' | '\n' => depth = 0,
            _ => {}
        }
    }
    depth > 0
}

/// Whether the clause (between `；` / `。`) around byte `at` holds a target.
fn clause_has_target(t: &str, at: usize) -> bool {
    let is_end = |c: char| matches!(c, ';' | '。' | '!' | '?' | '\n');
    let start = t[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let end = t[at..].find(is_end).map_or(t.len(), |j| at + j);
    targets(&t[start..end], None)
        .targets
        .iter()
        .any(|x| x.value.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    type DeadlineKey = (DeadlineKind, Option<i32>, Option<u32>, Option<i32>);

    fn cell(text: &str) -> Option<DeadlineKey> {
        deadline_cell(text).map(|d| (d.kind, d.year, d.month, d.end_year))
    }

    #[test]
    fn cells() {
        use DeadlineKind::{By, Ongoing, Range, Yearly};
        assert_eq!(cell("持续实施"), Some((Ongoing, None, None, None)));
        assert_eq!(cell("长期坚持"), Some((Ongoing, None, None, None)));
        assert_eq!(cell(" 持续推进\n"), Some((Ongoing, None, None, None)));
        assert_eq!(cell("2025"), Some((By, Some(2025), None, None)));
        assert_eq!(cell("2025年"), Some((By, Some(2025), None, None)));
        assert_eq!(cell("2025年底前"), Some((By, Some(2025), Some(12), None)));
        assert_eq!(cell("2024年6月底前"), Some((By, Some(2024), Some(6), None)));
        assert_eq!(
            cell("２０２４年６月"),
            Some((By, Some(2024), Some(6), None))
        );
        assert_eq!(
            cell("2023年6月30日前"),
            Some((By, Some(2023), Some(6), None))
        );
        assert_eq!(cell("2023.06"), Some((By, Some(2023), Some(6), None)));
        assert_eq!(cell("2023年上半年"), Some((By, Some(2023), Some(6), None)));
        assert_eq!(cell("2024年三季度"), Some((By, Some(2024), Some(9), None)));
        assert_eq!(
            cell("2023—2025年"),
            Some((Range, Some(2023), None, Some(2025)))
        );
        assert_eq!(
            cell("2023-2025"),
            Some((Range, Some(2023), None, Some(2025)))
        );
        assert_eq!(
            cell("2023年至2025年"),
            Some((Range, Some(2023), None, Some(2025)))
        );
        assert_eq!(cell("每年"), Some((Yearly, None, None, None)));
        assert_eq!(
            cell("2023年起长期坚持"),
            Some((Ongoing, Some(2023), None, None))
        );
        assert_eq!(cell("年底前"), Some((By, None, Some(12), None)));
        assert_eq!(cell(""), None);
        assert_eq!(cell("  \n"), None);
        assert_eq!(cell("—"), None);
        assert_eq!(
            cell("立即启动"),
            Some((DeadlineKind::None, None, None, None))
        );
        assert_eq!(
            deadline_cell("2025年<br>底前").map(|d| d.raw),
            Some("2025年底前".to_string())
        );
    }

    fn prose(text: &str) -> Option<(Option<i32>, Option<u32>)> {
        prose_deadline(text).map(|d| (d.year, d.month))
    }

    #[test]
    fn months_without_a_year_take_the_documents() {
        use DeadlineKind::{By, Yearly};
        let cell = |t: &str| {
            let d = deadline_cell_in(t, Some(2024)).unwrap();
            (d.kind, d.year, d.month)
        };
        assert_eq!(cell("6月底前完成"), (By, Some(2024), Some(6)));
        assert_eq!(cell("9月底"), (By, Some(2024), Some(9)));
        // the whole year: by its end (as 年底, the year left to the reader)
        assert_eq!(cell("全年"), (By, None, Some(12)));
        assert_eq!(cell("每年3月前"), (Yearly, None, Some(3)));
        // a dated month keeps its own year
        assert_eq!(cell("2025年6月底前"), (By, Some(2025), Some(6)));
        let prose = |t: &str| prose_deadline_in(t, Some(2024)).map(|d| (d.kind, d.year, d.month));
        assert_eq!(
            prose("完成摸底排查，建立台账，6月底前完成。"),
            Some((By, Some(2024), Some(6)))
        );
        assert_eq!(
            prose("各县财政部门要于每年12月20日前将总结报告报送市财政局。"),
            Some((Yearly, None, Some(12)))
        );
        // a month inside the task's work is no deadline of the whole task
        assert_eq!(
            prose("3月前完成方案制定，随后开展培训，全面推进工作。"),
            Some((By, Some(2024), Some(3)))
        );
        assert_eq!(prose("组织培训，其中6月底前培训200人，推进工作。"), None);
    }

    #[test]
    fn prose_deadlines() {
        assert_eq!(
            prose("推进规范化建设，2023年底前完成。"),
            Some((Some(2023), Some(12)))
        );
        assert_eq!(
            prose("到2025年，基本建成城乡社区服务体系。"),
            Some((Some(2025), None))
        );
        assert_eq!(
            prose("2024年6月底前，出台实施细则。"),
            Some((Some(2024), Some(6)))
        );
        assert_eq!(
            prose("力争到2025年底，实现社会工作服务全覆盖。"),
            Some((Some(2025), Some(12)))
        );
        assert_eq!(
            prose("到2023年将城乡社区工作者轮训一遍。"),
            Some((Some(2023), None))
        );
        assert_eq!(prose("2024年完成全部改造任务"), Some((Some(2024), None)));
    }

    #[test]
    fn no_prose_deadline() {
        // the year belongs to a target in the same clause
        assert_eq!(prose("实施无障碍改造，年底前完成1000个。"), None);
        assert_eq!(prose("到2025年末，实现每个乡镇至少有1名社工师。"), None);
        assert_eq!(prose("年底前服务能力标准比例提高到75%以上"), None);
        // a status date, a start, a title, a plain mention
        assert_eq!(prose("截至2020年底，全市有社区工作者492人。"), None);
        assert_eq!(prose("自2023年起推行积分制管理。"), None);
        assert_eq!(prose("贯彻《2023年社区工作要点》，加强督导。"), None);
        assert_eq!(prose("2024年已享受补贴的消费者可继续享受。"), None);
        // what was done already
        assert_eq!(prose("推进道路建设，东环路已于2014年5月30日通车。"), None);
        assert_eq!(prose("推进道路建设，一期已经在6月底前完工。"), None);
        // two different years
        assert_eq!(
            prose("到2023年，建立制度；力争到2025年，全面满足需求。"),
            None
        );
        assert_eq!(prose("加强社区教育。"), None);
        // a year phrase in the middle of a sentence speaks for its own clause only
        assert_eq!(
            prose(
                "灵活采取多种形式，综合运用各种方法，到2025年末，将工作者轮训一遍，并推进后续培训。"
            ),
            None
        );
    }
}
