//! Tables that reach us as plain text inside a prose document.
//!
//! A web page copied as text, a `.doc` saved as text or a PDF run through a
//! text converter keeps a table's cells but not its grid. Four layouts are
//! common, and each is recognised by its header row of column words
//! (`policy_grammar::lexicon::HEADER_*`: 序号 / 工作任务 / 责任单位 / 完成时限…),
//! never by a column count:
//! - one cell per line or paragraph (web pages): `序号` `任务` `责任单位` …, then
//!   `1` and that row's cells;
//! - the same, each cell closed by ` |` and an empty cell a lone `|` (a site
//!   converter);
//! - one row per line, cells split by spaces, an empty cell a doubled space
//!   (PDF-to-text);
//! - box drawing (`┌─┬─┐ │ … │ └─┘`, legal-database copies).
//!
//! A row starts at a bare sequence number that continues the numbering. In
//! the first two layouts the cells of a row are not marked: merged and blank
//! cells are simply missing, and a cell holding several owners comes as
//! several lines. Which lines form which cell is then an alignment of the
//! row's lines to the header's columns ([`align`]): each line fits a column
//! by its shape (a sentence, an organisation's name, a person's name, a date),
//! a missing cell is taken as merged with the cell above, and lines left over
//! after the last column start a sub-row without a number. Every table rebuilt
//! this way is a reader [`Note`] that says what was inferred.

use std::ops::Range;

use policy_blocks::{Block, BlockKind, Cell, LimitExceeded, Limits, Merge, Note, Row, Span, Table};
use policy_grammar::chars::is_cjk;
use policy_grammar::lexicon;
use policy_grammar::numbering::{EnumKind, enumerator};
use policy_grammar::owners::looks_like_org;

use crate::forms::{CellCount, Line, clean, paragraph};
use crate::wrap::{HardWrap, is_page_number, joint};

/// Prose lines, one paragraph per line, with the tables among them rebuilt.
///
/// Page-number lines are left out first (a reader note counts them); when the
/// lines show hard wraps ([`HardWrap`]), a wrapped line is joined to the next
/// one and the paragraph's span covers every line it was joined from.
pub(crate) fn prose_blocks(
    lines: &[Line<'_>],
    limits: &Limits,
    notes: &mut Vec<Note>,
) -> Result<Vec<Block>, LimitExceeded> {
    let without_markers: Vec<Line<'_>> = lines
        .iter()
        .copied()
        .filter(|l| !is_page_number(l.text, true))
        .collect();
    let wrap = HardWrap::detect(&without_markers);
    let (lines, dropped) = drop_page_furniture(lines, wrap.is_some());
    if dropped > 0 {
        notes.push(Note::from(format!(
            "{dropped} page-number line(s) left out (a number between dashes, 第N页, N/M alone on a line)"
        )));
    }
    let mut blocks = Vec::new();
    let mut joined = 0usize;
    let mut i = 0;
    while i < lines.len() {
        if let Some(found) = table_at(&lines, i) {
            let end = found.end;
            let (block, note) = found.into_block(limits)?;
            blocks.push(block);
            notes.push(note);
            i = end;
            continue;
        }
        let line = lines[i];
        i += 1;
        if line.is_blank() {
            continue;
        }
        let mut text = clean(line.text).into_owned();
        let mut span = line.trimmed_span();
        if let Some(wrap) = wrap {
            let mut last = line;
            while i < lines.len()
                && !lines[i].is_blank()
                && wrap.joins(&last, last.start == line.start, &lines[i])
                && table_at(&lines, i).is_none()
            {
                let next = clean(lines[i].text);
                text.push_str(joint(&text, &next));
                text.push_str(&next);
                span = span.cover(lines[i].trimmed_span());
                last = lines[i];
                joined += 1;
                i += 1;
            }
        }
        blocks.push(paragraph(text, span));
    }
    if let Some(wrap) = wrap
        && joined > 0
    {
        notes.push(Note::from(format!(
            "the text is hard-wrapped at about {} characters a line (copied from a PDF): {joined} line break(s) inside paragraphs joined",
            wrap.width / 2
        )));
    }
    Ok(blocks)
}

/// `lines` without the lines that are a page number alone, and without the
/// blank lines around them (the page break's own), with how many were left
/// out. In hard-wrapped text (`wrapped`) a lone `3/10` is a page number too,
/// and a blank line before a form feed (where `pdftotext` starts a page) is
/// the page break, not the end of a paragraph.
fn drop_page_furniture<'a>(lines: &[Line<'a>], wrapped: bool) -> (Vec<Line<'a>>, usize) {
    let mut kept: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut dropped = 0;
    let mut after_marker = false;
    for line in lines {
        let marker = is_page_number(line.text, wrapped);
        if marker || (wrapped && line.text.starts_with('\u{c}')) {
            while kept.last().is_some_and(|l| l.is_blank()) {
                kept.pop();
            }
        }
        if marker {
            dropped += 1;
            after_marker = true;
        } else if !(after_marker && line.is_blank()) {
            after_marker = false;
            kept.push(*line);
        }
    }
    (kept, dropped)
}

/// How the table's cells were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// One cell per line (or paragraph).
    CellLines,
    /// One cell per line closed by ` |`.
    PipeLines,
    /// One row per line, cells split by spaces.
    SpacedRows,
    /// Box-drawing characters.
    Boxed,
}

impl Layout {
    fn describe(self) -> &'static str {
        match self {
            Layout::CellLines => "one cell per line",
            Layout::PipeLines => "one cell per line closed by \" |\"",
            Layout::SpacedRows => "one row per line, cells split by spaces",
            Layout::Boxed => "box-drawing characters",
        }
    }
}

/// A cell's text as written, or a cell the layout marks as empty.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    span: Span,
    empty: bool,
}

impl Piece {
    fn new(text: &str, span: Span) -> Piece {
        Piece {
            text: clean(text).into_owned(),
            span,
            empty: false,
        }
    }

    fn blank(at: usize) -> Piece {
        Piece {
            text: String::new(),
            span: Span::new(at, at),
            empty: true,
        }
    }
}

/// What a column holds, as far as aligning a row's lines needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// 序号: the row's anchor.
    Seq,
    /// Organisations (责任单位, 牵头单位…).
    Owner,
    /// A date or a phrase of time (完成时限).
    Deadline,
    /// Text the header names by a known word (任务, 内容, 类别, 指标…).
    Text,
    /// A column no word of the lexicon names (进展情况, 备注, 责任领导…):
    /// often blank, and its cells may be anything.
    Aux,
}

/// One data row before alignment: its number and the pieces after it.
#[derive(Debug)]
enum RawRow {
    Data {
        anchor: Piece,
        pieces: Vec<Piece>,
    },
    /// A line opening with 一、 / （一） between rows: a category spanning the table.
    Category(Piece),
    /// A row of a box-drawn grid, cells already known.
    Grid(Vec<GridCell>),
}

/// A table found in the lines, not yet laid out as a grid.
#[derive(Debug)]
struct Found {
    layout: Layout,
    header: Vec<Piece>,
    rows: Vec<RawRow>,
    /// The line after the table.
    end: usize,
}

