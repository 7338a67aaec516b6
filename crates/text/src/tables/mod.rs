//! Tables that reach us as plain text inside a prose document.
//!
//! A web page copied as text, a `.doc` saved as text or a PDF run through a
//! text converter keeps a table's cells but not its grid. Four layouts are
//! common, and each is recognised by its header row of column words
//! (`policy_grammar::lexicon::HEADER_*`: 序号 / 工作任务 / 责任单位 / 完成时限…),
//! never by a column count:
//! - one cell per line or paragraph (web pages): `序号` `任务` `责任单位` …, then
//!   `1` and that row's cells;
//! - the same, each cell closed by ` |` and an empty cell a lone `|` (a site
//!   converter);
//! - one row per line, cells split by spaces, an empty cell a doubled space
//!   (PDF-to-text);
//! - box drawing (`┌─┬─┐ │ … │ └─┘`, legal-database copies).
//!
//! A row starts at a bare sequence number that continues the numbering. In
//! the first two layouts the cells of a row are not marked: merged and blank
//! cells are simply missing, and a cell holding several owners comes as
//! several lines. Which lines form which cell is then an alignment of the
//! row's lines to the header's columns ([`align()`]): each line fits a column
//! by its shape (a sentence, an organisation's name, a person's name, a date),
//! a missing cell is taken as merged with the cell above, and lines left over
//! after the last column start a sub-row without a number. Every table rebuilt
//! this way is a reader [`Note`] that says what was inferred.

use policy_blocks::{Block, BlockKind, Cell, LimitExceeded, Limits, Merge, Note, Row, Span, Table};
use policy_grammar::chars::is_cjk;
use policy_grammar::lexicon;

use crate::forms::{CellCount, Line, clean, paragraph};
use crate::wrap::{HardWrap, is_page_number, joint};

mod align;
mod boxed;
mod header;
mod spaced;
mod stream;

use align::{Slot, align};
use boxed::{GridCell, boxed_table};
use header::{Kind, is_header_cell, kind_of};
use spaced::spaced_table;
use stream::{cell_line_table, pipe_table};

/// Prose lines, one paragraph per line, with the tables among them rebuilt.
///
/// Page-number lines are left out first (a reader note counts them); when the
/// lines show hard wraps ([`HardWrap`]), a wrapped line is joined to the next
/// one and the paragraph's span covers every line it was joined from.
pub(crate) fn prose_blocks(
    lines: &[Line<'_>],
    limits: &Limits,
    notes: &mut Vec<Note>,
) -> Result<Vec<Block>, LimitExceeded> {
    let without_markers: Vec<Line<'_>> = lines
        .iter()
        .copied()
        .filter(|l| !is_page_number(l.text, true))
        .collect();
    let wrap = HardWrap::detect(&without_markers);
    let (lines, dropped) = drop_page_furniture(lines, wrap.is_some());
    if dropped > 0 {
        notes.push(Note::from(format!(
            "{dropped} page-number line(s) left out (a number between dashes, 第N页, N/M alone on a line)"
        )));
    }
    let mut blocks = Vec::new();
    let mut joined = 0usize;
    let mut i = 0;
    while i < lines.len() {
        if let Some(found) = table_at(&lines, i) {
            let end = found.end;
            let (block, note) = found.into_block(limits)?;
            blocks.push(block);
            notes.push(note);
            i = end;
            continue;
        }
        let line = lines[i];
        i += 1;
        if line.is_blank() {
            continue;
        }
        let mut text = clean(line.text).into_owned();
        let mut span = line.trimmed_span();
        if let Some(wrap) = wrap {
            let mut last = line;
            while i < lines.len()
                && !lines[i].is_blank()
                && wrap.joins(&last, last.start == line.start, &lines[i])
                && table_at(&lines, i).is_none()
            {
                let next = clean(lines[i].text);
                text.push_str(joint(&text, &next));
                text.push_str(&next);
                span = span.cover(lines[i].trimmed_span());
                last = lines[i];
                joined += 1;
                i += 1;
            }
        }
        blocks.push(paragraph(text, span));
    }
    if let Some(wrap) = wrap
        && joined > 0
    {
        notes.push(Note::from(format!(
            "the text is hard-wrapped at about {} characters a line (copied from a PDF): {joined} line break(s) inside paragraphs joined",
            wrap.width / 2
        )));
    }
    Ok(blocks)
}

/// `lines` without the lines that are a page number alone, and without the
/// blank lines around them (the page break's own), with how many were left
/// out. In hard-wrapped text (`wrapped`) a lone `3/10` is a page number too,
/// and a blank line before a form feed (where `pdftotext` starts a page) is
/// the page break, not the end of a paragraph.
fn drop_page_furniture<'a>(lines: &[Line<'a>], wrapped: bool) -> (Vec<Line<'a>>, usize) {
    let mut kept: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut dropped = 0;
    let mut after_marker = false;
    for line in lines {
        let marker = is_page_number(line.text, wrapped);
        if marker || (wrapped && line.text.starts_with('\u{c}')) {
            while kept.last().is_some_and(|l| l.is_blank()) {
                kept.pop();
            }
        }
        if marker {
            dropped += 1;
            after_marker = true;
        } else if !(after_marker && line.is_blank()) {
            after_marker = false;
            kept.push(*line);
        }
    }
    (kept, dropped)
}

