//! The title and the genre: the plan's own title line, a notice's title and the
//! plan it issues, and the genre from the title's words.

use std::sync::LazyLock;

use policy_grammar::chars::fold_width;
use policy_grammar::lexicon;
use policy_model::Genre;
use regex::Regex;

use super::number_date::{date, doc_number};

/// Joins a title broken over lines: an open `《` continues on the next line; a line
/// ending in `》` or followed by `关于…` continues when the next line ends a title, and
/// so does the document's first line (`2025年济南市“泉城购”零售、餐饮` / `消费券发放活动公告`).
pub(super) fn join_title_lines(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let mut joined = line.trim().to_string();
        i += 1;
        while joined.matches('《').count() > joined.matches('》').count()
            && i < lines.len()
            && joined.chars().count() < 120
        {
            joined.push_str(lines[i].trim());
            i += 1;
        }
        if let Some(next) = lines.get(i) {
            let next = next.trim();
            let continues = is_title_like(&joined)
                && !genre_end(&joined)
                && date(&joined).is_none()
                && doc_number(&joined).is_none()
                && is_title_like(next)
                && genre_end(next)
                && (joined.ends_with('》')
                    || next.starts_with("关于")
                    // A document opening with a title set over two lines.
                    || (i == 1 && !joined.starts_with(['（', '(']))
                    // `2024—2026年海南省` / `农机购置…实施方案`: a short head naming
                    // its years or place, with the genre on the next line.
                    || (joined.chars().count() <= 16
                        && joined.ends_with(lexicon::TITLE_HEAD_ENDS)));
            if continues {
                joined.push_str(next);
                i += 1;
            }
        }
        out.push(joined);
    }
    out
}

pub(super) fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    (4..=150).contains(&n)
        && !line.contains('。')
        && !fold_width(line).ends_with([':', ',', ';', '、'])
        && !line.starts_with("附件")
        && date(line).is_none()
}

/// A genre word ending the text, blanks after it allowed.
static GENRE_WORD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({})\s*$",
        lexicon::alternation(lexicon::GENRE_WORDS)
    ))
    .expect("static regex")
});

/// The genre word a title line ends with, before an optional bracketed note of
/// at most 24 characters: `…实施方案`, `…办法（试行）`.
///
/// Written out rather than as one regex with `[^）)]{0,24}`: that repetition
/// of a negated class compiles to a large automaton, milliseconds at every
/// start of the process.
pub(super) fn genre_at_end(line: &str) -> Option<&str> {
    use lexicon::{BRACKET_CLOSERS as CLOSERS, BRACKET_OPENERS as OPENERS};
    let line = line.trim();
    let genre_before = |end: usize| {
        GENRE_WORD_END
            .captures(&line[..end])
            .and_then(|c| c.get(1))
            .map(|m| (m.start(), m.as_str()))
    };
    let mut found = genre_before(line.len());
    if let Some(body) = line.strip_suffix(CLOSERS) {
        // Each opener with at most 24 characters and no closer after it.
        for (n, (i, c)) in body.char_indices().rev().enumerate() {
            if n > 24 || CLOSERS.contains(&c) {
                break;
            }
            if OPENERS.contains(&c)
                && let Some(hit) = genre_before(i)
                && found.is_none_or(|(start, _)| hit.0 < start)
            {
                found = Some(hit);
            }
        }
    }
    found.map(|(_, word)| word)
}

pub(super) fn genre_end(line: &str) -> bool {
    genre_at_end(line).is_some()
}

/// Ends with a plan's genre word (not a notice's).
pub(super) fn plan_genre_end(line: &str) -> bool {
    genre_at_end(line).is_some_and(|word| !lexicon::NOTICE_GENRE_WORDS.contains(&word))
}

pub(super) fn is_notice_title(line: &str) -> bool {
    line.contains("关于") && genre_at_end(line).is_some_and(|word| matches!(word, "通知" | "决定"))
}

/// `…关于印发《X》的通知` → X; `…关于印发X的通知` → X.
pub(super) fn plan_in_notice(notice: &str) -> Option<String> {
    static BOOK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|转发|发布|公布)\s*《(.+)》\s*的?\s*(?:通知|决定)")
            .expect("static regex")
    });
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|转发|发布|公布)\s*(.+?)\s*的\s*(?:通知|决定)").expect("static regex")
    });
    let caps = BOOK.captures(notice).or_else(|| BARE.captures(notice))?;
    Some(
        caps.get(1)?
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(""),
    )
}

/// Whether `line` ends with `tail`, letters and digits compared: a plan title
/// with its place before the notice's words (`平潭综合实验区水污染…方案`).
pub(super) fn ends_with_text(line: &str, tail: &str) -> bool {
    let (l, t) = (letters_and_digits(line), letters_and_digits(tail));
    t.chars().count() >= 6 && l.ends_with(&t)
}

/// Equal in their letters and digits: white space, width and punctuation (`《》` `（）`) aside.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    letters_and_digits(a) == letters_and_digits(b)
}

/// The letters and digits of a text, width folded.
fn letters_and_digits(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The genre from the plan title's own words (quoted titles inside it ignored), else the notice's.
pub(super) fn genre(title: Option<&str>, notice: Option<&str>) -> Genre {
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"《[^》]*》|“[^”]*”").expect("static regex"));
    static TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[（(][^）)]{0,24}[）)]\s*$").expect("static regex"));
    let Some(title) = title else {
        return if notice.is_some() {
            Genre::Notice
        } else {
            Genre::Unknown
        };
    };
    let own = QUOTED.replace_all(title, "");
    let own = TAIL.replace(own.trim(), "");
    let own = own.trim();
    if own.contains("分工") {
        Genre::DivisionTable
    } else if own.contains("台账") {
        Genre::LedgerTable
    } else if own.ends_with("行动方案") || own.ends_with("行动计划") {
        Genre::ActionPlan
    } else if own.ends_with("规划") || own.ends_with("纲要") {
        Genre::FiveYearPlan
    } else if lexicon::IMPLEMENTATION_GENRE_WORDS
        .iter()
        .any(|w| own.ends_with(w))
    {
        Genre::ImplementationPlan
    } else if lexicon::NOTICE_GENRE_WORDS.iter().any(|w| own.ends_with(w)) {
        Genre::Notice
    } else {
        Genre::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genre_word_before_an_optional_short_note() {
        assert_eq!(genre_at_end("某县养老服务实施方案"), Some("方案"));
        assert_eq!(genre_at_end("某县补贴办法（试行） "), Some("办法"));
        assert_eq!(genre_at_end("某市行动计划(2024—2026年)"), Some("计划"));
        assert_eq!(genre_at_end("关于印发某方案的通知"), Some("通知"));
        // An opener inside the note is part of it.
        assert_eq!(genre_at_end("某某规划（修订（二）"), Some("规划"));
        assert_eq!(genre_at_end("某某规划（修订（二"), None);
        // 24 characters of note, not 25; none after a closer.
        let note = "注".repeat(24);
        assert_eq!(genre_at_end(&format!("某方案（{note}）")), Some("方案"));
        assert_eq!(genre_at_end(&format!("某方案（{note}注）")), None);
        assert_eq!(genre_at_end("某方案（甲）乙）"), None);
        assert_eq!(genre_at_end("方案实施"), None);
        assert_eq!(genre_at_end(""), None);
        assert_eq!(genre_at_end("）"), None);
    }
}
