//! Indicators: a 专栏 indicator table, or a 工作目标 / 主要目标 paragraph.

use std::sync::LazyLock;

use policy_blocks::{Cell, Merge, Table};
use policy_model::{Comparator, Indicator, Quantity, Span};
use regex::Regex;

use crate::fold::Folded;
use crate::quantity::{PREFIXES, amount, combine};
use crate::targets::scan;
use policy_grammar::chars::{fold_char, fold_width};
use policy_grammar::lexicon::{self, contains_any};
use policy_grammar::numbering::box_label;

/// Reads a 专栏 indicator table: a header naming 指标 and 目标值 (and perhaps 序号,
/// 基期值, 属性, 单位, in any order; years in header cells such as `2020 年<br>基期值`),
/// then one indicator per row. `—` is no value; a unit may sit in the header, a
/// unit column, the name (`城镇新增就业（万人）`) or the cell; comparators `≥ ≤ > <`
/// and words (`不低于`) are read. Title rows above the header (`专栏 1 …`) give the
/// box id when `box_id` is `None`. `None` when the table is not an indicator table.
pub fn indicators_from_table(table: &Table, box_id: Option<&str>) -> Option<Vec<Indicator>> {
    let (header_idx, mut columns) =
        table.rows.iter().enumerate().take(5).find_map(|(i, row)| {
            let headers: Vec<String> = row.cells.iter().map(|c| compact(&c.text)).collect();
            Columns::classify(&headers).map(|cols| (i, cols))
        })?;
    let box_id = box_id.map(str::to_string).or_else(|| {
        table
            .rows
            .iter()
            .take(header_idx)
            .flat_map(|r| &r.cells)
            .find_map(|c| box_of(&c.text))
    });
    if columns.target_year.is_none() {
        let title: String = table
            .rows
            .iter()
            .take(header_idx)
            .flat_map(|r| &r.cells)
            .map(|c| compact(&c.text))
            .collect();
        if let Some((base, end)) = plan_period(&title) {
            columns.target_year = Some(end);
            columns.baseline_year = columns.baseline_year.or(columns.baseline.map(|_| base));
        }
    }
    let mut out = Vec::new();
    for row in table.rows.iter().skip(header_idx + 1) {
        let cell = |idx: Option<usize>| {
            idx.and_then(|i| row.cells.get(i))
                .filter(|c| c.merge != Merge::Left)
        };
        let Some(name_cell) = cell(Some(columns.name)) else {
            continue;
        };
        let (name, name_unit) = split_name_unit(&clean_name(&name_cell.text));
        let headers: Vec<String> = row.cells.iter().map(|c| compact(&c.text)).collect();
        if name.is_empty() || Columns::classify(&headers).is_some() {
            continue;
        }
        let unit = cell(columns.unit)
            .map(|c| compact(&c.text))
            .filter(|u| !u.is_empty() && !is_blank(u));
        let default_unit = unit.or(name_unit).or_else(|| columns.header_unit.clone());
        let baseline = cell(columns.baseline).and_then(|c| {
            cell_quantity(
                &c.text,
                columns.baseline_year,
                default_unit.as_deref(),
                false,
            )
        });
        let target = cell(Some(columns.target)).and_then(|c| {
            cell_quantity(&c.text, columns.target_year, default_unit.as_deref(), true)
        });
        let attribute = cell(columns.attribute).and_then(|c| attribute(&c.text));
        let span = row
            .cells
            .iter()
            .map(|c: &Cell| c.span)
            .reduce(Span::cover)
            .unwrap_or_default();
        out.push(Indicator {
            name,
            baseline,
            target,
            attribute,
            in_box: box_id.clone(),
            span,
        });
    }
    Some(out)
}

