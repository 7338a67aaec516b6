//! Tables by column meaning: 序号, categories, task, content, owners, deadline.

use policy_blocks::{Merge, Row, Table};
use policy_grammar::chars::{join_lines, trim_text};
use policy_grammar::numbering::{EnumKind, enumerator};
use policy_model::{Indicator, OwnerRole, Span, TaskBox, Warning, WarningCode};

use crate::draft::{Draft, OwnerSource, lead_sentence};
use crate::outline::{Context, box_title};
use policy_grammar::lexicon::{
    self, HEADER_CATEGORY as CATEGORY, HEADER_CONTENT as CONTENT, HEADER_DEADLINE as DEADLINE,
    HEADER_OWNER as OWNER, HEADER_SEQ as SEQ, HEADER_TITLE as TITLE,
};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Seq,
    /// A category (一、… / （一）…): filled down, part of the path.
    Category,
    /// The task's short name (工作任务).
    Title,
    /// The requirement text (主要内容 / 工作要求).
    Content,
    Owner(Option<OwnerRole>),
    Deadline,
    Other,
}

/// A table's header: its text and the role of each column.
#[derive(Clone, Debug)]
struct Header {
    cells: Vec<String>,
    columns: Vec<Column>,
}

/// What one table yields.
#[derive(Debug, Default)]
pub(crate) struct TableRead {
    pub tasks: Vec<Draft>,
    pub indicators: Vec<Indicator>,
    pub warnings: Vec<Warning>,
}

/// Reads tables in document order; remembers the last header so that a table
/// continued without its header (a page break in a converted PDF) still reads.
#[derive(Debug, Default)]
pub(crate) struct TableReader {
    last_header: Option<Header>,
    /// Category values carried across a continued table.
    categories: Vec<String>,
    group: usize,
}

/// One data row's cells by column meaning, taken out of the row.
#[derive(Debug, Default)]
struct RowCells {
    number: Option<String>,
    /// The row's category cells, outermost first (blank where filled down).
    categories: Vec<String>,
    title: Option<String>,
    content: Option<String>,
    owners: Vec<(String, Option<OwnerRole>)>,
    deadline: Option<String>,
}

impl TableReader {
    pub(crate) fn read(&mut self, table: &Table, span: Span, context: &Context) -> TableRead {
        let mut out = TableRead::default();
        let rows: Vec<Vec<String>> = resolved(table);
        let titled = box_title_row(&rows);
        let start = usize::from(titled.is_some());
        let in_box = titled.or_else(|| context.in_box.clone());
        let box_id = in_box.as_ref().map(|b| b.id.clone());
        if let Some(indicators) = policy_semantics::indicators_from_table(table, box_id.as_deref())
        {
            out.indicators = indicators;
            return out;
        }
        let Some((header, start)) = self.header(&rows, start) else {
            out.warnings.push(Warning {
                code: WarningCode::UnrecognisedTableHeader,
                message: "a table whose header names no known column (序号, 工作任务, 责任单位, 完成时限…); its rows are not read as tasks".to_string(),
                span,
            });
            return out;
        };
        self.group += 1;
        let mut spanning: Option<String> = None;
        // Rows are read once: their cells move into the drafts.
        for (r, mut row) in rows.into_iter().enumerate().skip(start) {
            if is_repeated_header(&row, &header)
                || table.rows.get(r).is_some_and(|x: &Row| x.is_header)
            {
                continue;
            }
            if let Some(category) = spanning_category(&row, &header) {
                spanning = Some(category);
                self.categories.clear();
                continue;
            }
            let mut cells = take_cells(&mut row, &header);
            self.fill_down(std::mem::take(&mut cells.categories));
            let mut path: Vec<String> = context.path.clone();
            path.extend(spanning.clone());
            path.extend(self.categories.iter().filter(|c| !c.is_empty()).cloned());
            let row_span = table
                .rows
                .get(r)
                .and_then(|x| x.cells.iter().map(|c| c.span).reduce(Span::cover))
                .unwrap_or(span);
            let group = usize::MAX / 2 + self.group;
            out.tasks
                .extend(row_draft(cells, path, in_box.clone(), row_span, group));
        }
        self.last_header = Some(header);
        out
    }

    /// The table's header and the index of its first data row: a header row
    /// among the first rows from `start`, else the last table's header when
    /// this table continues it (same number of columns).
    fn header(&mut self, rows: &[Vec<String>], start: usize) -> Option<(Header, usize)> {
        let header_at = rows
            .iter()
            .enumerate()
            .skip(start)
            .take(4)
            .find(|(_, r)| header_score(r) >= 2)
            .map(|(i, _)| i);
        match header_at {
            Some(i) => {
                let header = classify(&rows[i], &rows[i + 1..]);
                self.categories.clear();
                Some((header, i + 1))
            }
            None => match &self.last_header {
                Some(h) if h.columns.len() == rows.first().map_or(0, Vec::len) => {
                    Some((h.clone(), start))
                }
                _ => None,
            },
        }
    }

