//! Glyphs → text lines: group by baseline, sort by x, join without spaces
//! between CJK characters.

use crate::backend::Glyph;

/// One line of text on a page (top-down coordinates).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    pub page: u32,
    /// Baseline, from the page top.
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    /// Median glyph size.
    pub size: f32,
    pub text: String,
    /// Pieces of the line separated by gaps of two ems or more, as
    /// (left edge, text): the cells of a table drawn without rules.
    pub pieces: Vec<(f32, String)>,
}

/// Groups `glyphs` into lines, top to bottom.
pub(crate) fn build_lines(page: u32, glyphs: &[Glyph]) -> Vec<Line> {
    let mut sorted: Vec<Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    for glyph in sorted {
        let joins = groups.last().and_then(|g| g.first()).is_some_and(|first| {
            let tolerance = 0.35 * first.size.max(glyph.size).max(1.0);
            (glyph.y - first.y).abs() <= tolerance
        });
        match groups.last_mut() {
            Some(group) if joins => group.push(glyph),
            _ => groups.push(vec![glyph]),
        }
    }
    groups
        .into_iter()
        .filter_map(|g| line_of(page, g))
        .collect()
}

fn line_of(page: u32, mut glyphs: Vec<Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut pieces: Vec<(f32, String)> = Vec::new();
    let mut kept: Vec<Glyph> = Vec::new();
    for glyph in glyphs {
        if glyph.ch.is_whitespace() {
            continue;
        }
        if let Some(prev) = kept.last() {
            // Fake bold draws the same glyph twice, a hair apart.
            if prev.ch == glyph.ch && (glyph.x0 - prev.x0).abs() < 0.3 * glyph.size.max(1.0) {
                continue;
            }
            let gap = glyph.x0 - prev.x1;
            if gap > 0.25 * glyph.size.max(1.0) && !is_cjk(prev.ch) && !is_cjk(glyph.ch) {
                text.push(' ');
            }
        }
        let wide_gap = kept
            .last()
            .is_some_and(|prev| glyph.x0 - prev.x1 >= 2.0 * glyph.size.max(1.0));
        match pieces.last_mut() {
            Some((_, piece)) if !wide_gap => {
                if text.ends_with(' ') {
                    piece.push(' ');
                }
                piece.push(glyph.ch);
            }
            _ => pieces.push((glyph.x0, glyph.ch.to_string())),
        }
        text.push(glyph.ch);
        kept.push(glyph);
    }
    let first = kept.first()?;
    let last = kept.last()?;
    let mut sizes: Vec<f32> = kept.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(first.size);
    let mut ys: Vec<f32> = kept.iter().map(|g| g.y).collect();
    ys.sort_by(f32::total_cmp);
    let y = ys.get(ys.len() / 2).copied().unwrap_or(first.y);
    Some(Line {
        page,
        y,
        x0: first.x0,
        x1: last.x1,
        size,
        text,
        pieces,
    })
}

/// CJK ideographs, CJK punctuation and full-width forms: no space is written
/// next to them when lines or glyphs are joined.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{2014}' | '\u{2026}' | '\u{00B7}')
}

/// Joins two pieces of wrapped text: nothing between CJK, a space between words.
pub(crate) fn join_wrapped(into: &mut String, next: &str) {
    let last = into.chars().next_back();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && !is_cjk(a)
        && !is_cjk(b)
        && a.is_alphabetic()
        && b.is_alphabetic()
    {
        into.push(' ');
    }
    into.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x0: f32, y: f32) -> Glyph {
        Glyph {
            ch,
            x0,
            x1: x0 + 10.0,
            y,
            size: 10.0,
        }
    }

    #[test]
    fn cjk_glyphs_join_without_spaces_and_lines_split_by_baseline() {
        let glyphs = [
            g('二', 20.0, 100.0),
            g('一', 0.0, 100.4),
            g('、', 40.0, 100.0),
            g('x', 0.0, 120.0),
        ];
        let lines = build_lines(1, &glyphs);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["一二、", "x"]);
    }

    #[test]
    fn latin_words_keep_their_space() {
        let glyphs = [g('a', 0.0, 10.0), g('b', 30.0, 10.0)];
        assert_eq!(build_lines(1, &glyphs)[0].text, "a b");
    }
}
