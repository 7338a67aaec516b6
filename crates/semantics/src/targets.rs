//! Quantitative targets in a task's text.

use std::sync::LazyLock;

use policy_model::{Comparator, Target};
use regex::Regex;

use crate::fold::Folded;
use crate::quantity::{HEDGES, amount, combine, prefix_comparator};
use policy_grammar::lexicon::{self, contains_any};

/// The targets found in one text, and what could not be read with confidence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targets {
    pub targets: Vec<Target>,
    /// One message per number kept raw without a value (a range, an odd form).
    pub doubts: Vec<String>,
}

/// Reads every quantitative commitment in `text` (`不低于1000人`, `建设100个…中心`,
/// `提高到75%以上`, `10万名`, `每百户30平米以上`, `至少1名`, `超10%`, `≥30 平方米`).
///
/// Dates, 文号, article numbers (`第3条`), `5G`, a `15分钟…圈` that names a thing, class
/// counts (`8类`), ages, durations, and numbers inside `《》` or quotes are not targets.
/// A range (`2—3人`, `3000—4000户`) is kept raw with no value and a doubt. The year
/// is the one the sentence states before the number (`到2025年末`, `2023年底前`), or
/// `doc_year` for `年底前` / `今年` / `年内`.
pub fn targets(text: &str, doc_year: Option<i32>) -> Targets {
    let folded = Folded::new(text);
    let (found, doubts) = scan(&folded, doc_year);
    // Collected into a new allocation of the right size: an in-place collect
    // would keep the larger `Found` buffer for the life of the task.
    let mut targets = Vec::with_capacity(found.len());
    targets.extend(found.into_iter().map(|f| f.target));
    Targets { targets, doubts }
}

/// A target and where it sits in the folded text.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub target: Target,
    /// Folded byte offset where `raw` starts (the comparator word or hedge, else the number).
    pub start: usize,
    /// Folded byte offset just after the amount and its suffix.
    pub end: usize,
}

/// Every target in a folded text, with positions, and the doubts.
pub(crate) fn scan(folded: &Folded<'_>, doc_year: Option<i32>) -> (Vec<Found>, Vec<String>) {
    let t = folded.text.as_str();
    let mut found = Vec::new();
    let mut doubts = Vec::new();
    let mut quoted = 0i32;
    let mut skip_to = 0usize;
    // (folded end of the previous target, its comparator, its year)
    let mut previous: Option<(usize, Comparator, Option<i32>)> = None;
    let bytes = t.as_bytes();
    let mut next = 0usize;
    // Byte by byte: only quotes, 。 and line breaks (lead bytes E2, E3, 0A) and
    // ASCII digits matter, so other characters are stepped over undecoded.
    while let Some(&lead) = bytes.get(next) {
        let i = next;
        if (0xE4..=0xEF).contains(&lead) {
            // ideographs (and forms folding has left): the bulk of the text
            next += 3;
            continue;
        }
        next += utf8_len(lead);
        if matches!(lead, 0xE2 | 0xE3 | b'\n') {
            match t.get(i..).and_then(|rest| rest.chars().next()) {
                Some('《' | '“' | '「' | '『' | '〈') => quoted += 1,
                Some('》' | '”' | '」' | '』' | '〉') => quoted = (quoted - 1).max(0),
                // a stray open quote (a page break, a typo) must not hide the rest of the text
                Some('。' | '\n') => quoted = 0,
                _ => {}
            }
            continue;
        }
        if i < skip_to || !lead.is_ascii_digit() || quoted > 0 {
            continue;
        }
        let before = t[..i].chars().next_back();
        if before.is_some_and(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, '.' | '第' | '/' | '-' | '〔' | '[' | '_' | '×' | '*')
        }) {
            continue;
        }
        let rest = &t[i..];
        let Ok((after, a)) = amount(rest) else {
            continue;
        };
        let end = t.len() - after.len();
        skip_to = end;
        if let Some(len) = date_len(rest) {
            skip_to = i + len;
            continue;
        }
        if let Some((range_end, unit)) = range_end(rest) {
            let raw_end = i + range_end;
            skip_to = raw_end;
            let raw = trim_raw(folded.orig_slice(i, raw_end));
            doubts.push(format!("range {raw:?} kept raw without a value"));
            let target = Target {
                raw,
                comparator: None,
                value: None,
                unit,
                year: year_before(t, i, doc_year),
            };
            found.push(Found {
                target,
                start: i,
                end: raw_end,
            });
            continue;
        }
        let Some(unit) = a.unit.clone() else { continue };
        let window_start = clause_start(t, i);
        let window = &t[window_start..i];
        let hit = prefix_comparator(window);
        if a.descriptive
            || names_a_thing(&unit, after)
            || (round_the_clock(&a) && hit.is_none())
            || is_rule_quantity(t, window, i, &unit, after, a.suffix.is_some())
        {
            continue;
        }
        let inherited = previous.filter(|&(prev_end, _, _)| {
            prev_end <= i
                && t[prev_end..i]
                    .chars()
                    .all(|ch| matches!(ch, '、' | '和' | '及' | '与' | ',' | ' '))
        });
        let prefix = hit.map(|h| h.comparator).or(inherited.map(|p| p.1));
        let comparator = combine(prefix, &a);
        let mut raw_start = hit.map_or(i, |h| window_start + h.start);
        // a hedge right before the comparator (`力争达到`) is part of what is written
        let lead = &window[..raw_start - window_start];
        if let Some(hedge) = HEDGES.iter().find(|h| lead.ends_with(*h)) {
            raw_start -= hedge.len();
        }
        let year = inherited
            .and_then(|p| p.2)
            .or_else(|| year_before(t, i, doc_year));
        let target = Target {
            raw: trim_raw(folded.orig_slice(raw_start, end)),
            comparator: Some(comparator),
            value: Some(a.value),
            unit: Some(unit),
            year,
        };
        found.push(Found {
            target,
            start: raw_start,
            end,
        });
        previous = Some((end, comparator, year));
    }
    (found, doubts)
}

