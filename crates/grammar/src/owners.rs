//! Owner clauses (责任单位) into normalised organisations.
//!
//! The forms: `（责任单位：A、B）`, `(A、B,C等按职责分工负责)`,
//! `（牵头单位：A；配合单位：B、C）`, `A牵头，B、C配合`, and a 责任单位 cell with
//! one owner per line. Each organisation is normalised as the output contract
//! says: trailing 等按职责分工负责 / 等部门 / 负责 removed, an elided level prefix
//! restored (`州民政局、住建局` → 州民政局, 州住建局; `县委组织部、宣传部` → 县委组织部,
//! 县委宣传部), a shared 各 distributed (`各乡镇、街道` → 各乡镇, 各街道). A name
//! that already carries a level or a place, a collective, an office of a central
//! body that carries its own place and a company are left as written.

use std::borrow::Cow;
use std::sync::LazyLock;

use nom::{
    IResult, Parser,
    bytes::complete::{take_while, take_while1},
    character::complete::satisfy,
};
use policy_model::OwnerRole;
use regex::Regex;

use crate::chars::{is_cjk, join_lines, trim_text};
use crate::lexicon::{self, alternation, contains_any};

/// The organisations of one clause or cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerClause {
    pub owners: Vec<ParsedOwner>,
    /// A note written among the owners (`以下均需各乡镇（街道）落实，不再列出。`).
    pub note: Option<String>,
    /// Pieces that do not read as an organisation (kept as owners all the same).
    pub doubtful: Vec<String>,
    /// A deadline written in the clause (`（2024年6月底前完成，牵头单位：…）`), as written.
    pub deadline: Option<String>,
    /// The clause says its first owner leads (`A（首位单位为牵头单位，下同）、B`);
    /// with 下同 it says so for later items too (see [`FirstListed`]).
    pub first_listed: Option<FirstListed>,
}

/// A note that makes the first owner listed the lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstListed {
    /// For this clause only.
    Here,
    /// For this clause and every later one (`…，下同`).
    FromHere,
}

/// One organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedOwner {
    /// Normalised name.
    pub name: String,
    /// As written.
    pub raw: String,
    pub role: OwnerRole,
}

/// Finds an owner clause in brackets at the end of `text` (a trailing `。` or
/// white space allowed after it). Returns the byte offset where the clause's
/// opening bracket starts, and the clause.
pub fn trailing_clause(text: &str) -> Option<(usize, OwnerClause)> {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '。' || c == '.' || c == '；' || c == ';'
    });
    let close = trimmed.chars().next_back()?;
    let body = trimmed.strip_suffix(close)?;
    let open = matching_open(body, close)?;
    let inner = &body[open.0 + open.1.len_utf8()..];
    // Inside a bracket a line break is a wrap (a page or a line ended
    // mid-name), not a separator as in an owner cell.
    let inner = join_lines(inner);
    is_owner_clause(&inner).then(|| (open.0, parse_owner_list(&inner)))
}

