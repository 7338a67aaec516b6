//! Pages → blocks in reading order: running headers and footers removed,
//! lines joined into paragraphs (also across page breaks), table fragments
//! stitched into one table across pages.

use std::collections::HashMap;

use policy_blocks::{Decoded, DecodedBuilder, Limits, Merge, SourceFormat};

use crate::Error;
use crate::backend::{Loaded, Page};
use crate::lines::{Line, build_lines, is_cjk, join_wrapped};
use crate::tables::{Fragment, fill, find_grids};

/// One thing on a page, in reading order.
#[derive(Clone, Debug)]
enum Item {
    Line(Line),
    Table(Fragment),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Line(l) => l.y - l.size,
            Item::Table(t) => t.top,
        }
    }
}

pub(crate) fn assemble(loaded: Loaded, limits: &Limits) -> Result<Decoded, Error> {
    let Loaded { pages, notes, .. } = loaded;
    let mut doc = DecodedBuilder::new(SourceFormat::Pdf);
    for note in notes {
        doc.note(note);
    }
    let mut per_page: Vec<Vec<Item>> = Vec::with_capacity(pages.len());
    for page in &pages {
        per_page.push(page_items(page, limits)?);
    }
    for note in remove_running_lines(&pages, &mut per_page) {
        doc.note(note);
    }
    let per_page: Vec<Vec<Item>> = per_page.into_iter().map(aligned_tables).collect();
    let margins = Margins::of(&pages, &per_page);
    let mut flow = Flow {
        doc,
        margins,
        para: None,
        table: None,
    };
    for items in per_page {
        for item in items {
            match item {
                Item::Line(line) => {
                    flow.flush_table();
                    flow.push_line(line);
                }
                Item::Table(fragment) => {
                    flow.flush_paragraph();
                    flow.push_fragment(fragment);
                }
            }
        }
    }
    flow.flush_paragraph();
    flow.flush_table();
    Ok(flow.doc.finish())
}