/// The most lines one row may hold: more is not a table row (and keeps
/// the alignment's cost bounded on hostile input).
const MAX_ROW_PIECES: usize = 64;
/// The most lines one cell may hold.
const MAX_CELL_PIECES: usize = 12;
/// The most columns a rebuilt table may have (the alignment's cost grows with them).
const MAX_COLUMNS: usize = 24;
/// The longest header cell, in characters without spaces.
const MAX_HEADER_CHARS: usize = 12;

fn table_at(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let line = lines[i];
    let first = clean(line.text);
    if first.starts_with(['┌', '┏']) {
        return boxed_table(lines, i);
    }
    if lexicon::HEADER_SEQ.iter().any(|w| first.starts_with(w)) {
        if first.ends_with('|') {
            return pipe_table(lines, i);
        }
        if is_header_cell(&first) {
            return cell_line_table(lines, i);
        }
        return spaced_table(lines, i);
    }
    // A header without 序号 opens with a cell a column word names; most
    // lines end here.
    if is_header_cell(&first) && kind_of(&first) != Kind::Aux {
        return cell_line_table(lines, i);
    }
    None
}

/// The cells of a one-cell-per-line table, read from the lines as far as
/// they are asked for (a table ends long before the document does).
struct Stream<'l, 'a> {
    lines: &'l [Line<'a>],
    layout: Layout,
    /// Pieces read so far, each with the index of its line.
    pieces: Vec<(Piece, usize)>,
    next_line: usize,
    done: bool,
}

impl<'l, 'a> Stream<'l, 'a> {
    fn new(lines: &'l [Line<'a>], i: usize, layout: Layout) -> Self {
        Stream {
            lines,
            layout,
            pieces: Vec::new(),
            next_line: i,
            done: false,
        }
    }

    fn get(&mut self, k: usize) -> Option<&(Piece, usize)> {
        while self.pieces.len() <= k && !self.done {
            self.pull();
        }
        self.pieces.get(k)
    }

    fn piece(&mut self, k: usize) -> Option<&Piece> {
        self.get(k).map(|(p, _)| p)
    }

    /// Reads the next non-blank line's pieces: the line itself, or for ` |`
    /// cells the text before the bars and one empty cell per further bar.
    fn pull(&mut self) {
        let lines = self.lines;
        let Some((n, line)) = lines
            .iter()
            .enumerate()
            .skip(self.next_line)
            .find(|(n, l)| !l.is_blank() || self.is_blank_cell(*n))
        else {
            self.done = true;
            return;
        };
        self.next_line = n + 1;
        if line.is_blank() {
            self.pieces.push((Piece::blank(line.start), n));
            return;
        }
        if self.layout != Layout::PipeLines {
            self.pieces
                .push((Piece::new(line.text, line.trimmed_span()), n));
            return;
        }
        let t = line.text.trim_end();
        let inner = t.trim_end_matches('|');
        let bars = t.len() - inner.len();
        if bars == 0 {
            self.done = true;
            return;
        }
        let end = line.start + inner.len();
        let text = clean(inner);
        if !text.is_empty() {
            let lead = inner.len() - inner.trim_start().len();
            let span = Span::new(line.start + lead, line.start + inner.trim_end().len());
            self.pieces.push((Piece::new(inner, span), n));
        }
        let blanks = if text.is_empty() { bars } else { bars - 1 };
        self.pieces
            .extend((0..blanks).map(|_| (Piece::blank(end), n)));
    }
}

impl Stream<'_, '_> {
    /// A line of spaces alone between two empty lines, where cells are
    /// paragraphs: a page writes an empty cell so (`&nbsp;`).
    fn is_blank_cell(&self, n: usize) -> bool {
        let empty = |k: usize| self.lines.get(k).is_some_and(|l| l.text.is_empty());
        self.layout == Layout::CellLines
            && self.lines.get(n).is_some_and(|l| !l.text.is_empty())
            && n > 0
            && empty(n - 1)
            && empty(n + 1)
    }
}

fn cell_line_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    grouped(Stream::new(lines, i, Layout::CellLines))
}

fn pipe_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    grouped(Stream::new(lines, i, Layout::PipeLines))
}

/// Header cells, then rows anchored at bare sequence numbers, from a stream
/// of cell pieces.
fn grouped(mut stream: Stream<'_, '_>) -> Option<Found> {
    let layout = stream.layout;
    let mut head = Vec::new();
    while let Some(p) = stream.piece(head.len()) {
        if p.empty || !is_header_cell(&p.text) || head.len() > MAX_COLUMNS {
            break;
        }
        head.push(p.clone());
    }
    let (header, mut at) = header_run(head.iter())?;
    let has_seq = column_kinds(&header)?.contains(&Kind::Seq);
    let columns: Vec<Kind> = header
        .iter()
        .map(|p| kind_of(&p.text))
        .filter(|k| *k != Kind::Seq)
        .collect();
    let mut rows = Vec::new();
    let mut expected: Option<Anchor> = None;
    let mut end_piece = at;
    loop {
        // Category lines, each right before a row that continues the numbering.
        let mut categories = Vec::new();
        let mut k = at;
        while let Some(p) = stream.piece(k)
            && is_category_line(&p.text)
        {
            categories.push(p.clone());
            k += 1;
        }
        let Some(number) =
            stream
                .piece(k)
                .and_then(|p| anchor(&p.text))
                .filter(|a| match expected {
                    Some(e) => *a == e,
                    // Without a 序号 column only an enumerator numbers rows.
                    None => has_seq || a.kind.is_some(),
                })
        else {
            break;
        };
        rows.extend(categories.into_iter().map(RawRow::Category));
        let anchor = stream.pieces[k].0.clone();
        expected = Some(number.next());
        let start = k + 1;
        let mut stop = start;
        let mut next_row = false;
        while stop - start <= MAX_ROW_PIECES && stream.get(stop).is_some() {
            if row_starts_at(&mut stream, stop, number.next()) {
                next_row = true;
                break;
            }
            stop += 1;
        }
        if stop - start > MAX_ROW_PIECES {
            break;
        }
        let mut pieces: Vec<Piece> = stream.pieces[start..stop]
            .iter()
            .map(|(p, _)| p.clone())
            .collect();
        if !next_row {
            // The last row: keep the lines that still fit its columns.
            let keep = last_row_len(&columns, &pieces, layout);
            pieces.truncate(keep);
            rows.push(RawRow::Data { anchor, pieces });
            end_piece = start + keep;
            break;
        }
        rows.push(RawRow::Data { anchor, pieces });
        at = stop;
        end_piece = stop;
    }
    // A header whose rows hold nothing is not a table's.
    if !rows
        .iter()
        .any(|r| matches!(r, RawRow::Data { pieces, .. } if !pieces.is_empty()))
    {
        return None;
    }
    // The table ends after the line of its last piece.
    let end = stream
        .pieces
        .get(end_piece.checked_sub(1)?)
        .map_or(stream.next_line, |(_, line)| line + 1);
    Some(Found {
        layout,
        header,
        rows,
        end,
    })
}

/// Whether a row (perhaps after category lines) starts at `k` with number `value`.
fn row_starts_at(stream: &mut Stream<'_, '_>, k: usize, number: Anchor) -> bool {
    let mut k = k;
    while stream.piece(k).is_some_and(|p| is_category_line(&p.text)) {
        k += 1;
    }
    stream
        .piece(k)
        .is_some_and(|p| anchor(&p.text) == Some(number))
}