/// Owner clauses in brackets inside a text, before its end (`…理解掌握。（合肥
/// 海关牵头）探索…（省商务厅负责）…`): an item that assigns each of its
/// sentences separately. Only clauses that say who does what (a label or a role
/// word) count, so that a gloss (`（含…）`, `党校（行政学院）`) is none. The
/// clause closing the text is not among them ([`trailing_clause`] reads it).
pub fn inner_clauses(text: &str) -> Vec<OwnerClause> {
    let end = text
        .trim_end_matches(|c: char| c.is_whitespace() || "。.；;".contains(c))
        .len();
    let mut out = Vec::new();
    let mut opens: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            _ if lexicon::CLAUSE_BRACKETS.iter().any(|(o, _)| *o == c) => {
                opens.push(at + c.len_utf8());
            }
            _ if lexicon::CLAUSE_BRACKETS.iter().any(|(_, e)| *e == c) => {
                let Some(open) = opens.pop() else { continue };
                if !opens.is_empty() || at + c.len_utf8() >= end {
                    continue;
                }
                let inner = join_lines(&text[open..at]);
                if says_who_does_what(&inner)
                    && inner.chars().count() <= 200
                    && is_owner_clause(&inner)
                {
                    let clause = parse_owner_list(&inner);
                    if clause_is_all_orgs(&clause) {
                        out.push(clause);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether an owner clause says who does what: a label or a role word
/// (`牵头单位：…`, `…牵头`, `…配合`, `…负责`), not bare names (a gloss, another name).
pub fn says_who_does_what(inner: &str) -> bool {
    inner.contains(['：', ':'])
        || contains_any(inner, lexicon::ROLE_LEAD)
        || contains_any(inner, lexicon::ROLE_CO)
        || inner.contains("负责")
}

/// The opening bracket matching `close`, a closing one just past the end of
/// `body` (`〔…（功能区）〕`: brackets of another kind inside are the names').
fn matching_open(body: &str, close: char) -> Option<(usize, char)> {
    let opens = |c: char| lexicon::CLAUSE_BRACKETS.contains(&(c, close));
    let closes = |c: char| {
        lexicon::CLAUSE_BRACKETS
            .iter()
            .any(|&(o, e)| e == c && opens(o))
    };
    let mut depth = 0usize;
    for (idx, c) in body.char_indices().rev() {
        if closes(c) {
            depth += 1;
        } else if opens(c) {
            if depth == 0 {
                return Some((idx, c));
            }
            depth -= 1;
        }
    }
    None
}

/// Finds an owner sentence without brackets closing `text`:
/// `…。由省商务厅牵头，省财政厅配合。` or `…。省民政厅负责。` Every piece must name
/// an organisation, so an ordinary sentence ending in 负责 is not taken.
/// Returns the byte offset where the sentence starts, and the clause.
pub fn trailing_sentence(text: &str) -> Option<(usize, OwnerClause)> {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '。' || c == '；' || c == ';'
    });
    let start = trimmed.rfind(['。', '；', ';']).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = trim_text(&trimmed[start..]);
    if !(sentence.contains("牵头") || RESPONSIBILITY_END.is_match(sentence))
        || sentence.chars().count() > 120
    {
        return None;
    }
    let clause = parse_owner_list(sentence);
    clause_is_all_orgs(&clause).then_some((start, clause))
}

/// Finds a labelled owner clause without brackets closing `text`:
/// `…。牵头单位：区经发局，配合单位：区财金局、区交建局`. Returns the byte offset
/// where the first label starts, and the clause.
pub fn trailing_label_clause(text: &str) -> Option<(usize, OwnerClause)> {
    let ends = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '。' || c == '；' || c == ';';
    let mut trimmed = text.trim_end_matches(ends);
    // `…责任单位：县民政局。完成时限：2025年底前。`: a deadline label after the owners.
    let mut deadline = None;
    if let Some((at, value)) = trailing_deadline_label(trimmed) {
        deadline = Some(value.to_string());
        trimmed = trimmed[..at].trim_end_matches(ends);
    }
    // The earliest label at a clause boundary from which everything to the end is owners.
    let mut found = None;
    for (at, c) in trimmed.char_indices() {
        let boundary = at == 0
            || trimmed[..at]
                .chars()
                .next_back()
                .is_some_and(|p| "。；;，,：: \u{3000}\n）)".contains(p));
        if !boundary || !lexicon::LABEL_HEADS.iter().any(|h| h.starts_with(c)) {
            continue;
        }
        if label(&trimmed[at..]).is_err() {
            continue;
        }
        let mut clause = parse_owner_list(&trimmed[at..]);
        if clause_is_all_orgs(&clause) {
            clause.deadline = clause.deadline.or(deadline);
            found = Some((at, clause));
            break;
        }
    }
    found
}

/// `完成时限：2025年底前` closing a text: where its label starts and its value.
fn trailing_deadline_label(text: &str) -> Option<(usize, &str)> {
    let (at, word) = lexicon::HEADER_DEADLINE
        .iter()
        .filter_map(|w| text.rfind(w).map(|i| (i, *w)))
        // the last label, written in full (`完成时限`, not its `时限`)
        .max_by_key(|(i, w)| (*i + w.len(), w.len()))?;
    let before = text[..at].chars().next_back();
    if before.is_some_and(|p| !"。；;，, \u{3000}\n".contains(p)) {
        return None;
    }
    let value = text[at + word.len()..].trim_start_matches([' ', '\u{3000}']);
    let value = value.strip_prefix(['：', ':'])?.trim();
    (!value.is_empty() && value.chars().count() <= 30 && !value.contains('。'))
        .then_some((at, value))
}

fn clause_is_all_orgs(clause: &OwnerClause) -> bool {
    !clause.owners.is_empty()
        && clause.doubtful.is_empty()
        && (clause.note.is_none() || clause.first_listed.is_some())
}

/// The byte length of an owner list opening `text` in run-together text, where
/// nothing marks its end but the next sentence's start: a table's owner cell
/// (`区经发局牵头，区交建局、电力公司创新应用…` ends after 电力公司) or a labelled
/// clause (`牵头单位：A，配合单位：B“互联网+”教育：…`). It must carry a label or a
/// role word (牵头 / 配合 / 负责 …), so that a sentence opening with an
/// organisation is not taken for one; and it must end where a new sentence
/// starts, not at a comma (`A牵头，B配合，开展…` is one sentence).
pub fn owner_run(text: &str) -> Option<usize> {
    let mut at = 0;
    let mut marked = false;
    let mut names = 0;
    loop {
        let rest = &text[at..];
        if let Ok((after, _)) = label(rest) {
            marked = true;
            at = text.len() - after.len();
            continue;
        }
        let rest = rest.strip_prefix('由').unwrap_or(rest);
        let skipped = text.len() - at - rest.len();
        let Some(len) = org_prefix(rest) else { break };
        names += 1;
        at += skipped + len;
        // 等 / 等部门, then a role word
        let tail = &text[at..];
        let tail_len = tail.len()
            - tail
                .trim_start_matches('等')
                .trim_start_matches("相关部门")
                .trim_start_matches("有关部门")
                .trim_start_matches("部门")
                .trim_start_matches("单位")
                .len();
        at += tail_len;
        let tail = &text[at..];
        // Not 负责: `X负责…` opens a sentence, while a cell reads `A牵头，B、C`.
        if let Some(word) = lexicon::ROLE_LEAD
            .iter()
            .chain(lexicon::ROLE_CO)
            .chain(lexicon::DUTY_BY_DIVISION)
            .find(|w| tail.starts_with(**w))
        {
            marked = true;
            at += word.len();
        }
        let tail = &text[at..];
        match tail.chars().next() {
            Some(c @ ('、' | '，' | ',' | '；' | ';' | '及' | '和')) => {
                let next = &tail[c.len_utf8()..];
                if org_prefix(next.strip_prefix('由').unwrap_or(next)).is_some()
                    || label(next).is_ok()
                {
                    at += c.len_utf8();
                    continue;
                }
                // A list that goes on past a comma into a sentence.
                return None;
            }
            _ => break,
        }
    }
    (marked && names > 0 && at > 0).then_some(at)
}

/// The byte length of an organisation's name opening `text`: the shortest
/// prefix of Han characters (and brackets) ending in a body word that ends a
/// name for sure (局, 委, 办, 公司, 中心 …), with a bracketed note after it
/// (`区社会事业局（医改办）`) and a 各 / level collective allowed.
pub fn org_prefix(text: &str) -> Option<usize> {
    let mut end = None;
    // Inside a short bracket of the name (`社区（村）委员会`).
    let mut in_bracket = 0usize;
    for (n, (at, c)) in text.char_indices().enumerate() {
        let opens_short_bracket = matches!(c, '（' | '(')
            && n > 0
            && text[at..]
                .char_indices()
                .take(5)
                .any(|(_, d)| matches!(d, '）' | ')'));
        if opens_short_bracket {
            in_bracket += 1;
            continue;
        }
        if in_bracket > 0 && matches!(c, '）' | ')') {
            in_bracket -= 1;
            continue;
        }
        if n >= 24 || !(is_cjk(c) || matches!(c, '“' | '”' | '+' | '＋')) {
            break;
        }
        if in_bracket > 0 {
            continue;
        }
        let upto = at + c.len_utf8();
        let name = &text[..upto];
        if name.chars().count() >= 2
            && lexicon::ORG_STRONG_SUFFIXES
                .iter()
                .any(|s| name.ends_with(s))
            && !name_goes_on(name, &text[upto..])
        {
            end = Some(upto);
            break;
        }
    }
    let mut end = end?;
    // `县委组织部`, `市委农村工作领导小组`, `县政府办公室`: an organ written right
    // after its level's party committee or government is one name.
    if is_level_seat(&text[..end])
        && let Some(more) = organ_after_seat(&text[end..])
    {
        end += more;
    }
    // `区海上搜救中心成员单位`: the members of the body.
    if let Some(ext) = lexicon::NAME_EXTENSIONS
        .iter()
        .filter(|w| text[end..].starts_with(**w))
        .max_by_key(|w| w.len())
    {
        end += ext.len();
    }
    // A sub-unit written after its bureau (`区经发局经信处、…`): the name goes on
    // when the next few characters end in a body word right before a separator,
    // or where run-together text starts its next item (`…经信处（九）…`,
    // `…商务处“互联网+”安全生产`, `…经信处三、保障措施`).
    let rest = &text[end..];
    if let Some(more) = org_prefix_short(rest)
        && ends_a_name(&rest[more..])
    {
        end += more;
    }
    // A short bracketed note that belongs to the name: `（医改办）`, `（商务部门）`.
    let rest = &text[end..];
    if rest.starts_with(['（', '('])
        && let Some(close) = rest.find(['）', ')'])
        && rest[..close].chars().count() <= 9
        && !rest[..close].contains(['，', '。', '：', ':'])
        // `（二）` after a name is the next item's number, not a note.
        && !rest[..close]
            .chars()
            .skip(1)
            .all(|c| crate::chars::is_cn_digit(c) || c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        end += close + rest[close..].chars().next().map_or(1, char::len_utf8);
    }
    Some(end)
}

/// `县委`, `市政府`: a level and its party committee or government, nothing more.
fn is_level_seat(name: &str) -> bool {
    written_level(name)
        .is_some_and(|level| lexicon::LEVEL_SEATS.contains(&&name[level.level.len()..]))
}

/// The length of an organ's name opening `rest`, right after its level's seat
/// (`组织部…`, `农村工作领导小组…`, `办公室…`): not a new body (`县委县政府`),
/// nor the clause's verb (`县政府统筹…`, `县委组织…`), at most ten characters.
fn organ_after_seat(rest: &str) -> Option<usize> {
    if written_level(rest).is_some() {
        return None;
    }
    let party_organ = starts_with_any(rest, lexicon::PARTY_ORGANS);
    let verb = starts_with_any(rest, lexicon::CLAUSE_OPENERS)
        || starts_with_any(rest, lexicon::DUTY_VERBS)
        || starts_with_any(rest, lexicon::DUTY_MODALS)
        || starts_with_any(rest, lexicon::SUBJECT_ADVERBS)
        || starts_with_any(rest, lexicon::ROLE_LEAD)
        || starts_with_any(rest, lexicon::ROLE_CO)
        || starts_with_any(rest, lexicon::NOT_NAME_OPENERS);
    if verb && !party_organ {
        return None;
    }
    let len = org_prefix(rest)?;
    (rest[..len].chars().count() <= 10).then_some(len)
}

/// Whether `rest` (after a name) is past the name's end: a separator, the end
/// of the text, or the start of the next item or title in run-together text
/// (an enumerator, an opening quote or title bracket).
fn ends_a_name(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if "、，,；;。）)等".contains(c) => true,
        Some(c) if "“《\"".contains(c) => true,
        Some(_) => crate::numbering::enumerator(rest).is_some_and(|(e, _)| e.value.is_some()),
    }
}

/// A body word within six characters (the sub-unit after a bureau), without extension.
fn org_prefix_short(text: &str) -> Option<usize> {
    for (n, (at, c)) in text.char_indices().enumerate() {
        if n >= 6 || !is_cjk(c) {
            return None;
        }
        let upto = at + c.len_utf8();
        // Offices of a bureau (`经信处`, `办公室`, `支队`), not a second body (`在农业农村部`).
        if n >= 1
            && !"在由向对和与及的为将把从".contains(text.chars().next().unwrap_or(' '))
            && (lexicon::SUB_UNITS
                .iter()
                .chain(lexicon::OFFICE_UNITS)
                .any(|s| text[..upto].ends_with(s)))
        {
            return Some(upto);
        }
    }
    None
}

/// Whether a body word is the start of a longer one: 委 of 委员会, 办 of 办公室, 部 of 部门.
fn name_goes_on(name: &str, next: &str) -> bool {
    let last = name.chars().next_back();
    let word_goes_on = lexicon::BODY_WORD_CONTINUATIONS
        .iter()
        .any(|(c, after)| last == Some(*c) && next.starts_with(|n: char| after.contains(n)));
    word_goes_on
        || lexicon::NOT_BODY_ENDINGS.iter().any(|w| name.ends_with(w))
        || (name.ends_with('委') && next.starts_with("员会"))
        || (name.ends_with('办') && next.starts_with("公室"))
        || (name.ends_with('部') && next.starts_with('门'))
        || (name.ends_with("管委") && next.starts_with('会'))
}

fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.starts_with(w))
}