/// How the table's cells were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One cell per line (or paragraph).
    CellLines,
    /// One cell per line closed by ` |`.
    PipeLines,
    /// One row per line, cells split by spaces.
    SpacedRows,
    /// Box-drawing characters.
    Boxed,
}

impl Layout {
    fn describe(self) -> &'static str {
        match self {
            Layout::CellLines => "one cell per line",
            Layout::PipeLines => "one cell per line closed by \" |\"",
            Layout::SpacedRows => "one row per line, cells split by spaces",
            Layout::Boxed => "box-drawing characters",
        }
    }
}

/// A cell's text as written, or a cell the layout marks as empty.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    span: Span,
    empty: bool,
}

impl Piece {
    fn new(text: &str, span: Span) -> Piece {
        Piece {
            text: clean(text).into_owned(),
            span,
            empty: false,
        }
    }

    fn blank(at: usize) -> Piece {
        Piece {
            text: String::new(),
            span: Span::new(at, at),
            empty: true,
        }
    }
}

/// One data row before alignment: its number and the pieces after it.
#[derive(Debug)]
enum RawRow {
    Data {
        anchor: Piece,
        pieces: Vec<Piece>,
    },
    /// A line opening with 一、 / （一） between rows: a category spanning the table.
    Category(Piece),
    /// A row of a box-drawn grid, cells already known.
    Grid(Vec<GridCell>),
}

/// A table found in the lines, not yet laid out as a grid.
#[derive(Debug)]
struct Found {
    layout: Layout,
    header: Vec<Piece>,
    rows: Vec<RawRow>,
    /// The line after the table.
    end: usize,
}

/// The most lines one row may hold: more is not a table row (and keeps
/// the alignment's cost bounded on hostile input).
const MAX_ROW_PIECES: usize = 64;
/// The most lines one cell may hold.
const MAX_CELL_PIECES: usize = 12;
/// The most columns a rebuilt table may have (the alignment's cost grows with them).
const MAX_COLUMNS: usize = 24;
/// The longest header cell, in characters without spaces.
const MAX_HEADER_CHARS: usize = 12;

fn table_at(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let line = lines[i];
    let first = clean(line.text);
    if first.starts_with(['┌', '┏']) {
        return boxed_table(lines, i);
    }
    if lexicon::HEADER_SEQ.iter().any(|w| first.starts_with(w)) {
        if first.ends_with('|') {
            return pipe_table(lines, i);
        }
        if is_header_cell(&first) {
            return cell_line_table(lines, i);
        }
        return spaced_table(lines, i);
    }
    // A header without 序号 opens with a cell a column word names; most
    // lines end here.
    if is_header_cell(&first) && kind_of(&first) != Kind::Aux {
        return cell_line_table(lines, i);
    }
    None
}

// ---------------------------------------------------------------------------
// The grid
// ---------------------------------------------------------------------------