/// The header cells at the start of `pieces` and how many pieces they took.
/// A piece opening with a bracket continues the cell before it (`责任股室`
/// `（单位）`).
fn header_run<'a>(pieces: impl Iterator<Item = &'a Piece>) -> Option<(Vec<Piece>, usize)> {
    let mut header: Vec<Piece> = Vec::new();
    let mut taken = 0;
    for piece in pieces {
        if piece.empty || !is_header_cell(&piece.text) {
            break;
        }
        match header.last_mut() {
            Some(last) if piece.text.starts_with(['（', '(']) => {
                last.text.push_str(&piece.text);
                last.span = last.span.cover(piece.span);
            }
            _ => header.push(piece.clone()),
        }
        taken += 1;
    }
    Some((header, taken))
}

/// A short cell of words, no sentence and no number: what a header cell looks like.
fn is_header_cell(text: &str) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    (1..=MAX_HEADER_CHARS).contains(&chars)
        && anchor(text).is_none()
        && !text.contains(lexicon::CLAUSE_ENDS)
        && !text.contains('、')
}

/// The kind of each header cell; `None` unless the header reads as a task
/// table's: a 序号 cell first and at least two more cells named by column
/// words, or, without a 序号, three named cells one of which names owners or
/// deadlines (its rows are then numbered by enumerators: `（一）`).
fn column_kinds(header: &[Piece]) -> Option<Vec<Kind>> {
    let kinds: Vec<Kind> = header.iter().map(|p| kind_of(&p.text)).collect();
    let seq = kinds.iter().filter(|k| **k == Kind::Seq).count();
    let named = kinds.iter().filter(|k| **k != Kind::Aux).count();
    if kinds.len() > MAX_COLUMNS {
        return None;
    }
    let numbered = seq == 1 && kinds.first() == Some(&Kind::Seq);
    let unnumbered = seq == 0
        && kinds
            .iter()
            .any(|k| matches!(k, Kind::Owner | Kind::Deadline));
    ((numbered || unnumbered) && named >= 3).then_some(kinds)
}

fn kind_of(header: &str) -> Kind {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |words: &[&str]| lexicon::contains_any(&h, words);
    if has(lexicon::HEADER_SEQ) {
        Kind::Seq
    } else if has(lexicon::HEADER_DEADLINE) {
        Kind::Deadline
    } else if has(lexicon::HEADER_OWNER) {
        Kind::Owner
    } else if has(lexicon::HEADER_TITLE)
        || has(lexicon::HEADER_CONTENT)
        || has(lexicon::HEADER_CATEGORY)
        || has(lexicon::HEADER_INDICATOR)
    {
        Kind::Text
    } else {
        Kind::Aux
    }
}

/// A row's number: a bare sequence number, or an enumerator alone in its cell
/// (`（一）`, `一、`) where the header has no 序号 column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Anchor {
    /// `None` for a bare number.
    kind: Option<EnumKind>,
    value: u32,
}

impl Anchor {
    fn next(self) -> Anchor {
        Anchor {
            value: self.value + 1,
            ..self
        }
    }
}

/// The cell as a row's number, when it is nothing else.
fn anchor(text: &str) -> Option<Anchor> {
    if let Some(value) = anchor_value(text) {
        return Some(Anchor { kind: None, value });
    }
    let (e, rest) = enumerator(text)?;
    (rest.is_empty() && matches!(e.kind, EnumKind::CnParen | EnumKind::CnComma))
        .then_some(())
        .and(e.value)
        .map(|value| Anchor {
            kind: Some(e.kind),
            value,
        })
}

/// The value of a bare sequence number (`3`, `3.`, `３、`), the whole cell.
fn anchor_value(text: &str) -> Option<u32> {
    let t = text.trim_end_matches(['.', '．', '、']);
    let digits: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A line opening with a chapter-level enumerator (`一、`, `（一）`) and more text.
fn is_category_line(text: &str) -> bool {
    enumerator(text).is_some_and(|(e, rest)| {
        matches!(e.kind, EnumKind::CnComma | EnumKind::CnParen) && !rest.is_empty()
    })
}

// ---------------------------------------------------------------------------
// One row per line, cells split by spaces
// ---------------------------------------------------------------------------

fn spaced_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let header_tokens = tokens(&lines[i]);
    if header_tokens.len() < 3 || header_tokens.iter().any(|t| t.empty) {
        return None;
    }
    let (header, taken) = header_run(header_tokens.iter())?;
    if taken != header_tokens.len() {
        return None;
    }
    let kinds = column_kinds(&header)?;
    let mut rows = Vec::new();
    let mut expected: Option<u32> = None;
    let mut end = i + 1;
    let mut categories = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(i + 1) {
        if line.is_blank() {
            continue;
        }
        let text = clean(line.text);
        if is_category_line(&text) && !text.contains(' ') {
            categories.push(Piece::new(line.text, line.trimmed_span()));
            continue;
        }
        let mut toks = tokens(line);
        let Some(value) = toks
            .first()
            .and_then(|t| anchor_value(&t.text))
            .filter(|v| expected.is_none_or(|e| *v == e))
        else {
            break;
        };
        if !kinds.contains(&Kind::Seq) {
            break;
        }
        if toks.len() > MAX_ROW_PIECES {
            break;
        }
        rows.extend(categories.drain(..).map(RawRow::Category));
        expected = Some(value + 1);
        let anchor = toks.remove(0);
        rows.push(RawRow::Data {
            anchor,
            pieces: toks,
        });
        end = n + 1;
    }
    if rows.is_empty() {
        return None;
    }
    Some(Found {
        layout: Layout::SpacedRows,
        header,
        rows,
        end,
    })
}