/// Reads a 工作目标 / 主要目标 paragraph (`到2025年末，A达100%；B不低于10%；…`): one
/// indicator per target, named by the phrase before its comparator (cleaned of a
/// leading `到2025年末`, `全县`, `其中` and the like). `span` is the paragraph's span;
/// each indicator's span points at its own phrase.
pub fn indicators_from_goals(text: &str, span: Span) -> Vec<Indicator> {
    let folded = Folded::new(text);
    let t = folded.text.as_str();
    let (found, _) = scan(&folded, None);
    let mut out = Vec::new();
    let mut prev_end = 0;
    // Names still to hand out to the values of a `A、B和C分别达X、Y和Z` list.
    let mut respectively: std::collections::VecDeque<String> = Default::default();
    for (k, f) in found.iter().enumerate() {
        let boundary = t[..f.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, ',' | ';' | '。' | ':' | '!' | '?' | '\n' | '，' | '；'))
            .map_or(0, |(j, c)| j + c.len_utf8());
        let name_start = boundary.max(prev_end).min(f.start);
        let list_goes_on = is_list_gap(&t[prev_end.min(f.start)..f.start]);
        prev_end = f.end;
        let mut name = clean_goal_name(&t[name_start..f.start]);
        if !list_goes_on {
            respectively.clear();
        }
        if let Some(next) = respectively.pop_front().filter(|_| list_goes_on) {
            name = next;
        } else if name.contains(lexicon::RESPECTIVELY) {
            // How many values follow in the same list (this one included).
            let values = 1 + found[k + 1..]
                .iter()
                .scan(f.end, |end, g| {
                    let gap = is_list_gap(&t[(*end).min(g.start)..g.start]);
                    *end = g.end;
                    gap.then_some(())
                })
                .count();
            if let Some(mut names) = respectively_names(&name, values) {
                name = names.remove(0);
                respectively = names.into();
            }
        }
        // `建成3家以上互联网孵化器和众创空间`: the verb's object, after the number, names it.
        if lexicon::RESULT_VERBS.contains(&name.as_str()) || name.chars().count() < 2 {
            let object = object_after(&t[f.end..]);
            if object.chars().count() >= 2 {
                name = object;
            }
        }
        if name.chars().count() < 2 || f.target.value.is_none() {
            continue;
        }
        let (start, end) = (folded.orig_offset(name_start), folded.orig_offset(f.end));
        let target = Quantity {
            raw: Some(f.target.raw.clone()),
            comparator: f.target.comparator,
            value: f.target.value,
            unit: f.target.unit.clone(),
            year: f.target.year,
        };
        out.push(Indicator {
            name,
            baseline: None,
            target: Some(target),
            attribute: None,
            in_box: None,
            span: Span {
                start: span.start + start,
                end: span.start + end,
                page: span.page,
            },
        });
    }
    // A goal item with a short title of its own and one target (`（一）总目标任务。
    // 全区…共744辆…`): the title names it.
    if let [only] = out.as_mut_slice()
        && let Some(title) = goal_title(t)
    {
        only.name = title;
    }
    out
}

/// The short title opening a goal item (`年度目标任务。…`): no number, no comma.
fn goal_title(text: &str) -> Option<String> {
    let (lead, rest) = text.split_once('。')?;
    let lead = lead.trim();
    let short = (2..=12).contains(&lead.chars().count());
    let plain = !lead.contains(|c: char| {
        c.is_ascii_digit() || matches!(c, ',' | '，' | '、' | ';' | '；' | ':' | '：' | '%')
    });
    // `行动目标。`, `主要目标。`: the section's own word names nothing.
    let generic = lexicon::BACKGROUND.contains(&lead) || lexicon::SECTION_TITLES.contains(&lead);
    (short && plain && !generic && !rest.trim().is_empty()).then(|| lead.to_string())
}

/// The noun phrase right after a goal's number, up to the clause's end
/// (`互联网孵化器和众创空间` of `3家以上互联网孵化器和众创空间，…`).
fn object_after(rest: &str) -> String {
    let end = rest
        .find([',', '，', '。', ';', '；', ':', '：', '\n'])
        .unwrap_or(rest.len());
    let object = rest[..end].trim();
    if object.chars().count() > 20 || object.contains(|c: char| c.is_ascii_digit()) {
        return String::new();
    }
    clean_name(object)
}

/// Whether the text between two values only separates them in one list (`、`, `和`).
fn is_list_gap(gap: &str) -> bool {
    gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，'))
        .trim_start_matches(lexicon::CONJUNCTIONS)
        .trim()
        .is_empty()
}

