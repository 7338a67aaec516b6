//! The walk over the main text: characters into paragraphs (fields shown as
//! their result), paragraphs into headings, and table paragraphs into rows
//! of a grid with merged cells marked.

use policy_blocks::{LabelSuffix, Limit, LimitExceeded, Limits, Merge, labelled_text};

use crate::lists::Lists;
use crate::pieces::PieceTable;
use crate::props::{MAX_COLUMNS, PapxRuns, Para, Styles, Tap, outline_to_level};

const PARAGRAPH_END: u16 = 0x0D;
const CELL_END: u16 = 0x07;
const SECTION_OR_PAGE_BREAK: u16 = 0x0C;
const LINE_BREAK: u16 = 0x0B;
const COLUMN_BREAK: u16 = 0x0E;
const TAB: u16 = 0x09;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
const NON_BREAKING_HYPHEN: u16 = 0x1E;
/// Deeper field nesting is damage: the walk stops tracking it.
const MAX_FIELD_DEPTH: usize = 64;
/// Edges closer than this (in twips, 1/1440 inch) are one grid line.
const EDGE_SNAP: i32 = 10;

/// Table rows as [`policy_blocks::DecodedBuilder::table`] takes them: (text,
/// merge) cells and whether the row is a header row.
pub(crate) type Rows = Vec<(Vec<(String, Merge)>, bool)>;

/// A block found by the walk, before it gets a span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Heading(u8, String),
    Paragraph(String),
    Table(Rows),
}

/// The state of an open field.
#[derive(Debug)]
enum Field {
    /// Between begin and separator: the instruction so far.
    Code(String),
    /// Between separator and end: the result, shown unless the field is a
    /// table of contents.
    Result { shown: bool },
}

/// A table row as read, before the grid.
#[derive(Debug, Default)]
struct RawRow {
    cells: Vec<String>,
    tap: Option<Tap>,
}