/// True when the inside of a bracket reads as an owner clause: it has a label
/// (责任单位：), a responsibility ending (按职责分工负责, 牵头, 配合), or every
/// piece names an organisation. Sentences after the first may be notes
/// (`…配合。以下均需相关乡镇配合，不再列出`).
pub fn is_owner_clause(inner: &str) -> bool {
    let inner = trim_text(inner);
    if inner.is_empty() || inner.chars().count() > 400 || first_listed_note(inner).is_some() {
        return false;
    }
    let mut sentences = inner.split('。').map(trim_text).filter(|s| !s.is_empty());
    let Some(first) = sentences.next() else {
        return false;
    };
    if !sentences.all(is_note) {
        return false;
    }
    let owners_part = first
        .split(['；', ';', '，', ','])
        .map(trim_text)
        .filter(|s| !is_clause_deadline(s) && !is_score(s) && !is_attribute(s))
        .collect::<Vec<_>>()
        .join("，");
    if owners_part.is_empty() {
        return false;
    }
    if has_label(&owners_part)
        || RESPONSIBILITY_END.is_match(&owners_part)
        || owners_part.contains("牵头")
    {
        return true;
    }
    let pieces = split_pieces(&owners_part);
    !pieces.is_empty()
        && pieces.iter().all(|p| {
            let name = clean_piece(p).0;
            // `（或汽车拆解企业）`, `（含区属国企）`: a gloss, not owners.
            !starts_with_any(&name, lexicon::GLOSS_OPENERS)
                && looks_like_org(&name)
                && name.chars().count() >= 3
                && !lexicon::UNITS.contains(&name.as_str())
        })
}

fn has_label(text: &str) -> bool {
    text.split(['；', ';', '，', ','])
        .any(|seg| label(trim_text(seg)).is_ok())
}

/// Parses an owner list: a clause's inside or an owner cell's text.
pub fn parse_owner_list(text: &str) -> OwnerClause {
    let mut clause = OwnerClause::default();
    // `A（首位单位为牵头单位，下同）、B`: a note among the names, taken out.
    let text = match take_first_listed_note(text) {
        Some((rest, note, first)) => {
            clause.note = Some(note);
            clause.first_listed = Some(first);
            Cow::Owned(rest)
        }
        None => Cow::Borrowed(text),
    };
    let mut lines = Vec::new();
    for line in text.split('\n').map(trim_text).filter(|l| !l.is_empty()) {
        // `A牵头，B配合。以下均需C配合，不再列出`: the sentences after the owners are notes.
        let sentences: Vec<&str> = line
            .split_inclusive('。')
            .map(trim_text)
            .filter(|s| !s.is_empty())
            .collect();
        let several = sentences.len() > 1;
        for (nth, sentence) in sentences.into_iter().enumerate() {
            // `…，各县市区，以下均需各县市区落实，不再逐项列出`: a note after a comma
            // of the owners' sentence (the sentences after it are notes or owners whole).
            // In a clause of several sentences a note is told by its words;
            // a cell's single long sentence ending in 。 is a note too.
            let is_note_here = |s: &str| {
                if several {
                    lexicon::NOTE_WORDS.iter().any(|w| s.contains(w))
                } else {
                    is_note(s)
                }
            };
            let (sentence, tail_note) = match note_after_comma(sentence) {
                Some(at) if nth == 0 && !is_note_here(&sentence[..at]) => {
                    (&sentence[..at], Some(&sentence[at..]))
                }
                _ => (sentence, None),
            };
            let note = is_note_here(sentence);
            for n in [note.then_some(sentence), tail_note].into_iter().flatten() {
                let n = trim_text(n.trim_start_matches(['，', ',']));
                clause.note = Some(match clause.note.take() {
                    Some(prev) => format!("{prev}{n}"),
                    None => n.to_string(),
                });
            }
            if !note {
                lines.push(sentence.trim_end_matches('。'));
            }
        }
    }
    for segment in lines.iter().flat_map(|l| split_segments(l)) {
        let segment = trim_text(segment);
        if segment.is_empty() || is_score(segment) || is_attribute(segment) {
            continue;
        }
        if is_clause_deadline(segment) {
            clause.deadline.get_or_insert_with(|| segment.to_string());
            continue;
        }
        let (role, rest) = match label(segment) {
            Ok((rest, role)) => (Some(role), rest),
            Err(_) => (None, segment),
        };
        push_segment(&mut clause, rest, role);
    }
    // `具体任务均涉及各县市人民政府，不再做分工`: the bodies the note says every
    // task involves are this item's owners (later items' owners stay their own).
    if let Some(note) = &clause.note {
        clause.owners.extend(involved_bodies(note));
    }
    restore_prefixes(&mut clause.owners);
    if clause.first_listed.is_some()
        && !clause.owners.iter().any(|o| o.role == OwnerRole::Lead)
        && let Some(first) = clause.owners.first_mut()
    {
        first.role = OwnerRole::Lead;
    }
    clause
}

/// A note saying the first owner listed leads (`首位单位为牵头单位，下同`,
/// `列第一位者为工作牵头单位`): whether it holds for later items too.
pub fn first_listed_note(note: &str) -> Option<FirstListed> {
    let says = contains_any(note, lexicon::FIRST_LISTED_WORDS)
        && contains_any(note, lexicon::ROLE_LEAD)
        && note.chars().count() <= 40;
    says.then(|| {
        if note.contains("下同") {
            FirstListed::FromHere
        } else {
            FirstListed::Here
        }
    })
}

/// Takes a bracketed first-listed note out of an owner list: the list without
/// it, the note, and its reach.
fn take_first_listed_note(text: &str) -> Option<(String, String, FirstListed)> {
    for (open, c) in text.char_indices() {
        if !matches!(c, '（' | '(') {
            continue;
        }
        let from = open + c.len_utf8();
        let close = from + text[from..].find(['）', ')'])?;
        let inner = &text[from..close];
        if let Some(first) = first_listed_note(inner) {
            let end = close + text[close..].chars().next().map_or(1, char::len_utf8);
            let rest = format!("{}{}", &text[..open], &text[end..]);
            return Some((rest, trim_text(inner).to_string(), first));
        }
    }
    None
}

/// Where a note starts after a comma inside an owner sentence (`…，各县市区，
/// 以下均需各县市区落实，不再逐项列出`): a piece that names no body and that, with
/// what follows, holds a note word.
fn note_after_comma(sentence: &str) -> Option<usize> {
    sentence.char_indices().find_map(|(at, c)| {
        if !matches!(c, '，' | ',') {
            return None;
        }
        let tail = &sentence[at + c.len_utf8()..];
        let piece = tail.split(['，', ',', '、']).next().unwrap_or(tail);
        // What comes before reads as owners (a wrapped line of a note,
        // `（街道）落实，不再列出。`, or `具体任务均涉及X，不再做分工` is all note).
        let head = &sentence[..at];
        let last = split_pieces(head).pop().map(|p| clean_piece(&p).0);
        let opens_note = is_owner_clause(head)
            && last.is_some_and(|n| looks_like_org(&n))
            && !looks_like_org(trim_text(piece))
            && label(tail).is_err()
            && lexicon::NOTE_WORDS.iter().any(|w| tail.contains(w));
        opens_note.then_some(at)
    })
}

/// The bodies a note says every task involves (`均涉及各县市人民政府，…`).
fn involved_bodies(note: &str) -> Vec<ParsedOwner> {
    let Some((at, word)) = lexicon::NOTE_INVOLVES
        .iter()
        .find_map(|w| note.find(w).map(|at| (at, *w)))
    else {
        return Vec::new();
    };
    let after = &note[at + word.len()..];
    let list = after.split(['，', ',', '。', '；']).next().unwrap_or(after);
    split_pieces(list)
        .into_iter()
        .map(|p| clean_piece(&p).0)
        .filter(|n| looks_like_org(n))
        .map(|name| ParsedOwner {
            raw: name.clone(),
            name,
            role: OwnerRole::Responsible,
        })
        .collect()
}

