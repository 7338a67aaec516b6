//! What the page's script gets for one document: its text and every fact with
//! its place in that text, as UTF-16 offsets.

use std::collections::{BTreeMap, HashSet};

use policy_blocks::{BlockKind, Decoded, Merge, Table};
use policy_model::{Document, OwnerRole, Span};
use serde::Serialize;

use crate::offsets::Utf16Offsets;

/// One document as the page's script reads it. Offsets (`s`, `e`) are UTF-16
/// code units into `text`, end exclusive, `s <= e <= text.len()`.
#[derive(Debug, Serialize)]
pub struct Payload {
    pub text: String,
    pub tasks: Vec<TaskRow>,
    pub indicators: Vec<IndicatorRow>,
    pub warnings: Vec<WarningRow>,
    /// Tables to draw as grids, in text order, not overlapping.
    pub tables: Vec<TableGrid>,
    /// Headings the reader marked, to set in bold.
    pub headings: Vec<[usize; 2]>,
    /// 专栏 boxes to draw around their part of the text, in text order, not
    /// overlapping, never cutting through a table.
    pub boxes: Vec<BoxFrame>,
}

#[derive(Debug, Serialize)]
pub struct TaskRow {
    pub id: String,
    /// The item's own enumerator.
    pub number: Option<String>,
    pub path: String,
    #[serde(rename = "box")]
    pub in_box: Option<String>,
    pub title: String,
    /// `[name, role, as written, hue]`.
    pub owners: Vec<(String, &'static str, String, u16)>,
    pub deadline: Option<String>,
    pub targets: Vec<String>,
    /// The hue (0–359) of the task's lead owner (else first owner); none without owners.
    pub hue: Option<u16>,
    /// Lower-case words the filter box matches: owners (as normalised and as
    /// written), number, title, path, deadline and targets. The script adds
    /// the span's text when the filter is first used, rather than the page
    /// carrying every task's text twice.
    pub search: String,
    pub s: usize,
    pub e: usize,
}

#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub attribute: Option<String>,
    #[serde(rename = "box")]
    pub in_box: Option<String>,
    pub s: usize,
    pub e: usize,
}

#[derive(Debug, Serialize)]
pub struct WarningRow {
    pub code: String,
    pub message: String,
    /// False for a warning about the whole document (an empty span at 0):
    /// it has no place to jump to.
    pub placed: bool,
    pub s: usize,
    pub e: usize,
}

#[derive(Debug, Serialize)]
pub struct TableGrid {
    pub s: usize,
    pub e: usize,
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Serialize)]
pub struct GridRow {
    pub header: bool,
    pub cells: Vec<GridCell>,
}

/// A drawn cell: merge continuations are folded into the cell they continue.
#[derive(Debug, Serialize)]
pub struct GridCell {
    pub s: usize,
    pub e: usize,
    pub rowspan: usize,
    pub colspan: usize,
}

#[derive(Debug, Serialize)]
pub struct BoxFrame {
    pub label: String,
    pub s: usize,
    pub e: usize,
}

