//! The article body's elements into blocks, in reading order.

use std::collections::HashSet;

use ego_tree::{NodeId, NodeRef};
use policy_blocks::{Limit, LimitExceeded, Limits};
use scraper::{ElementRef, Html, Node};

use crate::Error;
use crate::article::{Body, is_cjk_ideograph};
use crate::table::{Grid, SourceCell, SourceRow};

/// A block before it goes into the builder.
#[derive(Debug)]
pub(crate) enum Pending {
    Heading { level: u8, text: String },
    Paragraph(String),
    Table(Grid),
}

/// Deepest element the walk recurses into, whatever `max_nesting_depth` says:
/// the walk uses the call stack.
const MAX_WALK_DEPTH: usize = 1024;

/// The blocks of `body.root`, skipping `body.dropped`.
pub(crate) fn blocks(body: Body<'_>, limits: &Limits) -> Result<Vec<Pending>, Error> {
    let mut walker = Walker::new(&body.dropped, limits);
    walker.children(*body.root, body.depth)?;
    walker.flush();
    Ok(walker.out)
}

/// Every `<table>` in a fragment that is not inside another table.
pub(crate) fn fragment_tables(root: ElementRef<'_>, limits: &Limits) -> Result<Vec<Grid>, Error> {
    let none = HashSet::new();
    let walker = Walker::new(&none, limits);
    let mut grids = Vec::new();
    for element in root.descendants().filter_map(ElementRef::wrap) {
        if element.value().name() != "table" || element.ancestors().any(|a| is_element(a, "table"))
        {
            continue;
        }
        let depth = element.ancestors().count();
        walker.check_depth(depth)?;
        let (_caption, grid) = walker.table_grid(*element, depth)?;
        grids.push(grid);
    }
    Ok(grids)
}

/// The page's `<title>`, whitespace collapsed.
pub(crate) fn title(page: &Html) -> Option<String> {
    let title = page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "title")?;
    let text = collapse(&title.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}

struct Walker<'a> {
    dropped: &'a HashSet<NodeId>,
    limits: &'a Limits,
    out: Vec<Pending>,
    /// Inline text of the block being read, one string per `<br>` line.
    lines: Vec<String>,
}

impl<'a> Walker<'a> {
    fn new(dropped: &'a HashSet<NodeId>, limits: &'a Limits) -> Walker<'a> {
        Walker {
            dropped,
            limits,
            out: Vec::new(),
            lines: vec![String::new()],
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), LimitExceeded> {
        let allowed = self.limits.max_nesting_depth.min(MAX_WALK_DEPTH);
        Limits::check(Limit::NestingDepth, allowed as u64, depth as u64)
    }

    fn children(&mut self, node: NodeRef<'_, Node>, depth: usize) -> Result<(), Error> {
        for child in node.children() {
            self.node(child, depth + 1)?;
        }
        Ok(())
    }

