//! Running headers, footers and page numbers: removed by position *and*
//! pattern, and named in a note, so that no body line goes with them.

use std::collections::HashMap;

use super::Item;
use crate::backend::Page;
use crate::lines::Line;

/// Removes running headers and footers and page numbers, by position *and*
/// pattern, and says what went (one note per kind):
/// - position: only the outermost lines of a page, in its top 10 % or bottom
///   12 %, with nothing else (no table, no body line) further out;
/// - a running header or footer: the same text at the same height on at least
///   half the pages (two or more); where its digits differ from page to page
///   they must count with the pages (`第3页` on page 3, `第4页` on page 4);
/// - a page number (`3`, `- 3 -`, `第3页`, `3/9`): its number counts with the
///   pages on at least two pages, or, in a one-page document, it is decorated
///   or a lone centred number at the foot.
///
/// So a first table row `1 2 3`, a formula's `= 1`, chart labels and a line
/// that repeats on every page but sits among the body stay.
pub(super) fn remove_running_lines(pages: &[Page], per_page: &mut [Vec<Item>]) -> Vec<String> {
    // (page index, item index) of the outermost lines in the bands.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (p, (page, items)) in pages.iter().zip(per_page.iter()).enumerate() {
        let top = |i: &Item| matches!(i, Item::Line(l) if l.y < page.height * 0.1);
        let bottom = |i: &Item| matches!(i, Item::Line(l) if l.y > page.height * 0.88);
        let head = items.iter().take_while(|i| top(i)).count();
        let foot = items.iter().rev().take_while(|i| bottom(i)).count();
        let foot_start = items.len().saturating_sub(foot).max(head);
        candidates.extend((0..head).chain(foot_start..items.len()).map(|i| (p, i)));
    }
    let line_at = |per_page: &[Vec<Item>], (p, i): (usize, usize)| -> Option<Line> {
        match per_page.get(p)?.get(i)? {
            Item::Line(l) => Some(l.clone()),
            Item::Table(_) => None,
        }
    };
    let lines: Vec<((usize, usize), Line)> = candidates
        .iter()
        .filter_map(|&at| Some((at, line_at(per_page, at)?)))
        .collect();
    let mut remove: Vec<(usize, usize)> = Vec::new();
    let mut notes = Vec::new();

    // Running headers and footers: same text (digits blanked), same height.
    let key = |line: &Line| {
        let text: String = line
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        (text, (line.y / 6.0).round() as i64)
    };
    let mut groups: HashMap<(String, i64), Vec<usize>> = HashMap::new();
    for (n, (_, line)) in lines.iter().enumerate() {
        if !is_page_number(&line.text) {
            groups.entry(key(line)).or_default().push(n);
        }
    }
    let repeated_at = (pages.len() / 2).max(2);
    let mut headers: Vec<(u32, String, usize)> = Vec::new();
    for members in groups.values() {
        let mut on_pages: Vec<u32> = members
            .iter()
            .filter_map(|&n| lines.get(n))
            .map(|(_, l)| l.page)
            .collect();
        on_pages.dedup();
        if on_pages.len() < repeated_at {
            continue;
        }
        let texts: Vec<&Line> = members
            .iter()
            .filter_map(|&n| lines.get(n))
            .map(|(_, l)| l)
            .collect();
        let same = texts
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.text == b.text));
        if !same && !counts_with_pages(&texts) {
            continue;
        }
        for &n in members {
            if let Some((at, _)) = lines.get(n) {
                remove.push(*at);
            }
        }
        if let Some(first) = texts.first() {
            headers.push((first.page, first.text.clone(), on_pages.len()));
        }
    }
    headers.sort();
    for (_, text, n) in headers {
        notes.push(format!(
            "removed the running header or footer \"{text}\" repeated on {n} pages"
        ));
    }

    // Page numbers: a page-number pattern whose number counts with the pages.
    let numbered: Vec<((usize, usize), &Line, i64)> = lines
        .iter()
        .filter(|(at, _)| !remove.contains(at))
        .filter_map(|(at, l)| {
            let value = page_number_value(&l.text)?;
            Some((*at, l, value - i64::from(l.page)))
        })
        .collect();
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (_, _, offset) in &numbered {
        *offsets.entry(*offset).or_default() += 1;
    }
    let best = offsets
        .iter()
        .max_by_key(|&(offset, n)| (*n, -offset.abs()))
        .map(|(offset, n)| (*offset, *n));
    let mut numbers: Vec<String> = Vec::new();
    for (at, line, offset) in &numbered {
        let counts = match best {
            Some((o, n)) if n >= 2 => *offset == o,
            _ if pages.len() == 1 => {
                let page = pages.first();
                let centred = page.is_some_and(|p| {
                    ((line.x0 + line.x1) / 2.0 - p.width / 2.0).abs() < p.width * 0.1
                });
                let decorated = line.text.trim().chars().any(|c| !c.is_ascii_digit());
                let foot = page.is_some_and(|p| line.y > p.height * 0.88);
                decorated || (centred && foot)
            }
            _ => false,
        };
        if counts {
            remove.push(*at);
            numbers.push(line.text.trim().to_string());
        }
    }
    if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
        notes.push(if numbers.len() == 1 {
            format!("removed the page number \"{first}\"")
        } else {
            format!(
                "removed {} page numbers (\"{first}\" … \"{last}\")",
                numbers.len()
            )
        });
    }

    // Only from the page edge inwards: a header under a line that stays is
    // body text after all.
    let mut from_edges: Vec<(usize, usize)> = Vec::new();
    for (p, items) in per_page.iter().enumerate() {
        let removed = |i: &usize| remove.contains(&(p, *i));
        from_edges.extend((0..items.len()).take_while(removed).map(|i| (p, i)));
        from_edges.extend((0..items.len()).rev().take_while(removed).map(|i| (p, i)));
    }
    let mut remove = from_edges;
    remove.sort_unstable();
    remove.dedup();
    for &(p, i) in remove.iter().rev() {
        if let Some(items) = per_page.get_mut(p)
            && i < items.len()
        {
            items.remove(i);
        }
    }
    notes
}