/// A number that states a rule rather than a quantity of work: a subsidy
/// rate or cap (its sentence speaks of 补贴 / 奖励 …), a threshold of scope
/// (`5000元以上的`, `存栏5000头以上`), a capped choice (`至多选择2个`), what
/// exists already (`已有8个站点`), or a duration (`15天内`, `72小时`).
fn is_rule_quantity(
    t: &str,
    window: &str,
    at: usize,
    unit: &str,
    after: &str,
    has_suffix: bool,
) -> bool {
    let sentence_start = t[..at]
        .rfind(lexicon::SENTENCE_ENDS)
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    let sentence_end = t[at..]
        .find(lexicon::SENTENCE_ENDS)
        .map_or(t.len(), |i| at + i);
    let sentence = &t[sentence_start..sentence_end];
    let after = after.trim_start();
    // `5000元以上的`, `超过50年的`; not `20%的乡镇` (a share of subjects to reach).
    let threshold = lexicon::THRESHOLD_AFTER
        .iter()
        .any(|w| after.starts_with(w))
        || (after.starts_with('的') && (has_suffix || window.ends_with("超过")))
        || {
            // `存栏5000头以上`, `年存栏达500头的`: the threshold word right before
            // the number; `存栏稳定在25万头以上` states a target.
            let before = lexicon::THRESHOLD_LINKS
                .iter()
                .find_map(|w| window.strip_suffix(w))
                .unwrap_or(window);
            lexicon::THRESHOLD_BEFORE
                .iter()
                .any(|w| before.ends_with(w))
        };
    contains_any(sentence, lexicon::RULE_CONTEXT_WORDS)
        || threshold
        || lexicon::CAP_WORDS.iter().any(|w| near_end(window, w, 6))
        || lexicon::PICK_WORDS.iter().any(|w| window.ends_with(w))
        || {
            // within the comma clause: `已有2个县级、6个乡镇` (a list), not `现有10个，新增5个`
            let from = t[..at]
                .rfind(['，', ',', '；', ';', '。'])
                .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
            let clause = &t[from..at];
            lexicon::STATUS_BEFORE.iter().any(|w| clause.contains(w))
        }
        || lexicon::DURATION_UNITS.contains(&unit)
}

/// Whether `word` occurs within the last `chars` characters of `window`.
fn near_end(window: &str, word: &str, chars: usize) -> bool {
    let from = window
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    window[from..].contains(word)
}