/// The payload of `document` read from `decoded`.
pub fn payload(document: &Document, decoded: &Decoded) -> Payload {
    let text = &decoded.text;
    let tables = tables_in_order(decoded);
    let boxes = box_ranges(document, decoded, &tables);

    let mut wanted = Vec::new();
    let spans = document
        .tasks
        .iter()
        .map(|t| t.span)
        .chain(document.indicators.iter().map(|i| i.span))
        .chain(document.warnings.iter().map(|w| w.span));
    for span in spans {
        wanted.extend([span.start, span.end]);
    }
    for block in &decoded.blocks {
        if matches!(block.kind, BlockKind::Heading { .. }) {
            wanted.extend([block.span.start, block.span.end]);
        }
    }
    for (span, table) in &tables {
        wanted.extend([span.start, span.end]);
        for cell in table.rows.iter().flat_map(|r| &r.cells) {
            wanted.extend([cell.span.start, cell.span.end]);
        }
    }
    for (_, range) in &boxes {
        wanted.extend([range.0, range.1]);
    }
    let map = Utf16Offsets::new(text, wanted);
    // Each span as UTF-16, its end never before its start.
    let range = |start: usize, end: usize| {
        let s = map.get(start);
        (s, map.get(end).max(s))
    };

    let tasks = document
        .tasks
        .iter()
        .map(|task| {
            let (s, e) = range(task.span.start, task.span.end);
            let lead = task
                .owners
                .iter()
                .find(|o| o.role == OwnerRole::Lead)
                .or(task.owners.first());
            let owners = task
                .owners
                .iter()
                .map(|o| {
                    (
                        o.name.clone(),
                        role_name(o.role),
                        o.raw.clone(),
                        hue(&o.name),
                    )
                })
                .collect();
            let mut search = String::new();
            for owner in &task.owners {
                search.push_str(&owner.name);
                search.push(' ');
                search.push_str(&owner.raw);
                search.push(' ');
            }
            for part in [task.number.as_deref(), task.title.as_deref()]
                .into_iter()
                .flatten()
                .chain(task.path.iter().map(String::as_str))
                .chain(task.deadline.as_ref().map(|d| d.raw.as_str()))
                .chain(task.targets.iter().map(|t| t.raw.as_str()))
            {
                search.push_str(part);
                search.push(' ');
            }
            TaskRow {
                id: task.id.clone(),
                number: task.number.clone(),
                path: task.path.join(" › "),
                in_box: task.in_box.as_ref().map(|b| match &b.title {
                    Some(title) => format!("{} {title}", b.id),
                    None => b.id.clone(),
                }),
                title: task
                    .title
                    .clone()
                    .unwrap_or_else(|| task.text.chars().take(40).collect()),
                owners,
                deadline: task.deadline.as_ref().map(|d| d.raw.clone()),
                targets: task.targets.iter().map(|t| t.raw.clone()).collect(),
                hue: lead.map(|o| hue(&o.name)),
                search: search.to_lowercase(),
                s,
                e,
            }
        })
        .collect();

    let indicators = document
        .indicators
        .iter()
        .map(|ind| {
            let (s, e) = range(ind.span.start, ind.span.end);
            let quantity = |q: &Option<policy_model::Quantity>| {
                q.as_ref().and_then(|q| {
                    q.raw.clone().or_else(|| {
                        q.value
                            .map(|v| format!("{v}{}", q.unit.as_deref().unwrap_or("")))
                    })
                })
            };
            IndicatorRow {
                name: ind.name.clone(),
                baseline: quantity(&ind.baseline),
                target: quantity(&ind.target),
                attribute: ind.attribute.clone(),
                in_box: ind.in_box.clone(),
                s,
                e,
            }
        })
        .collect();

    let warnings = document
        .warnings
        .iter()
        .map(|w| {
            let (s, e) = range(w.span.start, w.span.end);
            WarningRow {
                code: serde_json::to_value(w.code)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| format!("{:?}", w.code)),
                message: w.message.clone(),
                placed: w.span != Span::default(),
                s,
                e,
            }
        })
        .collect();

    let headings = decoded
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .map(|b| {
            let (s, e) = range(b.span.start, b.span.end);
            [s, e]
        })
        .collect();

    let tables = tables
        .iter()
        .map(|(span, table)| {
            let (s, e) = range(span.start, span.end);
            TableGrid {
                s,
                e,
                rows: grid(table)
                    .into_iter()
                    .zip(&table.rows)
                    .map(|(cells, row)| GridRow {
                        header: row.is_header,
                        cells: cells
                            .into_iter()
                            .map(|(span, rowspan, colspan)| {
                                let (s, e) = range(span.start, span.end);
                                GridCell {
                                    s,
                                    e,
                                    rowspan,
                                    colspan,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();

    let boxes = boxes
        .into_iter()
        .map(|(label, (start, end))| {
            let (s, e) = range(start, end);
            BoxFrame { label, s, e }
        })
        .collect();

    Payload {
        text: text.clone(),
        tasks,
        indicators,
        warnings,
        tables,
        headings,
        boxes,
    }
}

pub fn role_name(role: OwnerRole) -> &'static str {
    match role {
        OwnerRole::Lead => "lead",
        OwnerRole::Co => "co",
        OwnerRole::Responsible => "responsible",
    }
}

/// A stable hue per owner name (FNV-1a), so an owner has one colour on every
/// page and in every document of a page.
pub fn hue(name: &str) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash % 360) as u16
}

/// The tables that can be drawn as grids, in text order: each inside the text,
/// its cells inside it in reading order and not overlapping, and not
/// overlapping the table before it. A table that breaks these (a reader's
/// bug, a hostile file) is shown as the plain text it covers instead.
fn tables_in_order(decoded: &Decoded) -> Vec<(Span, &Table)> {
    let len = decoded.text.len();
    let mut tables: Vec<(Span, &Table)> = decoded
        .blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Table(table) => Some((block.span, table)),
            _ => None,
        })
        .filter(|(span, table)| {
            let mut at = span.start;
            span.start <= span.end
                && span.end <= len
                && table.rows.iter().flat_map(|r| &r.cells).all(|cell| {
                    let fits = cell.span.start >= at
                        && cell.span.start <= cell.span.end
                        && cell.span.end <= span.end;
                    at = cell.span.end.max(at);
                    fits
                })
        })
        .collect();
    tables.sort_by_key(|(span, _)| span.start);
    let mut end = 0;
    tables.retain(|(span, _)| {
        let keep = span.start >= end;
        if keep {
            end = span.end;
        }
        keep
    });
    tables
}

/// Each row's drawn cells: (span, rowspan, colspan). A cell continued to the
/// right (`Left`) and down (`Up`) spans those cells; a continuation that
/// continues nothing is drawn as an empty cell of its own.
fn grid(table: &Table) -> Vec<Vec<(Span, usize, usize)>> {
    let mut covered: HashSet<(usize, usize)> = HashSet::new();
    let mut rows = Vec::with_capacity(table.rows.len());
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells = Vec::with_capacity(row.cells.len());
        for (c, cell) in row.cells.iter().enumerate() {
            if covered.contains(&(r, c)) {
                continue;
            }
            if cell.merge != Merge::None {
                cells.push((cell.span, 1, 1));
                continue;
            }
            let colspan = 1 + row.cells[c + 1..]
                .iter()
                .take_while(|next| next.merge == Merge::Left)
                .count();
            let rowspan = 1 + table.rows[r + 1..]
                .iter()
                .take_while(|below| below.cells.get(c).is_some_and(|b| b.merge == Merge::Up))
                .count();
            for dr in 0..rowspan {
                for dc in 0..colspan {
                    covered.insert((r + dr, c + dc));
                }
            }
            cells.push((cell.span, rowspan, colspan));
        }
        rows.push(cells);
    }
    rows
}

/// Where each 专栏 box is in the text: from the block that names it (the
/// nearest of the few blocks before its first task or indicator whose text,
/// spaces removed, holds the box's id) to the end of the block holding its
/// last member. Ends inside a table move out to the table's edges, and a box
/// that would overlap the one before it is not drawn (its members still are).
fn box_ranges(
    document: &Document,
    decoded: &Decoded,
    tables: &[(Span, &Table)],
) -> Vec<(String, (usize, usize))> {
    // Box id → (label, member spans' cover), in order of first appearance.
    let mut boxes: BTreeMap<String, (String, Span)> = BTreeMap::new();
    let members = document
        .tasks
        .iter()
        .filter_map(|t| {
            t.in_box.as_ref().map(|b| {
                let label = match &b.title {
                    Some(title) => format!("{} {title}", b.id),
                    None => b.id.clone(),
                };
                (b.id.clone(), label, t.span)
            })
        })
        .chain(
            document
                .indicators
                .iter()
                .filter_map(|i| i.in_box.as_ref().map(|id| (id.clone(), id.clone(), i.span))),
        );
    for (id, label, span) in members {
        boxes
            .entry(id)
            .and_modify(|(known, cover)| {
                if known.chars().count() < label.chars().count() {
                    *known = label.clone();
                }
                *cover = cover.cover(span);
            })
            .or_insert((label, span));
    }
    let len = decoded.text.len();
    let blocks = &decoded.blocks;
    let mut ranges: Vec<(String, (usize, usize))> = boxes
        .into_iter()
        .filter(|(_, (_, cover))| cover.start < cover.end && cover.end <= len)
        .map(|(id, (label, cover))| {
            let first = blocks
                .iter()
                .rposition(|b| b.span.start <= cover.start)
                .unwrap_or(0);
            let named = (first.saturating_sub(3)..=first).rev().find(|&idx| {
                blocks.get(idx).is_some_and(|b| {
                    let text: String = b.text().chars().filter(|c| !c.is_whitespace()).collect();
                    text.contains(&id)
                })
            });
            let start = named
                .and_then(|idx| blocks.get(idx))
                .map_or(cover.start, |b| b.span.start.min(cover.start));
            let end = blocks
                .iter()
                .filter(|b| b.span.start < cover.end && b.span.end <= len)
                .map(|b| b.span.end)
                .max()
                .unwrap_or(cover.end)
                .max(cover.end);
            let start = tables
                .iter()
                .find(|(t, _)| t.start < start && start < t.end)
                .map_or(start, |(t, _)| t.start);
            let end = tables
                .iter()
                .find(|(t, _)| t.start < end && end < t.end)
                .map_or(end, |(t, _)| t.end);
            (label, (start, end))
        })
        .collect();
    ranges.sort_by_key(|(_, (start, _))| *start);
    let mut last_end = 0;
    ranges.retain(|(_, (start, end))| {
        let keep = *start >= last_end;
        if keep {
            last_end = *end;
        }
        keep
    });
    ranges
}
