//! `<table>` rows with `rowspan` / `colspan` into a grid of merged cells.

use policy_blocks::{Cell, Limit, LimitExceeded, Limits, Merge, Row, Table};

/// A `<td>` / `<th>` as the page gives it.
#[derive(Debug)]
pub(crate) struct SourceCell {
    pub text: String,
    /// `rowspan`; 0 means "to the end of the table", as in HTML.
    pub rowspan: usize,
    pub colspan: usize,
}

/// A `<tr>` as the page gives it.
#[derive(Debug)]
pub(crate) struct SourceRow {
    pub cells: Vec<SourceCell>,
    pub is_header: bool,
}

/// A table with every merge resolved: each row has one slot per grid column.
#[derive(Debug, PartialEq)]
pub(crate) struct Grid {
    rows: Vec<GridRow>,
}

#[derive(Debug, PartialEq)]
struct GridRow {
    slots: Vec<Slot>,
    is_header: bool,
}

#[derive(Clone, Debug, PartialEq)]
struct Slot {
    text: String,
    merge: Merge,
    /// A cell of the page starts here (not a merge continuation, not padding).
    origin: bool,
}

/// The HTML standard's caps: a larger `colspan` / `rowspan` counts as these.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

impl Grid {
    /// Lays `rows` out on a grid. A cell spanning several columns leaves
    /// [`Merge::Left`] slots to its right, one spanning several rows leaves
    /// [`Merge::Up`] slots below its first column (and `Left` below the
    /// others). Spans are capped at the standard's limits and at the rows the
    /// table has; columns in which no cell starts (made only by an oversized
    /// `colspan`) are removed. More than `max_cells` slots is an error.
    pub(crate) fn build(rows: Vec<SourceRow>, max_cells: usize) -> Result<Grid, LimitExceeded> {
        let n_rows = rows.len();
        // Per grid column: how many more rows a rowspan above still covers,
        // and what the covered slots are.
        let mut carry: Vec<(usize, Merge)> = Vec::new();
        let mut placed = 0usize;
        let mut grid = Vec::with_capacity(n_rows);
        for (row_idx, row) in rows.into_iter().enumerate() {
            let rows_left = n_rows - row_idx;
            let mut slots: Vec<Slot> = Vec::new();
            for cell in row.cells {
                take_carried(&mut slots, &mut carry);
                let colspan = cell.colspan.clamp(1, MAX_COLSPAN);
                let rowspan = match cell.rowspan {
                    0 => rows_left,
                    n => n.min(MAX_ROWSPAN).min(rows_left),
                };
                Limits::check(
                    Limit::TableCells,
                    max_cells as u64,
                    (placed + slots.len() + colspan) as u64,
                )?;
                let col = slots.len();
                slots.push(Slot {
                    text: cell.text,
                    merge: Merge::None,
                    origin: true,
                });
                slots.extend((1..colspan).map(|_| Slot {
                    text: String::new(),
                    merge: Merge::Left,
                    origin: false,
                }));
                if carry.len() < col + colspan {
                    carry.resize(col + colspan, (0, Merge::None));
                }
                for (offset, covered) in carry.iter_mut().skip(col).take(colspan).enumerate() {
                    let merge = if offset == 0 { Merge::Up } else { Merge::Left };
                    *covered = (rowspan - 1, merge);
                }
            }
            // Rowspans from above that reach past this row's last cell, with
            // padding for any gap before them.
            if let Some(last) = carry.iter().rposition(|(left, _)| *left > 0) {
                while slots.len() <= last {
                    match carry.get_mut(slots.len()) {
                        Some((left, merge)) if *left > 0 => {
                            *left -= 1;
                            slots.push(Slot {
                                text: String::new(),
                                merge: *merge,
                                origin: false,
                            });
                        }
                        _ => slots.push(Slot::padding()),
                    }
                }
            }
            placed += slots.len();
            grid.push(GridRow {
                slots,
                is_header: row.is_header,
            });
        }
        let n_cols = grid.iter().map(|r| r.slots.len()).max().unwrap_or(0);
        Limits::check(
            Limit::TableCells,
            max_cells as u64,
            n_rows.saturating_mul(n_cols) as u64,
        )?;
        for row in &mut grid {
            row.slots.resize(n_cols, Slot::padding());
        }
        let mut grid = Grid { rows: grid };
        grid.remove_empty_columns(n_cols);
        Ok(grid)
    }

    /// Rows in the shape [`DecodedBuilder::table`](policy_blocks::DecodedBuilder::table) takes.
    pub(crate) fn into_builder_rows(self) -> Vec<(Vec<(String, Merge)>, bool)> {
        self.rows
            .into_iter()
            .map(|row| {
                (
                    row.slots.into_iter().map(|s| (s.text, s.merge)).collect(),
                    row.is_header,
                )
            })
            .collect()
    }

    /// A [`Table`] whose spans are all `Span::default()`.
    pub(crate) fn into_table(self) -> Table {
        Table {
            rows: self
                .rows
                .into_iter()
                .map(|row| Row {
                    cells: row
                        .slots
                        .into_iter()
                        .map(|s| Cell {
                            text: s.text,
                            span: Default::default(),
                            merge: s.merge,
                        })
                        .collect(),
                    is_header: row.is_header,
                })
                .collect(),
        }
    }

