//! Table fragments stitched into one table across pages: a repeated header
//! row dropped, a row the page break cut joined back, a merged region that
//! runs over the break continued.

use policy_blocks::Merge;

use super::flow::Flow;
use crate::lines::join_wrapped;
use crate::tables::Fragment;

/// A table being gathered over pages.
#[derive(Debug)]
pub(super) struct OpenTable {
    rows: Vec<Vec<(String, Merge)>>,
    page: u32,
    last_page: u32,
    header_repeated: bool,
    /// Per column of the last row: its text ended with a hard line end.
    last_row_ends_short: Vec<bool>,
}

impl Flow {
    pub(super) fn push_fragment(&mut self, fragment: Fragment) {
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

    pub(super) fn flush_table(&mut self) {
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