    /// Category fill-down: a blank category cell keeps the value above; a new
    /// outer category clears the inner ones, unless this row names them too.
    fn fill_down(&mut self, cells: Vec<String>) {
        let mut changed_at = None;
        for (idx, cell) in cells.into_iter().enumerate() {
            if self.categories.len() <= idx {
                self.categories.resize(idx + 1, String::new());
            }
            if !cell.is_empty() {
                let joined = join_lines(&cell);
                if self.categories[idx] != joined {
                    changed_at.get_or_insert(idx);
                }
                self.categories[idx] = joined;
            }
            // Cleared once a category changed at or before this one; the
            // cells still to come in this row fill them again.
            if changed_at.is_some() {
                for inner in self.categories.iter_mut().skip(idx + 1) {
                    inner.clear();
                }
            }
        }
    }
}

/// A title row spanning the table: `专栏 1 …` names a box.
fn box_title_row(rows: &[Vec<String>]) -> Option<TaskBox> {
    let first = rows.first()?;
    let filled: Vec<&String> = first.iter().filter(|c| !c.is_empty()).collect();
    if filled.len() != 1 {
        return None;
    }
    let (id, title) = box_title(filled[0])?;
    Some(TaskBox { id, title })
}

/// A row with one filled cell spanning the table, outside the text columns:
/// a category row, and its text.
fn spanning_category(row: &[String], header: &Header) -> Option<String> {
    let mut filled = row.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let (c, text) = filled.next()?;
    let spans = filled.next().is_none()
        && row.len() > 2
        && !matches!(header.columns.get(c), Some(Column::Content | Column::Title));
    spans.then(|| join_lines(text))
}

/// Moves the cells of a data row into their meanings by the header's columns.
fn take_cells(row: &mut [String], header: &Header) -> RowCells {
    let mut cells = RowCells::default();
    for (c, column) in header.columns.iter().enumerate() {
        let cell = row.get_mut(c).map(std::mem::take).unwrap_or_default();
        match column {
            Column::Seq => {
                cells.number = Some(trim_text(&cell).to_string()).filter(|s| !s.is_empty())
            }
            Column::Category => cells.categories.push(cell),
            Column::Title => cells.title = Some(cell).filter(|s| !s.is_empty()),
            Column::Content => cells.content = Some(cell).filter(|s| !s.is_empty()),
            Column::Owner(role) => cells.owners.push((cell, *role)),
            Column::Deadline => cells.deadline = Some(cell),
            Column::Other => {}
        }
    }
    cells
}

/// A row → a task draft: its text is the content (else the title), its number
/// the 序号 cell (else the text's enumerator), its title the title cell (else a
/// short lead sentence). `None` for a row with neither title nor content.
fn row_draft(
    cells: RowCells,
    path: Vec<String>,
    in_box: Option<TaskBox>,
    span: Span,
    group: usize,
) -> Option<Draft> {
    let RowCells {
        number,
        title,
        content,
        owners,
        deadline,
        ..
    } = cells;
    if title.is_none() && content.is_none() {
        return None;
    }
    let text = content.or_else(|| title.clone()).unwrap_or_default();
    let number = number.or_else(|| enumerator(&text).map(|(e, _)| e.number));
    let title = title.or_else(|| {
        Some(lead_sentence(strip_enumerator(&text)))
            .filter(|t| !t.is_empty() && t.chars().count() <= 30)
    });
    Some(Draft {
        number,
        path,
        in_box,
        title,
        text,
        owners: OwnerSource::Cells(owners),
        deadline_cell: deadline,
        span,
        group: Some(group),
    })
}

/// Each row as text per grid column, vertical merges filled from the cell above.
/// Each row as text per grid column; a vertical merge is filled from the data
/// row above it, skipping header rows repeated at a page break in between.
fn resolved(table: &Table) -> Vec<Vec<String>> {
    let mut raw: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| {
                    if c.merge == Merge::None {
                        trim_text(&c.text).to_string()
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    let header = raw
        .iter()
        .take(5)
        .find(|r| header_score(r) >= 2)
        .map(|r| r.iter().map(|c| normalize_header(c)).collect::<Vec<_>>());
    let mut out: Vec<Vec<String>> = Vec::with_capacity(raw.len());
    let mut above: Option<usize> = None;
    for (r, row) in table.rows.iter().enumerate() {
        let is_header = header.as_ref().is_some_and(|h| {
            let cells = raw.get(r).map_or(&[][..], Vec::as_slice);
            cells.len() == h.len()
                && cells
                    .iter()
                    .zip(h)
                    .all(|(c, h)| header_chars(c).eq(h.chars()))
        });
        let mut cells = raw.get_mut(r).map(std::mem::take).unwrap_or_default();
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.merge == Merge::Up
                && let Some(text) = above
                    .and_then(|a| out.get(a))
                    .and_then(|prev: &Vec<String>| prev.get(c))
            {
                cells[c] = text.clone();
            }
        }
        if !is_header {
            above = Some(out.len());
        }
        out.push(cells);
    }
    out
}

fn strip_enumerator(text: &str) -> &str {
    enumerator(text).map_or(text, |(_, rest)| rest)
}

fn normalize_header(cell: &str) -> String {
    header_chars(cell).collect()
}

/// The characters of a header cell that [`normalize_header`] keeps.
fn header_chars(cell: &str) -> impl Iterator<Item = char> + '_ {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '*')
}

