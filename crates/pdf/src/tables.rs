//! Ruling segments → cell grids; glyphs inside a grid → cell text.

use policy_blocks::{Limit, LimitExceeded, Limits, Merge};

use crate::backend::{Glyph, Segment};
use crate::lines::{Line, build_lines, join_wrapped};

/// Two coordinates closer than this are the same rule.
const SNAP: f32 = 2.0;

/// A table as found on one page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fragment {
    pub page: u32,
    pub top: f32,
    pub bottom: f32,
    /// Rows of (text, merge) cells, one cell per grid column.
    pub rows: Vec<Vec<(String, Merge)>>,
    /// Per cell of the last row: does the text of its region end short of the
    /// cell's right edge (a hard line end), so that text continued on the
    /// next page starts a new line?
    pub last_row_ends_short: Vec<bool>,
}

/// A grid found from rules, before text is assigned.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Grid {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    horizontals: Vec<(f32, f32, f32)>,
    verticals: Vec<(f32, f32, f32)>,
}

impl Grid {
    pub fn contains(&self, x: f32, y: f32) -> bool {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) => {
                x >= x0 && x <= x1 && y >= y0 && y <= y1
            }
            _ => false,
        }
    }

    fn cell_of(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        let col = self
            .xs
            .windows(2)
            .position(|w| matches!(w, [a, b] if x >= *a && x <= *b))?;
        let row = self
            .ys
            .windows(2)
            .position(|w| matches!(w, [a, b] if y >= *a && y <= *b))?;
        Some((row, col))
    }

    /// Is there a vertical rule at column boundary `xi` through the middle of row `row`?
    fn has_vertical(&self, xi: usize, row: usize) -> bool {
        let (Some(&x), Some(&a), Some(&b)) =
            (self.xs.get(xi), self.ys.get(row), self.ys.get(row + 1))
        else {
            return false;
        };
        let mid = (a + b) / 2.0;
        self.verticals
            .iter()
            .any(|&(vx, y0, y1)| (vx - x).abs() <= SNAP && y0 <= mid && y1 >= mid)
    }

    /// Is there a horizontal rule at row boundary `yi` through the middle of column `col`?
    fn has_horizontal(&self, yi: usize, col: usize) -> bool {
        let (Some(&y), Some(&a), Some(&b)) =
            (self.ys.get(yi), self.xs.get(col), self.xs.get(col + 1))
        else {
            return false;
        };
        let mid = (a + b) / 2.0;
        self.horizontals
            .iter()
            .any(|&(hy, x0, x1)| (hy - y).abs() <= SNAP && x0 <= mid && x1 >= mid)
    }
}