/// Tables found from rules plus the lines of the glyphs outside them.
fn page_items(page: &Page, limits: &Limits) -> Result<Vec<Item>, Error> {
    let grids = find_grids(&page.segments);
    let mut outside = Vec::with_capacity(page.glyphs.len());
    let mut items = Vec::new();
    let mut inside: Vec<Vec<crate::backend::Glyph>> = vec![Vec::new(); grids.len()];
    for g in &page.glyphs {
        let (x, y) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.3);
        match grids.iter().position(|grid| grid.contains(x, y)) {
            Some(i) => {
                if let Some(list) = inside.get_mut(i) {
                    list.push(*g);
                }
            }
            None => outside.push(*g),
        }
    }
    for (grid, glyphs) in grids.iter().zip(&inside) {
        let fragment = fill(page.number, grid, glyphs, limits)?;
        if !fragment.rows.is_empty() {
            items.push(Item::Table(fragment));
        }
    }
    items.extend(
        build_lines(page.number, &outside)
            .into_iter()
            .map(Item::Line),
    );
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    Ok(items)
}

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
fn remove_running_lines(pages: &[Page], per_page: &mut [Vec<Item>]) -> Vec<String> {
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

/// Runs of at least three lines split by wide gaps into pieces that start at
/// the same x positions: a table drawn without rules. A one-piece line right
/// below that starts at one of the later columns continues that cell.
fn aligned_tables(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut iter = items.into_iter();
    let mut run: Vec<Line> = Vec::new();
    loop {
        let next = iter.next();
        let extends = match &next {
            Some(Item::Line(l)) => l.pieces.len() >= 2 || continues_column(&run, l),
            _ => false,
        };
        if extends {
            if let Some(Item::Line(l)) = next {
                run.push(l);
            }
            continue;
        }
        flush_run(&mut run, &mut out);
        match next {
            Some(item) => out.push(item),
            None => break,
        }
    }
    out
}

fn continues_column(run: &[Line], line: &Line) -> bool {
    let Some(prev) = run.last() else { return false };
    let size = prev.size.max(1.0);
    let first_x = run.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    line.pieces.len() == 1
        && line.page == prev.page
        && line.y - prev.y < 2.0 * size
        && line.x0 > first_x + size
        && run
            .iter()
            .flat_map(|l| l.pieces.iter().skip(1))
            .any(|(x, _)| (x - line.x0).abs() < size)
}

fn flush_run(run: &mut Vec<Line>, out: &mut Vec<Item>) {
    let lines = std::mem::take(run);
    let multi = lines.iter().filter(|l| l.pieces.len() >= 2).count();
    let columns = if multi >= 3 {
        column_starts(&lines)
    } else {
        Vec::new()
    };
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    if columns.len() < 2 || columns.len() > 15 {
        out.extend(lines.into_iter().map(Item::Line));
        return;
    }
    let column_of = |x: f32| {
        columns
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map_or(0, |(i, _)| i)
    };
    let mut rows: Vec<Vec<(String, Merge)>> = Vec::new();
    for line in &lines {
        if line.pieces.len() >= 2 || rows.is_empty() {
            rows.push(vec![(String::new(), Merge::None); columns.len()]);
        }
        if let Some(row) = rows.last_mut() {
            for (x, piece) in &line.pieces {
                if let Some(cell) = row.get_mut(column_of(*x)) {
                    join_wrapped(&mut cell.0, piece);
                }
            }
        }
    }
    let n_cols = columns.len();
    out.push(Item::Table(Fragment {
        page: first.page,
        top: first.y - first.size,
        bottom: last.y,
        rows,
        last_row_ends_short: vec![false; n_cols],
    }));
}

/// Left edges shared by the pieces of the multi-piece lines, each used by at
/// least two lines.
fn column_starts(lines: &[Line]) -> Vec<f32> {
    let size = lines.first().map_or(10.0, |l| l.size.max(1.0));
    let mut xs: Vec<f32> = lines
        .iter()
        .filter(|l| l.pieces.len() >= 2)
        .flat_map(|l| l.pieces.iter().map(|p| p.0))
        .collect();
    xs.sort_by(f32::total_cmp);
    let mut clusters: Vec<(f32, usize)> = Vec::new();
    for x in xs {
        match clusters.last_mut() {
            Some((start, n)) if x - *start < size => *n += 1,
            _ => clusters.push((x, 1)),
        }
    }
    if clusters.iter().any(|&(_, n)| n < 2) {
        return Vec::new();
    }
    clusters.into_iter().map(|(x, _)| x).collect()
}

/// "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3 / 9", "·3·" — but
/// not "1 2 3" (white space between two digits is kept, so a row of numbers
/// is no page number).
pub(crate) fn is_page_number(text: &str) -> bool {
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

/// Where body text starts and ends on the page.
#[derive(Clone, Copy, Debug)]
struct Margins {
    left: f32,
    right: f32,
    size: f32,
}

impl Margins {
    fn of(pages: &[Page], per_page: &[Vec<Item>]) -> Margins {
        let lines: Vec<&Line> = per_page
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Line(l) if l.text.chars().count() >= 8 => Some(l),
                _ => None,
            })
            .collect();
        let mut left_votes: HashMap<i64, usize> = HashMap::new();
        for l in &lines {
            *left_votes.entry(l.x0.round() as i64).or_default() += 1;
        }
        let left = left_votes
            .into_iter()
            .max_by_key(|&(x, n)| (n, -x))
            .map_or(72.0, |(x, _)| x as f32);
        let mut rights: Vec<f32> = lines.iter().map(|l| l.x1).collect();
        rights.sort_by(f32::total_cmp);
        // Too few lines to tell where the margin is: assume a symmetric page.
        let width = pages.iter().map(|p| p.width).fold(0.0_f32, f32::max);
        let right = if rights.len() >= 10 {
            rights
                .get(rights.len().saturating_sub(1) * 9 / 10)
                .copied()
                .unwrap_or(width - left)
        } else {
            width - left
        };
        let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
        sizes.sort_by(f32::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(12.0);
        Margins { left, right, size }
    }
}

/// A paragraph being gathered.
#[derive(Debug)]
struct Para {
    text: String,
    page: u32,
    last: Line,
    /// Every line so far was one or two characters (a name set vertically).
    vertical: bool,
}

/// A table being gathered over pages.
#[derive(Debug)]
struct OpenTable {
    rows: Vec<Vec<(String, Merge)>>,
    page: u32,
    last_page: u32,
    header_repeated: bool,
    /// Per column of the last row: its text ended with a hard line end.
    last_row_ends_short: Vec<bool>,
}

#[derive(Debug)]
struct Flow {
    doc: DecodedBuilder,
    margins: Margins,
    para: Option<Para>,
    table: Option<OpenTable>,
}

impl Flow {
    fn push_line(&mut self, line: Line) {
        let starts_new = match &self.para {
            None => true,
            Some(p) => self.breaks_between(p, &line),
        };
        if starts_new {
            self.flush_paragraph();
            let vertical = line.text.chars().count() <= 2;
            self.para = Some(Para {
                text: line.text.clone(),
                page: line.page,
                last: line,
                vertical,
            });
        } else if let Some(p) = &mut self.para {
            join_wrapped(&mut p.text, &line.text);
            p.vertical &= line.text.chars().count() <= 2;
            p.last = line;
        }
    }

    /// Does `line` start a new paragraph after `para`?
    fn breaks_between(&self, para: &Para, line: &Line) -> bool {
        let prev = &para.last;
        let m = self.margins;
        let size = prev.size.max(line.size).max(1.0);
        if para.vertical
            && line.text.chars().count() <= 2
            && line.page == prev.page
            && (line.x0 - prev.x0).abs() < size
            && line.y - prev.y < 2.5 * size
        {
            return false;
        }
        if starts_with_numbering(&line.text) {
            return true;
        }
        if (prev.size - line.size).abs() > 0.2 * size {
            return true;
        }
        if line.page == prev.page {
            if line.y - prev.y > 2.2 * size || line.y < prev.y {
                return true;
            }
        } else if line.page != prev.page + 1 || ends_sentence(&prev.text) {
            return true;
        }
        let centered = |l: &Line| {
            let mid = (m.left + m.right) / 2.0;
            l.x0 > m.left + 2.0 * size && ((l.x0 + l.x1) / 2.0 - mid).abs() < 2.0 * size
        };
        if centered(prev) && centered(line) && line.page == prev.page && prev.size > m.size * 1.1 {
            return false;
        }
        let indented = line.x0 > m.left + 1.2 * size;
        // Unjustified CJK lines end up to two characters short of the margin.
        let ends_short = prev.x1 < m.right - 2.5 * size;
        // After a full line that ends mid-sentence, an indented line is a hanging indent.
        (indented && ends_sentence(&prev.text)) || ends_short
    }

    fn flush_paragraph(&mut self) {
        if let Some(p) = self.para.take() {
            let text = p.text.trim();
            if !text.is_empty() {
                self.doc.paragraph(text, Some(p.page));
            }
        }
    }

    fn push_fragment(&mut self, fragment: Fragment) {
        let n_cols = fragment.rows.first().map_or(0, Vec::len);
        let continues = self.table.as_ref().is_some_and(|t| {
            t.last_page + 1 == fragment.page && t.rows.first().map_or(0, Vec::len) == n_cols
        });
        if !continues {
            self.flush_table();
            self.table = Some(OpenTable {
                rows: fragment.rows,
                page: fragment.page,
                last_page: fragment.page,
                header_repeated: false,
                last_row_ends_short: fragment.last_row_ends_short,
            });
            return;
        }
        let Some(table) = self.table.as_mut() else {
            return;
        };
        let mut rows = fragment.rows.into_iter().peekable();
        if let (Some(first), Some(header)) = (rows.peek(), table.rows.first())
            && same_text(first, header)
        {
            rows.next();
            table.header_repeated = true;
        }
        let number_col = number_column(&table.rows);
        if let Some(first) = rows.peek()
            && let Some(col) = number_col
            && first.get(col).is_some_and(|(t, _)| t.is_empty())
            && first.iter().any(|(t, _)| !t.is_empty())
            && let Some(cut) = rows.next()
        {
            // The row the page break cut: its text goes on in the previous page's last row.
            let last = table.rows.len().saturating_sub(1);
            for (c, (text, _)) in cut.into_iter().enumerate() {
                if !text.is_empty() {
                    let (ar, ac) = anchor_of(&table.rows, last, c);
                    let hard_end = table.last_row_ends_short.get(c).copied().unwrap_or(false);
                    if let Some(cell) = table.rows.get_mut(ar).and_then(|r| r.get_mut(ac)) {
                        if hard_end && !cell.0.is_empty() {
                            cell.0.push('\n');
                        }
                        join_wrapped(&mut cell.0, &text);
                    }
                }
            }
        } else if let Some(first) = rows.next() {
            // A merged region running over the break: its empty top cell continues the one above.
            let mut first = first;
            let below: Option<&Vec<(String, Merge)>> = rows.peek();
            let previous = table.rows.last();
            for (c, cell) in first.iter_mut().enumerate() {
                let region_goes_on = below
                    .and_then(|r| r.get(c))
                    .is_some_and(|(_, m)| *m == Merge::Up)
                    || previous
                        .and_then(|r| r.get(c))
                        .is_some_and(|(_, m)| *m == Merge::Up);
                if cell.0.is_empty()
                    && cell.1 == Merge::None
                    && Some(c) != number_col
                    && region_goes_on
                {
                    cell.1 = Merge::Up;
                }
            }
            table.rows.push(first);
        }
        table.rows.extend(rows);
        table.last_page = fragment.page;
        table.last_row_ends_short = fragment.last_row_ends_short;
    }

    fn flush_table(&mut self) {
        if let Some(t) = self.table.take() {
            let is_header_first =
                t.header_repeated || t.rows.first().is_some_and(|r| looks_like_header(r));
            let n_rows = t.rows.len();
            let rows = t
                .rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| (cells, i == 0 && is_header_first && n_rows > 1))
                .collect();
            self.doc.table(rows, Some(t.page));
        }
    }
}