    /// Row by row, the text of the cells that start there, space-separated.
    pub(crate) fn text_lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|r| {
                r.slots
                    .iter()
                    .filter(|s| !s.text.is_empty())
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|line| !line.is_empty())
            .collect()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.slots.iter().all(|s| s.text.is_empty()))
    }

    fn remove_empty_columns(&mut self, n_cols: usize) {
        let keep: Vec<bool> = (0..n_cols)
            .map(|col| {
                self.rows
                    .iter()
                    .any(|r| r.slots.get(col).is_some_and(|s| s.origin))
            })
            .collect();
        if keep.iter().all(|k| *k) {
            return;
        }
        for row in &mut self.rows {
            let mut col = 0;
            row.slots.retain(|_| {
                let kept = keep.get(col).copied().unwrap_or(true);
                col += 1;
                kept
            });
        }
    }
}

/// Slots that rowspans from above cover at the current position.
fn take_carried(slots: &mut Vec<Slot>, carry: &mut [(usize, Merge)]) {
    while let Some((left, merge)) = carry.get_mut(slots.len()).filter(|(left, _)| *left > 0) {
        *left -= 1;
        slots.push(Slot {
            text: String::new(),
            merge: *merge,
            origin: false,
        });
    }
}

impl Slot {
    fn padding() -> Slot {
        Slot {
            text: String::new(),
            merge: Merge::None,
            origin: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, rowspan: usize, colspan: usize) -> SourceCell {
        SourceCell {
            text: text.to_string(),
            rowspan,
            colspan,
        }
    }

    fn row(cells: Vec<SourceCell>) -> SourceRow {
        SourceRow {
            cells,
            is_header: false,
        }
    }

    /// The grid as text: `^` for Merge::Up, `<` for Merge::Left, `.` for padding.
    fn render(grid: &Grid) -> Vec<String> {
        grid.rows
            .iter()
            .map(|r| {
                r.slots
                    .iter()
                    .map(|s| match (s.merge, s.origin) {
                        (Merge::Up, _) => "^".to_string(),
                        (Merge::Left, _) => "<".to_string(),
                        (Merge::None, true) => s.text.clone(),
                        (Merge::None, false) => ".".to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn rowspan_and_colspan() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 2, 1), cell("b", 1, 2)]),
                row(vec![cell("c", 1, 1), cell("d", 1, 1)]),
                row(vec![cell("e", 1, 3)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a b <", "^ c d", "e < <"]);
    }

    #[test]
    fn block_merge_and_carry_past_the_last_cell() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 1, 1), cell("b", 3, 2)]),
                row(vec![cell("c", 1, 1)]),
                row(vec![cell("d", 1, 1)]),
                row(vec![cell("e", 1, 1), cell("f", 1, 1), cell("g", 1, 1)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a b <", "c ^ <", "d ^ <", "e f g"]);
    }

    #[test]
    fn columns_no_cell_starts_in_are_removed() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 1, 1), cell("b", 2, 2)]),
                row(vec![cell("c", 1, 1)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a b", "c ^"]);
    }

    #[test]
    fn carry_with_a_gap_is_padded() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 1, 1), cell("b", 1, 1), cell("c", 2, 1)]),
                row(vec![cell("d", 1, 1)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a b c", "d . ^"]);
    }

    #[test]
    fn rowspan_zero_runs_to_the_end() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 0, 1), cell("b", 1, 1)]),
                row(vec![cell("c", 1, 1)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a b", "^ c"]);
    }

    #[test]
    fn ragged_rows_are_padded() {
        let grid = Grid::build(
            vec![
                row(vec![cell("a", 1, 1)]),
                row(vec![cell("b", 1, 1), cell("c", 1, 1)]),
            ],
            100,
        )
        .expect("small");
        assert_eq!(render(&grid), ["a .", "b c"]);
    }

    #[test]
    fn huge_spans_are_capped_and_collapsed() {
        let grid = Grid::build(
            vec![
                row(vec![cell("title", 100_000, 100_000)]),
                row(vec![cell("x", 1, 1)]),
                row(vec![cell("a", 1, 1), cell("b", 1, 1)]),
            ],
            200_000,
        )
        .expect("capped");
        // The title covers every row below it, so x and a/b sit to its right;
        // the 999 columns no cell starts in are gone.
        assert_eq!(render(&grid), ["title . .", "^ x .", "^ a b"]);
    }

    #[test]
    fn cell_budget_is_enforced() {
        let many = (0..50).map(|_| row(vec![cell("x", 1, 1000)])).collect();
        let err = Grid::build(many, 10_000).expect_err("over budget");
        assert_eq!(err.limit, Limit::TableCells);

        let tall = vec![
            row(vec![cell("a", 1, 1000)]),
            row(vec![cell("b", 1, 1)]),
            row(vec![cell("c", 1, 1)]),
        ];
        assert!(
            Grid::build(tall, 2000).is_err(),
            "padding counts against the budget"
        );
    }
}
