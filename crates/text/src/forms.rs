//! The three text forms: Tika-flattened tables, converter Markdown, prose.

use std::borrow::Cow;

use policy_blocks::{
    Block, BlockKind, Cell, Decoded, Limit, LimitExceeded, Limits, Merge, Note, Row, Span, Table,
};
use policy_model::SourceFormat;

use crate::DecodedText;

/// Which text form a document takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextForm {
    /// Table text flattened the Tika way: a cell starts with a tab, a blank line ends a row.
    TikaTable,
    /// Markdown from a PDF converter.
    Markdown,
    /// Running prose, one paragraph per line.
    Prose,
}

/// Recognises the form of `text` by its line shapes.
pub fn detect_form(text: &str) -> TextForm {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return TextForm::Prose;
    }
    let tabbed = lines.iter().filter(|l| l.starts_with('\t')).count();
    if tabbed * 3 >= lines.len() && tabbed >= 6 {
        return TextForm::TikaTable;
    }
    let markdown = lines
        .iter()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("<table") {
                2
            } else {
                // A lone `|` (or `||`) is an empty cell of a converter's
                // one-cell-per-line table, not a Markdown table row.
                usize::from(
                    (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
                        || (t.starts_with('|')
                            && t.ends_with('|')
                            && t.trim_matches(['|', ' ']).chars().next().is_some()),
                )
            }
        })
        .sum::<usize>();
    if markdown >= 2 {
        TextForm::Markdown
    } else {
        TextForm::Prose
    }
}

/// Splits decoded text into blocks after recognising its form.
///
/// `preferred` is the form the file's name suggests (`.md`): it wins over
/// prose, which any text resembles, but not over a form the lines show.
/// A table over `limits.max_table_cells` fails the whole read.
pub(crate) fn read_text(
    decoded: DecodedText,
    preferred: Option<TextForm>,
    limits: &Limits,
) -> Result<Decoded, LimitExceeded> {
    let DecodedText {
        text,
        encoding,
        notes: decoding_notes,
    } = decoded;
    let form = match (detect_form(&text), preferred) {
        (TextForm::Prose, Some(preferred)) => preferred,
        (detected, _) => detected,
    };
    let mut notes: Vec<Note> = decoding_notes.into_iter().map(Note::from).collect();
    let lines = lines_with_offsets(&text);
    let (format, blocks) = match form {
        TextForm::TikaTable => (SourceFormat::Text, tika_blocks(&lines, limits)?),
        TextForm::Markdown => (
            SourceFormat::Markdown,
            markdown_blocks(&lines, limits, &mut notes)?,
        ),
        TextForm::Prose => (
            SourceFormat::Text,
            crate::tables::prose_blocks(&lines, limits, &mut notes)?,
        ),
    };
    let mut doc = Decoded::from_text(format, text, blocks);
    doc.encoding = Some(encoding);
    doc.notes = notes;
    Ok(doc)
}

/// Counts the cells of the table being read against `max_table_cells`: rows
/// times the widest row, as a grid with short rows padded would hold.
#[derive(Default)]
pub(crate) struct CellCount {
    rows: u64,
    columns: u64,
}

impl CellCount {
    pub(crate) fn add_row(&mut self, cells: usize, limits: &Limits) -> Result<(), LimitExceeded> {
        self.rows += 1;
        self.columns = self.columns.max(cells as u64);
        Limits::check(
            Limit::TableCells,
            limits.max_table_cells as u64,
            self.rows.saturating_mul(self.columns),
        )
    }
}

/// A line without its line break, with its byte offset.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
}

impl Line<'_> {
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }

    /// The span of the trimmed text.
    pub(crate) fn trimmed_span(&self) -> Span {
        let lead = self.text.len() - trim_lead(self.text).len();
        let t = clean(self.text);
        Span::new(
            self.start + lead,
            self.start + lead + t.len().min(self.text.len() - lead),
        )
    }

    pub(crate) fn is_blank(&self) -> bool {
        clean(self.text).is_empty()
    }
}

pub(crate) fn lines_with_offsets(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push(Line { text: line, start });
        start += raw.len();
    }
    out
}

fn trim_lead(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}')
}

/// Trims white space (ideographic spaces included) and drops Tika bookmark markers.
/// `s` without `[bookmark:…]` markers and without blanks (including U+3000
/// and a BOM) at either end; borrowed when there is no marker to remove.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    fn trim(s: &str) -> &str {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}')
    }
    if !s.contains("[bookmark:") {
        return Cow::Borrowed(trim(s));
    }
    let mut out = s.to_string();
    while let Some(at) = out.find("[bookmark:") {
        let end = out[at..].find(']').map_or(out.len(), |e| at + e + 1);
        out.replace_range(at..end, "");
    }
    Cow::Owned(trim(&out).to_string())
}