/// Finds the ruled grids on a page: connected sets of horizontal and vertical
/// rules with at least two columns and one row.
pub(crate) fn find_grids(segments: &[Segment]) -> Vec<Grid> {
    let mut hs: Vec<(f32, f32, f32)> = Vec::new();
    let mut vs: Vec<(f32, f32, f32)> = Vec::new();
    for s in segments {
        match *s {
            Segment::Horizontal { y, x0, x1 } if x1 - x0 > SNAP => hs.push((y, x0, x1)),
            Segment::Vertical { x, y0, y1 } if y1 - y0 > SNAP => vs.push((x, y0, y1)),
            _ => {}
        }
    }
    let hs = merge_collinear(hs);
    let vs = merge_collinear(vs);
    // Union-find over all segments: h indices first, then v.
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, &(hy, hx0, hx1)) in hs.iter().enumerate() {
        for (j, &(vx, vy0, vy1)) in vs.iter().enumerate() {
            let touches =
                vx >= hx0 - SNAP && vx <= hx1 + SNAP && hy >= vy0 - SNAP && hy <= vy1 + SNAP;
            if touches {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        Default::default();
    for i in 0..hs.len() {
        groups.entry(find(&mut parent, i)).or_default().0.push(i);
    }
    for j in 0..vs.len() {
        groups
            .entry(find(&mut parent, hs.len() + j))
            .or_default()
            .1
            .push(j);
    }
    let mut grids = Vec::new();
    for (h_idx, v_idx) in groups.into_values() {
        if h_idx.len() < 2 || v_idx.len() < 2 {
            continue;
        }
        let horizontals: Vec<_> = h_idx.iter().filter_map(|&i| hs.get(i).copied()).collect();
        let verticals: Vec<_> = v_idx.iter().filter_map(|&j| vs.get(j).copied()).collect();
        let ys = cluster(horizontals.iter().map(|h| h.0).collect());
        let xs = cluster(verticals.iter().map(|v| v.0).collect());
        if xs.len() < 3 || ys.len() < 2 {
            continue;
        }
        grids.push(Grid {
            xs,
            ys,
            horizontals,
            verticals,
        });
    }
    grids.sort_by(|a, b| {
        a.ys.first()
            .unwrap_or(&0.0)
            .total_cmp(b.ys.first().unwrap_or(&0.0))
    });
    grids
}

/// Fills `grid` with the glyphs inside it and resolves merged regions.
pub(crate) fn fill(
    page: u32,
    grid: &Grid,
    glyphs: &[Glyph],
    limits: &Limits,
) -> Result<Fragment, LimitExceeded> {
    let n_rows = grid.ys.len().saturating_sub(1);
    let n_cols = grid.xs.len().saturating_sub(1);
    Limits::check(
        Limit::TableCells,
        limits.max_table_cells as u64,
        (n_rows * n_cols) as u64,
    )?;
    let idx = |r: usize, c: usize| r * n_cols + c;
    let mut parent: Vec<usize> = (0..n_rows * n_cols).collect();
    for r in 0..n_rows {
        for c in 0..n_cols {
            if c + 1 < n_cols && !grid.has_vertical(c + 1, r) {
                union(&mut parent, idx(r, c), idx(r, c + 1));
            }
            if r + 1 < n_rows && !grid.has_horizontal(r + 1, c) {
                union(&mut parent, idx(r, c), idx(r + 1, c));
            }
        }
    }
    // The anchor of a region is its top-left cell.
    let mut anchor: Vec<(usize, usize)> = vec![(usize::MAX, usize::MAX); n_rows * n_cols];
    for r in 0..n_rows {
        for c in 0..n_cols {
            let root = find(&mut parent, idx(r, c));
            if let Some(a) = anchor.get_mut(root)
                && (r, c) < *a
            {
                *a = (r, c);
            }
        }
    }
    // The right edge of each region: wrapped lines reach it, hard breaks end short.
    let mut region_right: Vec<f32> = vec![0.0; n_rows * n_cols];
    for r in 0..n_rows {
        for c in 0..n_cols {
            let root = find(&mut parent, idx(r, c));
            if let (Some(slot), Some(&x)) = (region_right.get_mut(root), grid.xs.get(c + 1))
                && x > *slot
            {
                *slot = x;
            }
        }
    }
    let mut region_glyphs: Vec<Vec<Glyph>> = vec![Vec::new(); n_rows * n_cols];
    for g in glyphs {
        let x = (g.x0 + g.x1) / 2.0;
        let y = g.y - g.size * 0.3;
        if let Some((r, c)) = grid.cell_of(x, y) {
            let root = find(&mut parent, idx(r, c));
            if let Some(list) = region_glyphs.get_mut(root) {
                list.push(*g);
            }
        }
    }
    let mut region_short = vec![false; n_rows * n_cols];
    let mut rows = Vec::with_capacity(n_rows);
    for r in 0..n_rows {
        let mut cells = Vec::with_capacity(n_cols);
        for c in 0..n_cols {
            let root = find(&mut parent, idx(r, c));
            let (ar, ac) = anchor.get(root).copied().unwrap_or((r, c));
            let cell = if (ar, ac) == (r, c) {
                let right = region_right.get(root).copied().unwrap_or(f32::MAX);
                let lines =
                    build_lines(page, region_glyphs.get(root).map_or(&[][..], Vec::as_slice));
                if let (Some(slot), Some(last)) = (region_short.get_mut(root), lines.last()) {
                    *slot = right - last.x1 >= 1.2 * last.size.max(1.0);
                }
                (cell_text(&lines, right), Merge::None)
            } else if c == ac {
                (String::new(), Merge::Up)
            } else {
                (String::new(), Merge::Left)
            };
            cells.push(cell);
        }
        rows.push(cells);
    }
    let kept = drop_empty_rows(&mut rows);
    let last_row_ends_short = match kept.last() {
        Some(&r) => (0..n_cols)
            .map(|c| {
                let root = find(&mut parent, idx(r, c));
                region_short.get(root).copied().unwrap_or(false)
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(Fragment {
        page,
        top: grid.ys.first().copied().unwrap_or(0.0),
        bottom: grid.ys.last().copied().unwrap_or(0.0),
        rows,
        last_row_ends_short,
    })
}

/// Joins a cell's lines: a line that reaches the cell's right edge wrapped
/// (joined without a break), one that ends short ended with a hard break (`\n`).
fn cell_text(lines: &[Line], right: f32) -> String {
    let mut text = String::new();
    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev {
            let room = right - p.x1;
            let size = p.size.max(1.0);
            // A line may not start with closing punctuation, so the character
            // before it moves down too and the wrapped line ends one short.
            let pushed_down = line.text.chars().nth(1).is_some_and(no_line_start);
            let wrapped = room < 1.2 * size || (pushed_down && room < 2.5 * size);
            if !wrapped {
                text.push('\n');
            }
        }
        join_wrapped(&mut text, &line.text);
        prev = Some(line);
    }
    text
}

/// Punctuation a Chinese line may not start with.
pub(crate) fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】”’,.;:?!)".contains(c)
}

/// Removes rows that hold nothing and start no merge (thin bands between
/// double rules); returns the grid row indices of the rows kept.
fn drop_empty_rows(rows: &mut Vec<Vec<(String, Merge)>>) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..rows.len()).collect();
    let mut r = 0;
    while r < rows.len() {
        let empty = rows
            .get(r)
            .is_some_and(|row| row.iter().all(|(t, m)| t.is_empty() && *m == Merge::None));
        let below_continues = rows
            .get(r + 1)
            .is_some_and(|row| row.iter().any(|(_, m)| *m == Merge::Up));
        if empty && !below_continues {
            rows.remove(r);
            if r < kept.len() {
                kept.remove(r);
            }
        } else {
            r += 1;
        }
    }
    kept
}