pub(crate) struct Walker<'a> {
    pieces: &'a PieceTable,
    papx: &'a PapxRuns,
    styles: &'a Styles,
    lists: Lists,
    max_table_cells: usize,
    max_text_bytes: u64,
    /// Bytes of list labels added to the text, counted against
    /// `max_text_bytes` with the text itself (`ccpText`, checked before).
    label_bytes: u64,
    text_chars: u64,
    pub(crate) out: Vec<Out>,
    pub(crate) notes: Vec<String>,
    fields: Vec<Field>,
    toc_fields: usize,
    /// Numbered paragraphs whose list override the list tables do not define.
    undefined_numbering: usize,
    clamped_rows: usize,
    table_cells: usize,
    /// The table being read: its rows, the row's cells, the cell's lines.
    rows: Vec<RawRow>,
    cells: Vec<String>,
    lines: Vec<String>,
    /// A nested table inside the current cell: its row's cells and the cell's text.
    inner_cells: Vec<String>,
    inner_text: String,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(
        pieces: &'a PieceTable,
        papx: &'a PapxRuns,
        styles: &'a Styles,
        lists: Lists,
        limits: &Limits,
    ) -> Walker<'a> {
        Walker {
            pieces,
            papx,
            styles,
            lists,
            max_table_cells: limits.max_table_cells,
            max_text_bytes: limits.max_text_bytes,
            label_bytes: 0,
            text_chars: 0,
            out: Vec::new(),
            notes: Vec::new(),
            fields: Vec::new(),
            toc_fields: 0,
            undefined_numbering: 0,
            clamped_rows: 0,
            table_cells: 0,
            rows: Vec::new(),
            cells: Vec::new(),
            lines: Vec::new(),
            inner_cells: Vec::new(),
            inner_text: String::new(),
        }
    }

    /// Walks the main text, given as (CP, UTF-16 unit) pairs.
    pub(crate) fn walk(&mut self, text: &[(u32, u16)]) -> Result<(), LimitExceeded> {
        self.text_chars = text.len() as u64;
        let mut units: Vec<u16> = Vec::new();
        for &(cp, unit) in text {
            match unit {
                PARAGRAPH_END | CELL_END => {
                    self.paragraph(&units, cp, unit)?;
                    units.clear();
                }
                SECTION_OR_PAGE_BREAK => {
                    // A section break ends its paragraph; a page break
                    // inside a paragraph does not: the paragraph runs say which.
                    if self.ends_paragraph(cp) {
                        self.paragraph(&units, cp, unit)?;
                        units.clear();
                    } else {
                        self.push(&mut units, u16::from(b'\n'));
                    }
                }
                FIELD_BEGIN => {
                    if self.fields.len() < MAX_FIELD_DEPTH {
                        self.fields.push(Field::Code(String::new()));
                    }
                }
                FIELD_SEPARATOR => {
                    if let Some(field) = self.fields.last_mut()
                        && let Field::Code(code) = field
                    {
                        let toc = is_toc(code);
                        self.toc_fields += usize::from(toc);
                        *field = Field::Result { shown: !toc };
                    }
                }
                FIELD_END => {
                    self.fields.pop();
                }
                LINE_BREAK | COLUMN_BREAK => self.push(&mut units, u16::from(b'\n')),
                TAB => self.push(&mut units, u16::from(b'\t')),
                NON_BREAKING_HYPHEN => self.push(&mut units, u16::from(b'-')),
                // Pictures, drawn objects, note and comment anchors, soft
                // hyphens and other marks are not text.
                0x00..=0x1F => {}
                _ => self.push(&mut units, unit),
            }
        }
        if !units.is_empty() {
            self.paragraph(&units, u32::MAX, PARAGRAPH_END)?;
        }
        self.end_table()?;
        Ok(())
    }

    /// Adds a unit to the paragraph unless a field hides it.
    fn push(&mut self, units: &mut Vec<u16>, unit: u16) {
        if let Some(Field::Code(code)) = self.fields.last_mut() {
            // Enough of the instruction to know its kind.
            if code.len() < 64 {
                code.extend(char::decode_utf16([unit]).map(|c| c.unwrap_or(' ')));
            }
        } else if self
            .fields
            .iter()
            .all(|f| matches!(f, Field::Result { shown: true }))
        {
            units.push(unit);
        }
    }

    /// The properties of the paragraph whose mark is at `cp`.
    fn props(&self, cp: u32) -> Option<&'a Para> {
        let piece = self.pieces.find(cp)?;
        self.papx.find(piece.fc(cp)).map(|(_, para)| para)
    }

    fn ends_paragraph(&self, cp: u32) -> bool {
        self.pieces.find(cp).is_some_and(|piece| {
            let fc = piece.fc(cp);
            self.papx
                .find(fc)
                .is_some_and(|(end, _)| end == fc + piece.width)
        })
    }

    fn paragraph(&mut self, units: &[u16], cp: u32, mark: u16) -> Result<(), LimitExceeded> {
        let default = Para::default();
        let para = self.props(cp).unwrap_or(&default);
        let depth = para.depth();
        let row_end =
            (depth == 1 && para.ttp && mark == CELL_END) || (depth >= 2 && para.inner_ttp);
        let body = String::from_utf16_lossy(units);
        let body = body.trim();
        let text = match self.label(para, row_end)? {
            Some((label, suffix)) => labelled_text(&label, suffix, body),
            None => body.to_string(),
        };
        let text = text.as_str();
        if depth == 0 {
            self.end_table()?;
            if !text.is_empty() {
                let level = match para.outline {
                    Some(lvl) => outline_to_level(lvl),
                    None => self.styles.heading_level(para.istd),
                };
                self.out.push(match level {
                    Some(level) => Out::Heading(level, text.to_string()),
                    None => Out::Paragraph(text.to_string()),
                });
            }
            return Ok(());
        }
        if depth >= 2 {
            // A nested table goes into its cell's text: one line per row,
            // cells joined by a tab.
            if para.inner_ttp {
                let line: Vec<String> = std::mem::take(&mut self.inner_cells)
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect();
                if !line.is_empty() {
                    self.lines.push(line.join("\t"));
                }
            } else {
                push_word(&mut self.inner_text, text);
                if para.inner_cell || mark == CELL_END {
                    let cell = std::mem::take(&mut self.inner_text);
                    self.inner_cells.push(cell);
                }
            }
            return Ok(());
        }
        if para.ttp && mark == CELL_END {
            // A row end counts as a cell, so rows without cells are bounded too.
            self.count_cell()?;
            self.flush_inner();
            let cells = std::mem::take(&mut self.cells);
            self.rows.push(RawRow {
                cells,
                tap: para.tap.clone(),
            });
            return Ok(());
        }
        self.flush_inner();
        if !text.is_empty() {
            self.lines.push(text.to_string());
        }
        if mark == CELL_END {
            self.count_cell()?;
            let cell = std::mem::take(&mut self.lines).join("\n");
            self.cells.push(cell);
        }
        Ok(())
    }

    /// The paragraph's text with its list label in front, advancing the
    /// counters; `None` when it is not numbered (a row-end mark never is).
    fn label(
        &mut self,
        para: &Para,
        row_end: bool,
    ) -> Result<Option<(String, LabelSuffix)>, LimitExceeded> {
        if para.ilfo == 0 || row_end {
            return Ok(None);
        }
        let Some((label, suffix)) = self.lists.next_label(para.ilfo, para.ilvl) else {
            self.undefined_numbering += usize::from(!self.lists.defines(para.ilfo));
            return Ok(None);
        };
        // Labels are text the file does not hold: bounded with it.
        self.label_bytes = self.label_bytes.saturating_add(label.len() as u64);
        Limits::check(
            Limit::TextBytes,
            self.max_text_bytes,
            self.text_chars.saturating_add(self.label_bytes),
        )?;
        Ok(Some((label, suffix)))
    }

    fn count_cell(&mut self) -> Result<(), LimitExceeded> {
        self.table_cells += 1;
        Limits::check(
            Limit::TableCells,
            self.max_table_cells as u64,
            self.table_cells as u64,
        )
    }

    /// A nested row left without its end mark becomes a line of the cell.
    fn flush_inner(&mut self) {
        if !self.inner_text.is_empty() {
            let cell = std::mem::take(&mut self.inner_text);
            self.inner_cells.push(cell);
        }
        let line: Vec<String> = std::mem::take(&mut self.inner_cells)
            .into_iter()
            .filter(|c| !c.is_empty())
            .collect();
        if !line.is_empty() {
            self.lines.push(line.join("\t"));
        }
    }

    /// Ends the table being read, if any, and emits it as a grid.
    fn end_table(&mut self) -> Result<(), LimitExceeded> {
        self.flush_inner();
        if !self.lines.is_empty() {
            let cell = std::mem::take(&mut self.lines).join("\n");
            self.cells.push(cell);
        }
        if !self.cells.is_empty() {
            let cells = std::mem::take(&mut self.cells);
            self.rows.push(RawRow { cells, tap: None });
        }
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        self.table_cells = 0;
        let grid = self.grid(rows)?;
        // A table without any text (layout debris) is not content.
        if grid
            .iter()
            .any(|(cells, _)| cells.iter().any(|(t, _)| !t.is_empty()))
        {
            self.out.push(Out::Table(grid));
        }
        Ok(())
    }

    /// The rows as a grid: the table's distinct cell edges are its columns;
    /// a cell wider than one column spans (`Merge::Left`), a cell that
    /// continues a vertical merge is `Merge::Up`, both with their text moved
    /// to the cell the merge starts at.
    fn grid(&mut self, raw: Vec<RawRow>) -> Result<Rows, LimitExceeded> {
        let mut lines: Vec<i32> = Vec::new();
        for row in &raw {
            if let Some(tap) = usable(row) {
                lines.extend(tap.edges.iter().map(|&e| i32::from(e)));
            }
        }
        lines.sort_unstable();
        let mut grid_lines: Vec<i32> = Vec::new();
        for edge in lines {
            if grid_lines
                .last()
                .is_none_or(|&last| edge - last > EDGE_SNAP)
            {
                grid_lines.push(edge);
            }
        }
        // Grid lines are more than EDGE_SNAP apart and every edge is within
        // EDGE_SNAP of one: a binary search finds it (a table of many rows
        // with distinct edges would make a linear search quadratic).
        let column_of = |edge: i16| {
            let edge = i32::from(edge);
            let i = grid_lines.partition_point(|&line| line < edge - EDGE_SNAP);
            if grid_lines
                .get(i)
                .is_some_and(|&line| (line - edge).abs() <= EDGE_SNAP)
            {
                i
            } else {
                0
            }
        };

        let mut rows: Rows = Vec::with_capacity(raw.len());
        let mut in_header = true;
        let mut cells_so_far = 0u64;
        // Per grid column, the row of the last cell there that is not a
        // continuation: where a vertical merge's text goes, found at once
        // instead of by walking up a long merge for every continuation.
        let mut origin_row: Vec<usize> = Vec::new();
        for row in raw {
            let tap = usable(&row).cloned();
            let tap = tap.as_ref();
            let marked_header = row.tap.as_ref().is_some_and(|t| t.header);
            let mut out: Vec<(String, Merge)> = Vec::new();
            if let Some(tap) = tap {
                let before = column_of(tap.edges[0]).min(MAX_COLUMNS);
                out.resize(before, (String::new(), Merge::None));
            }
            let clamped = row.cells.len() > MAX_COLUMNS;
            self.clamped_rows += usize::from(clamped);
            for (i, text) in row.cells.into_iter().take(MAX_COLUMNS).enumerate() {
                let (span, (h_merge, v_merge)) = match tap {
                    Some(tap) => {
                        let from = column_of(tap.edges[i]);
                        let to = column_of(tap.edges[i + 1]);
                        (to.saturating_sub(from).clamp(1, MAX_COLUMNS), tap.merges[i])
                    }
                    None => (1, (0, 0)),
                };
                let col = out.len();
                let continues_above = v_merge == 1
                    && rows
                        .last()
                        .is_some_and(|(above, _)| above.get(col).is_some());
                if continues_above {
                    if !text.is_empty()
                        && let Some((origin, _)) = origin_row
                            .get(col)
                            .and_then(|&r| rows.get_mut(r))
                            .and_then(|(row, _)| row.get_mut(col))
                    {
                        push_line(origin, &text);
                    }
                    out.push((String::new(), Merge::Up));
                } else if h_merge >= 2 && !out.is_empty() {
                    if !text.is_empty() {
                        append_to_left(&mut out, &text);
                    }
                    out.push((String::new(), Merge::Left));
                } else {
                    out.push((text, Merge::None));
                }
                // As the DOCX reader marks a wide cell, merged down or not.
                for _ in 1..span {
                    out.push((String::new(), Merge::Left));
                }
            }
            if out.is_empty() {
                continue;
            }
            cells_so_far += out.len() as u64;
            Limits::check(Limit::TableCells, self.max_table_cells as u64, cells_so_far)?;
            let is_header = in_header && marked_header;
            in_header = is_header;
            if marked_header && !is_header && rows.iter().any(|(r, h)| *h && same_text(r, &out)) {
                continue;
            }
            if origin_row.len() < out.len() {
                origin_row.resize(out.len(), 0);
            }
            for (col, (_, merge)) in out.iter().enumerate() {
                if *merge != Merge::Up {
                    origin_row[col] = rows.len();
                }
            }
            rows.push((out, is_header));
        }
        let n_cols = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        Limits::check(
            Limit::TableCells,
            self.max_table_cells as u64,
            (rows.len() as u64).saturating_mul(n_cols as u64),
        )?;
        for (row, _) in &mut rows {
            row.resize(n_cols, (String::new(), Merge::None));
        }
        Ok(rows)
    }

    /// Notes for what the walk left out or could not do.
    pub(crate) fn finish(&mut self) {
        if self.toc_fields > 0 {
            self.notes.push(format!(
                "{} table(s) of contents (TOC fields) left out: they repeat the headings",
                self.toc_fields
            ));
        }
        if !self.fields.is_empty() {
            self.notes.push(format!(
                "{} field(s) never closed; text after them may be missing",
                self.fields.len()
            ));
        }
        if self.undefined_numbering > 0 {
            self.notes.push(format!(
                "{} numbered paragraph(s) refer to a list that the list tables do not define; no label restored",
                self.undefined_numbering
            ));
        }
        if self.clamped_rows > 0 {
            self.notes.push(format!(
                "{} table row(s) had more than {MAX_COLUMNS} cells; the rest were left out",
                self.clamped_rows
            ));
        }
    }
}

/// The row's layout if it matches its cells.
fn usable(row: &RawRow) -> Option<&Tap> {
    row.tap
        .as_ref()
        .filter(|tap| tap.merges.len() == row.cells.len() && tap.edges.len() == row.cells.len() + 1)
}

/// A `TOC` field: its result repeats the headings with page numbers.
fn is_toc(code: &str) -> bool {
    code.trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}

fn push_word(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(text);
}

fn append_to_left(row: &mut [(String, Merge)], text: &str) {
    if let Some((origin, _)) = row.iter_mut().rev().find(|(_, m)| *m == Merge::None) {
        push_line(origin, text);
    }
}

fn push_line(cell: &mut String, text: &str) {
    if !cell.is_empty() {
        cell.push('\n');
    }
    cell.push_str(text);
}

fn same_text(a: &[(String, Merge)], b: &[(String, Merge)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
}
