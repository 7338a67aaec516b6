//! Box-drawn tables (`┌─┬─┐ │ … │ └─┘`), as legal databases copy them. The
//! rule characters give the columns; a part drawn only of `─` closes a cell
//! in its column alone, so cells merged over rows are known, and the grid
//! rows ([`GridCell`]) need no alignment.

use policy_blocks::Span;

use super::header::{Kind, is_header_cell, kind_of};
use super::{Found, Layout, Piece, RawRow};
use crate::forms::{Line, clean};

/// The characters that draw a box's vertical rules and corners.
fn is_rule(c: char) -> bool {
    matches!(
        c,
        '│' | '┃'
            | '├'
            | '┤'
            | '┼'
            | '┌'
            | '┐'
            | '└'
            | '┘'
            | '┬'
            | '┴'
            | '┏'
            | '┓'
            | '┗'
            | '┛'
            | '┳'
            | '┻'
            | '┣'
            | '┫'
            | '╋'
    )
}

fn is_border(c: char) -> bool {
    is_rule(c) || matches!(c, '─' | '━' | ' ' | '\u{3000}')
}

/// A box-drawing table. The rule characters split every line into one part
/// per column; a part drawn only of `─` closes that column's cell, so a cell
/// merged over rows in one column is closed in that column alone. A line
/// opening with a bullet (`△`, `●`…) starts a cell too: bulleted items
/// listed in one box are rows of their own. Each cell start is a grid row;
/// a column whose cell is still open there continues the cell above.
pub(super) fn boxed_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let mut parts_by_line: Vec<Vec<(String, Span, bool)>> = Vec::new();
    let mut end = i;
    for (n, line) in lines.iter().enumerate().skip(i) {
        let t = line.text.trim();
        // A box runs from its top border to its bottom border; another top
        // border starts another box.
        if !t.starts_with(is_rule) || !t.ends_with(is_rule) || n > i && t.starts_with(['┌', '┏'])
        {
            break;
        }
        end += 1;
        let bottom = t.starts_with(['└', '┗']);
        let lead = line.text.len() - line.text.trim_start().len();
        let mut parts = Vec::new();
        let mut from: Option<usize> = None;
        for (k, c) in line.text[lead..lead + t.len()].char_indices() {
            let k = k + lead;
            if is_rule(c) {
                if let Some(f) = from {
                    let seg = &line.text[f..k];
                    let rule = seg.contains(['─', '━']) && seg.chars().all(is_border);
                    parts.push((
                        seg.to_string(),
                        Span::new(line.start + f, line.start + k),
                        rule,
                    ));
                }
                from = Some(k + c.len_utf8());
            }
        }
        parts_by_line.push(parts);
        if bottom {
            break;
        }
    }
    let n_cols = parts_by_line
        .iter()
        .map(Vec::len)
        .max()
        .filter(|n| *n >= 2)?;
    if parts_by_line.iter().any(|p| p.len() != n_cols) || parts_by_line.len() < 3 {
        return None;
    }
    // Per column: cells as (first line, last line, piece).
    let mut cells: Vec<Vec<(usize, usize, Piece)>> = vec![Vec::new(); n_cols];
    for c in 0..n_cols {
        let mut open: Option<(usize, usize, Piece)> = None;
        for (n, parts) in parts_by_line.iter().enumerate() {
            let (text, span, rule) = &parts[c];
            let text = clean(text);
            if *rule || starts_with_bullet(&text) {
                cells[c].extend(open.take());
            }
            if *rule {
                continue;
            }
            match &mut open {
                Some((_, last, piece)) => {
                    *last = n;
                    if !text.is_empty() {
                        push_wrapped(&mut piece.text, &text);
                        piece.span = if piece.text.len() == text.len() {
                            *span
                        } else {
                            piece.span.cover(*span)
                        };
                    }
                }
                None => {
                    let mut piece = Piece::new(&text, *span);
                    piece.empty = text.is_empty();
                    open = Some((n, n, piece));
                }
            }
        }
        cells[c].extend(open.take());
    }
    let mut starts: Vec<usize> = cells.iter().flatten().map(|(s, _, _)| *s).collect();
    starts.sort_unstable();
    starts.dedup();
    let grid: Vec<Vec<GridCell>> = starts
        .iter()
        .map(|&s| {
            cells
                .iter()
                .map(|column| {
                    match column
                        .iter()
                        .find(|(first, last, _)| *first <= s && s <= *last)
                    {
                        Some((first, _, piece)) if *first == s => {
                            if piece.text.is_empty() {
                                GridCell::Empty
                            } else {
                                GridCell::Text(piece.clone())
                            }
                        }
                        Some(_) => GridCell::Up,
                        None => GridCell::Empty,
                    }
                })
                .collect()
        })
        .collect();
    let mut grid = grid.into_iter();
    let header: Vec<Piece> = grid
        .next()?
        .into_iter()
        .map(|cell| match cell {
            GridCell::Text(mut p) => {
                p.text.retain(|c| !c.is_whitespace());
                p
            }
            _ => Piece::blank(0),
        })
        .collect();
    let kinds: Vec<Kind> = header.iter().map(|p| kind_of(&p.text)).collect();
    let named = kinds.iter().filter(|k| **k != Kind::Aux).count();
    if named < 2 || header.iter().any(|p| !is_header_cell(&p.text)) {
        return None;
    }
    let rows: Vec<RawRow> = grid.map(RawRow::Grid).collect();
    if rows.is_empty() {
        return None;
    }
    Some(Found {
        layout: Layout::Boxed,
        header,
        rows,
        end,
    })
}

