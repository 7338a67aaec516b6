//! The walk over `word/document.xml`: paragraphs, headings, tables and text
//! boxes in reading order, with numbering labels restored.

use policy_blocks::{LabelSuffix, Limit, LimitExceeded, Limits, Merge, labelled_text};

use crate::Error;
use crate::numbering::{Numbering, is_on};
use crate::styles::{Styles, num_pr, outline_to_level};
use crate::xml::{Node, Ns};

/// The state of an open field.
#[derive(Debug)]
enum Field {
    /// Between `begin` and `separate`: the instruction so far (`w:instrText`).
    Instruction(String),
    /// Between `separate` and `end`: the displayed result, shown unless the
    /// field is a table of contents.
    Result { shown: bool },
}

/// A `TOC` field: its result repeats the headings with page numbers.
fn is_toc(instruction: &str) -> bool {
    instruction
        .trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}

/// The most columns a Word table can have.
const MAX_COLUMNS: u64 = 63;

/// A block found by the walk, before it gets a span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Heading(u8, String),
    Paragraph(String),
    Table(Rows),
}

/// Table rows as [`policy_blocks::DecodedBuilder::table`] takes them: (text,
/// merge) cells and whether the row is a header.
pub(crate) type Rows = Vec<(Vec<(String, Merge)>, bool)>;