/// A line's cells split at spaces: a run of `n` spaces holds `n - 1` empty cells.
fn tokens(line: &Line<'_>) -> Vec<Piece> {
    let is_space = |c: char| c == ' ' || c == '\u{3000}' || c == '\t' || c == '\u{a0}';
    let text = line.text;
    let body = text.trim_end_matches(is_space);
    let lead = body.len() - body.trim_start_matches(is_space).len();
    let mut out = Vec::new();
    let mut at = lead;
    let mut gap = 0;
    for (idx, c) in body[lead..].char_indices().map(|(k, c)| (k + lead, c)) {
        if is_space(c) {
            if gap == 0 && at < idx {
                out.push(Piece::new(
                    &text[at..idx],
                    Span::new(line.start + at, line.start + idx),
                ));
            }
            gap += 1;
            at = idx + c.len_utf8();
        } else if gap > 0 {
            out.extend((1..gap).map(|_| Piece::blank(line.start + idx)));
            gap = 0;
        }
    }
    if at < body.len() {
        out.push(Piece::new(
            &text[at..body.len()],
            Span::new(line.start + at, line.start + body.len()),
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Box drawing
// ---------------------------------------------------------------------------

/// The characters that draw a box's vertical rules and corners.
fn is_rule(c: char) -> bool {
    matches!(
        c,
        '│' | '┃'
            | '├'
            | '┤'
            | '┼'
            | '┌'
            | '┐'
            | '└'
            | '┘'
            | '┬'
            | '┴'
            | '┏'
            | '┓'
            | '┗'
            | '┛'
            | '┳'
            | '┻'
            | '┣'
            | '┫'
            | '╋'
    )
}

fn is_border(c: char) -> bool {
    is_rule(c) || matches!(c, '─' | '━' | ' ' | '\u{3000}')
}

/// A box-drawing table. The rule characters split every line into one part
/// per column; a part drawn only of `─` closes that column's cell, so a cell
/// merged over rows in one column is closed in that column alone. A line
/// opening with a bullet (`△`, `●`…) starts a cell too: bulleted items
/// listed in one box are rows of their own. Each cell start is a grid row;
/// a column whose cell is still open there continues the cell above.
fn boxed_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let mut parts_by_line: Vec<Vec<(String, Span, bool)>> = Vec::new();
    let mut end = i;
    for (n, line) in lines.iter().enumerate().skip(i) {
        let t = line.text.trim();
        // A box runs from its top border to its bottom border; another top
        // border starts another box.
        if !t.starts_with(is_rule) || !t.ends_with(is_rule) || n > i && t.starts_with(['┌', '┏'])
        {
            break;
        }
        end += 1;
        let bottom = t.starts_with(['└', '┗']);
        let lead = line.text.len() - line.text.trim_start().len();
        let mut parts = Vec::new();
        let mut from: Option<usize> = None;
        for (k, c) in line.text[lead..lead + t.len()].char_indices() {
            let k = k + lead;
            if is_rule(c) {
                if let Some(f) = from {
                    let seg = &line.text[f..k];
                    let rule = seg.contains(['─', '━']) && seg.chars().all(is_border);
                    parts.push((
                        seg.to_string(),
                        Span::new(line.start + f, line.start + k),
                        rule,
                    ));
                }
                from = Some(k + c.len_utf8());
            }
        }
        parts_by_line.push(parts);
        if bottom {
            break;
        }
    }
    let n_cols = parts_by_line
        .iter()
        .map(Vec::len)
        .max()
        .filter(|n| *n >= 2)?;
    if parts_by_line.iter().any(|p| p.len() != n_cols) || parts_by_line.len() < 3 {
        return None;
    }
    // Per column: cells as (first line, last line, piece).
    let mut cells: Vec<Vec<(usize, usize, Piece)>> = vec![Vec::new(); n_cols];
    for c in 0..n_cols {
        let mut open: Option<(usize, usize, Piece)> = None;
        for (n, parts) in parts_by_line.iter().enumerate() {
            let (text, span, rule) = &parts[c];
            let text = clean(text);
            if *rule || starts_with_bullet(&text) {
                cells[c].extend(open.take());
            }
            if *rule {
                continue;
            }
            match &mut open {
                Some((_, last, piece)) => {
                    *last = n;
                    if !text.is_empty() {
                        push_wrapped(&mut piece.text, &text);
                        piece.span = if piece.text.len() == text.len() {
                            *span
                        } else {
                            piece.span.cover(*span)
                        };
                    }
                }
                None => {
                    let mut piece = Piece::new(&text, *span);
                    piece.empty = text.is_empty();
                    open = Some((n, n, piece));
                }
            }
        }
        cells[c].extend(open.take());
    }
    let mut starts: Vec<usize> = cells.iter().flatten().map(|(s, _, _)| *s).collect();
    starts.sort_unstable();
    starts.dedup();
    let grid: Vec<Vec<GridCell>> = starts
        .iter()
        .map(|&s| {
            cells
                .iter()
                .map(|column| {
                    match column
                        .iter()
                        .find(|(first, last, _)| *first <= s && s <= *last)
                    {
                        Some((first, _, piece)) if *first == s => {
                            if piece.text.is_empty() {
                                GridCell::Empty
                            } else {
                                GridCell::Text(piece.clone())
                            }
                        }
                        Some(_) => GridCell::Up,
                        None => GridCell::Empty,
                    }
                })
                .collect()
        })
        .collect();
    let mut grid = grid.into_iter();
    let header: Vec<Piece> = grid
        .next()?
        .into_iter()
        .map(|cell| match cell {
            GridCell::Text(mut p) => {
                p.text.retain(|c| !c.is_whitespace());
                p
            }
            _ => Piece::blank(0),
        })
        .collect();
    let kinds: Vec<Kind> = header.iter().map(|p| kind_of(&p.text)).collect();
    let named = kinds.iter().filter(|k| **k != Kind::Aux).count();
    if named < 2 || header.iter().any(|p| !is_header_cell(&p.text)) {
        return None;
    }
    let rows: Vec<RawRow> = grid.map(RawRow::Grid).collect();
    if rows.is_empty() {
        return None;
    }
    Some(Found {
        layout: Layout::Boxed,
        header,
        rows,
        end,
    })
}

/// A line of a list inside a box cell: opens with a bullet sign.
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with(['△', '▲', '●', '○', '◆', '◇', '■', '□', '•', '·', '★', '☆'])
}

/// Appends a wrapped line: no separator, except a space between two Latin words.
fn push_wrapped(text: &mut String, more: &str) {
    if let (Some(prev), Some(next)) = (text.chars().last(), more.chars().next())
        && prev.is_ascii_alphanumeric()
        && next.is_ascii_alphanumeric()
    {
        text.push(' ');
    }
    text.push_str(more);
}

/// A cell of a box-drawn grid row.
#[derive(Clone, Debug)]
enum GridCell {
    Text(Piece),
    /// Continues the cell above (no rule closed it).
    Up,
    Empty,
}

// ---------------------------------------------------------------------------
// Aligning a row's pieces to the columns
// ---------------------------------------------------------------------------

/// Where one column's cell of a sub-row comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    /// Not in the text: merged with the cell above (or blank).
    Missing,
    /// These pieces, in order.
    Filled(Range<usize>),
}

/// The shape of a piece, as a column would judge it.
#[derive(Clone, Copy, Debug)]
struct Shape {
    sentence: bool,
    org: bool,
    person: bool,
    date: bool,
    short: bool,
    /// Holds a digit: a figure or a date, not a name.
    figure: bool,
    chars: usize,
}

fn shape(text: &str) -> Shape {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    let parts: Vec<&str> = compact
        .split(['、', '，', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let org = !parts.is_empty()
        && parts.iter().all(|p| {
            let p = p.trim_end_matches('等');
            looks_like_org(p) || lexicon::SUB_UNITS.iter().any(|u| p.ends_with(u))
        });
    let person = !org
        && !parts.is_empty()
        && parts
            .iter()
            .all(|p| (2..=4).contains(&p.chars().count()) && p.chars().all(is_cjk));
    let sentence = compact.contains(lexicon::SENTENCE_ENDS)
        || compact.contains(['，', ','])
        || (n > 40 && !org);
    // A date, or a few characters naming a stretch of time (全年, 当年).
    let date = n <= 16
        && ((compact
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_numeric())
            && compact.contains(['年', '月', '日', '季', '底', '前']))
            || (n <= 4 && compact.contains(['年', '月', '季']))
            || lexicon::contains_any(&compact, lexicon::DEADLINE_ONGOING)
            || lexicon::contains_any(&compact, lexicon::DEADLINE_THIS_YEAR));
    Shape {
        sentence,
        org,
        person,
        date,
        short: n <= 12 && !sentence,
        figure: compact.chars().any(|c| c.is_ascii_digit()),
        chars: n,
    }
}

/// What putting a piece of this shape in a column of this kind costs.
fn fit(kind: Kind, s: Shape) -> f64 {
    match kind {
        Kind::Seq => 9.0,
        Kind::Owner => {
            if s.org {
                0.0
            } else if s.sentence {
                2.5
            } else if s.figure {
                2.0
            } else if s.date {
                1.5
            } else if s.person {
                1.0
            } else if s.chars <= 6 {
                0.5
            } else {
                1.5
            }
        }
        Kind::Deadline => {
            if s.date {
                0.0
            } else if s.sentence {
                3.0
            } else if s.org {
                1.5
            } else if s.person {
                1.0
            } else {
                1.5
            }
        }
        Kind::Text => {
            if s.sentence {
                0.0
            } else if s.date {
                1.0
            } else if s.org || s.person {
                0.8
            } else {
                0.2
            }
        }
        Kind::Aux => {
            if s.person {
                0.1
            } else if s.org {
                0.8
            } else if s.sentence {
                0.2
            } else {
                0.3
            }
        }
    }
}

/// The cost of one more piece in a cell already holding one.
fn continuation(kind: Kind, layout: Layout) -> f64 {
    match (kind, layout) {
        // A cell wrapped at a space.
        (Kind::Text | Kind::Aux, Layout::SpacedRows) => 0.1,
        (Kind::Owner, _) => 0.15,
        (Kind::Text, _) => 1.0,
        (Kind::Aux, _) => 1.2,
        (Kind::Deadline, _) => 1.5,
        (Kind::Seq, _) => 9.0,
    }
}

/// A cell not in the text (a leading one costs [`LEADING_DISCOUNT`] less:
/// the cells a rowspan drops come first, but a row's text is not pushed to
/// its last column for it).
fn skip(kind: Kind) -> f64 {
    match kind {
        Kind::Aux => 0.5,
        Kind::Deadline => 0.8,
        _ => 1.0,
    }
}

const LEADING_DISCOUNT: f64 = 0.1;
/// A leading cell missing from a sub-row.
const SUB_ROW_LEADING_SKIP: f64 = 0.2;
/// A cell of a spaced row that opens with one or two characters.
const FRAGMENT: f64 = 0.5;
/// A spaced row's short piece joined to a sentence after it.
const TITLE_INTO_SENTENCE: f64 = 0.5;
/// Starting a sub-row: lines left after the last column.
const WRAP: f64 = 1.5;
/// What a piece placed in the table's last row is worth against its cost.
const GAIN: f64 = 0.5;

#[derive(Clone, Copy, Debug)]
enum Step {
    Skip,
    Fill(usize),
    Drop,
    Wrap,
}

/// Aligns `pieces` to `columns`: sub-rows of slots, and the cost of every
/// prefix of the pieces aligned alone (`costs[k]` for the first `k`; infinite
/// where no alignment ends there).
fn align(columns: &[Kind], pieces: &[Piece], layout: Layout) -> (Vec<f64>, Vec<Vec<Slot>>) {
    let n = columns.len();
    let m = pieces.len();
    if n == 0 {
        return (vec![0.0; m + 1], Vec::new());
    }
    if m == 0 {
        return (vec![0.0], vec![vec![Slot::Missing; n]]);
    }
    let shapes: Vec<Shape> = pieces.iter().map(|p| shape(&p.text)).collect();
    let idx = |i: usize, j: usize, any: bool| (i * (n + 1) + j) * 2 + usize::from(any);
    let size = (m + 1) * (n + 1) * 2;
    let mut cost = vec![f64::INFINITY; size];
    let mut back: Vec<Option<(usize, Step)>> = vec![None; size];
    cost[idx(0, 0, false)] = 0.0;
    let relax = |cost: &mut Vec<f64>,
                 back: &mut Vec<Option<(usize, Step)>>,
                 from: usize,
                 to: usize,
                 c: f64,
                 step: Step| {
        let total = cost[from] + c;
        if total < cost[to] {
            cost[to] = total;
            back[to] = Some((from, step));
        }
    };
    for i in 0..=m {
        for any in [true, false] {
            for j in 0..=n {
                let from = idx(i, j, any);
                if !cost[from].is_finite() {
                    continue;
                }
                if let Some(&kind) = columns.get(j) {
                    let s = if any {
                        skip(kind)
                    } else if i > 0 {
                        // A sub-row (only a wrap leaves a later piece with
                        // nothing placed): its leading cells are the merged ones.
                        SUB_ROW_LEADING_SKIP
                    } else {
                        skip(kind) - LEADING_DISCOUNT
                    };
                    relax(
                        &mut cost,
                        &mut back,
                        from,
                        idx(i, j + 1, any),
                        s,
                        Step::Skip,
                    );
                    let mut c = 0.0;
                    for k in 1..=MAX_CELL_PIECES.min(m - i) {
                        let p = &pieces[i + k - 1];
                        if p.empty {
                            if k == 1 {
                                relax(
                                    &mut cost,
                                    &mut back,
                                    from,
                                    idx(i + 1, j + 1, true),
                                    0.0,
                                    Step::Fill(1),
                                );
                            }
                            break;
                        }
                        c += fit(kind, shapes[i + k - 1]);
                        let fragment = layout == Layout::SpacedRows && p.text.chars().count() <= 2;
                        if k > 1 && !fragment {
                            c += continuation(kind, layout);
                            if layout == Layout::SpacedRows
                                && shapes[i + k - 2].short
                                && shapes[i + k - 1].sentence
                            {
                                // A short name does not run on into a sentence.
                                c += TITLE_INTO_SENTENCE;
                            }
                        } else if k == 1 && fragment && matches!(kind, Kind::Text | Kind::Aux) {
                            // One or two characters after a space are the end
                            // of the word the space cut: they start no cell.
                            c += FRAGMENT;
                        }
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i + k, j + 1, true),
                            c,
                            Step::Fill(k),
                        );
                    }
                } else if any && i < m {
                    if pieces[i].empty {
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i + 1, n, true),
                            0.0,
                            Step::Drop,
                        );
                    } else {
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i, 0, false),
                            WRAP,
                            Step::Wrap,
                        );
                    }
                }
            }
        }
    }
    let last = idx(m, n, true);
    let prefixes: Vec<f64> = (0..=m).map(|k| cost[idx(k, n, true)]).collect();
    // Walk back: steps in reverse, then replay them into sub-rows.
    let mut steps = Vec::new();
    let mut at = last;
    while let Some((from, step)) = back[at] {
        steps.push(step);
        at = from;
    }
    steps.reverse();
    let mut rows: Vec<Vec<Slot>> = vec![Vec::with_capacity(n)];
    let mut i = 0;
    for step in steps {
        let row = rows.last_mut().expect("a sub-row is always open");
        match step {
            Step::Skip => row.push(Slot::Missing),
            Step::Fill(k) => {
                if pieces[i].empty {
                    row.push(Slot::Filled(i..i));
                } else {
                    row.push(Slot::Filled(i..i + k));
                }
                i += k;
            }
            Step::Drop => i += 1,
            Step::Wrap => rows.push(Vec::with_capacity(n)),
        }
    }
    (prefixes, rows)
}

