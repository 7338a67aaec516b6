//! Tables by column meaning: 序号, categories, task, content, owners, deadline.

use policy_blocks::{Merge, Row, Table};
use policy_grammar::chars::{join_lines, trim_text};
use policy_grammar::numbering::{EnumKind, enumerator};
use policy_model::{Indicator, OwnerRole, Span, Warning, WarningCode};

use crate::draft::{Draft, OwnerSource, lead_sentence};
use crate::outline::{Context, box_title};
use policy_grammar::lexicon::{
    HEADER_CATEGORY as CATEGORY, HEADER_CONTENT as CONTENT, HEADER_DEADLINE as DEADLINE,
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

impl TableReader {
    pub(crate) fn read(&mut self, table: &Table, span: Span, context: &Context) -> TableRead {
        let mut out = TableRead::default();
        let rows: Vec<Vec<String>> = resolved(table);
        let mut start = 0;
        let mut in_box = context.in_box.clone();
        // A title row spanning the table: `专栏 1 …` names a box.
        if let Some(first) = rows.first() {
            let filled: Vec<&String> = first.iter().filter(|c| !c.is_empty()).collect();
            if filled.len() == 1
                && let Some((id, title)) = box_title(filled[0])
            {
                in_box = Some(policy_model::TaskBox { id, title });
                start = 1;
            }
        }
        let box_id = in_box.as_ref().map(|b| b.id.clone());
        if let Some(indicators) = policy_semantics::indicators_from_table(table, box_id.as_deref())
        {
            out.indicators = indicators;
            return out;
        }
        let header_at = rows
            .iter()
            .enumerate()
            .skip(start)
            .take(4)
            .find(|(_, r)| header_score(r) >= 2)
            .map(|(i, _)| i);
        let header = match header_at {
            Some(i) => {
                let header = classify(&rows[i], &rows[i + 1..]);
                self.categories.clear();
                start = i + 1;
                header
            }
            None => match &self.last_header {
                Some(h) if h.columns.len() == rows.first().map_or(0, Vec::len) => h.clone(),
                _ => {
                    out.warnings.push(Warning {
                        code: WarningCode::UnrecognisedTableHeader,
                        message: "a table whose header names no known column (序号, 工作任务, 责任单位, 完成时限…); its rows are not read as tasks".to_string(),
                        span,
                    });
                    return out;
                }
            },
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
            let filled: Vec<(usize, &String)> = row
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .collect();
            // A row with one filled cell spanning the table: a category row.
            if filled.len() == 1
                && row.len() > 2
                && !matches!(
                    header.columns.get(filled[0].0),
                    Some(Column::Content | Column::Title)
                )
            {
                spanning = Some(join_lines(filled[0].1));
                self.categories.clear();
                continue;
            }
            let mut categories_changed_at: Option<usize> = None;
            let mut title = None;
            let mut content = None;
            let mut owners = Vec::new();
            let mut deadline = None;
            let mut number = None;
            let mut cat_idx = 0;
            for (c, column) in header.columns.iter().enumerate() {
                let cell = row.get_mut(c).map(std::mem::take).unwrap_or_default();
                match column {
                    Column::Seq => {
                        number = Some(trim_text(&cell).to_string()).filter(|s| !s.is_empty())
                    }
                    Column::Category => {
                        if self.categories.len() <= cat_idx {
                            self.categories.resize(cat_idx + 1, String::new());
                        }
                        if !cell.is_empty() {
                            let joined = join_lines(&cell);
                            if self.categories[cat_idx] != joined {
                                categories_changed_at.get_or_insert(cat_idx);
                            }
                            self.categories[cat_idx] = joined;
                        }
                        cat_idx += 1;
                        if let Some(changed) = categories_changed_at {
                            // A new outer category starts afresh below it, unless this row names the inner one too.
                            for (k, inner) in
                                self.categories.iter_mut().enumerate().skip(changed + 1)
                            {
                                if k >= cat_idx {
                                    inner.clear();
                                }
                            }
                        }
                    }
                    Column::Title => title = Some(cell).filter(|s| !s.is_empty()),
                    Column::Content => content = Some(cell).filter(|s| !s.is_empty()),
                    Column::Owner(role) => owners.push((cell, *role)),
                    Column::Deadline => deadline = Some(cell),
                    Column::Other => {}
                }
            }
            if title.is_none() && content.is_none() {
                continue;
            }
            let text = content.or_else(|| title.clone()).unwrap_or_default();
            let number = number.or_else(|| enumerator(&text).map(|(e, _)| e.number));
            let title = title.or_else(|| {
                Some(lead_sentence(strip_enumerator(&text)))
                    .filter(|t| !t.is_empty() && t.chars().count() <= 30)
            });
            let mut path: Vec<String> = context.path.clone();
            path.extend(spanning.clone());
            path.extend(self.categories.iter().filter(|c| !c.is_empty()).cloned());
            let row_span = table
                .rows
                .get(r)
                .map(|x| {
                    x.cells
                        .iter()
                        .map(|c| c.span)
                        .reduce(Span::cover)
                        .unwrap_or(span)
                })
                .unwrap_or(span);
            out.tasks.push(Draft {
                number,
                path,
                in_box: in_box.clone(),
                title,
                text,
                owners: OwnerSource::Cells(owners),
                deadline_cell: deadline,
                span: row_span,
                group: Some(usize::MAX / 2 + self.group),
            });
        }
        self.last_header = Some(header);
        out
    }
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
                Column::Owner(if h.contains("牵头") || h.contains("主责") {
                    Some(OwnerRole::Lead)
                } else if h.contains("配合") || h.contains("协办") || h.contains("参与") {
                    Some(OwnerRole::Co)
                } else {
                    None
                })
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
        if stats[c].2 > 0.0 && text_cols.len() > 1 {
            columns[c] = Column::Category;
        }
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