/// `货物贸易、对外投资和实际利用外资分别占比` with three values → `货物贸易占比`,
/// `对外投资占比`, `实际利用外资占比`: the subjects before 分别 split at their last
/// separators, each with the measure written after 分别. `None` when the
/// subjects do not split into as many as there are values.
fn respectively_names(name: &str, values: usize) -> Option<Vec<String>> {
    let (subjects, measure) = name.split_once(lexicon::RESPECTIVELY)?;
    if values < 2 {
        return None;
    }
    let cuts: Vec<(usize, usize)> = subjects
        .char_indices()
        .filter(|&(_, c)| matches!(c, '、' | '，' | ',' | '和' | '及'))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    if cuts.len() < values - 1 {
        return None;
    }
    let cuts = &cuts[cuts.len() - (values - 1)..];
    let mut names = Vec::with_capacity(values);
    let mut from = 0;
    for &(at, after) in cuts
        .iter()
        .chain(std::iter::once(&(subjects.len(), subjects.len())))
    {
        let subject = subjects[from..at].trim();
        if subject.is_empty() {
            return None;
        }
        names.push(format!("{subject}{}", measure.trim()));
        from = after;
    }
    Some(names)
}

/// Reads an indicator table flattened into one run of text, as a web page's
/// table copied as text comes: `表2 …核心指标类别序号指标内容规划目标属性火灾防控成效
/// 1亡人火灾事故起数占比同比不得上升预期性2十万人火灾事故死亡率低于0.26预期性…`.
/// The header names the indicator, its target and its attribute; each row then
/// ends with its attribute (预期性 / 约束性), opens with an optional category and
/// its 序号, and splits into name and target where the target's words start
/// (a comparator, 同比 / 低于 / 总量 …, or the first digit). Empty unless the
/// text holds such a header followed by such rows. `span` is the text's span.
pub fn indicators_from_flat_table(text: &str, span: Span) -> Vec<Indicator> {
    let Some((header_start, header_end)) = flat_header(text) else {
        return Vec::new();
    };
    let before = &text[..header_start];
    let title_start = before.char_indices().rev().nth(60).map_or(0, |(i, _)| i);
    let title = &before[title_start..];
    let year = plan_period(title).map(|(_, end)| end);
    let in_box = table_id(title);
    let mut out = Vec::new();
    let mut from = header_end;
    while let Some((at, value)) = lexicon::ATTRIBUTE_VALUES
        .iter()
        .filter_map(|v| text[from..].find(v).map(|i| (from + i, *v)))
        .min_by_key(|(i, _)| *i)
    {
        let row = &text[from..at];
        let Some(indicator) = flat_row(row, value, year, in_box.clone(), span) else {
            break;
        };
        out.push(indicator);
        from = at + value.len();
    }
    out
}

/// The header of a flattened indicator table: an indicator column, then a
/// target and an attribute column, within a few characters of each other.
fn flat_header(text: &str) -> Option<(usize, usize)> {
    let start = text.find("指标")?;
    let window_end = text[start..]
        .char_indices()
        .nth(16)
        .map_or(text.len(), |(i, _)| start + i);
    let window = &text[start..window_end];
    let target = lexicon::HEADER_TARGET
        .iter()
        .filter_map(|w| window.find(w))
        .min()?;
    let (attr, word) = lexicon::HEADER_ATTRIBUTE
        .iter()
        .filter_map(|w| window.find(w).map(|i| (i, *w)))
        .min_by_key(|(i, _)| *i)?;
    // The header starts at the words before 指标 that name columns (类别序号).
    let lead = lexicon::HEADER_LEAD_COLUMNS
        .iter()
        .filter_map(|w| text[..start].rfind(w).filter(|&i| start - i <= 12))
        .min()
        .unwrap_or(start);
    (target < attr).then_some((lead, start + attr + word.len()))
}

/// `表2`, `附表1` in a table's title.
fn table_id(title: &str) -> Option<String> {
    static ID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:附表|表)\s*[0-9]+").expect("static regex"));
    ID.find(title)
        .map(|m| m.as_str().split_whitespace().collect())
}