    fn node(&mut self, node: NodeRef<'_, Node>, depth: usize) -> Result<(), Error> {
        let element = match node.value() {
            Node::Text(text) => {
                if let Some(line) = self.lines.last_mut() {
                    line.push_str(text);
                }
                return Ok(());
            }
            Node::Element(element) => element,
            _ => return Ok(()),
        };
        if self.dropped.contains(&node.id()) {
            return Ok(());
        }
        self.check_depth(depth)?;
        match element.name() {
            "br" => self.lines.push(String::new()),
            "hr" => self.flush(),
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                self.flush();
                let level = name.get(1..).and_then(|l| l.parse().ok()).unwrap_or(1);
                let text = collapse(&self.raw_text(node, depth)?);
                if !text.is_empty() {
                    self.out.push(Pending::Heading { level, text });
                }
            }
            "table" if !is_layout_table(node) => {
                self.flush();
                let (caption, grid) = self.table_grid(node, depth)?;
                if let Some(caption) = caption {
                    self.out.push(Pending::Paragraph(caption));
                }
                if !grid.is_empty() {
                    self.out.push(Pending::Table(grid));
                }
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.flush();
                let text = self.raw_text(node, depth)?;
                for line in text.lines() {
                    let line = line.trim_matches(is_html_whitespace);
                    if !is_blank(line) {
                        self.out.push(Pending::Paragraph(line.to_string()));
                    }
                }
            }
            name if is_block(name) => {
                self.flush();
                self.children(node, depth)?;
                self.flush();
            }
            _ => self.children(node, depth)?,
        }
        Ok(())
    }

    /// Ends the block being read: its lines, whitespace collapsed, become
    /// paragraphs, a blank line (`<br><br>`) starting a new one.
    fn flush(&mut self) {
        let lines = std::mem::replace(&mut self.lines, vec![String::new()]);
        let mut paragraph: Vec<String> = Vec::new();
        for line in lines.iter().map(|l| collapse(l)) {
            if is_blank(&line) {
                if !paragraph.is_empty() {
                    self.out.push(Pending::Paragraph(paragraph.join("\n")));
                    paragraph.clear();
                }
            } else {
                paragraph.push(line);
            }
        }
        if !paragraph.is_empty() {
            self.out.push(Pending::Paragraph(paragraph.join("\n")));
        }
    }

    /// The text under `node` as written, `<br>` as a newline, dropped
    /// elements skipped.
    fn raw_text(&self, node: NodeRef<'_, Node>, depth: usize) -> Result<String, Error> {
        let mut out = String::new();
        self.raw_text_into(node, depth, &mut out)?;
        Ok(out)
    }

    fn raw_text_into(
        &self,
        node: NodeRef<'_, Node>,
        depth: usize,
        out: &mut String,
    ) -> Result<(), Error> {
        for child in node.children() {
            match child.value() {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) if !self.dropped.contains(&child.id()) => {
                    self.check_depth(depth + 1)?;
                    if element.name() == "br" {
                        out.push('\n');
                    } else {
                        self.raw_text_into(child, depth + 1, out)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A data table's caption and grid.
    fn table_grid(
        &self,
        table: NodeRef<'_, Node>,
        depth: usize,
    ) -> Result<(Option<String>, Grid), Error> {
        let mut caption = None;
        let mut rows = Vec::new();
        for child in table.children() {
            let Some(name) = element_name(child) else {
                continue;
            };
            match name {
                "caption" => {
                    let text = collapse(&self.raw_text(child, depth + 1)?);
                    caption = (!text.is_empty()).then_some(text);
                }
                "tr" => rows.push(self.source_row(child, false, depth + 1)?),
                "thead" | "tbody" | "tfoot" => {
                    for tr in child.children().filter(|c| is_element(*c, "tr")) {
                        rows.push(self.source_row(tr, name == "thead", depth + 2)?);
                    }
                }
                _ => {}
            }
        }
        let grid = Grid::build(rows, self.limits.max_table_cells)?;
        Ok((caption, grid))
    }

    fn source_row(
        &self,
        tr: NodeRef<'_, Node>,
        in_thead: bool,
        depth: usize,
    ) -> Result<SourceRow, Error> {
        self.check_depth(depth)?;
        let mut cells = Vec::new();
        let mut all_th = true;
        for cell in tr.children() {
            let Some(element) = cell.value().as_element() else {
                continue;
            };
            let name = element.name();
            if name != "td" && name != "th" {
                continue;
            }
            all_th &= name == "th";
            cells.push(SourceCell {
                text: self.cell_text(cell, depth + 1)?,
                rowspan: span_attr(element.attr("rowspan")),
                colspan: span_attr(element.attr("colspan")).max(1),
            });
        }
        let is_header = in_thead || (all_th && !cells.is_empty());
        Ok(SourceRow { cells, is_header })
    }

    /// A cell's text: its blocks one per line, a nested table row by row.
    fn cell_text(&self, cell: NodeRef<'_, Node>, depth: usize) -> Result<String, Error> {
        self.check_depth(depth)?;
        let mut inner = Walker::new(self.dropped, self.limits);
        inner.children(cell, depth)?;
        inner.flush();
        let lines: Vec<String> = inner
            .out
            .into_iter()
            .map(|block| match block {
                Pending::Heading { text, .. } | Pending::Paragraph(text) => text,
                Pending::Table(grid) => grid.text_lines().join("\n"),
            })
            .collect();
        Ok(lines.join("\n"))
    }
}

/// A table used to lay out the page rather than to hold data: one that holds
/// another table, or has no row with two cells.
fn is_layout_table(table: NodeRef<'_, Node>) -> bool {
    let mut nested = false;
    let mut widest = 0;
    for node in table.descendants().skip(1) {
        match element_name(node) {
            Some("table") => nested = true,
            Some("tr") => {
                let cells = node
                    .children()
                    .filter(|c| matches!(element_name(*c), Some("td" | "th")))
                    .count();
                widest = widest.max(cells);
            }
            _ => {}
        }
    }
    nested || widest < 2
}

/// Elements that start a new block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "blockquote"
            | "center"
            | "figure"
            | "figcaption"
            | "fieldset"
            | "details"
            | "summary"
            | "hgroup"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "form"
            | "body"
            | "html"
    )
}

/// `rowspan` / `colspan` as browsers read them: leading digits, default 1.
fn span_attr(value: Option<&str>) -> usize {
    let Some(value) = value else { return 1 };
    let digits: String = value
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        return 1;
    }
    // Too many digits for a usize is "very large"; the grid caps it.
    digits.parse().unwrap_or(usize::MAX)
}