pub(crate) fn paragraph(text: String, span: Span) -> Block {
    Block {
        kind: BlockKind::Paragraph { text },
        span,
    }
}

/// Tika table text: lines before the first tabbed line (and between tables) are
/// paragraphs; tabbed lines start cells, untabbed lines continue the cell
/// before them, a blank line ends a row. Consecutive rows form one table.
fn tika_blocks(lines: &[Line<'_>], limits: &Limits) -> Result<Vec<Block>, LimitExceeded> {
    let mut blocks = Vec::new();
    let mut table: Option<(Table, Span)> = None;
    let mut count = CellCount::default();
    let mut row: Vec<Cell> = Vec::new();
    let mut flush_row = |row: &mut Vec<Cell>, table: &mut Option<(Table, Span)>| {
        if row.is_empty() {
            return Ok(());
        }
        if table.is_none() {
            count = CellCount::default();
        }
        count.add_row(row.len(), limits)?;
        let span = row
            .iter()
            .map(|c| c.span)
            .reduce(Span::cover)
            .unwrap_or_default();
        let (t, s) = table.get_or_insert_with(|| (Table::default(), span));
        *s = s.cover(span);
        t.rows.push(Row {
            cells: std::mem::take(row),
            is_header: false,
        });
        Ok(())
    };
    for line in lines {
        if line.text.starts_with('\t') {
            let text = line.text.trim_start_matches('\t');
            row.push(Cell {
                text: clean(text).into_owned(),
                span: line.span(),
                merge: Merge::None,
            });
        } else if line.is_blank() {
            flush_row(&mut row, &mut table)?;
        } else if let Some(cell) = row.last_mut() {
            let more = clean(line.text);
            if !more.is_empty() {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&more);
            }
            cell.span = cell.span.cover(line.span());
        } else {
            if let Some((t, span)) = table.take() {
                blocks.push(Block {
                    kind: BlockKind::Table(t),
                    span,
                });
            }
            let text = clean(line.text);
            if !text.is_empty() {
                blocks.push(paragraph(text.into_owned(), line.trimmed_span()));
            }
        }
    }
    flush_row(&mut row, &mut table)?;
    if let Some((t, span)) = table {
        blocks.push(Block {
            kind: BlockKind::Table(t),
            span,
        });
    }
    Ok(blocks)
}

/// Markdown from PDF converters: `#` headings (bold or not), pipe tables with
/// `<br>`, `- 1.` list items, and paragraphs that a page break split in
/// mid-sentence joined back.
fn markdown_blocks(
    lines: &[Line<'_>],
    limits: &Limits,
    notes: &mut Vec<Note>,
) -> Result<Vec<Block>, LimitExceeded> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = trim_lead(line.text);
        if line.is_blank() {
            i += 1;
            continue;
        }
        if t.starts_with('|') {
            let start = i;
            while i < lines.len() && trim_lead(lines[i].text).starts_with('|') {
                i += 1;
            }
            blocks.push(pipe_table(&lines[start..i], limits)?);
            continue;
        }
        if t.starts_with("<table") {
            let start = i;
            while i < lines.len() && !lines[i].text.contains("</table>") {
                i += 1;
            }
            let end = (i + 1).min(lines.len());
            i = end;
            html_tables(&lines[start..end], limits, notes, &mut blocks)?;
            continue;
        }
        if let Some(level) = heading_level(t) {
            let text = clean(clean(t.trim_start_matches('#')).trim_matches('*')).into_owned();
            blocks.push(Block {
                kind: BlockKind::Heading { level, text },
                span: line.trimmed_span(),
            });
            i += 1;
            continue;
        }
        // A paragraph runs to the next blank line; a list item is one paragraph.
        let mut text = clean(strip_list_marker(t)).into_owned();
        let mut span = line.trimmed_span();
        i += 1;
        while i < lines.len() && !lines[i].is_blank() && !starts_block(trim_lead(lines[i].text)) {
            text.push_str(&clean(lines[i].text));
            span = span.cover(lines[i].trimmed_span());
            i += 1;
        }
        let text = text.replace("<br>", "\n");
        if let Some(prev) = blocks.last_mut()
            && continues_previous(prev, &text)
            && let BlockKind::Paragraph { text: prev_text } = &mut prev.kind
        {
            prev_text.push_str(&text);
            prev.span = prev.span.cover(span);
            continue;
        }
        blocks.push(paragraph(text, span));
    }
    Ok(blocks)
}

fn heading_level(t: &str) -> Option<u8> {
    let hashes = t.len() - t.trim_start_matches('#').len();
    (hashes > 0 && hashes <= 6 && t[hashes..].starts_with(' ')).then_some(hashes as u8)
}