/// The cell a merge continuation belongs to.
fn anchor_of(rows: &[Vec<(String, Merge)>], mut r: usize, mut c: usize) -> (usize, usize) {
    loop {
        match rows.get(r).and_then(|row| row.get(c)).map(|cell| cell.1) {
            Some(Merge::Up) if r > 0 => r -= 1,
            Some(Merge::Left) if c > 0 => c -= 1,
            _ => return (r, c),
        }
    }
}

fn same_text(a: &[(String, Merge)], b: &[(String, Merge)]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
        && a.iter().any(|x| !x.0.is_empty())
}

/// The column that numbers the rows (序号): most of its cells are small integers.
fn number_column(rows: &[Vec<(String, Merge)>]) -> Option<usize> {
    let n_cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let data_rows = rows.len().saturating_sub(1).max(1);
    (0..n_cols)
        .map(|c| {
            let n = rows
                .iter()
                .filter(|r| r.get(c).is_some_and(|(t, _)| is_small_number(t)))
                .count();
            (c, n)
        })
        .filter(|&(_, n)| n >= 2 && n * 2 >= data_rows)
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c)
}

fn is_small_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '、', '．']);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// A first row of short labels, none a number.
fn looks_like_header(row: &[(String, Merge)]) -> bool {
    let anchors: Vec<&String> = row
        .iter()
        .filter(|(_, m)| *m == Merge::None)
        .map(|(t, _)| t)
        .collect();
    anchors.len() >= 2
        && anchors
            .iter()
            .all(|t| !t.is_empty() && t.chars().count() <= 12 && !is_small_number(t))
        && !anchors.iter().any(|t| t.ends_with(['。', '；']))
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?'])
}