/// Walks the document body, keeping the state that spans paragraphs
/// (numbering counters, open fields).
#[derive(Debug)]
pub(crate) struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    max_table_cells: usize,
    /// Open fields (`w:fldChar`), innermost last.
    /// i.e. showing the field's result rather than its instruction.
    fields: Vec<Field>,
    /// Tables of contents left out.
    toc_fields: usize,
    /// Spans or paddings wider than Word allows, clamped.
    clamped_spans: usize,
    /// Paragraphs whose `w:numId` numbering.xml does not define.
    undefined_numbering: usize,
    pub(crate) notes: Vec<String>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(
        styles: &'a Styles,
        numbering: &'a mut Numbering,
        limits: &Limits,
    ) -> Walker<'a> {
        Walker {
            styles,
            numbering,
            max_table_cells: limits.max_table_cells,
            fields: Vec::new(),
            toc_fields: 0,
            undefined_numbering: 0,
            clamped_spans: 0,
            notes: Vec::new(),
        }
    }

    /// The notes on the whole walk, once the body (if `has_body`) is done.
    pub(crate) fn finish(&mut self, has_body: bool) {
        if !has_body {
            self.notes
                .push("word/document.xml has no w:body".to_string());
            return;
        }
        if self.clamped_spans > 0 {
            self.notes.push(format!(
                "{} table cell span(s) wider than {MAX_COLUMNS} columns were clamped",
                self.clamped_spans
            ));
        }
        if self.undefined_numbering > 0 {
            self.notes.push(format!(
                "{} numbered paragraph(s) refer to numbering that numbering.xml does not define; no label restored",
                self.undefined_numbering
            ));
        }
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
    }

    /// Block-level content: paragraphs, tables, and the wrappers around them.
    pub(crate) fn blocks(&mut self, container: Node<'_>, out: &mut Vec<Out>) -> Result<(), Error> {
        for node in container.children() {
            match (node.ns(), node.name()) {
                (Ns::W, "p") => self.paragraph(node, out)?,
                (Ns::W, "tbl") => {
                    let rows = self.table(node)?;
                    // A table without any text (layout debris) is not content.
                    if rows
                        .iter()
                        .any(|(cells, _)| cells.iter().any(|(t, _)| !t.is_empty()))
                    {
                        out.push(Out::Table(rows));
                    }
                }
                (Ns::W, "sdt") => {
                    if let Some(content) = node.child(Ns::W, "sdtContent") {
                        self.blocks(content, out)?;
                    }
                }
                (Ns::W, "customXml" | "ins" | "moveTo" | "txbxContent" | "smartTag") => {
                    self.blocks(node, out)?
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate_branch(node) {
                        self.blocks(branch, out)?;
                    }
                }
                (Ns::W, "altChunk") => {
                    self.notes
                        .push("an embedded w:altChunk part was skipped".to_string());
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: Node<'_>, out: &mut Vec<Out>) -> Result<(), Error> {
        let ppr = p.child(Ns::W, "pPr");
        let mut text = String::new();
        let mut boxes = Vec::new();
        self.inline(p, &mut text, &mut boxes)?;

        let p_style = ppr.and_then(|pp| pp.child_val(Ns::W, "pStyle"));
        let style = self.styles.effective(p_style);
        let own_outline = ppr
            .and_then(|pp| pp.child_val(Ns::W, "outlineLvl"))
            .and_then(|v| v.trim().parse().ok());
        let level = match own_outline {
            Some(lvl) => outline_to_level(lvl),
            None => style.and_then(|s| self.styles.heading_level(s)),
        };

        let label = self.label(ppr, style);
        let body = text.trim();
        let full = match label {
            Some((label, suffix)) => labelled_text(&label, suffix, body),
            None => body.to_string(),
        };
        if !full.is_empty() {
            out.push(match level {
                Some(level) => Out::Heading(level, full),
                None => Out::Paragraph(full),
            });
        }
        // A text box's content comes where its anchor is: after the paragraph holding it.
        out.append(&mut boxes);
        Ok(())
    }

    /// The paragraph's numbering label, advancing the counters.
    fn label(
        &mut self,
        ppr: Option<Node<'_>>,
        style: Option<&str>,
    ) -> Option<(String, LabelSuffix)> {
        let direct = ppr.and_then(|pp| pp.child(Ns::W, "numPr")).map(num_pr);
        let (num_id, ilvl) = match direct {
            Some((Some(num_id), ilvl)) => (num_id, ilvl.unwrap_or(0)),
            // A numPr with only ilvl keeps the style's list at that level.
            Some((None, Some(ilvl))) => (style.and_then(|s| self.styles.numbering(s))?.0, ilvl),
            _ => {
                let style = style?;
                let (num_id, ilvl) = self.styles.numbering(style)?;
                let ilvl = ilvl
                    .or_else(|| self.numbering.level_for_style(&num_id, style))
                    .unwrap_or(0);
                (num_id, ilvl)
            }
        };
        // numId 0 removes numbering.
        if num_id == "0" {
            return None;
        }
        let label = self.numbering.next_label(&num_id, ilvl);
        if label.is_none() && !self.numbering.defines(&num_id) {
            self.undefined_numbering += 1;
        }
        label
    }

    /// Inline content of a paragraph (runs and their wrappers) into `text`;
    /// text boxes met on the way go to `boxes` as blocks.
    fn inline(
        &mut self,
        node: Node<'_>,
        text: &mut String,
        boxes: &mut Vec<Out>,
    ) -> Result<(), Error> {
        for child in node.children() {
            match (child.ns(), child.name()) {
                (Ns::W, "r") => self.run(child, text, boxes)?,
                (
                    Ns::W,
                    "hyperlink" | "smartTag" | "ins" | "moveTo" | "customXml" | "dir" | "bdo"
                    | "fldSimple",
                ) if !(child.is(Ns::W, "fldSimple") && child.attr("instr").is_some_and(is_toc)) => {
                    self.inline(child, text, boxes)?;
                }
                (Ns::W, "sdt") => {
                    if let Some(content) = child.child(Ns::W, "sdtContent") {
                        self.inline(content, text, boxes)?;
                    }
                }
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate_branch(child) {
                        self.inline(branch, text, boxes)?;
                    }
                }
                (Ns::Math, "oMath" | "oMathPara") if self.showing() => math_text(child, text),
                // Deleted text, paragraph properties, bookmarks, comments: not what a reader sees.
                _ => {}
            }
        }
        Ok(())
    }

    fn run(&mut self, run: Node<'_>, text: &mut String, boxes: &mut Vec<Out>) -> Result<(), Error> {
        // Hidden text (`w:vanish`) is not what a reader sees; its field characters still count.
        let hidden = run
            .child(Ns::W, "rPr")
            .and_then(|rpr| rpr.child(Ns::W, "vanish"))
            .is_some_and(|v| is_on(v.attr("val")));
        for child in run.children() {
            match (child.ns(), child.name()) {
                (Ns::W, "fldChar") => match child.attr("fldCharType") {
                    Some("begin") => self.fields.push(Field::Instruction(String::new())),
                    Some("separate") => {
                        let toc =
                            matches!(self.fields.last(), Some(Field::Instruction(i)) if is_toc(i));
                        if let Some(last @ Field::Instruction(_)) = self.fields.last_mut() {
                            *last = Field::Result { shown: !toc };
                            self.toc_fields += usize::from(toc);
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                (Ns::W, "instrText") => {
                    // The field's kind is its first word: a short prefix is enough.
                    if let Some(Field::Instruction(instr)) = self.fields.last_mut() {
                        let room = 64usize.saturating_sub(instr.chars().count());
                        instr.extend(child.text().chars().take(room));
                    }
                }
                _ if hidden || !self.showing() => {}
                (Ns::W, "t") => text.push_str(&child.text()),
                (Ns::W, "tab" | "ptab") => text.push('\t'),
                (Ns::W, "br" | "cr") => text.push('\n'),
                (Ns::W, "noBreakHyphen") => text.push('-'),
                (Ns::W, "sym") => {
                    if let Some(ch) = child
                        .attr("char")
                        .and_then(|c| symbol(c, child.attr("font")))
                    {
                        text.push(ch);
                    }
                }
                (Ns::W, "ruby") => {
                    if let Some(base) = child.child(Ns::W, "rubyBase") {
                        self.inline(base, text, boxes)?;
                    }
                }
                (Ns::W, "drawing" | "pict" | "object") => self.text_boxes(child, boxes)?,
                (Ns::Mc, "AlternateContent") => {
                    if let Some(branch) = alternate_branch(child) {
                        self.run(branch, text, boxes)?;
                    }
                }
                (Ns::Math, "oMath" | "oMathPara") => math_text(child, text),
                // w:delText, w:instrText, references to notes and comments: hidden.
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether text is shown now: not inside any field instruction.
    fn showing(&self) -> bool {
        self.fields
            .iter()
            .all(|f| matches!(f, Field::Result { shown: true }))
    }

    /// Finds `w:txbxContent` inside a drawing or shape and walks it as blocks.
    fn text_boxes(&mut self, node: Node<'_>, boxes: &mut Vec<Out>) -> Result<(), Error> {
        for child in node.children() {
            if child.is(Ns::W, "txbxContent") {
                self.blocks(child, boxes)?;
            } else if child.is(Ns::Mc, "AlternateContent") {
                if let Some(branch) = alternate_branch(child) {
                    self.text_boxes(branch, boxes)?;
                }
            } else {
                self.text_boxes(child, boxes)?;
            }
        }
        Ok(())
    }

    /// A table as a full grid (`w:tblGrid` columns): spans and vertical merges resolved.
    fn table(&mut self, tbl: Node<'_>) -> Result<Rows, Error> {
        let grid_cols = tbl.child(Ns::W, "tblGrid").map_or(0, |g| {
            g.children().filter(|c| c.is(Ns::W, "gridCol")).count()
        });
        let mut tr_nodes = Vec::new();
        collect(tbl, "tr", &mut tr_nodes);

        let mut rows: Rows = Vec::new();
        let mut cells_so_far = 0usize;
        let mut in_header = true;
        for tr in tr_nodes {
            let trpr = tr.child(Ns::W, "trPr");
            // A row deleted with tracked changes on.
            if trpr.is_some_and(|t| t.child(Ns::W, "del").is_some()) {
                continue;
            }
            let count = |name: &str| {
                trpr.and_then(|t| t.child_val(Ns::W, name))
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let marked_header = trpr
                .and_then(|t| t.child(Ns::W, "tblHeader"))
                .is_some_and(|h| is_on(h.attr("val")));
            let mut row: Vec<(String, Merge)> = Vec::new();
            let before = self.clamp_columns(count("gridBefore"));
            self.pad(&mut row, before, cells_so_far)?;

            let mut tc_nodes = Vec::new();
            collect(tr, "tc", &mut tc_nodes);
            for tc in tc_nodes {
                let tcpr = tc.child(Ns::W, "tcPr");
                let span = tcpr
                    .and_then(|t| t.child_val(Ns::W, "gridSpan"))
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .max(1);
                let span = self.clamp_columns(span);
                let v_merge = tcpr
                    .and_then(|t| t.child(Ns::W, "vMerge"))
                    .map(|m| m.attr("val").unwrap_or("continue"));
                let h_merge = tcpr
                    .and_then(|t| t.child(Ns::W, "hMerge"))
                    .map(|m| m.attr("val").unwrap_or("continue"));
                self.check_cells(cells_so_far, row.len() as u64 + span)?;
                let text = self.cell_text(tc)?;
                let col = row.len();
                let continues_above = v_merge == Some("continue")
                    && rows
                        .last()
                        .is_some_and(|(above, _)| above.get(col).is_some());
                if continues_above {
                    if !text.is_empty() {
                        append_to_origin(&mut rows, col, &text);
                    }
                    row.push((String::new(), Merge::Up));
                } else if h_merge == Some("continue") && !row.is_empty() {
                    if !text.is_empty() {
                        append_to_left(&mut row, &text);
                    }
                    row.push((String::new(), Merge::Left));
                } else {
                    row.push((text, Merge::None));
                }
                for _ in 1..span {
                    row.push((String::new(), Merge::Left));
                }
            }
            let after = self.clamp_columns(count("gridAfter"));
            self.pad(&mut row, after, cells_so_far)?;
            if row.is_empty() {
                continue;
            }
            cells_so_far += row.len();

            // Only the leading rows marked as headers are the header; a marked
            // row further down that repeats the header is dropped.
            let is_header = in_header && marked_header;
            in_header = is_header;
            if marked_header && !is_header && rows.iter().any(|(r, h)| *h && same_text(r, &row)) {
                continue;
            }
            rows.push((row, is_header));
        }

        let n_cols = rows
            .iter()
            .map(|(r, _)| r.len())
            .max()
            .unwrap_or(0)
            .max(grid_cols);
        self.check_cells(0, (rows.len() as u64).saturating_mul(n_cols as u64))?;
        for (row, _) in &mut rows {
            row.resize(n_cols, (String::new(), Merge::None));
        }
        Ok(rows)
    }

    /// Word tables have at most 63 columns: a larger span or padding is
    /// damage, clamped (and noted) rather than failing the whole document.
    fn clamp_columns(&mut self, n: u64) -> u64 {
        if n > MAX_COLUMNS {
            self.clamped_spans += 1;
            MAX_COLUMNS
        } else {
            n
        }
    }

    fn pad(
        &self,
        row: &mut Vec<(String, Merge)>,
        n: u64,
        cells_so_far: usize,
    ) -> Result<(), Error> {
        self.check_cells(cells_so_far, row.len() as u64 + n)?;
        for _ in 0..n {
            row.push((String::new(), Merge::None));
        }
        Ok(())
    }

    fn check_cells(&self, cells_so_far: usize, more: u64) -> Result<(), LimitExceeded> {
        Limits::check(
            Limit::TableCells,
            self.max_table_cells as u64,
            (cells_so_far as u64).saturating_add(more),
        )
    }

    /// A cell's text: its paragraphs one per line; a nested table one line per
    /// row, cells joined with a tab.
    fn cell_text(&mut self, tc: Node<'_>) -> Result<String, Error> {
        let mut inner = Vec::new();
        self.blocks(tc, &mut inner)?;
        let mut lines: Vec<String> = Vec::new();
        for block in inner {
            match block {
                Out::Heading(_, t) | Out::Paragraph(t) => lines.push(t),
                Out::Table(rows) => {
                    for (cells, _) in rows {
                        let line: Vec<String> = cells
                            .into_iter()
                            .filter(|(t, m)| *m == Merge::None && !t.is_empty())
                            .map(|(t, _)| t)
                            .collect();
                        if !line.is_empty() {
                            lines.push(line.join("\t"));
                        }
                    }
                }
            }
        }
        Ok(lines.join("\n"))
    }
}

/// Collects `w:<name>` children, looking through the wrappers that may hold
/// rows or cells (`w:sdt`, `w:customXml`, tracked insertions).
fn collect<'n>(node: Node<'n>, name: &str, found: &mut Vec<Node<'n>>) {
    for child in node.children() {
        if child.is(Ns::W, name) {
            found.push(child);
        } else if child.is(Ns::W, "sdt") {
            if let Some(content) = child.child(Ns::W, "sdtContent") {
                collect(content, name, found);
            }
        } else if child.is(Ns::W, "customXml")
            || child.is(Ns::W, "ins")
            || child.is(Ns::W, "moveTo")
        {
            collect(child, name, found);
        }
    }
}

/// Appends a vertical-merge continuation's text to the cell the merge starts at.
fn append_to_origin(rows: &mut [(Vec<(String, Merge)>, bool)], col: usize, text: &str) {
    for (row, _) in rows.iter_mut().rev() {
        match row.get_mut(col) {
            Some((_, Merge::Up)) => continue,
            Some((origin, _)) => {
                push_line(origin, text);
                return;
            }
            None => return,
        }
    }
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

/// One branch of `mc:AlternateContent`, so its content is not read twice: the
/// first `mc:Choice`, unless only the `mc:Fallback` holds a text box.
fn alternate_branch<'n>(alt: Node<'n>) -> Option<Node<'n>> {
    let choice = alt.child(Ns::Mc, "Choice");
    let fallback = alt.child(Ns::Mc, "Fallback");
    match (choice, fallback) {
        (Some(c), Some(f))
            if !c.has_descendant(Ns::W, "txbxContent")
                && f.has_descendant(Ns::W, "txbxContent") =>
        {
            Some(f)
        }
        (Some(c), _) => Some(c),
        (None, f) => f,
    }
}

/// The text of an Office math zone (`m:t` runs), best effort.
fn math_text(node: Node<'_>, text: &mut String) {
    for child in node.children() {
        if child.is(Ns::Math, "t") {
            text.push_str(&child.text());
        } else {
            math_text(child, text);
        }
    }
}

/// A `w:sym` character. Symbol fonts put their glyphs at U+F0xx; the common
/// ones are mapped, other private-use glyphs are dropped.
fn symbol(hex: &str, font: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(hex.trim(), 16).ok()?;
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        return char::from_u32(code).filter(|c| !c.is_control());
    };
    let font = font.unwrap_or("").to_ascii_lowercase();
    let mapped = if font.starts_with("wingdings") {
        match low {
            0xFC => '✓',
            0xFB | 0xFD => '✗',
            0xFE => '☑',
            0xA8 | 0x6F => '□',
            0x6C => '●',
            0x9F | 0xA7 => '▪',
            _ => return None,
        }
    } else if font == "symbol" {
        match low {
            0xD6 => '√',
            0xB4 => '×',
            0xB8 => '÷',
            0xB1 => '±',
            0xA3 => '≤',
            0xB3 => '≥',
            0xB0 => '°',
            0xB7 => '•',
            0x20..=0x39 => char::from_u32(low)?,
            _ => return None,
        }
    } else if (0x20..0x7F).contains(&low) {
        char::from_u32(low)?
    } else {
        return None;
    };
    Some(mapped)
}