fn header_score(row: &[String]) -> usize {
    row.iter()
        .map(|c| normalize_header(c))
        .filter(|c| c.chars().count() <= 12 && !c.is_empty())
        .filter(|c| {
            [SEQ, OWNER, DEADLINE, TITLE, CONTENT, CATEGORY]
                .iter()
                .any(|words| words.iter().any(|w| c.contains(w)))
        })
        .count()
}

fn is_repeated_header(row: &[String], header: &Header) -> bool {
    row.len() == header.cells.len()
        && row
            .iter()
            .zip(&header.cells)
            .all(|(c, h)| header_chars(c).eq(header_chars(h)))
}

/// Column roles from the header words, refined by what the cells hold.
fn classify(header: &[String], data: &[Vec<String>]) -> Header {
    let mut columns: Vec<Column> = header
        .iter()
        .map(|h| {
            let h = normalize_header(h);
            let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
            if has(SEQ) {
                Column::Seq
            } else if has(DEADLINE) {
                Column::Deadline
            } else if has(OWNER) {
                Column::Owner(lexicon::header_role(&h))
            } else if has(TITLE) || has(CONTENT) || has(CATEGORY) {
                Column::Content
            } else {
                Column::Other
            }
        })
        .collect();
    // Text columns: categories are mostly enumerated section heads or left
    // blank below their first row; the longest of the rest is the content,
    // a shorter one the title.
    let stats: Vec<(usize, f64, f64)> = (0..columns.len())
        .map(|c| {
            let cells: Vec<&str> = data
                .iter()
                .map(|r| r.get(c).map_or("", String::as_str))
                .collect();
            let filled: Vec<&str> = cells.iter().copied().filter(|s| !s.is_empty()).collect();
            let enumerated = filled
                .iter()
                .filter(|s| {
                    enumerator(s).is_some_and(|(e, _)| {
                        matches!(
                            e.kind,
                            EnumKind::CnComma | EnumKind::CnParen | EnumKind::Chapter
                        )
                    })
                })
                .count();
            let avg = if filled.is_empty() {
                0.0
            } else {
                filled.iter().map(|s| s.chars().count()).sum::<usize>() as f64 / filled.len() as f64
            };
            let blank = if cells.is_empty() {
                0.0
            } else {
                1.0 - filled.len() as f64 / cells.len() as f64
            };
            let enum_ratio = if filled.is_empty() {
                0.0
            } else {
                enumerated as f64 / filled.len() as f64
            };
            (
                c,
                avg,
                if enum_ratio >= 0.6 || (blank >= 0.3 && enum_ratio >= 0.3) {
                    1.0
                } else {
                    0.0
                },
            )
        })
        .collect();
    let text_cols: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c] == Column::Content)
        .collect();
    for &c in &text_cols {
        // A column named for a kind of thing (`类别`, `领域`) groups the rows
        // even where its cells are not enumerated.
        let named = lexicon::HEADER_GROUPING
            .iter()
            .any(|w| normalize_header(&header[c]).contains(w));
        if (stats[c].2 > 0.0 || named) && text_cols.len() > 1 {
            columns[c] = Column::Category;
        }
    }
    // No column is named for the work (`序号 / 民生实事 / 责任单位 / 完成时限`):
    // the unnamed column with the longest text holds it.
    if !columns
        .iter()
        .any(|c| matches!(c, Column::Content | Column::Title))
        && let Some(c) = (0..columns.len())
            .filter(|&c| columns[c] == Column::Other && stats[c].1 >= 6.0)
            .max_by(|a, b| stats[*a].1.total_cmp(&stats[*b].1))
    {
        columns[c] = Column::Content;
    }
    let rest: Vec<usize> = text_cols
        .iter()
        .copied()
        .filter(|&c| columns[c] == Column::Content)
        .collect();
    if let Some(&content) = rest
        .iter()
        .max_by(|a, b| stats[**a].1.total_cmp(&stats[**b].1))
    {
        for &c in &rest {
            if c != content {
                let h = normalize_header(&header[c]);
                columns[c] =
                    if TITLE.iter().any(|w| h.contains(w)) || stats[c].1 < stats[content].1 / 2.0 {
                        Column::Title
                    } else {
                        Column::Other
                    };
            }
        }
    }
    Header {
        cells: header.to_vec(),
        columns,
    }
}