fn element_name<'n>(node: NodeRef<'n, Node>) -> Option<&'n str> {
    node.value().as_element().map(|e| e.name())
}

fn is_element(node: NodeRef<'_, Node>, name: &str) -> bool {
    element_name(node) == Some(name)
}

/// HTML's collapsible whitespace. U+3000 and U+00A0 are text, not layout.
fn is_html_whitespace(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{000C}')
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Collapses runs of HTML whitespace to one space and trims them at the ends,
/// as a browser renders them. A run holding a line break between two wide
/// (Chinese) characters disappears: source lines wrapped inside a Chinese
/// sentence are not spaces.
fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending: Option<bool> = None;
    let mut prev: Option<char> = None;
    for ch in raw.chars() {
        if is_html_whitespace(ch) {
            let line_break = ch == '\n' || ch == '\r';
            pending = Some(pending.unwrap_or(false) || line_break);
            continue;
        }
        if let (Some(line_break), Some(before)) = (pending.take(), prev)
            && !(line_break && is_wide(before) && is_wide(ch))
        {
            out.push(' ');
        }
        out.push(ch);
        prev = Some(ch);
    }
    out
}

fn is_wide(ch: char) -> bool {
    is_cjk_ideograph(ch)
        || matches!(ch, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_like_a_browser() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse("吉林省民\n    政厅"), "吉林省民政厅");
        assert_eq!(collapse("2023年\n6月"), "2023年 6月");
        assert_eq!(collapse("　　一、总体要求"), "　　一、总体要求");
        assert_eq!(collapse("主办\u{a0} 单位"), "主办\u{a0} 单位");
        assert_eq!(collapse(" \n "), "");
    }

    #[test]
    fn span_attributes() {
        assert_eq!(span_attr(None), 1);
        assert_eq!(span_attr(Some("3")), 3);
        assert_eq!(span_attr(Some(" 2px")), 2);
        assert_eq!(span_attr(Some("x")), 1);
        assert_eq!(span_attr(Some("0")), 0);
        assert_eq!(span_attr(Some("99999999999999999999999")), usize::MAX);
    }
}
