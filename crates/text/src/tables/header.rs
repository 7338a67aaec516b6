//! The header row and the row numbers, shared by every layout: which cells
//! read as a header (short words, no sentence, no number), what each column
//! holds ([`Kind`], from the column words of `policy_grammar::lexicon`),
//! whether the header is a task table's at all, and the anchors that start a
//! row (a bare sequence number, or an enumerator where there is no 序号) and
//! the category lines (`一、…`) between rows.

use policy_grammar::lexicon;
use policy_grammar::numbering::{EnumKind, enumerator};

use super::{MAX_COLUMNS, MAX_HEADER_CHARS, Piece};

/// What a column holds, as far as aligning a row's lines needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
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

/// The header cells at the start of `pieces` and how many pieces they took.
/// A piece opening with a bracket continues the cell before it (`责任股室`
/// `（单位）`).
pub(super) fn header_run<'a>(
    pieces: impl Iterator<Item = &'a Piece>,
) -> Option<(Vec<Piece>, usize)> {
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
pub(super) fn is_header_cell(text: &str) -> bool {
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
pub(super) fn column_kinds(header: &[Piece]) -> Option<Vec<Kind>> {
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

pub(super) fn kind_of(header: &str) -> Kind {
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
pub(super) struct Anchor {
    /// `None` for a bare number.
    pub(super) kind: Option<EnumKind>,
    value: u32,
}

impl Anchor {
    pub(super) fn next(self) -> Anchor {
        Anchor {
            value: self.value + 1,
            ..self
        }
    }
}

/// The cell as a row's number, when it is nothing else.
pub(super) fn anchor(text: &str) -> Option<Anchor> {
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
pub(super) fn anchor_value(text: &str) -> Option<u32> {
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
pub(super) fn is_category_line(text: &str) -> bool {
    enumerator(text).is_some_and(|(e, rest)| {
        matches!(e.kind, EnumKind::CnComma | EnumKind::CnParen) && !rest.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_numbers() {
        assert_eq!(anchor_value("12"), Some(12));
        assert_eq!(anchor_value("３、"), Some(3));
        assert_eq!(anchor_value("3."), Some(3));
        assert_eq!(anchor_value("2024年"), None);
        assert_eq!(anchor_value("12345"), None);
    }
}