/// One flattened row: `[category]序号 name target` before its attribute.
fn flat_row(
    row: &str,
    attribute: &str,
    year: Option<i32>,
    in_box: Option<String>,
    span: Span,
) -> Option<Indicator> {
    // A row is short; anything longer is the text after the table.
    if row.chars().count() > 200 {
        return None;
    }
    let (seq_at, seq) = row
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| {
            let len = row[i..].chars().take_while(char::is_ascii_digit).count();
            (i, len)
        })?;
    // The category before the 序号 holds no digit and is short.
    if row[..seq_at].chars().count() > 12 {
        return None;
    }
    let body = &row[seq_at + seq..];
    let digit = body.find(|c: char| c.is_ascii_digit());
    let cue = lexicon::FLAT_TARGET_CUES
        .iter()
        .copied()
        .chain(lexicon::COMPARATOR_PREFIXES.iter().map(|(w, _)| *w))
        .filter_map(|w| body.find(w))
        .filter(|&i| body[..i].chars().count() >= 2);
    let split = cue.chain(digit).min()?;
    let name = clean_name(&body[..split]);
    let target_text = &body[split..];
    if name.chars().count() < 2 {
        return None;
    }
    let folded = Folded::new(target_text);
    let (found, _) = scan(&folded, year);
    let target = match found.into_iter().next() {
        Some(f) => Quantity {
            raw: Some(target_text.to_string()),
            comparator: f.target.comparator,
            value: f.target.value,
            unit: f.target.unit,
            year: f.target.year.or(year),
        },
        // A bare ratio (`低于0.26`) or no number at all (`同比不得上升`).
        None => cell_quantity(target_text, year, None, true).unwrap_or(Quantity {
            raw: Some(target_text.to_string()),
            comparator: None,
            value: None,
            unit: None,
            year,
        }),
    };
    Some(Indicator {
        name,
        baseline: None,
        target: Some(target),
        attribute: Some(attribute.to_string()),
        in_box,
        span,
    })
}

/// Which column holds what.
#[derive(Clone, Debug, Default, PartialEq)]
struct Columns {
    name: usize,
    target: usize,
    baseline: Option<usize>,
    attribute: Option<usize>,
    unit: Option<usize>,
    baseline_year: Option<i32>,
    target_year: Option<i32>,
    /// A unit written in the header (`目标值（%）`).
    header_unit: Option<String>,
}

impl Columns {
    /// Classifies a header row; `None` unless it names an indicator and a target.
    fn classify(headers: &[String]) -> Option<Columns> {
        let mut name = None;
        let mut target = None;
        let mut baseline = None;
        let mut attribute = None;
        let mut unit = None;
        let mut years: Vec<(usize, i32)> = Vec::new();
        let mut cols = Columns::default();
        // the header of a task table (分工表, 台账), whatever else it names
        if headers
            .iter()
            .any(|h| contains_any(h, lexicon::HEADER_TASK_TABLE))
        {
            return None;
        }
        for (i, h) in headers.iter().enumerate() {
            let h = h.as_str();
            if h.is_empty() || h.contains("专栏") {
                continue;
            }
            let year = header_year(h);
            if h.contains("序号") || h == "编号" {
            } else if contains_any(h, lexicon::HEADER_ATTRIBUTE) {
                attribute = Some(i);
            } else if contains_any(h, lexicon::HEADER_UNIT) {
                unit = Some(i);
            } else if contains_any(h, lexicon::HEADER_BASELINE) {
                baseline = Some(i);
                cols.baseline_year = year;
            } else if contains_any(h, lexicon::HEADER_TARGET) {
                target = Some(i);
                cols.target_year = year;
                cols.header_unit = cols.header_unit.or_else(|| paren_unit(h));
            } else if contains_any(h, lexicon::HEADER_INDICATOR) {
                name = name.or(Some(i));
            } else if let Some(y) =
                year.filter(|_| h.trim_end_matches(['年', ')', '）']).len() <= 8)
            {
                years.push((i, y));
            }
        }
        // bare year columns: the earlier is the baseline, the later the target
        years.sort_by_key(|&(_, y)| y);
        if target.is_none()
            && let Some(&(i, y)) = years.last()
        {
            target = Some(i);
            cols.target_year = Some(y);
            years.pop();
        }
        if baseline.is_none()
            && let Some(&(i, y)) = years
                .first()
                .filter(|&&(_, y)| cols.target_year.is_none_or(|t| y < t))
        {
            baseline = Some(i);
            cols.baseline_year = Some(y);
        }
        let name = name?;
        let names_indicators = headers.get(name).is_some_and(|h| h.contains("指标"));
        if !(names_indicators || baseline.is_some() || attribute.is_some()) {
            return None;
        }
        cols.name = name;
        cols.target = target?;
        cols.baseline = baseline;
        cols.attribute = attribute;
        cols.unit = unit;
        Some(cols)
    }
}

