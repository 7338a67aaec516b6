//! Pages → blocks in reading order, in stages of one job each:
//! - here, a page's ruled tables and the lines outside them, top to bottom
//!   ([`Item`]s);
//! - `running`: running headers, footers and page numbers removed, by
//!   position and pattern, each kind named in a note;
//! - `aligned`: tables drawn without rules, from lines whose pieces line up;
//! - `flow`: lines joined into paragraphs (also across page breaks), a new
//!   one starting where `numbering` finds an enumerator;
//! - `stitch`: table fragments stitched into one table across pages.

mod aligned;
mod flow;
mod numbering;
mod running;
mod stitch;

use policy_blocks::{Decoded, DecodedBuilder, Limits, SourceFormat};

use crate::Error;
use crate::backend::{Loaded, Page};
use crate::lines::{Line, build_lines};
use crate::tables::{Fragment, fill, find_grids};
use aligned::aligned_tables;
use flow::{Flow, Margins};
use running::remove_running_lines;

/// One thing on a page, in reading order.
#[derive(Clone, Debug)]
enum Item {
    Line(Line),
    Table(Fragment),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Line(l) => l.y - l.size,
            Item::Table(t) => t.top,
        }
    }
}

pub(crate) fn assemble(loaded: Loaded, limits: &Limits) -> Result<Decoded, Error> {
    let Loaded { pages, notes, .. } = loaded;
    let mut doc = DecodedBuilder::new(SourceFormat::Pdf);
    for note in notes {
        doc.note(note);
    }
    let mut per_page: Vec<Vec<Item>> = Vec::with_capacity(pages.len());
    for page in &pages {
        per_page.push(page_items(page, limits)?);
    }
    for note in remove_running_lines(&pages, &mut per_page) {
        doc.note(note);
    }
    let per_page: Vec<Vec<Item>> = per_page.into_iter().map(aligned_tables).collect();
    let margins = Margins::of(&pages, &per_page);
    let mut flow = Flow {
        doc,
        margins,
        para: None,
        table: None,
    };
    for items in per_page {
        for item in items {
            match item {
                Item::Line(line) => {
                    flow.flush_table();
                    flow.push_line(line);
                }
                Item::Table(fragment) => {
                    flow.flush_paragraph();
                    flow.push_fragment(fragment);
                }
            }
        }
    }
    flow.flush_paragraph();
    flow.flush_table();
    Ok(flow.doc.finish())
}

/// Tables found from rules plus the lines of the glyphs outside them.
fn page_items(page: &Page, limits: &Limits) -> Result<Vec<Item>, Error> {
    let grids = find_grids(&page.segments);
    let mut outside = Vec::with_capacity(page.glyphs.len());
    let mut items = Vec::new();
    let mut inside: Vec<Vec<crate::backend::Glyph>> = vec![Vec::new(); grids.len()];
    for g in &page.glyphs {
        let (x, y) = ((g.x0 + g.x1) / 2.0, g.y - g.size * 0.3);
        match grids.iter().position(|grid| grid.contains(x, y)) {
            Some(i) => {
                if let Some(list) = inside.get_mut(i) {
                    list.push(*g);
                }
            }
            None => outside.push(*g),
        }
    }
    for (grid, glyphs) in grids.iter().zip(&inside) {
        let fragment = fill(page.number, grid, glyphs, limits)?;
        if !fragment.rows.is_empty() {
            items.push(Item::Table(fragment));
        }
    }
    items.extend(
        build_lines(page.number, &outside)
            .into_iter()
            .map(Item::Line),
    );
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    Ok(items)
}