impl Found {
    fn into_block(self, limits: &Limits) -> Result<(Block, Note), LimitExceeded> {
        let Found {
            layout,
            header,
            rows,
            ..
        } = self;
        let kinds: Vec<Kind> = header.iter().map(|p| kind_of(&p.text)).collect();
        let n_cols = kinds.len();
        let seq_col = kinds.iter().position(|k| *k == Kind::Seq);
        // The columns a row's pieces are aligned to: all but the 序号.
        let columns: Vec<(usize, Kind)> = kinds
            .iter()
            .copied()
            .enumerate()
            .filter(|(c, _)| Some(*c) != seq_col)
            .collect();
        let column_kinds: Vec<Kind> = columns.iter().map(|(_, k)| *k).collect();
        let mut grid = Grid {
            table: Table::default(),
            count: CellCount::default(),
            span: header
                .iter()
                .map(|p| p.span)
                .reduce(Span::cover)
                .unwrap_or_default(),
        };
        let header_row = header
            .iter()
            .map(|p| Cell {
                text: p.text.clone(),
                span: p.span,
                merge: Merge::None,
            })
            .collect();
        grid.push(header_row, limits)?;
        let (mut merged, mut sub_rows, mut n_rows) = (0usize, 0usize, 0usize);
        for raw in rows {
            match raw {
                RawRow::Category(piece) => {
                    let at = Span::new(piece.span.end, piece.span.end);
                    let mut cells = vec![Cell {
                        text: piece.text,
                        span: piece.span,
                        merge: Merge::None,
                    }];
                    cells.extend((1..n_cols).map(|_| Cell {
                        text: String::new(),
                        span: at,
                        merge: Merge::Left,
                    }));
                    grid.push(cells, limits)?;
                }
                RawRow::Grid(grid_cells) => {
                    n_rows += 1;
                    let at = grid_cells
                        .iter()
                        .find_map(|c| match c {
                            GridCell::Text(p) => Some(Span::new(p.span.start, p.span.start)),
                            _ => None,
                        })
                        .unwrap_or_default();
                    let cells = grid_cells
                        .into_iter()
                        .zip(&kinds)
                        .map(|(cell, kind)| match cell {
                            GridCell::Text(p) => Cell {
                                text: cell_text(std::slice::from_ref(&p), *kind, layout),
                                span: p.span,
                                merge: Merge::None,
                            },
                            GridCell::Up => {
                                merged += 1;
                                Cell {
                                    text: String::new(),
                                    span: at,
                                    merge: Merge::Up,
                                }
                            }
                            GridCell::Empty => Cell {
                                text: String::new(),
                                span: at,
                                merge: Merge::None,
                            },
                        })
                        .collect();
                    grid.push(cells, limits)?;
                }
                RawRow::Data { anchor, pieces } => {
                    n_rows += 1;
                    let slots = align(&column_kinds, &pieces, layout).1;
                    sub_rows += slots.len().saturating_sub(1);
                    let at = Span::new(anchor.span.start, anchor.span.start);
                    for (s, slots) in slots.into_iter().enumerate() {
                        let mut cells: Vec<Cell> = (0..n_cols)
                            .map(|_| Cell {
                                text: String::new(),
                                span: at,
                                merge: Merge::Up,
                            })
                            .collect();
                        if let Some(c) = seq_col
                            && s == 0
                        {
                            cells[c] = Cell {
                                text: anchor.text.clone(),
                                span: anchor.span,
                                merge: Merge::None,
                            };
                        }
                        for ((c, kind), slot) in columns.iter().zip(slots) {
                            match slot {
                                Slot::Missing => merged += 1,
                                Slot::Filled(range) => {
                                    let cell_span = pieces[range.clone()]
                                        .iter()
                                        .map(|p| p.span)
                                        .reduce(Span::cover)
                                        .unwrap_or(at);
                                    cells[*c] = Cell {
                                        text: cell_text(&pieces[range], *kind, layout),
                                        span: cell_span,
                                        merge: Merge::None,
                                    };
                                }
                            }
                        }
                        if seq_col.is_none()
                            && s == 0
                            && let Some((c, _)) = columns.first()
                        {
                            // No 序号 column: the row's number opens its first cell.
                            let cell = &mut cells[*c];
                            if cell.merge == Merge::None {
                                cell.text = format!("{}\n{}", anchor.text, cell.text);
                                cell.span = anchor.span.cover(cell.span);
                            } else {
                                *cell = Cell {
                                    text: anchor.text.clone(),
                                    span: anchor.span,
                                    merge: Merge::None,
                                };
                            }
                        }
                        grid.push(cells, limits)?;
                    }
                }
            }
        }
        let header_words: Vec<&str> = header.iter().map(|p| p.text.as_str()).collect();
        let mut message = format!(
            "a table rebuilt from text ({}): {} columns from its header row ({}), {} rows",
            layout.describe(),
            n_cols,
            header_words.join(" / "),
            n_rows
        );
        if merged > 0 {
            message.push_str(&format!(
                "; {merged} cells not written in their rows taken as merged with the cell above"
            ));
        }
        if sub_rows > 0 {
            message.push_str(&format!(
                "; {sub_rows} rows without a number taken as continuing the numbered row above"
            ));
        }
        let Grid { table, span, .. } = grid;
        Ok((
            Block {
                kind: BlockKind::Table(table),
                span,
            },
            Note::at(message, span),
        ))
    }
}

/// The table being built, its cell count against the limit, and its span.
struct Grid {
    table: Table,
    count: CellCount,
    span: Span,
}

impl Grid {
    fn push(&mut self, cells: Vec<Cell>, limits: &Limits) -> Result<(), LimitExceeded> {
        self.count.add_row(cells.len(), limits)?;
        for cell in &cells {
            if cell.merge == Merge::None && cell.span.end > cell.span.start {
                self.span = self.span.cover(cell.span);
            }
        }
        self.table.rows.push(Row {
            cells,
            is_header: false,
        });
        Ok(())
    }
}