fn strip_list_marker(t: &str) -> &str {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest;
        }
    }
    t
}

fn starts_block(t: &str) -> bool {
    t.starts_with('|') || heading_level(t).is_some() || t.starts_with("- ") || t.starts_with("* ")
}

/// A paragraph continues the previous one when the previous one stops short of
/// a sentence end (a page break cut it) and this one does not open an item.
fn continues_previous(prev: &Block, text: &str) -> bool {
    let BlockKind::Paragraph { text: prev_text } = &prev.kind else {
        return false;
    };
    let Some(last) = prev_text.chars().last() else {
        return false;
    };
    if "。！？；：:;!?”\"）)】》".contains(last) {
        return false;
    }
    let first = text.chars().next().unwrap_or(' ');
    let opens_item = text.starts_with("专栏")
        || first == '（'
        || first == '('
        || first.is_ascii_digit()
        || (text.chars().take(4).any(|c| c == '、')
            && text.chars().next().is_some_and(policy_blocks::is_cn_digit));
    !opens_item
}

/// An HTML `<table>` block inside Markdown: its cells point at the block.
/// A limit it hits fails the read; HTML the parser cannot take becomes a note.
fn html_tables(
    lines: &[Line<'_>],
    limits: &Limits,
    notes: &mut Vec<Note>,
    blocks: &mut Vec<Block>,
) -> Result<(), LimitExceeded> {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Ok(());
    };
    let span = first.span().cover(last.span());
    let html: String = lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n");
    match policy_html::tables_from_fragment(&html, limits) {
        Ok(tables) => {
            for mut table in tables {
                for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    cell.span = span;
                }
                blocks.push(Block {
                    kind: BlockKind::Table(table),
                    span,
                });
            }
        }
        Err(policy_html::Error::Limit(limit)) => return Err(limit),
        Err(e) => notes.push(Note::at(
            format!(
                "an HTML table at byte {} could not be read: {e}",
                span.start
            ),
            span,
        )),
    }
    Ok(())
}