/// Splits a clause at `；` and at a comma before a label (`牵头单位：A，配合单位：B`).
fn split_segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in line.split(['；', ';']) {
        let mut from = 0;
        for (at, c) in part.char_indices() {
            if matches!(c, '，' | ',' | ' ' | '\u{3000}') {
                let next = trim_text(&part[at + c.len_utf8()..]);
                let before = trim_text(&part[from..at]);
                // `…、某某经开区管委会，6月底完成`: a deadline closing the list.
                let next_piece = next.split(['，', ',']).next().unwrap_or(next);
                if label(next).is_ok()
                    || is_clause_deadline(before)
                    || is_score(before)
                    || is_attribute(before)
                    || is_clause_deadline(next_piece)
                {
                    out.push(&part[from..at]);
                    from = at + c.len_utf8();
                }
            }
        }
        out.push(&part[from..]);
    }
    out
}

/// A deadline written inside an owner clause: `2024年6月底前完成`, `持续推进`, `9月底`.
fn is_clause_deadline(segment: &str) -> bool {
    static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:于|在|到)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上旬|中旬|下旬|底|末|年底|年末)?(?:前|以前|之前)?(?:完成|办结|到位)?$")
            .expect("static regex")
    });
    let s = trim_text(segment);
    if s.is_empty() || looks_like_org(s) {
        return false;
    }
    lexicon::DEADLINE_ONGOING.contains(&s)
        || (s.contains(['年', '月'])
            && s.chars().any(|c| c.is_ascii_digit())
            && DEADLINE.is_match(s))
}

/// An indicator's attribute opening its owner bracket: `预期性指标`, `约束性`.
fn is_attribute(segment: &str) -> bool {
    let s = trim_text(segment);
    let s = s.strip_suffix(lexicon::ATTRIBUTE_WORD).unwrap_or(s);
    lexicon::ATTRIBUTE_VALUES.contains(&s)
}

/// A score written beside an owner clause: `0.5分`, `2分`.
fn is_score(segment: &str) -> bool {
    let s = trim_text(segment);
    s.strip_suffix('分')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A labelled segment's role: 牵头单位 leads, 配合单位 supports, 责任单位 does not say.
/// A label is read by its words or by its shape: a head word (牵头, 责任, 实施 …),
/// at most four more characters, a body word (单位, 部门, 主体, 机构), a colon.
fn label(i: &str) -> IResult<&str, OwnerRole> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    let s = i.trim_start_matches([' ', '\u{3000}']);
    // Most segments are owners, not labels: every label opens with a head word.
    let Some(head) = lexicon::LABEL_HEADS.iter().find(|h| s.starts_with(**h)) else {
        return Err(fail());
    };
    let (rest, word) = take_while1(|c: char| is_cjk(c) && c != '：').parse(s)?;
    let _ = head;
    let known = lexicon::LABEL_LEAD
        .iter()
        .chain(lexicon::LABEL_CO)
        .chain(lexicon::LABEL_RESPONSIBLE)
        .any(|l| *l == word);
    let shaped =
        word.chars().count() <= 8 && lexicon::LABEL_BODIES.iter().any(|b| word.ends_with(b));
    if !(known || shaped) || lexicon::PERSON_LABELS.contains(&word) {
        return Err(fail());
    }
    let (rest, _) = take_while(|c: char| c == ' ' || c == '\u{3000}').parse(rest)?;
    let (rest, _) = satisfy(|c| c == '：' || c == ':').parse(rest)?;
    let (rest, _) = take_while(|c: char| c == ' ' || c == '\u{3000}').parse(rest)?;
    let role = if lexicon::LABEL_LEAD.contains(&word) || contains_any(word, lexicon::HEADER_LEAD) {
        OwnerRole::Lead
    } else if lexicon::LABEL_CO.contains(&word) || contains_any(word, lexicon::HEADER_CO) {
        OwnerRole::Co
    } else {
        OwnerRole::Responsible
    };
    Ok((rest, role))
}

/// Splits one segment into pieces and adds them, reading `A牵头，B、C配合` roles.
fn push_segment(clause: &mut OwnerClause, segment: &str, role: Option<OwnerRole>) {
    let mut pending: Vec<ParsedOwner> = Vec::new();
    let mut roles_seen = role.is_some();
    let pieces = split_pieces(segment);
    let shared = shared_body(&pieces);
    for piece in pieces {
        let (mut name, marker) = clean_piece(&piece);
        if let Some(body) = shared
            && !name.is_empty()
            && !looks_like_org(&name)
        {
            // `宣传、司法、教育等部门` → 宣传部门, 司法部门, 教育部门.
            name.push_str(body);
        }
        if !name.is_empty() {
            if !looks_like_org(&name) {
                clause.doubtful.push(piece.clone());
            }
            pending.push(ParsedOwner {
                name,
                raw: trim_text(&piece).to_string(),
                role: role.unwrap_or(OwnerRole::Responsible),
            });
        }
        if let Some(marker) = marker {
            roles_seen = true;
            for owner in &mut pending {
                owner.role = marker;
            }
            clause.owners.append(&mut pending);
        }
    }
    if roles_seen && role.is_none() {
        // `A牵头，B、C` — owners after the last marker support the lead.
        for owner in &mut pending {
            owner.role = OwnerRole::Co;
        }
    }
    clause.owners.append(&mut pending);
}

/// The collective body word (`部门`, `单位`, `机构`) that closes the last piece of
/// a list whose other pieces are bare fields (`宣传、司法、教育等部门`).
fn shared_body(pieces: &[String]) -> Option<&'static str> {
    let last = pieces.last()?;
    let (name, _) = clean_piece(last);
    if pieces.len() < 2 {
        return None;
    }
    let body = lexicon::SHARED_BODIES
        .iter()
        .copied()
        .find(|b| name.ends_with(b) || last.trim_end_matches(['等']).ends_with(b))?;
    // `各地、各部门`, `各乡镇、县直各部门`: a collective of bodies names no field
    // the pieces before it could share.
    let head = name.strip_suffix(body).unwrap_or(&name);
    if head.is_empty() || head.ends_with('各') || lexicon::COLLECTIVE_OPENERS.contains(&head) {
        return None;
    }
    let bare = pieces[..pieces.len() - 1]
        .iter()
        .any(|p| !looks_like_org(&clean_piece(p).0));
    bare.then_some(body)
}

/// The owners a section heading names for the items under it
/// (`县经开区管委会牵头工作（3项）` → 县经开区管委会, lead): an owner list, a role
/// word and a noun of work, perhaps a count in brackets. A person in the same
/// place (`王某县长牵头重点工作`) is no organisation, and the heading names none.
pub fn heading_owners(title: &str) -> Option<OwnerClause> {
    let mut t = trim_text(title);
    // `（3项）`: the count of the items below.
    if let Some(open) = t.rfind(['（', '('])
        && t[open..].ends_with(['）', ')'])
        && t[open..].contains('项')
    {
        t = trim_text(&t[..open]);
    }
    let noun = lexicon::HEADING_WORK_NOUNS
        .iter()
        .find(|n| t.ends_with(**n))?;
    let head = t[..t.len() - noun.len()].trim_end_matches('的');
    let marked = lexicon::ROLE_LEAD
        .iter()
        .chain(lexicon::ROLE_CO)
        .chain(&["负责"])
        .any(|r| head.ends_with(r));
    if !marked {
        return None;
    }
    let clause = parse_owner_list(head);
    let orgs = clause_is_all_orgs(&clause)
        && clause
            .owners
            .iter()
            .all(|o| looks_like_org(&o.name) && o.name.chars().count() >= 3);
    orgs.then_some(clause)
}

/// What [`split_pieces`] splits at, as a pattern: the reference its test checks against.
#[cfg(test)]
static PIECE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[、，,／/\n]|等(?:相关|有关)?(?:部门|单位)?及").expect("static regex")
});