/// A cell's text from its pieces: lines joined by a line break; in text
/// columns a space between two CJK characters is a wrap and goes (`工作机
/// 制`); in spaced rows the pieces of a cell were split at such wraps.
fn cell_text(pieces: &[Piece], kind: Kind, layout: Layout) -> String {
    let joiner = if layout == Layout::SpacedRows && kind != Kind::Owner {
        ""
    } else {
        "\n"
    };
    let joined = pieces
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(joiner);
    if kind == Kind::Owner {
        joined
    } else {
        close_wrap_spaces(&joined)
    }
}

/// Drops spaces between two CJK characters (a line wrapped inside a word).
fn close_wrap_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let before = chars[..k]
                .iter()
                .rev()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            let after = chars[k + 1..]
                .iter()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            if before.is_some_and(|c| is_cjk(*c)) && after.is_some_and(|c| is_cjk(*c)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::lines_with_offsets;

    /// Blocks of `text` read as prose, a table as its rows (`^` a cell merged
    /// with the one above, `<` with the one to its left, `⏎` a line break),
    /// and the notes.
    pub(super) fn read(text: &str) -> (Vec<String>, Vec<Note>) {
        let lines = lines_with_offsets(text);
        let mut notes = Vec::new();
        let blocks =
            prose_blocks(&lines, &Limits::default(), &mut notes).expect("within the limits");
        let shown = blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Table(t) => t
                    .rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| match c.merge {
                                Merge::None => c.text.replace('\n', "⏎"),
                                Merge::Up => "^".to_string(),
                                Merge::Left => "<".to_string(),
                            })
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect::<Vec<_>>()
                    .join(" / "),
                BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                    format!("P {text}")
                }
            })
            .collect();
        (shown, notes)
    }

    #[test]
    fn prose_with_short_lines_stays_prose() {
        for text in [
            // Column words, but no row follows.
            "序号\n工作任务\n责任单位\n完成时限\n各单位要认真落实。\n",
            // A 序号 line without enough column words.
            "序号\n姓名\n职务\n1\n张三\n局长\n",
            // Rows that hold nothing.
            "序号\n工作任务\n责任单位\n完成时限\n1\n2\n3\n",
            // Spaced words that are not a header.
            "序号 姓名 性别 年龄\n1 张三 男 40\n",
            // A box of one column.
            "┌────┐\n│通知│\n└────┘\n",
        ] {
            let (blocks, notes) = read(text);
            assert!(
                blocks.iter().all(|b| b.starts_with("P ")),
                "{text:?}: {blocks:?}"
            );
            assert!(notes.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_table_over_max_table_cells_is_refused() {
        let mut text = String::from("序号\n工作任务\n责任单位\n完成时限\n");
        for n in 1..=4 {
            text.push_str(&format!("{n}\n任务{n}。\n县民政局\n年底前\n"));
        }
        let lines = lines_with_offsets(&text);
        let limits = |max_table_cells| Limits {
            max_table_cells,
            ..Limits::default()
        };
        assert!(prose_blocks(&lines, &limits(20), &mut Vec::new()).is_ok());
        let err = prose_blocks(&lines, &limits(19), &mut Vec::new()).expect_err("20 over 19");
        assert_eq!(err.found, 20);
    }

    #[test]
    fn garbage_after_a_header_does_not_hang_or_panic() {
        // A row of far more lines than any row holds ends the table before it.
        let mut text = String::from("序号\n工作任务\n责任单位\n完成时限\n1\n");
        text.push_str(&"县民政局\n".repeat(10_000));
        let (blocks, _) = read(&text);
        assert!(blocks.iter().all(|b| b.starts_with("P ")));
        // Numbers only, thousands of them, and stray rule characters.
        let numbers: String = (1..5_000).map(|n| format!("{n}\n")).collect();
        let (blocks, _) = read(&format!("序号\n工作任务\n责任单位\n完成时限\n{numbers}"));
        assert_eq!(blocks.len(), 5003);
        let (blocks, _) = read("│││\n┌┬┐\n│ │ │\n├┼┤\n└┴┘\n│\n");
        assert!(!blocks.is_empty());
    }

    #[test]
    fn hostile_table_shapes_cost_linear_time() {
        // Wide headers each followed by a long first row, thousands of times;
        // top borders without a box; header words without rows.
        let header: String = (0..MAX_COLUMNS)
            .map(|c| {
                if c == 0 {
                    "序号\n".to_string()
                } else {
                    "责任单位\n".to_string()
                }
            })
            .collect();
        let row: String = "县民政局\n".repeat(MAX_ROW_PIECES - 2);
        let chunk = format!("{header}1\n{row}");
        let text = chunk.repeat(2_000)
            + &"┌──┬──┐\n".repeat(20_000)
            + &"工作任务\n责任单位\n完成时限\n".repeat(20_000);
        let started = std::time::Instant::now();
        let (blocks, _) = read(&text);
        assert!(!blocks.is_empty());
        // Generous for a debug build on a loaded machine; quadratic would take minutes.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }
}