/// The byte length of the UTF-8 character that starts with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether some 年 in `t` has a digit before it (white space between allowed):
/// without one, no `\d{4}\s*年` pattern can match.
pub(crate) fn digits_before_nian(t: &str) -> bool {
    t.match_indices('年')
        .any(|(j, _)| t[..j].trim_end().ends_with(char::is_numeric))
}

/// `24小时` (`24小时线上服务`, `7×24小时`) describes a service, not an amount.
fn round_the_clock(a: &crate::quantity::Amount<'_>) -> bool {
    a.value == 24.0 && a.unit.as_deref() == Some("小时") && a.suffix.is_none()
}

fn trim_raw(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '$')
        .to_string()
}

/// The length of a date at the start of `rest` (`2023.6.30`, `2023-06`, `2023/6`): not an amount.
fn date_len(rest: &str) -> Option<usize> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d{4}\s*[./\-]\s*\d{1,2}(?:[./\-]\d{1,2})?").expect("static regex")
    });
    static DECIMAL_CHAIN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+){2,}").expect("static regex"));
    // Both need a separator after the leading digits: most amounts have none.
    let after_digits = rest.trim_start_matches(char::is_numeric).trim_start();
    if !after_digits.starts_with(['.', '/', '-']) {
        return None;
    }
    let m = DATE.find(rest).or_else(|| DECIMAL_CHAIN.find(rest))?;
    let next = rest[m.end()..].chars().next();
    // `2023-2025年` is a span of years, not a date; leave it to the range check
    (!next.is_some_and(|c| c.is_ascii_digit() || c == '年')).then_some(m.end())
}

/// The byte length and unit of a range at the start of `rest` (`2—3人`, `3000-4000户`, `10%~20%`) when it ends in a unit.
fn range_end(rest: &str) -> Option<(usize, Option<String>)> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\d+(?:\.\d+)?\s*(?:%|万|亿)?\s*(?:—{1,2}|–|-|~|～|〜|至|到)\s*(\d+(?:\.\d+)?)",
        )
        .expect("static regex")
    });
    // The separator must follow the number (and a %, 万 or 亿): most amounts have none.
    let after = rest
        .trim_start_matches(|c: char| c.is_numeric() || c == '.')
        .trim_start();
    let after = after
        .strip_prefix(['%', '万', '亿'])
        .unwrap_or(after)
        .trim_start();
    if !after.starts_with(['—', '–', '-', '~', '～', '〜', '至', '到']) {
        return None;
    }
    let second = RANGE.captures(rest)?.get(1)?;
    let (after, a) = amount(&rest[second.start()..]).ok()?;
    (a.unit.is_some() && !a.descriptive).then(|| (rest.len() - after.len(), a.unit))
}

/// `15分钟便民生活圈`, `“15 分钟服务圈”`: a time that names a service radius.
fn names_a_thing(unit: &str, after: &str) -> bool {
    if !matches!(unit, "分钟" | "小时" | "公里" | "米") {
        return false;
    }
    after
        .chars()
        .take_while(|c| !is_boundary(*c))
        .take(8)
        .any(|c| c == '圈')
}

fn is_boundary(c: char) -> bool {
    matches!(
        c,
        ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '、' | '(' | ')' | '；' | '，'
    )
}

/// Where the clause holding byte `i` starts.
fn clause_start(t: &str, i: usize) -> usize {
    t[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_boundary(c))
        .map_or(0, |(j, c)| j + c.len_utf8())
}