/// A header or cell without spaces, `<br>` or line breaks, width-folded.
fn compact(s: &str) -> String {
    let compact = |s: &str| -> String {
        s.chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    if s.contains('<') {
        compact(
            &s.replace("<br>", "")
                .replace("<br/>", "")
                .replace("<br />", ""),
        )
    } else {
        compact(s)
    }
}

/// An indicator name as written, with line breaks and PDF spaces between CJK characters removed.
fn clean_name(s: &str) -> String {
    let s = s.replace("<br>", "").replace("<br/>", "");
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (k, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars
                .get(k + 1..)
                .and_then(|r| r.iter().find(|c| !c.is_whitespace()).copied());
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(prev) && latin(next) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// `城镇新增就业（万人）` → (`城镇新增就业`, `万人`).
fn split_name_unit(name: &str) -> (String, Option<String>) {
    static UNIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[（(]([^（）()]{1,8})[）)]$").expect("static regex"));
    if let Some(caps) = UNIT.captures(name)
        && let (Some(whole), Some(u)) = (caps.get(0), caps.get(1))
        && is_unit(u.as_str())
    {
        return (
            name[..whole.start()].to_string(),
            Some(fold_width(u.as_str())),
        );
    }
    (name.to_string(), None)
}

/// `目标值（%）` → `%`.
fn paren_unit(h: &str) -> Option<String> {
    let (_, u) = split_name_unit(h);
    u
}

/// Whether `s` reads as a unit on its own (`%`, `万人`, `平方米`).
fn is_unit(s: &str) -> bool {
    let probe = format!("1{}", fold_width(s));
    amount(&probe).is_ok_and(|(rest, a)| rest.is_empty() && a.unit.is_some())
}

fn header_year(h: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})年?").expect("static regex"));
    YEAR.captures(h)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// The plan period a title names, as (baseline year, target year): `“十四五”` → (2020, 2025),
/// `2021—2025年` → (2020, 2025).
fn plan_period(title: &str) -> Option<(i32, i32)> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})年?(?:—{1,2}|–|-|~|至)((?:19|20)\d{2})").expect("static regex")
    });
    if let Some(&(_, base)) = lexicon::FIVE_YEAR_PLANS
        .iter()
        .find(|(w, _)| title.contains(w))
    {
        return Some((base, base + 5));
    }
    let caps = RANGE.captures(title)?;
    let start: i32 = caps.get(1)?.as_str().parse().ok()?;
    Some((start - 1, caps.get(2)?.as_str().parse().ok()?))
}

/// The first box label in a text: `…专栏 1 “十四五”…` → `专栏1`.
fn box_of(text: &str) -> Option<String> {
    text.match_indices(lexicon::BOX)
        .find_map(|(at, _)| box_label(&text[at..]))
        .map(|(id, _)| id)
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(
            c,
            '—' | '-' | '–' | '/' | '\\' | '－' | '━' | '─' | '_' | '无' | '*'
        )
    })
}

/// A value cell: `100%`, `30 平方米`, `≥10%`, `18 人`, `〔70〕`, `—` (none), `全覆盖` (raw only).
fn cell_quantity(
    text: &str,
    year: Option<i32>,
    default_unit: Option<&str>,
    is_target: bool,
) -> Option<Quantity> {
    let raw = clean_name(text);
    let c = compact(text);
    if c.is_empty() || is_blank(&c) {
        return None;
    }
    let mut rest = c.trim_matches(|ch| matches!(ch, '[' | ']' | '〔' | '〕' | '【' | '】'));
    let prefix = PREFIXES.iter().find_map(|&(w, cmp)| {
        rest.strip_prefix(w).map(|r| {
            rest = r;
            cmp
        })
    });
    let mut q = Quantity {
        raw: Some(raw),
        comparator: None,
        value: None,
        unit: None,
        year,
    };
    if let Ok((_, a)) = amount(rest) {
        q.value = Some(a.value);
        q.unit = a.unit.clone().or_else(|| default_unit.map(str::to_string));
        let explicit = prefix.is_some() || a.suffix.is_some() || a.more_than;
        q.comparator = (is_target || explicit).then(|| combine(prefix, &a));
    } else if is_target {
        q.comparator = prefix;
    }
    if q.comparator.is_none() && is_target && q.value.is_some() {
        q.comparator = Some(Comparator::Equal);
    }
    Some(q)
}

