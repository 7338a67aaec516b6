//! Lines into paragraphs, in reading order over the pages: where a new
//! paragraph starts (numbering, indent, a short line above, a size change,
//! a gap; a page break only after a sentence ends).

use std::collections::HashMap;

use policy_blocks::DecodedBuilder;

use super::Item;
use super::numbering::starts_with_numbering;
use super::stitch::OpenTable;
use crate::backend::Page;
use crate::lines::{Line, join_wrapped};

/// Where body text starts and ends on the page.
#[derive(Clone, Copy, Debug)]
pub(super) struct Margins {
    left: f32,
    right: f32,
    size: f32,
}

impl Margins {
    pub(super) fn of(pages: &[Page], per_page: &[Vec<Item>]) -> Margins {
        let lines: Vec<&Line> = per_page
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Line(l) if l.text.chars().count() >= 8 => Some(l),
                _ => None,
            })
            .collect();
        let mut left_votes: HashMap<i64, usize> = HashMap::new();
        for l in &lines {
            *left_votes.entry(l.x0.round() as i64).or_default() += 1;
        }
        let left = left_votes
            .into_iter()
            .max_by_key(|&(x, n)| (n, -x))
            .map_or(72.0, |(x, _)| x as f32);
        let mut rights: Vec<f32> = lines.iter().map(|l| l.x1).collect();
        rights.sort_by(f32::total_cmp);
        // Too few lines to tell where the margin is: assume a symmetric page.
        let width = pages.iter().map(|p| p.width).fold(0.0_f32, f32::max);
        let right = if rights.len() >= 10 {
            rights
                .get(rights.len().saturating_sub(1) * 9 / 10)
                .copied()
                .unwrap_or(width - left)
        } else {
            width - left
        };
        let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
        sizes.sort_by(f32::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(12.0);
        Margins { left, right, size }
    }
}

/// A paragraph being gathered.
#[derive(Debug)]
pub(super) struct Para {
    text: String,
    page: u32,
    last: Line,
    /// Every line so far was one or two characters (a name set vertically).
    vertical: bool,
}

#[derive(Debug)]
pub(super) struct Flow {
    pub(super) doc: DecodedBuilder,
    pub(super) margins: Margins,
    pub(super) para: Option<Para>,
    pub(super) table: Option<OpenTable>,
}

impl Flow {
    pub(super) fn push_line(&mut self, line: Line) {
        let starts_new = match &self.para {
            None => true,
            Some(p) => self.breaks_between(p, &line),
        };
        if starts_new {
            self.flush_paragraph();
            let vertical = line.text.chars().count() <= 2;
            self.para = Some(Para {
                text: line.text.clone(),
                page: line.page,
                last: line,
                vertical,
            });
        } else if let Some(p) = &mut self.para {
            join_wrapped(&mut p.text, &line.text);
            p.vertical &= line.text.chars().count() <= 2;
            p.last = line;
        }
    }

    /// Does `line` start a new paragraph after `para`?
    fn breaks_between(&self, para: &Para, line: &Line) -> bool {
        let prev = &para.last;
        let m = self.margins;
        let size = prev.size.max(line.size).max(1.0);
        if para.vertical
            && line.text.chars().count() <= 2
            && line.page == prev.page
            && (line.x0 - prev.x0).abs() < size
            && line.y - prev.y < 2.5 * size
        {
            return false;
        }
        if starts_with_numbering(&line.text) {
            return true;
        }
        if (prev.size - line.size).abs() > 0.2 * size {
            return true;
        }
        if line.page == prev.page {
            if line.y - prev.y > 2.2 * size || line.y < prev.y {
                return true;
            }
        } else if line.page != prev.page + 1 || ends_sentence(&prev.text) {
            return true;
        }
        let centered = |l: &Line| {
            let mid = (m.left + m.right) / 2.0;
            l.x0 > m.left + 2.0 * size && ((l.x0 + l.x1) / 2.0 - mid).abs() < 2.0 * size
        };
        if centered(prev) && centered(line) && line.page == prev.page && prev.size > m.size * 1.1 {
            return false;
        }
        let indented = line.x0 > m.left + 1.2 * size;
        // Unjustified CJK lines end up to two characters short of the margin.
        let ends_short = prev.x1 < m.right - 2.5 * size;
        // After a full line that ends mid-sentence, an indented line is a hanging indent.
        (indented && ends_sentence(&prev.text)) || ends_short
    }

    pub(super) fn flush_paragraph(&mut self) {
        if let Some(p) = self.para.take() {
            let text = p.text.trim();
            if !text.is_empty() {
                self.doc.paragraph(text, Some(p.page));
            }
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?'])
}