/// A Markdown pipe table; the `|---|` separator row is dropped, `<br>` becomes a line break.
fn pipe_table(lines: &[Line<'_>], limits: &Limits) -> Result<Block, LimitExceeded> {
    let mut table = Table::default();
    let mut count = CellCount::default();
    let mut span: Option<Span> = None;
    for line in lines {
        let t = line.text.trim();
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        if inner
            .split('|')
            .all(|c| c.trim().chars().all(|ch| ch == '-' || ch == ':') && !c.trim().is_empty())
        {
            continue;
        }
        let mut offset = line.start + (line.text.len() - line.text.trim_start().len()) + 1;
        let mut cells = Vec::new();
        for raw in inner.split('|') {
            let cell_span = Span::new(offset, offset + raw.len());
            offset += raw.len() + 1;
            let text = if raw.contains("<br") {
                clean(&raw.replace("<br>", "\n").replace("<br/>", "\n")).into_owned()
            } else {
                clean(raw).into_owned()
            };
            cells.push(Cell {
                text,
                span: cell_span,
                merge: Merge::None,
            });
        }
        count.add_row(cells.len(), limits)?;
        span = Some(span.map_or(line.span(), |s| s.cover(line.span())));
        table.rows.push(Row {
            cells,
            is_header: false,
        });
    }
    // A first row with text only in its first cell is a title spanning the table.
    if let Some(first) = table.rows.first_mut()
        && first.cells.len() > 1
        && first.cells.iter().skip(1).all(|c| c.text.is_empty())
    {
        for cell in first.cells.iter_mut().skip(1) {
            cell.merge = Merge::Left;
        }
    }
    Ok(Block {
        kind: BlockKind::Table(table),
        span: span.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let doc = read_text(
            DecodedText {
                text: text.to_string(),
                encoding: "utf-8".into(),
                notes: Vec::new(),
            },
            None,
            &Limits::default(),
        )
        .expect("within the default limits");
        doc.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Heading { level, text } => format!("H{level} {text}"),
                BlockKind::Paragraph { text } => format!("P {text}"),
                BlockKind::Table(t) => format!(
                    "T {}",
                    t.rows
                        .iter()
                        .map(|r| r
                            .cells
                            .iter()
                            .map(|c| c.text.clone())
                            .collect::<Vec<_>>()
                            .join("|"))
                        .collect::<Vec<_>>()
                        .join(" / ")
                ),
            })
            .collect()
    }

    #[test]
    fn tika_rows_and_continuations() {
        let text = "附件1\n[bookmark: _GoBack]分工表\n\t序号\n\t工作任务\n\t责任单位\n\n\t1\n\t城乡社区社会\n工作服务行动\n\t区民政局\n区财政局\n\n\t2\n\t\n\t县民政局\n";
        assert_eq!(detect_form(text), TextForm::TikaTable);
        assert_eq!(
            texts(text),
            [
                "P 附件1",
                "P 分工表",
                "T 序号|工作任务|责任单位 / 1|城乡社区社会\n工作服务行动|区民政局\n区财政局 / 2||县民政局"
            ]
        );
    }

    #[test]
    fn markdown_headings_tables_and_page_breaks() {
        let text = "# 规划\n\n## **二、优化体系**\n\n（五）健全机制。压实责任，建立社区党建\n\n工作联席会议制度。\n\n| 专栏 1 指标 | | |\n|---|---|---|\n| 序号 | 指 标 | 2020 年<br>基期值 |\n| 1 | 覆盖率 | 100% |\n\n- 1.社区行动。内容。\n- 2.社区行动二。\n\n12.法律服务。\n";
        assert_eq!(detect_form(text), TextForm::Markdown);
        assert_eq!(
            texts(text),
            [
                "H1 规划",
                "H2 二、优化体系",
                "P （五）健全机制。压实责任，建立社区党建工作联席会议制度。",
                "T 专栏 1 指标|| / 序号|指 标|2020 年\n基期值 / 1|覆盖率|100%",
                "P 1.社区行动。内容。",
                "P 2.社区行动二。",
                "P 12.法律服务。",
            ]
        );
    }

    #[test]
    fn owner_clause_split_by_page_break_is_joined() {
        let text = "# T\n\n## 一、章\n\n（十）优化布局。（责任单位：市教育局、市卫生\n\n健康局、市邮政分公司等部门及各乡镇、街道)\n\n(十一) 提升功能。\n";
        let got = texts(text);
        assert_eq!(
            got[2],
            "P （十）优化布局。（责任单位：市教育局、市卫生健康局、市邮政分公司等部门及各乡镇、街道)"
        );
        assert_eq!(got[3], "P (十一) 提升功能。");
    }

    #[test]
    fn html_tables_inside_markdown() {
        let text = "# 方案\n\n<table><tr><td rowspan=\"2\">一、服务</td><td>1</td><td>甲</td></tr>\n<tr><td>2</td><td>乙</td></tr></table>\n\n一、正文。\n";
        assert_eq!(
            texts(text),
            ["H1 方案", "T 一、服务|1|甲 / |2|乙", "P 一、正文。"]
        );
    }

    #[test]
    fn prose_lines() {
        assert_eq!(
            texts("　　一、总则\r\n\r\n　　（一）目标。\n"),
            ["P 一、总则", "P （一）目标。"]
        );
    }

    fn read_with_cells(text: &str, max_table_cells: usize) -> Result<Decoded, LimitExceeded> {
        let limits = Limits {
            max_table_cells,
            ..Limits::default()
        };
        let decoded = DecodedText {
            text: text.to_string(),
            encoding: "utf-8".into(),
            notes: Vec::new(),
        };
        read_text(decoded, Some(TextForm::Markdown), &limits)
    }

    #[test]
    fn a_pipe_table_over_max_table_cells_is_refused_by_name() {
        // 3 rows (the separator is not a row) of 3 cells: 9 cells.
        let md = "| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n";
        assert!(read_with_cells(md, 9).is_ok());
        let err = read_with_cells(md, 8).expect_err("9 cells over 8");
        assert_eq!(
            (err.limit, err.allowed, err.found),
            (Limit::TableCells, 8, 9)
        );
    }

    #[test]
    fn a_short_row_counts_as_wide_as_the_widest() {
        let md = "| a | b | c | d |\n| 1 |\n| 2 |\n";
        let err = read_with_cells(md, 11).expect_err("3 rows x 4 columns");
        assert_eq!(err.found, 12);
    }

    #[test]
    fn a_tika_table_over_max_table_cells_is_refused_and_tables_count_apart() {
        let row = "\t序号\n\t任务\n\t责任单位\n\n";
        let one_table = row.repeat(3); // 9 cells
        assert!(read_with_cells(&one_table, 9).is_ok());
        assert_eq!(
            read_with_cells(&one_table, 8).expect_err("9 over 8").found,
            9
        );
        // A paragraph between them makes two tables of 9 cells each.
        let two_tables = format!("{one_table}说明文字\n{one_table}");
        assert!(read_with_cells(&two_tables, 9).is_ok());
    }

    #[test]
    fn an_html_table_in_markdown_over_the_limit_is_refused() {
        let md =
            "# 标题\n\n<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>\n";
        assert!(read_with_cells(md, 4).is_ok());
        let err = read_with_cells(md, 3).expect_err("4 cells over 3");
        assert_eq!(err.limit, Limit::TableCells);
    }
}