/// How many of the pieces after the last row's number belong to it, where
/// nothing but a poor fit says where the table ends: the prefix that
/// explains the most pieces for the least cost, each piece worth [`GAIN`].
/// A sub-row costs more than that ([`WRAP`]): lines after the last row's
/// last column are taken as text after the table.
fn last_row_len(columns: &[Kind], pieces: &[Piece], layout: Layout) -> usize {
    let cap = pieces.len().min(columns.len() * 3 + 2);
    let all_skipped: f64 = columns.iter().map(|k| skip(*k)).sum();
    let (costs, _) = align(columns, &pieces[..cap], layout);
    let mut best = (-all_skipped, 0);
    for (k, cost) in costs.iter().enumerate().skip(1) {
        let score = k as f64 * GAIN - cost;
        if score > best.0 {
            best = (score, k);
        }
    }
    best.1
}

// ---------------------------------------------------------------------------
// The grid
// ---------------------------------------------------------------------------

impl Found {
    fn into_block(self, limits: &Limits) -> Result<(Block, Note), LimitExceeded> {
        let Found {
            layout,
            header,
            rows,
            ..
        } = self;
        let kinds: Vec<Kind> = header.iter().map(|p| kind_of(&p.text)).collect();
        let n_cols = kinds.len();
        let seq_col = kinds.iter().position(|k| *k == Kind::Seq);
        // The columns a row's pieces are aligned to: all but the 序号.
        let columns: Vec<(usize, Kind)> = kinds
            .iter()
            .copied()
            .enumerate()
            .filter(|(c, _)| Some(*c) != seq_col)
            .collect();
        let column_kinds: Vec<Kind> = columns.iter().map(|(_, k)| *k).collect();
        let mut grid = Grid {
            table: Table::default(),
            count: CellCount::default(),
            span: header
                .iter()
                .map(|p| p.span)
                .reduce(Span::cover)
                .unwrap_or_default(),
        };
        let header_row = header
            .iter()
            .map(|p| Cell {
                text: p.text.clone(),
                span: p.span,
                merge: Merge::None,
            })
            .collect();
        grid.push(header_row, limits)?;
        let (mut merged, mut sub_rows, mut n_rows) = (0usize, 0usize, 0usize);
        for raw in rows {
            match raw {
                RawRow::Category(piece) => {
                    let at = Span::new(piece.span.end, piece.span.end);
                    let mut cells = vec![Cell {
                        text: piece.text,
                        span: piece.span,
                        merge: Merge::None,
                    }];
                    cells.extend((1..n_cols).map(|_| Cell {
                        text: String::new(),
                        span: at,
                        merge: Merge::Left,
                    }));
                    grid.push(cells, limits)?;
                }
                RawRow::Grid(grid_cells) => {
                    n_rows += 1;
                    let at = grid_cells
                        .iter()
                        .find_map(|c| match c {
                            GridCell::Text(p) => Some(Span::new(p.span.start, p.span.start)),
                            _ => None,
                        })
                        .unwrap_or_default();
                    let cells = grid_cells
                        .into_iter()
                        .zip(&kinds)
                        .map(|(cell, kind)| match cell {
                            GridCell::Text(p) => Cell {
                                text: cell_text(std::slice::from_ref(&p), *kind, layout),
                                span: p.span,
                                merge: Merge::None,
                            },
                            GridCell::Up => {
                                merged += 1;
                                Cell {
                                    text: String::new(),
                                    span: at,
                                    merge: Merge::Up,
                                }
                            }
                            GridCell::Empty => Cell {
                                text: String::new(),
                                span: at,
                                merge: Merge::None,
                            },
                        })
                        .collect();
                    grid.push(cells, limits)?;
                }
                RawRow::Data { anchor, pieces } => {
                    n_rows += 1;
                    let slots = align(&column_kinds, &pieces, layout).1;
                    sub_rows += slots.len().saturating_sub(1);
                    let at = Span::new(anchor.span.start, anchor.span.start);
                    for (s, slots) in slots.into_iter().enumerate() {
                        let mut cells: Vec<Cell> = (0..n_cols)
                            .map(|_| Cell {
                                text: String::new(),
                                span: at,
                                merge: Merge::Up,
                            })
                            .collect();
                        if let Some(c) = seq_col
                            && s == 0
                        {
                            cells[c] = Cell {
                                text: anchor.text.clone(),
                                span: anchor.span,
                                merge: Merge::None,
                            };
                        }
                        for ((c, kind), slot) in columns.iter().zip(slots) {
                            match slot {
                                Slot::Missing => merged += 1,
                                Slot::Filled(range) => {
                                    let cell_span = pieces[range.clone()]
                                        .iter()
                                        .map(|p| p.span)
                                        .reduce(Span::cover)
                                        .unwrap_or(at);
                                    cells[*c] = Cell {
                                        text: cell_text(&pieces[range], *kind, layout),
                                        span: cell_span,
                                        merge: Merge::None,
                                    };
                                }
                            }
                        }
                        if seq_col.is_none()
                            && s == 0
                            && let Some((c, _)) = columns.first()
                        {
                            // No 序号 column: the row's number opens its first cell.
                            let cell = &mut cells[*c];
                            if cell.merge == Merge::None {
                                cell.text = format!("{}\n{}", anchor.text, cell.text);
                                cell.span = anchor.span.cover(cell.span);
                            } else {
                                *cell = Cell {
                                    text: anchor.text.clone(),
                                    span: anchor.span,
                                    merge: Merge::None,
                                };
                            }
                        }
                        grid.push(cells, limits)?;
                    }
                }
            }
        }
        let header_words: Vec<&str> = header.iter().map(|p| p.text.as_str()).collect();
        let mut message = format!(
            "a table rebuilt from text ({}): {} columns from its header row ({}), {} rows",
            layout.describe(),
            n_cols,
            header_words.join(" / "),
            n_rows
        );
        if merged > 0 {
            message.push_str(&format!(
                "; {merged} cells not written in their rows taken as merged with the cell above"
            ));
        }
        if sub_rows > 0 {
            message.push_str(&format!(
                "; {sub_rows} rows without a number taken as continuing the numbered row above"
            ));
        }
        let Grid { table, span, .. } = grid;
        Ok((
            Block {
                kind: BlockKind::Table(table),
                span,
            },
            Note::at(message, span),
        ))
    }
}