/// `及各…` / `和各…` / `以及各…` join a collective to the list.
static JOIN_COLLECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:以及|及|和)(各)").expect("static regex"));
static RESPONSIBILITY_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "{}$",
        alternation(lexicon::RESPONSIBILITY_ENDINGS)
    ))
    .expect("static regex")
});
static TRAILING_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(等?按照?职责(分工)?负责|等?按照?职责(分工)?|等?分别负责|等?负责落实|等?具体负责|等?负责|等(相关|有关)?(部门|单位)|等)+$",
    )
    .expect("static regex")
});
static ROLE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    let lead = alternation(lexicon::ROLE_LEAD);
    let co = alternation(lexicon::ROLE_CO);
    Regex::new(&format!(
        r"(?:按职责分工|按照职责分工)?(?P<lead>{lead})$|(?:按职责分工|按照职责分工)?(?P<co>{co})$"
    ))
    .expect("static regex")
});

fn split_pieces(segment: &str) -> Vec<String> {
    // Every join is followed by 各: without one there is nothing to replace.
    let segment = if segment.contains('各') {
        JOIN_COLLECTIVE.replace_all(segment, "、$1")
    } else {
        Cow::Borrowed(segment)
    };
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut depth = 0usize;
    for (at, c) in segment.char_indices() {
        if at < from {
            continue;
        }
        let len = match c {
            '（' | '(' => {
                depth += 1;
                continue;
            }
            '）' | ')' => {
                depth = depth.saturating_sub(1);
                continue;
            }
            // Inside brackets a 、 lists places (`县（市、区）`), not owners.
            _ if depth > 0 => continue,
            '、' | '，' | ',' | '／' | '/' | '\n' => c.len_utf8(),
            '等' => match joined_by_deng(&segment[at..]) {
                Some(len) => len,
                None => continue,
            },
            _ => continue,
        };
        pieces.push(&segment[from..at]);
        from = at + len;
    }
    pieces.push(&segment[from..]);
    pieces
        .into_iter()
        .flat_map(split_run_together)
        .flat_map(split_joined)
        .map(|p| {
            if p.contains(char::is_whitespace) {
                p.split_whitespace().collect::<String>()
            } else {
                p
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Names run together where a level prefix starts again (`区住建局区自然资源局`),
/// or separated by a space (`区住建局 区自然资源局`).
fn split_run_together(piece: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, c) in piece.char_indices() {
        if at <= from {
            continue;
        }
        let before = trim_text(&piece[from..at]);
        let rest = &piece[at..];
        let space = c == ' ' || c == '\u{3000}';
        let next = if space { trim_text(rest) } else { rest };
        let new_level = written_level(next).is_some() && !next.starts_with("区内");
        if (space || new_level)
            && before.chars().count() >= 3
            && lexicon::ORG_STRONG_SUFFIXES
                .iter()
                .any(|s| before.ends_with(s))
            && (space || !before.ends_with("委"))
            && (looks_like_org(trim_text(next)) || org_prefix(next).is_some())
        {
            out.push(&piece[from..at]);
            from = at;
        }
    }
    out.push(&piece[from..]);
    out
}

/// Two complete names joined by 及 / 和 (`州委编办及州直相关单位`): the left one
/// ends in a body word that ends a name for sure, so a name that holds 和
/// (`住房和城乡建设局`, `农业农村和水利局`) stays whole, and the right one is a
/// body of its own, not the left one's units (`…支队及所属大队`).
///
/// A bare government after a place's party committee takes the committee's
/// place (`各县（市、区）党委和人民政府` → `各县（市、区）党委`, `各县（市、区）人民政府`).
fn split_joined(piece: &str) -> Vec<String> {
    for (at, c) in piece.char_indices() {
        if !matches!(c, '及' | '和') || at == 0 {
            continue;
        }
        let (left, right) = (&piece[..at], &piece[at + c.len_utf8()..]);
        let left_whole = left.chars().count() >= 3
            && lexicon::ORG_STRONG_SUFFIXES
                .iter()
                .any(|s| left.ends_with(s))
            && looks_like_org(left);
        if !left_whole {
            continue;
        }
        if lexicon::GOVERNMENT_WORDS.contains(&right)
            && let Some(place) = lexicon::PARTY_COMMITTEE_WORDS
                .iter()
                .find_map(|w| left.strip_suffix(w))
                .filter(|p| !p.is_empty())
        {
            return vec![left.to_string(), format!("{place}{right}")];
        }
        let right_whole = right.chars().count() >= 3
            && looks_like_org(right)
            && !starts_with_any(right, lexicon::DEPENDENT_OPENERS);
        if right_whole {
            return vec![left.to_string(), right.to_string()];
        }
    }
    vec![piece.to_string()]
}

/// The length of `等(相关|有关)?(部门|单位)?及` at the start of `s`: a list
/// continued after 等 (`A等部门及B`), split there like `、`.
fn joined_by_deng(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('等')?;
    let rest = lexicon::RELATED_WORDS
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let rest = lexicon::GENERIC_BODIES
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let rest = rest.strip_prefix('及')?;
    Some(s.len() - rest.len())
}

/// Strips a leading 由 and trailing responsibility words; reports a role marker.
fn clean_piece(piece: &str) -> (String, Option<OwnerRole>) {
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    let mut name: String = if piece.contains(is_space) {
        piece.chars().filter(|c| !is_space(*c)).collect()
    } else {
        piece.to_string()
    };
    if let Some(rest) = name.strip_prefix('由') {
        name = rest.to_string();
    }
    let mut marker = None;
    loop {
        // Both patterns end in one of these words: most names (…局, …委) skip the regexes.
        if !lexicon::OWNER_NOISE_ENDINGS
            .iter()
            .any(|w| name.ends_with(w))
        {
            break;
        }
        let before = name.len();
        let cleaned = TRAILING_NOISE.replace(&name, "").into_owned();
        // `B、C按职责分工负责` after `A牵头`: responsible, not support.
        if marker.is_none() && name[cleaned.len()..].contains("负责") && !cleaned.is_empty() {
            marker = Some(OwnerRole::Responsible);
        }
        name = cleaned;
        if let Some(caps) = ROLE_MARKER.captures(&name)
            && let Some(m) = caps.get(0)
            && m.start() > 0
        {
            marker = Some(if caps.name("lead").is_some() {
                OwnerRole::Lead
            } else {
                OwnerRole::Co
            });
            name.truncate(m.start());
        }
        if name.len() == before {
            break;
        }
    }
    (name, marker)
}

/// A note written among owners rather than an owner.
fn is_note(line: &str) -> bool {
    // Every note word has one of these characters; a search per word costs more.
    line.contains(lexicon::NOTE_CHARS) && lexicon::NOTE_WORDS.iter().any(|w| line.contains(w))
        || (line.ends_with('。') && line.chars().count() > 12)
}

/// Whether a name reads as an organisation: 2 to 40 characters ending in a
/// body word, perhaps followed by a short bracketed note (`区商务局（商务部门）`).
pub fn looks_like_org(name: &str) -> bool {
    if let Some(body) = name.strip_suffix(['）', ')'])
        && let Some(open) = body.rfind(['（', '('])
        && open > 0
        && body[open..].chars().count() <= 10
    {
        return bare_org(&name[..open]);
    }
    bare_org(name)
}

fn bare_org(name: &str) -> bool {
    let n = name.chars().count();
    let last = name.as_bytes().last();
    (2..=40).contains(&n)
        && !name.contains('。')
        // the last byte rules out most suffixes before a full comparison
        && lexicon::ORG_SUFFIXES
            .iter()
            .any(|s| s.as_bytes().last() == last && name.ends_with(s))
}

/// A written level: the level word and the 委 / 党委 marker after it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Level {
    level: &'static str,
    party: Option<&'static str>,
}

fn written_level(name: &str) -> Option<Level> {
    if starts_with_any(name, lexicon::NOT_LEVELS) {
        return None;
    }
    let level = lexicon::LEVELS
        .iter()
        .copied()
        .find(|l| name.starts_with(l))?;
    let rest = &name[level.len()..];
    let party = lexicon::PARTY_MARKERS
        .iter()
        .copied()
        .find(|p| rest.starts_with(p) && !rest.starts_with("委员会"));
    Some(Level { level, party })
}

/// Whether a name carries its own place or is a collective: no level prefix is added.
fn has_own_place(name: &str) -> bool {
    static GOVERNMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            "{}(委|党委|人民政府|政府)",
            alternation(lexicon::LEVELS)
        ))
        .expect("static regex")
    });
    starts_with_any(name, lexicon::OWN_PLACE_OPENERS)
        || contains_any(name, lexicon::OWN_PLACE_WORDS)
        || GOVERNMENT.is_match(name)
}