fn attribute(text: &str) -> Option<String> {
    let c = compact(text);
    if c.contains("约束") {
        Some("约束性".to_string())
    } else if c.contains("预期") {
        Some("预期性".to_string())
    } else if c.is_empty() || is_blank(&c) {
        None
    } else {
        Some(c)
    }
}

/// The phrase before a goal's comparator, without its lead-in: `到2025年末,` `全县` `其中`.
fn clean_goal_name(s: &str) -> String {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\s|其中|并且|并|且|同时|以及|力争|争取|确保|使|到|至|在|截至|\d{4}\s*年\s*(?:底|末|年底|年末)?\s*(?:前|以前)?|全(?:国|省|区|市|州|盟|县|旗|乡|镇)|我(?:省|区|市|州|县|旗))+",
        )
        .expect("static regex")
    });
    let name = clean_name(s);
    let name = LEAD.replace(&name, "");
    name.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '，' | '、' | '(' | ')' | '（' | '）')
    })
    .trim_end_matches(lexicon::NAME_TRAILING_MODALS)
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use policy_blocks::Row;

    type QuantityKey = (Option<Comparator>, Option<f64>, Option<String>, Option<i32>);

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r
                        .iter()
                        .map(|t| Cell {
                            text: t.to_string(),
                            ..Cell::default()
                        })
                        .collect(),
                    is_header: false,
                })
                .collect(),
        }
    }

    fn q(q: &Option<Quantity>) -> Option<QuantityKey> {
        q.as_ref()
            .map(|q| (q.comparator, q.value, q.unit.clone(), q.year))
    }

    #[test]
    fn reads_a_box_table_with_years_in_headers() {
        let t = table(&[
            &["专栏 1 “十四五”城乡社区服务体系主要指标", "", "", "", ""],
            &[
                "序号",
                "指 标",
                "2020 年<br>基期值",
                "2025 年<br>目标值",
                "指标<br>属性",
            ],
            &["1", "城市社区综合服务设施覆盖率", "100%", "100%", "预期性"],
            &["2", "社区商业面积占比", "—", "≥10%", "预期性"],
            &[
                "3",
                "每百户拥有设施面积",
                "30 平方米",
                "≥30 平方米",
                "约束性",
            ],
        ]);
        let got = indicators_from_table(&t, None).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].in_box.as_deref(), Some("专栏1"));
        assert_eq!(
            q(&got[0].baseline),
            Some((None, Some(100.0), Some("%".into()), Some(2020)))
        );
        assert_eq!(
            q(&got[0].target),
            Some((
                Some(Comparator::Equal),
                Some(100.0),
                Some("%".into()),
                Some(2025)
            ))
        );
        assert_eq!(got[1].baseline, None);
        assert_eq!(
            q(&got[1].target),
            Some((
                Some(Comparator::AtLeast),
                Some(10.0),
                Some("%".into()),
                Some(2025)
            ))
        );
        assert_eq!(q(&got[2].target).unwrap().2.as_deref(), Some("平方米"));
        assert_eq!(got[2].attribute.as_deref(), Some("约束性"));
    }

    #[test]
    fn reads_other_column_orders_and_units() {
        // the layout of 国家“十四五”规划 tables: 类别 / 指标 / 2020年 / 2025年 / 年均/累计 / 属性
        let t = table(&[
            &["类别", "指 标", "2020年", "2025年", "属性"],
            &["经济发展", "城镇调查失业率（%）", "5.2", "<5.5", "预期性"],
            &["", "常住人口城镇化率（%）", "60.6*", "65", "预期性"],
            &["民生福祉", "人均预期寿命（岁）", "77.3", "〔1〕", "预期性"],
        ]);
        let got = indicators_from_table(&t, Some("专栏2")).unwrap();
        assert_eq!(got[0].name, "城镇调查失业率");
        assert_eq!(
            q(&got[0].target),
            Some((
                Some(Comparator::Below),
                Some(5.5),
                Some("%".into()),
                Some(2025)
            ))
        );
        assert_eq!(
            q(&got[0].baseline),
            Some((None, Some(5.2), Some("%".into()), Some(2020)))
        );
        assert_eq!(got[1].target.as_ref().and_then(|q| q.value), Some(65.0));
        assert_eq!(got[2].target.as_ref().and_then(|q| q.value), Some(1.0));
        assert_eq!(got[2].in_box.as_deref(), Some("专栏2"));

        let t = table(&[
            &[
                "指标名称",
                "单位",
                "属性",
                "目标值（2025年）",
                "现状值（2022年）",
            ],
            &["农作物耕种收综合机械化率", "%", "预期性", "≥75", "70"],
        ]);
        let got = indicators_from_table(&t, None).unwrap();
        assert_eq!(
            q(&got[0].target),
            Some((
                Some(Comparator::AtLeast),
                Some(75.0),
                Some("%".into()),
                Some(2025)
            ))
        );
        assert_eq!(
            q(&got[0].baseline),
            Some((None, Some(70.0), Some("%".into()), Some(2022)))
        );
    }

    #[test]
    fn years_from_the_plan_period_in_the_title() {
        let t = table(&[
            &["专栏2 “十四五”养老服务主要指标", "", "", ""],
            &["指标", "基期值", "目标值", "属性"],
            &["养老机构护理型床位占比", "45%", "≥55%", "约束性"],
        ]);
        let got = indicators_from_table(&t, None).unwrap();
        assert_eq!(got[0].baseline.as_ref().and_then(|q| q.year), Some(2020));
        assert_eq!(got[0].target.as_ref().and_then(|q| q.year), Some(2025));
        assert_eq!(got[0].in_box.as_deref(), Some("专栏2"));
        assert_eq!(plan_period("主要指标（2023—2027年）"), Some((2022, 2027)));
    }

    #[test]
    fn not_an_indicator_table() {
        let t = table(&[
            &["序号", "工作任务", "责任单位", "完成时限"],
            &["1", "完善机制", "县民政局", "2025年"],
        ]);
        assert_eq!(indicators_from_table(&t, None), None);
        assert_eq!(indicators_from_table(&Table::default(), None), None);
        let t = table(&[
            &["序号", "重点项目", "工作目标", "责任单位"],
            &["1", "社区养老", "建成100个中心", "县民政局"],
        ]);
        assert_eq!(indicators_from_table(&t, None), None);
        let t = table(&[&["项目", "目标"], &["示范社区", "10个"]]);
        assert_eq!(indicators_from_table(&t, None), None);
    }

    #[test]
    fn reads_a_goal_paragraph() {
        let text = "到2025年末，党建引领机制更加完善；城乡社区综合服务设施覆盖率达100%；\
                    社区综合服务设施面积达到每百户30平米以上；全县社区工作者不低于25人；\
                    培训覆盖率100%；日间照料机构覆盖率不低于90%。";
        let got = indicators_from_goals(text, Span::new(1000, 1000 + text.len()));
        let names: Vec<_> = got.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "城乡社区综合服务设施覆盖率",
                "社区综合服务设施面积",
                "社区工作者",
                "培训覆盖率",
                "日间照料机构覆盖率"
            ]
        );
        assert_eq!(
            q(&got[1].target),
            Some((
                Some(Comparator::AtLeast),
                Some(30.0),
                Some("平米".into()),
                Some(2025)
            ))
        );
        assert_eq!(q(&got[2].target).unwrap().0, Some(Comparator::AtLeast));
        assert_eq!(q(&got[3].target).unwrap().0, Some(Comparator::Equal));
        let first = &got[0].span;
        assert_eq!(
            &text[first.start - 1000..first.end - 1000],
            "城乡社区综合服务设施覆盖率达100%"
        );
    }

    #[test]
    fn values_written_respectively_go_to_their_subjects() {
        let text = "到2026年，全市与东盟国家进出口、双向投资和服务贸易分别增长15%、10%和8%，\
                    新增外贸企业200家。";
        let got: Vec<_> = indicators_from_goals(text, Span::default())
            .iter()
            .map(|i| (i.name.clone(), i.target.as_ref().and_then(|t| t.value)))
            .collect();
        assert_eq!(
            got,
            [
                ("与东盟国家进出口增长".to_string(), Some(15.0)),
                ("双向投资增长".to_string(), Some(10.0)),
                ("服务贸易增长".to_string(), Some(8.0)),
                ("新增外贸企业".to_string(), Some(200.0)),
            ]
        );
        // fewer subjects than values: the list is left as one name
        assert_eq!(respectively_names("进出口分别增长", 2), None);
        assert_eq!(
            respectively_names("甲、乙分别达", 2),
            Some(vec!["甲达".to_string(), "乙达".to_string()])
        );
    }

    #[test]
    fn goals_named_by_their_object_or_their_item_title() {
        let names = |text: &str| -> Vec<String> {
            indicators_from_goals(text, Span::default())
                .into_iter()
                .map(|i| i.name)
                .collect()
        };
        // the verb's object, written after the number
        assert_eq!(
            names("到2027年，建成5家以上数字化车间和智能工厂，培育专精特新企业20家。"),
            ["数字化车间和智能工厂", "培育专精特新企业"]
        );
        // a goal item with its own short title and one number
        assert_eq!(
            names("年度目标任务。全县应在年底前淘汰老旧车辆不少于300辆。"),
            ["年度目标任务"]
        );
        // …but not the section's own word, nor when it holds several numbers
        assert_eq!(
            names("行动目标。到2027年，建成示范园区3个。"),
            ["建成示范园区"]
        );
        assert_eq!(
            names("总体目标。覆盖率达90%，完成改造100处。"),
            ["覆盖率", "完成改造"]
        );
    }

    #[test]
    fn indicator_tables_flattened_to_text() {
        let text = "表3 “十四五”养老服务发展主要指标类别序号指标名称目标值属性服务供给\
                    1养老机构床位数达到1200张以上预期性2护理型床位占比不低于55%约束性\
                    质量提升3等级评定覆盖率100%预期性备注：床位含在建。";
        let got = indicators_from_flat_table(text, Span::default());
        let rows: Vec<_> = got
            .iter()
            .map(|i| {
                let t = i.target.as_ref().unwrap();
                (i.name.as_str(), t.value, i.attribute.as_deref(), t.year)
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("养老机构床位数", Some(1200.0), Some("预期性"), Some(2025)),
                ("护理型床位占比", Some(55.0), Some("约束性"), Some(2025)),
                ("等级评定覆盖率", Some(100.0), Some("预期性"), Some(2025)),
            ]
        );
        assert_eq!(got[0].in_box.as_deref(), Some("表3"));
        // prose that speaks of indicators is no table
        assert!(
            indicators_from_flat_table(
                "各项指标完成情况良好，预期性指标全部完成。",
                Span::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn goal_paragraph_beyond_the_seeds() {
        let text = "主要目标：到2027年，全省农作物耕种收综合机械化率达到75%以上，\
                    城镇调查失业率控制在5.5%以内，力争单位地区生产总值能耗下降13.5%。";
        let got = indicators_from_goals(text, Span::default());
        let got: Vec<_> = got
            .iter()
            .map(|i| (i.name.as_str(), q(&i.target).unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "农作物耕种收综合机械化率",
                    (
                        Some(Comparator::AtLeast),
                        Some(75.0),
                        Some("%".into()),
                        Some(2027)
                    )
                ),
                (
                    "城镇调查失业率",
                    (
                        Some(Comparator::AtMost),
                        Some(5.5),
                        Some("%".into()),
                        Some(2027)
                    )
                ),
                (
                    "单位地区生产总值能耗下降",
                    (
                        Some(Comparator::Equal),
                        Some(13.5),
                        Some("%".into()),
                        Some(2027)
                    )
                ),
            ]
        );
    }
}