/// The year a sentence gives before byte `i`: `到2025年末`, `2023年底前`, `力争2025年`;
/// `doc_year` for `年底前`, `今年`, `年内`.
pub(crate) fn year_before(t: &str, i: usize, doc_year: Option<i32>) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(到|至|在|于|力争|争取|确保|截至|截止)?\s*(\d{4})\s*年\s*(底|末|年底|年末|上半年|下半年)?\s*(前|以前|之前)?")
            .expect("static regex")
    });
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"年底前|年底|年末|年内|今年|本年度|当年").expect("static regex")
    });
    let sentence_start = t[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '!' | '?' | '\n'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let sentence = &t[sentence_start..i];
    // Every year phrase and bare word has a 年.
    if !sentence.contains('年') {
        return None;
    }
    let mut best: Option<(usize, Option<i32>)> = None;
    // The search with captures only where a `2025年` may be found.
    let years = digits_before_nian(sentence).then(|| YEAR.captures_iter(sentence));
    for caps in years.into_iter().flatten() {
        let deadline_like = caps.get(1).is_some() || caps.get(3).is_some() || caps.get(4).is_some();
        let (Some(whole), Some(y)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        if deadline_like {
            best = Some((whole.end(), y.as_str().parse().ok()));
        }
    }
    for m in BARE.find_iter(sentence) {
        let digit_before = sentence[..m.start()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit());
        if !digit_before && best.is_none_or(|(end, _)| m.start() >= end) {
            best = Some((m.end(), doc_year));
        }
    }
    best.and_then(|(_, y)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, unit, comparator) of every target with a value.
    fn vals(text: &str) -> Vec<(f64, String, &'static str)> {
        targets(text, None)
            .targets
            .into_iter()
            .filter_map(|t| {
                let c = match t.comparator? {
                    Comparator::AtLeast => ">=",
                    Comparator::AtMost => "<=",
                    Comparator::Equal => "=",
                    Comparator::Above => ">",
                    Comparator::Below => "<",
                    Comparator::About => "~",
                };
                Some((t.value?, t.unit?, c))
            })
            .collect()
    }

    fn one(text: &str) -> (f64, String, &'static str) {
        let v = vals(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn rules_of_a_scheme_are_not_targets() {
        for text in [
            "每件补贴不超过2000元，补贴标准为售价的15%",
            "购机价格在5000元以上的鼓励非现金支付",
            "超过50年的老旧管网",
            "完成存栏5000头以上生猪规模养殖场改造",
            "各市至多选择2个平台，并确定其中1家平台对接",
            "在15天内完成送货，3小时内投送",
            "在已有2个县级、6个乡镇服务站的基础上扩大覆盖",
        ] {
            let found = targets(text, None);
            assert!(found.targets.is_empty(), "{text}: {:?}", found.targets);
        }
        // a share of the subjects to reach is a target
        assert_eq!(one("全区20%的乡镇完成达标建设"), (20.0, "%".into(), "="));
        // what exists is not; what is added to it is
        assert_eq!(one("现有站点10个，新增站点5个").0, 5.0);
        // a threshold word with a verb before the number states a target
        assert_eq!(one("生猪存栏稳定在25万头以上").0, 25.0);
        assert!(targets("年存栏达500头的养殖场", None).targets.is_empty());
    }

    #[test]
    fn units_as_plans_write_them() {
        // (the text is width-folded before units are read)
        assert_eq!(one("推广智能装备2000台（套）").1, "台(套)");
        assert_eq!(one("实现节能量30万吨标煤").1, "万吨标煤");
        assert_eq!(one("每年开展宣传不少于4场次").1, "场次");
        // a cap on a rule is no target
        assert!(targets("股权比例可至100%", None).targets.is_empty());
    }

    #[test]
    fn comparator_words() {
        assert_eq!(
            one("全年累计招录不低于1000人，并落实待遇"),
            (1000.0, "人".into(), ">=")
        );
        assert_eq!(one("新建住宅区不少于30张床位"), (30.0, "张".into(), ">="));
        assert_eq!(one("覆盖率达到100%。"), (100.0, "%".into(), "="));
        assert_eq!(one("比例提高到75%以上"), (75.0, "%".into(), ">="));
        assert_eq!(
            one("设施面积达到每百户30平米以上"),
            (30.0, "平米".into(), ">=")
        );
        assert_eq!(one("每个村至少配备1名灾害信息员"), (1.0, "名".into(), ">="));
        assert_eq!(one("同比增长超10%"), (10.0, "%".into(), ">="));
        assert_eq!(one("人均≥30 平方米"), (30.0, "平方米".into(), ">="));
        assert_eq!(one("人均＞30平方米"), (30.0, "平方米".into(), ">"));
        assert_eq!(one("社区工作者大于25人"), (25.0, "人".into(), ">"));
        assert_eq!(one("年运营成本不超过2000元"), (2000.0, "元".into(), "<="));
        assert_eq!(one("城镇调查失业率控制在5.5%以内"), (5.5, "%".into(), "<="));
        assert_eq!(one("空置率低于5%"), (5.0, "%".into(), "<"));
        assert_eq!(one("力争达到80%"), (80.0, "%".into(), "="));
        assert_eq!(one("培训约200人次"), (200.0, "人次".into(), "~"));
        assert_eq!(
            one("完成7000户特殊困难老年人家庭适老化改造"),
            (7000.0, "户".into(), "=")
        );
        assert_eq!(
            one("每年为１０万名残疾人提供康复服务"),
            (10.0, "万名".into(), "=")
        );
        assert_eq!(one("培育100余个社区社会组织"), (100.0, "个".into(), ">"));
        assert_eq!(one("单位GDP能耗下降13.5%"), (13.5, "%".into(), "="));
    }

    #[test]
    fn raw_keeps_the_words_and_hedges() {
        let t = targets("力争达到80%以上，约100个", None).targets;
        assert_eq!(t[0].raw, "力争达到80%以上");
        assert_eq!(t[1].raw, "约100个");
        let t = targets("全年累计招录“社工岗”不低于１０００人", None).targets;
        assert_eq!(t[0].raw, "不低于１０００人");
    }

    #[test]
    fn lists_share_a_comparator_and_year() {
        let t = targets(
            "到2024年，全省货物贸易、对外投资和实际利用外资分别占比达30%、20%和10%。",
            None,
        )
        .targets;
        let got: Vec<_> = t.iter().map(|t| (t.value, t.comparator, t.year)).collect();
        assert_eq!(
            got,
            vec![(Some(30.0), Some(Comparator::Equal), Some(2024)); 1]
                .into_iter()
                .chain([
                    (Some(20.0), Some(Comparator::Equal), Some(2024)),
                    (Some(10.0), Some(Comparator::Equal), Some(2024))
                ])
                .collect::<Vec<_>>()
        );
        let v = vals("建设20个笼式足球场、12个多功能运动场");
        assert_eq!(v, vec![(20.0, "个".into(), "="), (12.0, "个".into(), "=")]);
    }

    #[test]
    fn not_targets() {
        for text in [
            "2023年6月20日印发",
            "吉民发〔2023〕35号",
            "依照第3条规定",
            "加快5G基站建设",
            "打造15分钟便民生活圈",
            "城市社区“15 分钟服务圈”建设持续推进",
            "推进试点城市一刻钟便民生活服务圈建设",
            "第一，一是加强领导",
            "等8类重点居家老年人",
            "12类家电产品",
            "推动一批优秀人才，建设一个中心",
            "60岁以上老年人",
            "3个月内完成整改",
            "颁布《2023年社区服务条例》",
            "截至2023.06.30",
            "拨打12345热线",
            "PM2.5浓度",
            "群众关切项目应开展24小时线上服务",
            "提供7×24小时服务",
        ] {
            assert_eq!(vals(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_stray_quote_hides_only_its_sentence() {
        assert_eq!(
            vals("开展“社区行动，建设10个中心。建成20个站点"),
            vec![(20.0, "个".into(), "=")]
        );
    }

    #[test]
    fn ranges_are_doubts() {
        let out = targets("每个社区配备2—3人，服务3000—4000户范围内的居民", None);
        assert_eq!(out.targets.len(), 2);
        assert!(out.targets.iter().all(|t| t.value.is_none()));
        assert_eq!(out.targets[0].raw, "2—3人");
        assert_eq!(out.targets[1].raw, "3000—4000户");
        assert_eq!(out.targets[1].unit.as_deref(), Some("户"));
        assert_eq!(out.doubts.len(), 2);
        assert!(vals("2023—2025年每年开展").is_empty());
    }

    #[test]
    fn years_from_the_sentence() {
        let year = |text: &str, doc| targets(text, doc).targets.first().and_then(|t| t.year);
        assert_eq!(year("到2025年末，覆盖率达100%", None), Some(2025));
        assert_eq!(year("2023年底前完成1000个", None), Some(2023));
        assert_eq!(year("年底前完成1000个", Some(2023)), Some(2023));
        assert_eq!(year("年底前完成1000个", None), None);
        assert_eq!(year("到2025年。建设100个中心", None), None);
        assert_eq!(year("2024年已享受补贴的，最多补贴3件", None), None);
        assert_eq!(year("力争2025年底，实现每个乡镇至少1名", None), Some(2025));
    }
}