/// Joins segments on the same line that touch or overlap.
fn merge_collinear(mut segs: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    segs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for s in segs {
        // Look back over segments on (nearly) the same line.
        let mut merged = false;
        for o in out.iter_mut().rev() {
            if (o.0 - s.0).abs() > SNAP {
                break;
            }
            if s.1 <= o.2 + SNAP && s.2 >= o.1 - SNAP {
                o.1 = o.1.min(s.1);
                o.2 = o.2.max(s.2);
                merged = true;
                break;
            }
        }
        if !merged {
            out.push(s);
        }
    }
    out
}

/// Sorted distinct positions, values within [`SNAP`] merged.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((mean, n)) if (v - *mean).abs() <= SNAP => {
                *mean = (*mean * *n as f32 + v) / (*n as f32 + 1.0);
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(v, _)| v).collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb
        && let Some(slot) = parent.get_mut(ra.max(rb))
    {
        *slot = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Segment {
        Segment::Horizontal { y, x0, x1 }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Segment {
        Segment::Vertical { x, y0, y1 }
    }
    fn g(ch: char, x: f32, y: f32) -> Glyph {
        Glyph {
            ch,
            x0: x,
            x1: x + 8.0,
            y,
            size: 8.0,
            pen: x + 8.0,
        }
    }

    #[test]
    fn a_cell_spanning_two_rows_is_merged_up() {
        // 2 columns × 2 rows; the left column has no rule between its rows.
        let segs = [
            h(0.0, 0.0, 100.0),
            h(20.0, 50.0, 100.0),
            h(40.0, 0.0, 100.0),
            v(0.0, 0.0, 40.0),
            v(50.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
        ];
        let grids = find_grids(&segs);
        assert_eq!(grids.len(), 1);
        let glyphs = [
            g('甲', 10.0, 25.0),
            g('乙', 60.0, 15.0),
            g('丙', 60.0, 35.0),
        ];
        let frag = fill(1, &grids[0], &glyphs, &Limits::default()).unwrap();
        assert_eq!(
            frag.rows,
            vec![
                vec![
                    ("甲".to_string(), Merge::None),
                    ("乙".to_string(), Merge::None)
                ],
                vec![(String::new(), Merge::Up), ("丙".to_string(), Merge::None)],
            ]
        );
    }
}