/// A line of a list inside a box cell: opens with a bullet sign.
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(['△', '▲', '●', '○', '◆', '◇', '■', '□', '•', '·', '★', '☆'])
}

/// Appends a wrapped line: no separator, except a space between two Latin words.
fn push_wrapped(text: &mut String, more: &str) {
    if let (Some(prev), Some(next)) = (text.chars().last(), more.chars().next())
        && prev.is_ascii_alphanumeric()
        && next.is_ascii_alphanumeric()
    {
        text.push(' ');
    }
    text.push_str(more);
}

/// A cell of a box-drawn grid row.
#[derive(Clone, Debug)]
pub(super) enum GridCell {
    Text(Piece),
    /// Continues the cell above (no rule closed it).
    Up,
    Empty,
}

#[cfg(test)]
mod tests {
    use crate::tables::tests::read;

    #[test]
    fn box_drawn_cells_merged_in_one_column() {
        let text = "分工\n┌──┬──────┬───┬────┐\n│序号│ 工 作 任 务 │分管领│牵头单位│\n│  │      │ 导 │    │\n├──┼──────┼───┼────┤\n│1 │调整支出结构，│张某│市财政局、│\n│  │加大投入  │   │市税务局│\n├──┼──────┼───┤    │\n│2 │加强财政监督│李某│    │\n├──┼──────┼───┼────┤\n│3 │建设信用体系│李某│市发改委│\n└──┴──────┴───┴────┘\n正文。\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 分工",
                "序号|工作任务|分管领导|牵头单位 / 1|调整支出结构，加大投入|张某|市财政局、市税务局 / 2|加强财政监督|李某|^ / 3|建设信用体系|李某|市发改委",
                "P 正文。",
            ]
        );
        assert!(notes[0].message.contains("box-drawing"), "{}", notes[0]);
    }

    #[test]
    fn bulleted_items_in_a_box_are_rows_of_their_own() {
        // The owners' rule sits on the first item's last line, as it is drawn.
        let text = "┌──────┬────┬───┐\n│工作任务  │牵头单位│完成时限│\n├──────┼────┼───┤\n│△调整支出，│市财政局│年内 │\n│加大投入  ├────┤   │\n│△加强监督 │市审计局│   │\n│△完善网络 │    │   │\n└──────┴────┴───┘\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "工作任务|牵头单位|完成时限 / △调整支出，加大投入|市财政局|年内 / △加强监督|市审计局|^ / △完善网络|^|^"
            ]
        );
    }
}