/// 一、 （一） (一) 1. 1、 1． （1） 第一章 第一条 at the start of a line.
pub(crate) fn starts_with_numbering(text: &str) -> bool {
    let t = text.trim_start();
    let cn = |c: char| "一二三四五六七八九十百零〇".contains(c);
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
            && (inner.chars().all(cn) || inner.chars().all(|c| c.is_ascii_digit()))
            && t.contains(['）', ')']);
    }
    if first == '第' {
        let n: String = chars
            .by_ref()
            .take_while(|&c| cn(c) || c.is_ascii_digit())
            .collect();
        return !n.is_empty()
            && t.chars()
                .nth(n.chars().count() + 1)
                .is_some_and(|c| "章节条部分".contains(c));
    }
    if cn(first) {
        let rest: String = std::iter::once(first).chain(chars).collect();
        let n = rest.chars().take_while(|&c| cn(c)).count();
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
    let _ = is_cjk;
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
}

#[cfg(test)]
mod aligned_tests {
    use super::*;

    fn line(y: f32, pieces: &[(f32, &str)]) -> Item {
        let pieces: Vec<(f32, String)> = pieces.iter().map(|(x, t)| (*x, t.to_string())).collect();
        let text = pieces.iter().map(|p| p.1.as_str()).collect();
        let x0 = pieces.first().map_or(0.0, |p| p.0);
        Item::Line(Line {
            page: 1,
            y,
            x0,
            x1: 400.0,
            size: 10.0,
            text,
            pieces,
        })
    }

    #[test]
    fn aligned_pieces_become_a_table_and_prose_stays() {
        let items = vec![
            line(10.0, &[(0.0, "一、总体要求")]),
            line(30.0, &[(0.0, "序号"), (50.0, "任务"), (200.0, "责任单位")]),
            line(45.0, &[(0.0, "1"), (50.0, "建设平台"), (200.0, "省商务厅")]),
            line(57.0, &[(200.0, "省财政厅")]),
            line(70.0, &[(0.0, "2"), (50.0, "开展活动"), (200.0, "各市政府")]),
            line(90.0, &[(0.0, "二、保障措施")]),
        ];
        let out = aligned_tables(items);
        assert_eq!(out.len(), 3);
        let Some(Item::Table(t)) = out.get(1) else {
            panic!("no table: {out:?}")
        };
        let texts: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.0.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["序号", "任务", "责任单位"],
                vec!["1", "建设平台", "省商务厅省财政厅"],
                vec!["2", "开展活动", "各市政府"]
            ]
        );
    }
}

#[cfg(test)]
mod running_tests {
    use super::*;

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