fn restore_prefixes(owners: &mut [ParsedOwner]) {
    distribute_ge(owners);
    let mut names: Vec<String> = owners.iter().map(|o| o.name.clone()).collect();
    distribute_scope(&mut names);
    for (owner, name) in owners.iter_mut().zip(names) {
        owner.name = name;
    }
    let mut current: Option<Level> = None;
    // `区经发局` of `区经发局经信处`: the bureau a later bare `发改处` belongs to.
    let mut bureau: Option<String> = None;
    for owner in owners.iter_mut() {
        let name = owner.name.as_str();
        if let Some(level) = written_level(name) {
            current = Some(level);
            bureau = parent_bureau(name);
            continue;
        }
        if let Some(b) = &bureau
            && lexicon::SUB_UNITS.iter().any(|s| name.ends_with(s))
            && org_prefix(name).is_none_or(|len| len == name.len())
            && !has_own_place(name)
        {
            owner.name = format!("{b}{name}");
            continue;
        }
        bureau = None;
        let Some(level) = &current else { continue };
        if has_own_place(name) || !looks_like_org(name) {
            continue;
        }
        owner.name = if name.starts_with("党委") || name.starts_with('委') {
            format!("{}{name}", level.level)
        } else if let Some(party) = level
            .party
            .filter(|_| lexicon::PARTY_ORGANS.iter().any(|p| name.starts_with(p)))
        {
            format!("{}{party}{name}", level.level)
        } else {
            format!("{}{name}", level.level)
        };
    }
}

/// `当地农业农村部门、财政部门` → 当地农业农村部门, 当地财政部门: a scope that
/// opens a list (当地, 各级, 市县（区） …) is written once for the bodies after
/// it that name only their field (`财政部门`), not for a body with a level or
/// place of its own.
pub(crate) fn distribute_scope(names: &mut [String]) {
    let mut scope: Option<&str> = None;
    for name in names.iter_mut() {
        if let Some(s) = lexicon::SCOPE_PREFIXES
            .iter()
            .find(|s| name.starts_with(**s))
        {
            scope = Some(s);
            continue;
        }
        let Some(s) = scope else { continue };
        let bare_field = lexicon::SHARED_BODIES.iter().any(|b| name.ends_with(b))
            && written_level(name).is_none()
            && !has_own_place(name)
            && !name.starts_with(lexicon::COLLECTIVE_INITIALS);
        if bare_field {
            *name = format!("{s}{name}");
        } else {
            scope = None;
        }
    }
}

/// `区经发局经信处` → `区经发局`: the bureau before a sub-unit.
fn parent_bureau(name: &str) -> Option<String> {
    if !lexicon::SUB_UNITS.iter().any(|s| name.ends_with(s)) {
        return None;
    }
    let (at, c) = name
        .char_indices()
        .find(|&(at, c)| at > 0 && matches!(c, '局' | '委' | '厅' | '办'))?;
    let len = at + c.len_utf8();
    (len < name.len()).then(|| name[..len].to_string())
}

/// A bare unit a preceding 各 applies to: `街道`, or the government of a
/// plural unit (`乡镇人民政府`); not one named government (`县人民政府`).
fn is_shared_unit(name: &str) -> bool {
    lexicon::UNITS.contains(&name)
        || lexicon::GOVERNMENT_WORDS.iter().any(|gov| {
            name.strip_suffix(gov)
                .is_some_and(|unit| lexicon::PLURAL_UNITS.contains(&unit))
        })
}

/// `各乡镇、街道` → 各乡镇, 各街道: a bare unit word after a 各 piece takes the 各.
fn distribute_ge(owners: &mut [ParsedOwner]) {
    let mut after_ge = false;
    for owner in owners {
        if owner.name.starts_with('各') {
            after_ge = true;
        } else if after_ge && is_shared_unit(&owner.name) {
            owner.name = format!("各{}", owner.name);
        } else {
            after_ge = false;
        }
    }
}