/// The table being built, its cell count against the limit, and its span.
struct Grid {
    table: Table,
    count: CellCount,
    span: Span,
}

impl Grid {
    fn push(&mut self, cells: Vec<Cell>, limits: &Limits) -> Result<(), LimitExceeded> {
        self.count.add_row(cells.len(), limits)?;
        for cell in &cells {
            if cell.merge == Merge::None && cell.span.end > cell.span.start {
                self.span = self.span.cover(cell.span);
            }
        }
        self.table.rows.push(Row {
            cells,
            is_header: false,
        });
        Ok(())
    }
}

/// A cell's text from its pieces: lines joined by a line break; in text
/// columns a space between two CJK characters is a wrap and goes (`工作机
/// 制`); in spaced rows the pieces of a cell were split at such wraps.
fn cell_text(pieces: &[Piece], kind: Kind, layout: Layout) -> String {
    let joiner = if layout == Layout::SpacedRows && kind != Kind::Owner {
        ""
    } else {
        "\n"
    };
    let joined = pieces
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(joiner);
    if kind == Kind::Owner {
        joined
    } else {
        close_wrap_spaces(&joined)
    }
}

/// Drops spaces between two CJK characters (a line wrapped inside a word).
fn close_wrap_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let before = chars[..k]
                .iter()
                .rev()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            let after = chars[k + 1..]
                .iter()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            if before.is_some_and(|c| is_cjk(*c)) && after.is_some_and(|c| is_cjk(*c)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::lines_with_offsets;

    /// Blocks of `text` read as prose, a table as its rows (`^` a cell merged
    /// with the one above, `<` with the one to its left, `⏎` a line break),
    /// and the notes.
    fn read(text: &str) -> (Vec<String>, Vec<Note>) {
        let lines = lines_with_offsets(text);
        let mut notes = Vec::new();
        let blocks =
            prose_blocks(&lines, &Limits::default(), &mut notes).expect("within the limits");
        let shown = blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Table(t) => t
                    .rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| match c.merge {
                                Merge::None => c.text.replace('\n', "⏎"),
                                Merge::Up => "^".to_string(),
                                Merge::Left => "<".to_string(),
                            })
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect::<Vec<_>>()
                    .join(" / "),
                BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                    format!("P {text}")
                }
            })
            .collect();
        (shown, notes)
    }

    #[test]
    fn cells_one_per_line_become_rows_by_their_numbers() {
        let text = "通知正文。\n\n分解表\n\n序号\n\n工作任务\n\n责任单位\n\n完成时限\n\n1\n\n新建停车场2处。\n\n县住建局\n\n县交通局\n\n12月底前\n\n2\n\n建设养老中心。\n\n县民政局\n\n6月底前\n\n开工建设老年大学。\n\n12月底前\n\n3\n\n改造公路30公里。\n\n县交通局\n\n分享到：\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 通知正文。",
                "P 分解表",
                "序号|工作任务|责任单位|完成时限 / 1|新建停车场2处。|县住建局⏎县交通局|12月底前 / 2|建设养老中心。|县民政局|6月底前 / ^|开工建设老年大学。|^|12月底前 / 3|改造公路30公里。|县交通局|^",
                "P 分享到：",
            ]
        );
        assert_eq!(notes.len(), 1);
        let note = &notes[0];
        assert!(note.message.contains("one cell per line"), "{note}");
        assert!(note.message.contains("4 columns"), "{note}");
        assert!(note.message.contains("3 rows"), "{note}");
        assert!(note.message.contains("2 cells not written"), "{note}");
        assert!(note.message.contains("1 rows without a number"), "{note}");
        let span = note.span.expect("the note points at the table");
        assert!(text[span.start..span.end].starts_with("序号"));
        assert!(text[span.start..span.end].ends_with("县交通局"));
    }

    #[test]
    fn cell_spans_point_at_their_lines() {
        let text = "序号\n工作任务\n责任单位\n完成时限\n1\n任务甲。\n县住建局\n县交通局\n年底前\n";
        let lines = lines_with_offsets(text);
        let blocks = prose_blocks(&lines, &Limits::default(), &mut Vec::new()).expect("fits");
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!("a table: {blocks:?}");
        };
        let owners = &table.rows[1].cells[2];
        assert_eq!(
            &text[owners.span.start..owners.span.end],
            "县住建局\n县交通局"
        );
        assert_eq!(blocks[0].span, Span::new(0, text.len() - 1));
    }

    #[test]
    fn a_person_column_and_a_remarks_column_do_not_take_owners() {
        // 责任领导 holds people, 备注 is mostly blank; merged cells are missing.
        let text = "序号\n类别\n工作任务\n完成时限\n责任领导\n责任股室\n（单位）\n备注\n1\n公共文化\n开放服务人次增长15%。\n12月底前\n张某某\n文化股\n文化馆\n图书馆\n2\n组织惠民演出100场。\n文化股\n3\n文化产业\n培育文化企业1家。\n5月底\n王 某\n旅游股\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|类别|工作任务|完成时限|责任领导|责任股室（单位）|备注 / 1|公共文化|开放服务人次增长15%。|12月底前|张某某|文化股⏎文化馆⏎图书馆|^ / 2|^|组织惠民演出100场。|^|^|文化股|^ / 3|文化产业|培育文化企业1家。|5月底|王某|旅游股|^"
            ]
        );
    }

    #[test]
    fn pipe_closed_cells_with_empty_cells_and_wrap_spaces() {
        let text = "清单\n序号 |\n重点工作 |\n责任领导 |\n牵头 单位 |\n配合单位 |\n完成时限 |\n1 |\n优化工作机 制，完成5公里。 |\n王某 |\n规划局 |\n财政局、环境分局 |\n10月 |\n2 |\n盘活用地200亩。 |\n李某 |\n资源局 |\n招商中心 |\n||\n3 |\n开展专项整治。 |\n王某 |\n应急局 |\n|\n持续推进 |\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 清单",
                "序号|重点工作|责任领导|牵头 单位|配合单位|完成时限 / 1|优化工作机制，完成5公里。|王某|规划局|财政局、环境分局|10月 / 2|盘活用地200亩。|李某|资源局|招商中心| / 3|开展专项整治。|王某|应急局||持续推进"
            ]
        );
        assert!(notes[0].message.contains("closed by"), "{}", notes[0]);
    }

    #[test]
    fn spaced_rows_with_blank_cells_and_wrapped_words() {
        let text = "分解表\n序号 类别 主要任务 细化措施 牵头单位 参与单位\n1 加强资源保 护 严守保护红线 落实用途管制，严格控制。 市林业局 市资源局、市发改委等\n2  严守资源 消耗 红线 健全监测体系。 市林业局 市统计局\n3   抓好防火。完善队伍。 市应急局 市林业局\n说明：以上任务按季度调度。\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 分解表",
                "序号|类别|主要任务|细化措施|牵头单位|参与单位 / 1|加强资源保护|严守保护红线|落实用途管制，严格控制。|市林业局|市资源局、市发改委等 / 2||严守资源消耗红线|健全监测体系。|市林业局|市统计局 / 3|||抓好防火。完善队伍。|市应急局|市林业局",
                "P 说明：以上任务按季度调度。",
            ]
        );
        assert!(notes[0].message.contains("split by spaces"), "{}", notes[0]);
    }

    #[test]
    fn box_drawn_cells_merged_in_one_column() {
        let text = "分工\n┌──┬──────┬───┬────┐\n│序号│ 工 作 任 务 │分管领│牵头单位│\n│  │      │ 导 │    │\n├──┼──────┼───┼────┤\n│1 │调整支出结构，│张某│市财政局、│\n│  │加大投入  │   │市税务局│\n├──┼──────┼───┤    │\n│2 │加强财政监督│李某│    │\n├──┼──────┼───┼────┤\n│3 │建设信用体系│李某│市发改委│\n└──┴──────┴───┴────┘\n正文。\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 分工",
                "序号|工作任务|分管领导|牵头单位 / 1|调整支出结构，加大投入|张某|市财政局、市税务局 / 2|加强财政监督|李某|^ / 3|建设信用体系|李某|市发改委",
                "P 正文。",
            ]
        );
        assert!(notes[0].message.contains("box-drawing"), "{}", notes[0]);
    }

    #[test]
    fn bulleted_items_in_a_box_are_rows_of_their_own() {
        // The owners' rule sits on the first item's last line, as it is drawn.
        let text = "┌──────┬────┬───┐\n│工作任务  │牵头单位│完成时限│\n├──────┼────┼───┤\n│△调整支出，│市财政局│年内 │\n│加大投入  ├────┤   │\n│△加强监督 │市审计局│   │\n│△完善网络 │    │   │\n└──────┴────┴───┘\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "工作任务|牵头单位|完成时限 / △调整支出，加大投入|市财政局|年内 / △加强监督|市审计局|^ / △完善网络|^|^"
            ]
        );
    }

    #[test]
    fn category_lines_between_rows_span_the_table() {
        let text = "序号\n目标任务\n牵头单位\n完成时限\n一、经济发展目标\n1\n生产总值增长7%。\n区发改局\n年底前\n二、民生工作目标\n2\n新增就业5000人。\n区人社局\n年底前\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|目标任务|牵头单位|完成时限 / 一、经济发展目标|<|<|< / 1|生产总值增长7%。|区发改局|年底前 / 二、民生工作目标|<|<|< / 2|新增就业5000人。|区人社局|年底前"
            ]
        );
    }

    #[test]
    fn without_a_seq_column_enumerators_number_the_rows() {
        // A progress table: 项目名称 merged over its sub-rows, each sub-row a
        // target, its owners and its progress.
        let text = "项目名称\n项目内容\n责任单位\n进展情况\n（一）\n发展目标\n生产总值增长6.5%以上\n区发改局、各街道\n正常进行中\n研发经费支出增长15%\n区科技局、各街道\n已辅导企业233家，推广管理系统。\n（二）\n支持企业发展\n落实减税降费政策\n区财政局\n正常进行中\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "项目名称|项目内容|责任单位|进展情况 / （一）⏎发展目标|生产总值增长6.5%以上|区发改局、各街道|正常进行中 / ^|研发经费支出增长15%|区科技局、各街道|已辅导企业233家，推广管理系统。 / （二）⏎支持企业发展|落实减税降费政策|区财政局|正常进行中"
            ]
        );
        // Without a 序号 column a bare number does not start rows.
        let (blocks, _) = read("项目名称\n项目内容\n责任单位\n进展情况\n1\n目标\n内容\n区财政局\n");
        assert!(blocks.iter().all(|b| b.starts_with("P ")), "{blocks:?}");
    }

    #[test]
    fn a_line_of_spaces_between_empty_lines_is_an_empty_cell() {
        let text = "序号\n\n工作任务\n\n配合单位\n\n牵头单位\n\n1\n\n任务甲。\n\n \n\n县民政局\n\n2\n\n任务乙。\n\n县财政局\n\n县民政局\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|工作任务|配合单位|牵头单位 / 1|任务甲。||县民政局 / 2|任务乙。|县财政局|县民政局"
            ]
        );
    }

    #[test]
    fn a_number_off_the_sequence_is_a_cell() {
        let text = "序号\n工作任务\n数量\n责任单位\n1\n新建公园。\n5\n区住建局\n2\n新建广场。\n8\n区城管局\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            ["序号|工作任务|数量|责任单位 / 1|新建公园。|5|区住建局 / 2|新建广场。|8|区城管局"]
        );
    }

    #[test]
    fn prose_with_short_lines_stays_prose() {
        for text in [
            // Column words, but no row follows.
            "序号\n工作任务\n责任单位\n完成时限\n各单位要认真落实。\n",
            // A 序号 line without enough column words.
            "序号\n姓名\n职务\n1\n张三\n局长\n",
            // Rows that hold nothing.
            "序号\n工作任务\n责任单位\n完成时限\n1\n2\n3\n",
            // Spaced words that are not a header.
            "序号 姓名 性别 年龄\n1 张三 男 40\n",
            // A box of one column.
            "┌────┐\n│通知│\n└────┘\n",
        ] {
            let (blocks, notes) = read(text);
            assert!(
                blocks.iter().all(|b| b.starts_with("P ")),
                "{text:?}: {blocks:?}"
            );
            assert!(notes.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_table_over_max_table_cells_is_refused() {
        let mut text = String::from("序号\n工作任务\n责任单位\n完成时限\n");
        for n in 1..=4 {
            text.push_str(&format!("{n}\n任务{n}。\n县民政局\n年底前\n"));
        }
        let lines = lines_with_offsets(&text);
        let limits = |max_table_cells| Limits {
            max_table_cells,
            ..Limits::default()
        };
        assert!(prose_blocks(&lines, &limits(20), &mut Vec::new()).is_ok());
        let err = prose_blocks(&lines, &limits(19), &mut Vec::new()).expect_err("20 over 19");
        assert_eq!(err.found, 20);
    }

    #[test]
    fn garbage_after_a_header_does_not_hang_or_panic() {
        // A row of far more lines than any row holds ends the table before it.
        let mut text = String::from("序号\n工作任务\n责任单位\n完成时限\n1\n");
        text.push_str(&"县民政局\n".repeat(10_000));
        let (blocks, _) = read(&text);
        assert!(blocks.iter().all(|b| b.starts_with("P ")));
        // Numbers only, thousands of them, and stray rule characters.
        let numbers: String = (1..5_000).map(|n| format!("{n}\n")).collect();
        let (blocks, _) = read(&format!("序号\n工作任务\n责任单位\n完成时限\n{numbers}"));
        assert_eq!(blocks.len(), 5003);
        let (blocks, _) = read("│││\n┌┬┐\n│ │ │\n├┼┤\n└┴┘\n│\n");
        assert!(!blocks.is_empty());
    }

    #[test]
    fn hostile_table_shapes_cost_linear_time() {
        // Wide headers each followed by a long first row, thousands of times;
        // top borders without a box; header words without rows.
        let header: String = (0..MAX_COLUMNS)
            .map(|c| {
                if c == 0 {
                    "序号\n".to_string()
                } else {
                    "责任单位\n".to_string()
                }
            })
            .collect();
        let row: String = "县民政局\n".repeat(MAX_ROW_PIECES - 2);
        let chunk = format!("{header}1\n{row}");
        let text = chunk.repeat(2_000)
            + &"┌──┬──┐\n".repeat(20_000)
            + &"工作任务\n责任单位\n完成时限\n".repeat(20_000);
        let started = std::time::Instant::now();
        let (blocks, _) = read(&text);
        assert!(!blocks.is_empty());
        // Generous for a debug build on a loaded machine; quadratic would take minutes.
        assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    }

    #[test]
    fn bare_numbers_and_spaced_tokens() {
        assert_eq!(anchor_value("12"), Some(12));
        assert_eq!(anchor_value("３、"), Some(3));
        assert_eq!(anchor_value("3."), Some(3));
        assert_eq!(anchor_value("2024年"), None);
        assert_eq!(anchor_value("12345"), None);
        let line = Line {
            text: "2  甲 乙   丙",
            start: 10,
        };
        let toks: Vec<(String, bool)> = tokens(&line)
            .into_iter()
            .map(|p| (p.text, p.empty))
            .collect();
        assert_eq!(
            toks,
            [
                ("2".to_string(), false),
                (String::new(), true),
                ("甲".to_string(), false),
                ("乙".to_string(), false),
                (String::new(), true),
                (String::new(), true),
                ("丙".to_string(), false),
            ]
        );
    }
}
