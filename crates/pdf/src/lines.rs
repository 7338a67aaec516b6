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

/// A gap wider than this many ems between two Latin glyphs is a word space
/// even without a space glyph between them (words placed by `TJ` or `Td`).
/// Below Times' 0.25 em and Calibri's 0.226 em space; above the tracking and
/// kerning of running text (a few hundredths of an em).
const WORD_GAP_EM: f32 = 0.15;

/// Fake bold draws a glyph again a hair to the side; a real second glyph
/// (`ll`, `00`) advances by its width. Same character closer than this share
/// of its advance (and than 0.3 em) is a fake-bold copy.
const FAKE_BOLD_ADVANCE: f32 = 0.35;

fn line_of(page: u32, mut glyphs: Vec<Glyph>) -> Option<Line> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut text = String::new();
    let mut pieces: Vec<(f32, String)> = Vec::new();
    let mut kept: Vec<Glyph> = Vec::new();
    // Where a space glyph since the last kept glyph starts: the font's own
    // word space, whatever its width (Times 0.25 em, Calibri 0.226 em, under
    // any Tz), unless ink covers it (`inside_glyph`, `SPACE_FILLED_EM`).
    let mut space_at: Option<f32> = None;
    for glyph in glyphs {
        if glyph.ch.is_whitespace() {
            if let Some(prev) = kept.last()
                && glyph.x0 > prev.x0
                && !inside_glyph(&glyph, prev)
            {
                space_at.get_or_insert(glyph.x0);
            }
            continue;
        }
        if let Some(prev) = kept.last() {
            let dx = (glyph.x0 - prev.x0).abs();
            let em = glyph.size.max(1.0);
            // Where the previous glyph left the pen: the next glyph of its
            // string, however close a negative Tc squeezed it.
            let continues_pen = (glyph.x0 - prev.pen).abs() < 0.01 * em && dx > 0.01;
            if prev.ch == glyph.ch
                && dx < FAKE_BOLD_ADVANCE * advance(prev)
                && dx < 0.3 * em
                && !continues_pen
            {
                continue;
            }
            let gap = glyph.x0 - prev.x1;
            // A glyph drawn where the space starts fills it: the space was a
            // copy's pen moved past a glyph it left out (below).
            let space_glyph = space_at.is_some_and(|x| glyph.x0 > x + SPACE_FILLED_EM * em);
            let word_gap = space_glyph || gap > WORD_GAP_EM * em;
            if word_gap && !is_cjk(prev.ch) && !is_cjk(glyph.ch) {
                text.push(' ');
            }
        }
        space_at = None;
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

/// A line drawn twice (fake bold, or a table exporter drawing each cell
/// once per clip strip) may leave a glyph out of one copy and move that
/// copy's pen past it with a `TJ` offset, which the library reports as a
/// space glyph; the other copy draws the glyph in that place ("54 .5",
/// "Opti mum" in tabula S2MNCEbirdisland.pdf). A space glyph that a glyph
/// starts within this many ems of is filled, not a word space. A real
/// space advances the pen before the next glyph: Calibri's 0.226 em under
/// 50 % scaling still leaves 0.11 em, and so does Times' under a `Tc` of
/// -2 at 12 pt.
const SPACE_FILLED_EM: f32 = 0.03;

/// Whether `space` starts inside the box of `prev` without continuing its
/// pen: drawn under that glyph, it is no gap between words (a squeezed
/// string's space, under a negative `Tc`, starts inside the previous box
/// but exactly where its pen stopped).
fn inside_glyph(space: &Glyph, prev: &Glyph) -> bool {
    let em = space.size.max(1.0);
    space.x0 < prev.x1 - SPACE_FILLED_EM * em && (space.x0 - prev.pen).abs() >= 0.01 * em
}

/// How far the glyph moves the pen (its box, which the backend widens to the
/// advance when that is larger).
fn advance(g: &Glyph) -> f32 {
    (g.x1 - g.x0).max(0.0)
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
            pen: x0 + 10.0,
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

    /// A glyph of width `w` at `x0` on one baseline, 12 pt.
    fn at(ch: char, x0: f32, w: f32) -> Glyph {
        Glyph {
            ch,
            x0,
            x1: x0 + w,
            y: 700.0,
            size: 12.0,
            pen: x0 + w,
        }
    }

    fn text_of(glyphs: &[Glyph]) -> String {
        build_lines(1, glyphs)
            .first()
            .map(|l| l.text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn a_real_pair_of_glyphs_is_not_fake_bold() {
        // Times "all" at 12 pt: each l advances 3.34 pt (0.28 em, under 0.3 em).
        let all = [at('a', 0.0, 5.33), at('l', 5.33, 3.34), at('l', 8.67, 3.34)];
        assert_eq!(text_of(&all), "all");
        // "00" under 50 % horizontal scaling: 3.34 pt apart.
        let zeros = [at('1', 0.0, 3.34), at('0', 3.34, 3.34), at('0', 6.68, 3.34)];
        assert_eq!(text_of(&zeros), "100");
    }

    #[test]
    fn fake_bold_copies_are_merged() {
        // Each glyph drawn twice, 0.4 pt apart.
        let bold = [
            at('目', 0.0, 12.0),
            at('目', 0.4, 12.0),
            at('l', 12.0, 3.34),
            at('l', 12.4, 3.34),
        ];
        assert_eq!(text_of(&bold), "目l");
    }

    #[test]
    fn squeezed_glyphs_that_continue_the_pen_are_kept() {
        // "ll" with Tc -2 at 12 pt: the second l starts 0.66 pt after the
        // first, exactly where the first left the pen.
        let mut first = at('l', 0.0, 2.66);
        first.pen = 0.66;
        let second = at('l', 0.66, 2.66);
        assert_eq!(text_of(&[first, second]), "ll");
    }

    #[test]
    fn a_space_glyph_is_a_word_space_at_any_width() {
        // Times: the space is exactly 0.25 em (3 pt at 12 pt).
        let times = [at('a', 0.0, 5.33), at(' ', 5.33, 3.0), at('b', 8.33, 6.0)];
        assert_eq!(text_of(&times), "a b");
        // Calibri's 0.226 em space under 50 % scaling: 1.36 pt.
        let narrow = [at('a', 0.0, 2.5), at(' ', 2.5, 1.36), at('b', 3.86, 3.0)];
        assert_eq!(text_of(&narrow), "a b");
    }

    #[test]
    fn a_space_glyph_filled_by_a_doubled_line_is_no_word_space() {
        // "54" + a 0.2778 em TJ gap (the library's space glyph) + "5" drawn
        // over "54.5": the "." fills the gap.
        let number = [
            at('5', 0.0, 6.67),
            at('4', 6.67, 6.67),
            at(' ', 13.34, 3.33),
            at('.', 13.34, 3.33),
            at('5', 16.67, 6.67),
        ];
        assert_eq!(text_of(&number), "54.5");
        // A space glyph inside the box of an "m" it does not follow.
        let mut space = at(' ', 4.0, 1.7);
        space.pen = 5.7;
        assert_eq!(
            text_of(&[at('m', 0.0, 10.0), space, at('u', 10.0, 6.67)]),
            "mu"
        );
    }

    #[test]
    fn a_gap_without_a_space_glyph_splits_words_above_tracking() {
        // Words placed apart by TJ: a 0.2 em gap is a space, 0.05 em is tracking.
        let words = [at('a', 0.0, 6.0), at('b', 8.4, 6.0)];
        assert_eq!(text_of(&words), "a b");
        let tracked = [at('a', 0.0, 6.0), at('b', 6.6, 6.0)];
        assert_eq!(text_of(&tracked), "ab");
    }

    #[test]
    fn latin_words_keep_their_space() {
        let glyphs = [g('a', 0.0, 10.0), g('b', 30.0, 10.0)];
        assert_eq!(build_lines(1, &glyphs)[0].text, "a b");
    }
}