/// One owner per organisation: a name written twice is kept once (the first
/// role wins unless they differ, then `responsible`), and a shortened
/// reference to a body the list also names in full (`财政部门` beside
/// `市县（区）财政部门`) is the same owner.
pub fn merge_owners(owners: &mut Vec<ParsedOwner>) {
    let mut out: Vec<ParsedOwner> = Vec::with_capacity(owners.len());
    for owner in owners.drain(..) {
        match out.iter_mut().find(|o| o.name == owner.name) {
            Some(prev) if prev.role != owner.role => prev.role = OwnerRole::Responsible,
            Some(_) => {}
            None => out.push(owner),
        }
    }
    let names: Vec<String> = out.iter().map(|o| o.name.clone()).collect();
    out.retain(|o| {
        !names.iter().any(|n| {
            n.len() > o.name.len()
                && n.ends_with(o.name.as_str())
                && o.name.chars().count() >= 2
                && !o.name.starts_with('各')
        })
    });
    *owners = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_that_name_their_owner() {
        let names = |t: &str| {
            heading_owners(t).map(|c| {
                c.owners
                    .iter()
                    .map(|o| format!("{}{:?}", o.name, o.role))
                    .collect::<Vec<_>>()
                    .join("|")
            })
        };
        assert_eq!(
            names("某县发改局牵头工作（2项）").as_deref(),
            Some("某县发改局Lead")
        );
        assert_eq!(
            names("县商务局、县财政局负责的重点工作").as_deref(),
            Some("县商务局Responsible|县财政局Responsible")
        );
        // a person, a plain title, and a heading without a role word name nobody
        assert_eq!(names("王某县长牵头重点工作"), None);
        assert_eq!(names("强化科技创新"), None);
        assert_eq!(names("县发改局工作"), None);
    }

    /// `expected`: names joined by `|`, each with `+` for lead and `~` for co.
    fn check(input: &str, expected: &str) {
        let clause = parse_owner_list(input);
        let got = clause
            .owners
            .iter()
            .map(|o| match o.role {
                OwnerRole::Lead => format!("{}+", o.name),
                OwnerRole::Co => format!("{}~", o.name),
                OwnerRole::Responsible => o.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn a_government_joined_to_its_party_committee_takes_its_place() {
        check(
            "市水利局、各县（市、区）党委和人民政府",
            "市水利局|各县（市、区）党委|各县（市、区）人民政府",
        );
        check("各街道党工委和办事处", "各街道党工委|各街道办事处");
        // a name that holds 和 stays whole
        check("县住房和城乡建设局", "县住房和城乡建设局");
    }

    #[test]
    fn a_collective_of_bodies_shares_no_field() {
        check("各地、各部门配合", "各地~|各部门~");
        check("各乡镇、县直各部门配合", "各乡镇~|县直各部门~");
        // a field list still shares its body word
        check("教育、民政等部门", "教育部门|民政部门");
    }

    #[test]
    fn elided_level_prefixes() {
        check("州民政局、住建局、卫健委", "州民政局|州住建局|州卫健委");
        check("县委组织部、宣传部", "县委组织部|县委宣传部");
        check("州党委组织部、党委网信办", "州党委组织部|州党委网信办");
        check(
            "州民政局、卫健委，州团委、妇联",
            "州民政局|州卫健委|州团委|州妇联",
        );
        check(
            "县委组织部、县民政局、住建局",
            "县委组织部|县民政局|县住建局",
        );
        check("县政法委、统战部", "县政法委|县统战部");
        check("市民政局、市场监管局", "市民政局|市市场监管局");
        check(
            "省发展改革委、财政厅、人民银行长春中心支行",
            "省发展改革委|省财政厅|人民银行长春中心支行",
        );
    }

    #[test]
    fn names_with_their_own_place_are_left_alone() {
        check("市民政局、银保监临江监管组", "市民政局|银保监临江监管组");
        check("区民政局\n团区委\n区残联", "区民政局|团区委|区残联");
        check(
            "省商务厅、国家税务总局吉林省税务局",
            "省商务厅|国家税务总局吉林省税务局",
        );
        check("民政局、财政局", "民政局|财政局");
    }

    #[test]
    fn trailing_words_and_collectives() {
        check(
            "州民政局，各县市人民政府等按职责分工负责",
            "州民政局|各县市人民政府",
        );
        check(
            "市委组织部、市民政局等部门及各乡镇、街道",
            "市委组织部|市民政局|各乡镇|各街道",
        );
        check(
            "市卫生健康局等部门及各乡镇，街道",
            "市卫生健康局|各乡镇|各街道",
        );
        check("区民政局\n各相关部门", "区民政局|各相关部门");
        check(
            "各县市人民政府、乡镇人民政府",
            "各县市人民政府|各乡镇人民政府",
        );
        check("各乡镇人民政府、县人民政府", "各乡镇人民政府|县人民政府");
        check("县发展改革委、 住建局", "县发展改革委|县住建局");
        check("县民政局负责", "县民政局");
    }

    #[test]
    fn lead_and_support() {
        check(
            "牵头单位：省民政厅；配合单位：省财政厅、教育厅",
            "省民政厅+|省财政厅~|省教育厅~",
        );
        check(
            "省民政厅牵头，省财政厅、省教育厅配合",
            "省民政厅+|省财政厅~|省教育厅~",
        );
        check("由市商务局牵头，市财政局配合", "市商务局+|市财政局~");
        check(
            "合肥海关牵头，省贸促会、省商务厅按职责分工配合",
            "合肥海关+|省贸促会~|省商务厅~",
        );
        // 负责 after a lead is responsibility, not support (the gold's convention)
        check("省商务厅牵头，省外办按职责分工负责", "省商务厅+|省外办");
        check(
            "市数据局牵头，市财政局、市人社局负责",
            "市数据局+|市财政局|市人社局",
        );
        check("责任单位: 县民政局", "县民政局");
    }

    #[test]
    fn clauses_as_real_documents_write_them() {
        // any label shaped …单位 / …部门 before a colon
        check("牵头考核单位：市数据局", "市数据局+");
        check("具体实施单位：县农业农村局", "县农业农村局");
        check("参与部门：县财政局、县人社局", "县财政局~|县人社局~");
        // a deadline or a score in the same bracket
        let (_, clause) =
            trailing_clause("推进改造。（2024年6月底前完成，牵头单位：市数据局）").unwrap();
        assert_eq!(clause.deadline.as_deref(), Some("2024年6月底前完成"));
        assert_eq!(clause.owners.len(), 1);
        let (_, clause) =
            trailing_clause("推进改造。（持续推进；责任单位：县农业农村局、财政局）").unwrap();
        assert_eq!(clause.deadline.as_deref(), Some("持续推进"));
        assert_eq!(clause.owners[1].name, "县财政局");
        let (_, clause) =
            trailing_clause("推进改造。（0.5分）（9月底完成，牵头单位：区商务局）").unwrap();
        assert_eq!(clause.owners[0].name, "区商务局");
        // a deadline label after the owner label, each its own sentence
        let (_, clause) = trailing_label_clause(
            "新建服务站15个。责任单位：县民政局、县住建局。完成时限：2025年12月底前。",
        )
        .unwrap();
        assert_eq!(clause.owners.len(), 2);
        assert_eq!(clause.deadline.as_deref(), Some("2025年12月底前"));
        // labels inside a cell, separated by a space
        check(
            "牵头单位：区商务局 配合单位：区财政局、区市场监管局",
            "区商务局+|区财政局~|区市场监管局~",
        );
        // names run together where a level prefix starts again
        check("区住建局区自然资源局", "区住建局|区自然资源局");
        // a bureau written once before its offices
        check(
            "区经发局经信处、发改处、商务处",
            "区经发局经信处|区经发局发改处|区经发局商务处",
        );
        // A牵头，B等参与，C配合 with a note after the owners
        let (_, clause) = trailing_clause("取缔小企业。（区环保局牵头，区经发局等参与，相关乡镇配合。以下均需相关乡镇配合，不再列出）").unwrap();
        let got: Vec<_> = clause
            .owners
            .iter()
            .map(|o| (o.name.as_str(), o.role))
            .collect();
        assert_eq!(
            got,
            [
                ("区环保局", OwnerRole::Lead),
                ("区经发局", OwnerRole::Co),
                ("相关乡镇", OwnerRole::Co)
            ]
        );
        assert!(clause.note.is_some());
        // a bracketed gloss is not an owner clause
        assert!(trailing_clause("车主（或汽车拆解企业）").is_none());
    }

    #[test]
    fn clauses_inside_a_text_assign_its_sentences() {
        let text = "建立清单。（市商务局牵头）开展培训，纳入党校（行政学院）课程。（市人社局负责）推进对接。（市财政局配合）";
        let names: Vec<Vec<String>> = inner_clauses(text)
            .into_iter()
            .map(|c| c.owners.into_iter().map(|o| o.name).collect())
            .collect();
        // the closing clause is trailing_clause's; the gloss is no clause
        assert_eq!(
            names,
            [vec!["市商务局".to_string()], vec!["市人社局".to_string()]]
        );
    }

    #[test]
    fn owner_runs_in_running_text() {
        let text = "区经发局牵头，区交建局、电力公司创新投融资方式。";
        assert_eq!(
            owner_run(text).map(|n| &text[..n]),
            Some("区经发局牵头，区交建局、电力公司")
        );
        let text = "牵头单位：区农发局，配合单位：区财政局“互联网+”教育：开发资源。";
        assert_eq!(
            owner_run(text).map(|n| &text[..n]),
            Some("牵头单位：区农发局，配合单位：区财政局")
        );
        // a sentence with an organisation at its head is not an owner run
        assert_eq!(owner_run("区经发局牵头，区财政局配合，开展调研。"), None);
        assert_eq!(owner_run("区经发局要加强调度。"), None);
        assert_eq!(owner_run("各市财政局负责资金监管。"), None);
        // the next item's number after a name is not a bracketed note of it
        let text = "配合单位：区财政局、区内各相关企业（二）“互联网+”农业";
        assert_eq!(
            owner_run(text).map(|n| &text[..n]),
            Some("配合单位：区财政局、区内各相关企业")
        );
        // a bureau's office ends the run where the next title, number or chapter starts
        for (text, run) in [
            (
                "配合单位：区农业局、区发改局规划处“智慧”物流。",
                "配合单位：区农业局、区发改局规划处",
            ),
            (
                "配合单位：区发改局规划处（九）智慧医疗",
                "配合单位：区发改局规划处",
            ),
            (
                "配合单位：区发改局规划处二、保障措施",
                "配合单位：区发改局规划处",
            ),
            (
                "配合单位：区发改局规划处、财务处“智慧”物流",
                "配合单位：区发改局规划处、财务处",
            ),
        ] {
            assert_eq!(owner_run(text).map(|n| &text[..n]), Some(run));
        }
        // …but not where the name goes on into a sentence
        let text = "配合单位：区发改局规划处理数据。";
        assert_ne!(
            owner_run(text).map(|n| &text[..n]),
            Some("配合单位：区发改局规划处")
        );
    }

    #[test]
    fn notes_are_not_owners() {
        let clause = parse_owner_list("区民政局\n以下均需各乡镇（街道）落实，不再列出。");
        assert_eq!(clause.owners.len(), 1);
        assert_eq!(
            clause.note.as_deref(),
            Some("以下均需各乡镇（街道）落实，不再列出。")
        );
    }

    #[test]
    fn trailing_clauses() {
        let text = "加强安全管理。（责任单位：省应急管理厅）";
        let (at, clause) = trailing_clause(text).unwrap();
        assert_eq!(&text[..at], "加强安全管理。");
        assert_eq!(clause.owners[0].name, "省应急管理厅");
        // Half-width brackets, a stray space, a trailing 。
        let (_, clause) =
            trailing_clause("推进工作(县委组织部、 县民政局等按职责分工负责)。").unwrap();
        assert_eq!(clause.owners.len(), 2);
        // Mixed widths, as page-break joins leave them.
        assert!(
            trailing_clause("建设设施。（责任单位：市卫生健康局等部门及各乡镇、街道)").is_some()
        );
        // A clause broken across lines, even inside a name.
        let (_, clause) =
            trailing_clause("推进。（责任单位：市教育局、市卫生\n健康局、\n市民政局）").unwrap();
        let names: Vec<_> = clause.owners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["市教育局", "市卫生健康局", "市民政局"]);
        // Brackets that are not owner clauses.
        assert!(trailing_clause("实现全覆盖（2023—2025年）").is_none());
        assert!(trailing_clause("推进村（社区）").is_none());
        assert!(trailing_clause("没有括号").is_none());
    }

    #[test]
    fn owner_sentences_without_brackets() {
        let text = "建设服务中心。由省商务厅牵头，省财政厅、省民政厅配合。";
        let (at, clause) = trailing_sentence(text).unwrap();
        assert_eq!(&text[..at], "建设服务中心。");
        let roles: Vec<_> = clause
            .owners
            .iter()
            .map(|o| (o.name.as_str(), o.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("省商务厅", OwnerRole::Lead),
                ("省财政厅", OwnerRole::Co),
                ("省民政厅", OwnerRole::Co)
            ]
        );
        assert!(trailing_sentence("加强督查。县民政局负责").is_some());
        assert!(trailing_sentence("各地要高度重视，切实负责。").is_none());
        assert!(trailing_sentence("完善制度。").is_none());
    }

    #[test]
    fn noise_endings_cover_the_patterns() {
        for piece in [
            "按职责分工负责",
            "按照职责分工",
            "按职责",
            "分别负责",
            "负责落实",
            "等有关部门",
            "等相关单位",
            "等",
            "牵头负责",
            "负责配合",
            "协同",
            "协助",
            "参与",
        ] {
            let name = format!("县民政局{piece}");
            assert!(
                TRAILING_NOISE.is_match(&name) || ROLE_MARKER.is_match(&name),
                "{name}"
            );
            assert!(
                lexicon::OWNER_NOISE_ENDINGS
                    .iter()
                    .any(|w| name.ends_with(w)),
                "{name}"
            );
        }
    }

    #[test]
    fn pieces_split_as_the_pattern_does() {
        for segment in [
            "市委组织部、市民政局等部门及各乡镇、街道",
            "A等相关部门及B，C",
            "A等有关单位及B/C／D",
            "A等及B",
            "A等相关及B",
            "A等相关B",
            "A等部门B及C",
            "A等部门及B以及各县、和各乡",
            "等及",
            "、、A\nB 、C",
            "A等",
            "",
        ] {
            let joined = JOIN_COLLECTIVE.replace_all(segment, "、$1");
            let expected: Vec<String> = PIECE_SPLIT
                .split(&joined)
                .map(|p| p.split_whitespace().collect::<String>())
                .filter(|p| !p.is_empty())
                .collect();
            assert_eq!(split_pieces(segment), expected, "{segment}");
        }
    }

    #[test]
    fn every_note_word_is_noticed() {
        for word in ["以下", "不再列出", "均需", "注：", "注:", "备注", "下同"] {
            assert!(is_note(&format!("区民政局{word}")), "{word}");
        }
        assert!(!is_note("区民政局"));
        // the cheap test before the word search sees every note word
        for word in lexicon::NOTE_WORDS {
            assert!(word.contains(lexicon::NOTE_CHARS), "{word}");
        }
    }

    #[test]
    fn clauses_in_other_brackets() {
        for text in [
            "推进。〔牵头单位：区司法局，责任单位：区政府有关部门〕",
            "推进。[牵头单位：区司法局；责任单位：区政府有关部门]",
            "推进。【牵头单位：区司法局；配合单位：区政府有关部门】",
        ] {
            let (at, clause) = trailing_clause(text).unwrap();
            assert_eq!(&text[..at], "推进。", "{text}");
            assert_eq!(clause.owners[0].role, OwnerRole::Lead, "{text}");
            assert_eq!(clause.owners[1].name, "区政府有关部门", "{text}");
        }
        // round brackets of the names inside another kind
        let (_, clause) =
            trailing_clause("整合。[牵头单位：区数据局；责任单位：各街道（功能区）]").unwrap();
        assert_eq!(clause.owners[1].name, "各街道（功能区）");
        // a document number's year is no clause
        assert!(trailing_clause("贯彻某政办发〔2024〕").is_none());
        assert!(trailing_clause("执行[2023]").is_none());
    }

    #[test]
    fn office_level_labels() {
        check(
            "牵头科室：纪检监察室；配合科室：办公室、计划财务科",
            "纪检监察室+|办公室~|计划财务科~",
        );
        check("责任处室：基础教育科", "基础教育科");
        check("责任股室：人事股", "人事股");
        // a label of the same shape that names a person is no label
        assert!(label("责任领导：张某").is_err());
        assert!(label("分管领导：张某").is_err());
    }

    #[test]
    fn attribute_deadline_and_notes_inside_a_clause() {
        let clause = parse_owner_list(
            "预期性指标，牵头单位：市发改委；责任单位：市政府有关部门，各县市区，以下均需各县市区落实，不再逐项列出",
        );
        let names: Vec<_> = clause.owners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["市发改委", "市政府有关部门", "各县市区"]);
        assert_eq!(
            clause.note.as_deref(),
            Some("以下均需各县市区落实，不再逐项列出")
        );
        check("约束性指标，牵头单位：市发改委", "市发改委+");
        // a deadline closing the list
        let clause = parse_owner_list("责任单位：州司法局、某某经开区管委会，6月底完成");
        assert_eq!(clause.owners.len(), 2);
        assert_eq!(clause.deadline.as_deref(), Some("6月底完成"));
        // a note naming the bodies every task involves: owners here
        let clause = parse_owner_list(
            "责任单位：州工信局、州财政局按职责分工负责。具体任务均涉及各县市人民政府，不再做分工，下同。",
        );
        let names: Vec<_> = clause.owners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["州工信局", "州财政局", "各县市人民政府"]);
        assert!(clause.note.is_some_and(|n| n.contains("下同")));
        // a note wrapped over lines stays one note
        let clause = parse_owner_list("区民政局\n以下均需各乡镇\n（街道）落实，不再列出。");
        assert_eq!(clause.owners.len(), 1);
    }

    #[test]
    fn two_whole_names_joined_by_ji() {
        check("州委编办及州直相关单位", "州委编办|州直相关单位");
        check("区委宣传部和区文明办", "区委宣传部|区文明办");
        // names that hold 和 or 及 stay whole
        check("县住房和城乡建设局", "县住房和城乡建设局");
        check("市农业农村和水利局", "市农业农村和水利局");
        check("市公安局交警支队及所属大队", "市公安局交警支队及所属大队");
    }

    #[test]
    fn names_with_their_own_level_or_zone_get_no_prefix() {
        check("区政务服务局、区级相关部门", "区政务服务局|区级相关部门");
        check(
            "区工信局、财政局，高新区管委会",
            "区工信局|区财政局|高新区管委会",
        );
        check("州司法局、某某经开区管委会", "州司法局|某某经开区管委会");
        check(
            "省发展改革委、省市场监管局、商务厅",
            "省发展改革委|省市场监管局|省商务厅",
        );
        check("区发改局、区国投公司", "区发改局|区国投公司");
    }

    #[test]
    fn first_listed_lead_notes() {
        let clause =
            parse_owner_list("责任单位：县发改局（首位单位为牵头单位，下同）、县财政局、县统计局");
        let names: Vec<_> = clause
            .owners
            .iter()
            .map(|o| (o.name.as_str(), o.role))
            .collect();
        assert_eq!(
            names,
            [
                ("县发改局", OwnerRole::Lead),
                ("县财政局", OwnerRole::Responsible),
                ("县统计局", OwnerRole::Responsible)
            ]
        );
        assert_eq!(clause.first_listed, Some(FirstListed::FromHere));
        let clause = parse_owner_list("市经信局、市财政局（列第一位者为工作牵头单位或汇总单位）");
        assert_eq!(clause.owners[0].role, OwnerRole::Lead);
        assert_eq!(clause.first_listed, Some(FirstListed::Here));
        // the note alone is no owner clause
        assert!(trailing_clause("推进。（列第一位者为牵头单位，下同）").is_none());
    }

    #[test]
    fn organs_after_a_seat() {
        let text = "县委组织部负责培训。";
        assert_eq!(org_prefix(text).map(|n| &text[..n]), Some("县委组织部"));
        let text = "市委农村工作领导小组负责统筹。";
        assert_eq!(
            org_prefix(text).map(|n| &text[..n]),
            Some("市委农村工作领导小组")
        );
        let text = "县政府办公室负责督查。";
        assert_eq!(org_prefix(text).map(|n| &text[..n]), Some("县政府办公室"));
        // the seat's own verb, and a second seat, are not its organs
        let text = "县政府统筹资金管理办法。";
        assert_eq!(org_prefix(text).map(|n| &text[..n]), Some("县政府"));
        let text = "县委县政府办公室";
        assert_eq!(org_prefix(text).map(|n| &text[..n]), Some("县委"));
    }

    #[test]
    fn doubtful_pieces_are_reported() {
        let clause = parse_owner_list("责任单位：县民政局、加强统筹协调");
        assert_eq!(clause.doubtful, ["加强统筹协调"]);
    }
}