/// Lines of one running-header group whose texts differ only in a number
/// that counts with the pages (the same offset from the page number).
fn counts_with_pages(lines: &[&Line]) -> bool {
    let offsets: Vec<Option<i64>> = lines
        .iter()
        .map(|l| {
            let digits: String = l
                .text
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            Some(digits.parse::<i64>().ok()? - i64::from(l.page))
        })
        .collect();
    offsets.first().is_some_and(Option::is_some) && offsets.windows(2).all(|w| w[0] == w[1])
}

/// "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3 / 9", "·3·" — but
/// not "1 2 3" (white space between two digits is kept, so a row of numbers
/// is no page number).
fn is_page_number(text: &str) -> bool {
    page_number_value(text).is_some()
}

/// The page's number in a page-number line.
fn page_number_value(text: &str) -> Option<i64> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut t = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j));
            let after = chars
                .get(i + 1..)
                .and_then(|r| r.iter().find(|c| !c.is_whitespace()));
            if before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit) {
                t.push(' ');
            }
            continue;
        }
        t.push(c);
    }
    let trimmed =
        t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•' | '─' | '_'));
    let digits = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    if let Some(n) = digits(trimmed) {
        return Some(n);
    }
    if let Some((a, b)) = trimmed.split_once('/') {
        return digits(b).and(digits(a));
    }
    let rest = trimmed.strip_prefix('第')?;
    let (first, tail) = rest.split_once('页')?;
    let n = digits(first)?;
    (tail.is_empty()
        || tail
            .strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .and_then(digits)
            .is_some())
    .then_some(n)
}

#[cfg(test)]
mod running_tests {
    use super::super::Item;
    use super::*;
    use crate::backend::Page;
    use crate::lines::Line;

    #[test]
    fn page_numbers_are_recognised() {
        for yes in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "3/9"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "2025年",
            "一、总体要求",
            "第三条",
            "1 2 3",
            "= 1",
            "10 20 30",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    fn page(number: u32) -> Page {
        Page {
            number,
            width: 600.0,
            height: 840.0,
            ..Page::default()
        }
    }

    /// A line of `text` on `page` at baseline `y`, from `x0`.
    fn line(page: u32, y: f32, x0: f32, text: &str) -> Item {
        Item::Line(Line {
            page,
            y,
            x0,
            x1: x0 + 12.0 * text.chars().count() as f32,
            size: 12.0,
            text: text.to_string(),
            pieces: vec![(x0, text.to_string())],
        })
    }

    fn texts(per_page: &[Vec<Item>]) -> Vec<Vec<String>> {
        per_page
            .iter()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Line(l) => Some(l.text.clone()),
                        Item::Table(_) => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn headers_and_page_numbers_go_with_a_note() {
        let pages = [page(1), page(2), page(3)];
        let mut per_page: Vec<Vec<Item>> = (1..=3)
            .map(|p| {
                vec![
                    line(p, 40.0, 200.0, "某某市人民政府办公室"),
                    line(p, 120.0, 72.0, "正文"),
                    line(p, 800.0, 290.0, &format!("- {p} -")),
                ]
            })
            .collect();
        let notes = remove_running_lines(&pages, &mut per_page);
        assert_eq!(texts(&per_page), vec![vec!["正文"]; 3]);
        assert_eq!(
            notes,
            [
                "removed the running header or footer \"某某市人民政府办公室\" repeated on 3 pages",
                "removed 3 page numbers (\"- 1 -\" … \"- 3 -\")"
            ]
        );
    }

    #[test]
    fn a_first_row_of_numbers_and_chart_labels_stay() {
        let pages = [page(1)];
        let mut per_page = vec![vec![
            line(1, 50.0, 72.0, "1 2 3"),
            line(1, 120.0, 72.0, "正文"),
            line(1, 760.0, 60.0, "20"),
            line(1, 780.0, 60.0, "10"),
            line(1, 800.0, 60.0, "0"),
        ]];
        let before = texts(&per_page);
        let notes = remove_running_lines(&pages, &mut per_page);
        assert_eq!(texts(&per_page), before, "{notes:?}");
        assert!(notes.is_empty());
    }

    #[test]
    fn numbers_that_do_not_count_with_the_pages_stay() {
        // "= 1" of a formula set alone at the foot of both pages, and the
        // same "1" on both: not a page number (page 2 would say 2).
        let pages = [page(1), page(2)];
        let mut per_page: Vec<Vec<Item>> = (1..=2)
            .map(|p| vec![line(p, 120.0, 72.0, "正文"), line(p, 800.0, 290.0, "1")])
            .collect();
        let before = texts(&per_page);
        remove_running_lines(&pages, &mut per_page);
        assert_eq!(texts(&per_page), before);
    }

    #[test]
    fn a_repeated_line_among_the_body_stays() {
        // The same caption on every page, but under a body line in the band.
        let pages = [page(1), page(2)];
        let mut per_page: Vec<Vec<Item>> = (1..=2)
            .map(|p| {
                vec![
                    line(p, 30.0, 72.0, ["正文甲", "正文乙"][p as usize - 1]),
                    line(p, 60.0, 72.0, "表1 主要指标"),
                    line(p, 120.0, 72.0, "正文"),
                ]
            })
            .collect();
        let before = texts(&per_page);
        remove_running_lines(&pages, &mut per_page);
        assert_eq!(texts(&per_page), before);
    }
}
