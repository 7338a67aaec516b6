//! Paragraphs as the structure stage reads them: run-together text split into
//! its paragraphs, web chrome left out.
//!
//! Pages copied from a website often put a whole document on one line:
//! `…请认真贯彻执行。 一、强化组织保障（一）健全工作机制。1.建立联席会议制度。…
//! （责任单位：县发改局）2.建立…`. A paragraph is split
//!
//! - at an enumerator inside it that continues the document's numbering
//!   (`2.` after `1.`, `（二）` after `（一）`, a first `1.` right after a
//!   heading), never at a number inside a sentence (`2.5亿元`, `第1条`,
//!   `2023.6`) nor at an inline list after a colon (`条件如下：1.…2.…`);
//! - in run-together text only (a paragraph far longer than a paragraph):
//!   after an owner clause or owner cell that the next item's text follows
//!   (`…（区环保局牵头）专项整治…`, `…。区经发局牵头，区交建局创新应用…`),
//!   and at the single spaces that stood between the page's blocks in its head
//!   and tail (`…贯彻执行。 平潭…管委会 2015年12月25日 …工作方案 为切实…`).
//!
//! Pieces that are web chrome (当前位置, 发布时间, share buttons, 附件下载) are
//! dropped; `标题:` / `文号:` lines of an archived page are kept for metadata.

use std::collections::HashMap;
use std::sync::LazyLock;

use policy_grammar::chars::{is_cjk, is_cn_digit, trim_text};
use policy_grammar::lexicon::{self, contains_any};
use policy_grammar::numbering::{EnumKind, enumerator};
use policy_grammar::owners::{is_owner_clause, owner_run, says_who_does_what};
use policy_model::Span;
use regex::Regex;

/// The longest inside of a bracket read as an owner clause (400 characters).
const MAX_CLAUSE_BYTES: usize = 1200;

/// A paragraph longer than this is run-together text (so is one that holds
/// three items or more).
const RUN_TOGETHER_CHARS: usize = 1200;

/// One paragraph after splitting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: String,
    pub span: Span,
    /// It follows an owner clause in run-together text: a run-in item of its own.
    pub run_in: bool,
    /// It came out of a run-together paragraph.
    pub run_together: bool,
    /// Where it starts was guessed: what the guess was.
    pub guess: Option<&'static str>,
}

/// The numbering seen so far, to tell an enumerator inside a line that
/// continues it from a number inside a sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct Numbering {
    /// Kinds in order of first appearance (outermost first).
    order: Vec<EnumKind>,
    /// The last value of each kind and when it was seen.
    last: HashMap<EnumKind, (u32, u64)>,
    tick: u64,
}

impl Numbering {
    /// Notes an enumerator that opens a line or was accepted inside one.
    pub(crate) fn see(&mut self, kind: EnumKind, value: Option<u32>) {
        let Some(value) = value else { return };
        self.tick += 1;
        if !self.order.contains(&kind) {
            self.order.push(kind);
        }
        self.last.insert(kind, (value, self.tick));
    }

    /// `附件`: what follows numbers afresh.
    pub(crate) fn reset(&mut self) {
        self.order.clear();
        self.last.clear();
    }

    /// Whether an enumerator of `kind` and `value` inside a line continues the numbering.
    fn continues(&self, kind: EnumKind, value: u32) -> bool {
        match self.last.get(&kind) {
            Some(&(prev, seen)) => {
                value == prev + 1
                    || (value == 1 && {
                        // A first item again: its parent moved on since.
                        let rank = self.order.iter().position(|k| *k == kind);
                        self.order
                            .iter()
                            .take(rank.unwrap_or(0))
                            .any(|outer| self.last.get(outer).is_some_and(|&(_, t)| t > seen))
                    })
            }
            None => value == 1,
        }
    }

    /// Whether `value` repeats the last value of `kind`: a document that numbers
    /// two chapters alike (`三、…行动` then `三、保障措施`).
    fn repeats(&self, kind: EnumKind, value: u32) -> bool {
        self.last.get(&kind).is_some_and(|&(prev, _)| prev == value)
    }

    /// Whether `value` skips one number of `kind` (`1．…` then `3．…`: a number
    /// the document left out).
    fn skips_one(&self, kind: EnumKind, value: u32) -> bool {
        self.last
            .get(&kind)
            .is_some_and(|&(prev, _)| prev + 2 == value)
    }
}

/// Splits one paragraph. `text` is the block's text and `span` its span;
/// `source` is the decoded text the spans index, used to give each piece its
/// own span when the block's text is the source's slice.
pub(crate) fn split(text: &str, span: Span, source: &str, numbering: &mut Numbering) -> Vec<Piece> {
    let exact = source.get(span.start..span.end) == Some(text);
    let before = numbering.clone();
    // Cut places that only the numbering or a word list vouches for.
    let mut guessed: Vec<usize> = Vec::new();
    let mut cuts = enumerator_cuts(text, numbering, &[], &mut guessed);
    // Long, or holding several items or owner cells: a page that lost its line breaks.
    // Owner cuts are looked for only where they can matter: a paragraph long or
    // itemised enough already, or one with two role words (a flattened table's
    // owner cells `A牵头，B` without enumerators). Most paragraphs skip the scan.
    let long = cuts.len() >= 3 || text.chars().count() > RUN_TOGETHER_CHARS;
    let owners = if long || text.matches("牵头").nth(1).is_some() {
        owner_cuts(text)
    } else {
        Vec::new()
    };
    if !owners.is_empty() {
        // Where an owner list ends, the next item starts for sure: read the
        // enumerators again with those places known (`…经信处三、保障措施`).
        let ends: Vec<usize> = owners.iter().map(|c| c.0).collect();
        *numbering = before;
        guessed.clear();
        cuts = enumerator_cuts(text, numbering, &ends, &mut guessed);
    }
    let run_together = long || owners.len() >= 2;
    if run_together {
        let body_start = cuts.first().map_or(text.len(), |c| c.0);
        let glued: Vec<(usize, bool)> = std::iter::once(0)
            .chain(cuts.iter().map(|c| c.0))
            .filter_map(|at| glued_section_title(&text[at..]).map(|len| (at + len, true)))
            .collect();
        guessed.extend(glued.iter().map(|c| c.0));
        cuts.extend(glued);
        cuts.extend(space_cuts(text, body_start));
        cuts.extend(owners);
        cuts.sort_unstable();
        cuts.dedup_by_key(|c| c.0);
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = (0, false);
    for cut in cuts.into_iter().chain(std::iter::once((text.len(), false))) {
        let (at, run_in) = cut;
        if at <= from.0 {
            continue;
        }
        // A piece that ends at an owner cell is an item too (the table's first row).
        let ends_item = run_in && enumerator(&text[from.0..]).is_none();
        let piece = &text[from.0..at];
        let trimmed = trim_text(piece);
        let chrome = run_together && is_chrome(trimmed);
        if !trimmed.is_empty() && !chrome {
            let lead = piece.len() - piece.trim_start().len();
            let piece_span = if exact {
                Span {
                    start: span.start + from.0 + lead,
                    end: span.start + from.0 + lead + trimmed.len(),
                    page: span.page,
                }
            } else {
                span
            };
            let guess = if guessed.contains(&from.0) {
                Some(
                    "an item starts inside a line with no punctuation before it: where it starts was inferred from the numbering or a section title",
                )
            } else if from.1 && run_together && !text[..from.0].ends_with(['）', ')', '。', '；'])
            {
                Some(
                    "an item starts where an owner list in run-together text seems to end: where the list ends was inferred",
                )
            } else {
                None
            };
            pieces.push(Piece {
                guess,
                text: trimmed.to_string(),
                span: piece_span,
                // A piece that opens with its own number is an item, not a
                // run-in; a piece that is only a labelled owner clause (`… 牵头
                // 单位：A，配合单位：B`) closes the item before it.
                run_in: ((from.1 && enumerator(piece).is_none()) || ends_item)
                    && !is_clause_alone(trimmed),
                run_together,
            });
        }
        from = (at, run_in);
    }
    pieces
}

/// Byte offsets where an enumerator inside the text continues the numbering
/// (the opening enumerator is noted too).
/// `owner_ends` are the places where an owner list ended (sorted): an
/// enumerator there needs no punctuation before it, and may repeat the last
/// number of its kind or skip one (numbers a document wrote twice or left out).
fn enumerator_cuts(
    text: &str,
    numbering: &mut Numbering,
    owner_ends: &[usize],
    guessed: &mut Vec<usize>,
) -> Vec<(usize, bool)> {
    let mut cuts = Vec::new();
    // Where the current piece's words start (after its enumerator), if it opened with one.
    let mut piece_words: Option<usize> = None;
    if let Some((e, rest)) = enumerator(text) {
        numbering.see(e.kind, e.value);
        piece_words = Some(text.len() - rest.len());
    }
    // Only the characters that can open an enumerator are tried.
    // The kind and last value of an inline list after a colon (`如下：1.…2.…`).
    let mut inline_list: Option<(EnumKind, u32)> = None;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        if at == 0
            || !(c == '第'
                || c == '（'
                || c == '('
                || is_cn_digit(c)
                || c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || ('①'..='⑳').contains(&c))
        {
            continue;
        }
        let Some(before) = before else { continue };
        if before.is_ascii_alphanumeric() || ('０'..='９').contains(&before) || is_cn_digit(before)
        {
            continue;
        }
        let Some((e, rest)) = enumerator(&text[at..]) else {
            continue;
        };
        // The enumerator must start exactly here (no skipped lead).
        if !text[at..].starts_with(c) || !plausible_item_start(e.kind, rest) {
            continue;
        }
        let Some(value) = e.value else { continue };
        let after_colon = matches!(before, '：' | ':');
        let list_kind = matches!(
            e.kind,
            EnumKind::ArabicDot | EnumKind::ArabicParen | EnumKind::Circled
        );
        if after_colon && list_kind && (value == 1 || !numbering.last.contains_key(&e.kind)) {
            // `…条件如下：1.…2.…`: an inline list, not items.
            inline_list = Some((e.kind, value));
            continue;
        }
        match inline_list {
            // The list goes on; a number that does not continue it ends it.
            Some((kind, last)) if kind == e.kind && value == last + 1 => {
                inline_list = Some((kind, value));
                continue;
            }
            Some((kind, _)) if kind == e.kind => inline_list = None,
            _ => {}
        }
        let heading_context = piece_words.is_some_and(|w| {
            let words = &text[w.min(at)..at];
            !words.is_empty()
                && words.chars().count() <= 40
                && !words.contains(['。', '；', ';', '：', ':', '，', ','])
        });
        // A bracketed number that continues its sequence is itself the boundary
        // (`…区农村发展局（四）“互联网+”海洋经济`): owner lists end without punctuation.
        let bracketed_next = matches!(e.kind, EnumKind::CnParen | EnumKind::ArabicParen)
            && value >= 2
            && numbering
                .last
                .get(&e.kind)
                .is_some_and(|&(v, _)| v + 1 == value);
        // After a colon only a section-like kind starts items (`…具体流程是：（一）登记审核`);
        // a list kind there was taken for an inline list above.
        let after_owners = owner_ends.binary_search(&at).is_ok();
        let boundary = "。；;！？!?）)」』”\"' \u{3000}：:".contains(before)
            || heading_context
            || bracketed_next
            || after_owners;
        let cn_comma_ok = e.kind != EnumKind::CnComma || e.raw.ends_with('、');
        let goes_on = numbering.continues(e.kind, value)
            || (after_owners && numbering.repeats(e.kind, value))
            || ((after_owners || "。）)".contains(before)) && numbering.skips_one(e.kind, value));
        if boundary && cn_comma_ok && goes_on {
            numbering.see(e.kind, Some(value));
            inline_list = None;
            cuts.push((at, false));
            // No sentence end or bracket before it: the numbering alone says it starts an item.
            if !"。；;！？!?）)」』”\"' \u{3000}：:".contains(before) {
                guessed.push(at);
            }
            piece_words = Some(text.len() - rest.len());
        }
    }
    cuts
}

/// `2．主要任务推进物联网应用。…`: the length of the enumerator and section
/// title that the first item's words run straight into (no punctuation between
/// them), so that the title is cut off as a heading.
fn glued_section_title(text: &str) -> Option<usize> {
    let (_, rest) = enumerator(text)?;
    let word = lexicon::SECTION_TITLES
        .iter()
        .find(|w| rest.starts_with(**w))?;
    let after = &rest[word.len()..];
    let next = after.chars().next()?;
    (is_cjk(next) || "“《\"".contains(next)).then(|| text.len() - after.len())
}

/// Whether the words after an enumerator found inside a line can open an item:
/// not a number going on (`一、二类`, `1、2号`), not a closing bracket.
fn plausible_item_start(kind: EnumKind, rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || ('０'..='９').contains(&first) || "、，,）)%％.．".contains(first)
    {
        return false;
    }
    match kind {
        EnumKind::CnComma | EnumKind::CnParen => {
            !is_cn_digit(first) && (is_cjk(first) || "“《\"".contains(first))
        }
        _ => is_cjk(first) || "“《\"（(".contains(first),
    }
}

/// Single spaces between blocks of the page: in the head (before the body's
/// first enumerator), after a sentence, and before an attachment or chrome.
fn space_cuts(text: &str, body_start: usize) -> Vec<(usize, bool)> {
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        if c != ' ' && c != '\u{3000}' {
            continue;
        }
        let Some(before) = before else { continue };
        let rest = &text[at + c.len_utf8()..];
        let Some(next) = rest.chars().next() else {
            continue;
        };
        if before.is_ascii() && next.is_ascii() {
            continue;
        }
        let in_head = at < body_start;
        let after_sentence = "。！？；".contains(before);
        let before_tail = rest.starts_with(lexicon::ATTACHMENT) || is_chrome(rest);
        if in_head || after_sentence || before_tail {
            cuts.push((at, false));
        }
        // An attachment's title ends at the next space (`附件：…清单 表1 …`).
        if rest.starts_with(lexicon::ATTACHMENT)
            && let Some(end) = rest.find([' ', '\u{3000}'])
            && rest[..end].chars().count() <= 60
        {
            cuts.push((at + c.len_utf8() + end, false));
        }
    }
    // A 文号 or a date glued to the line after it: `…〔2015〕278号平潭…的通知`,
    // `2016年4月15日积极推进…实施方案`.
    static GLUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"〔\d{4}〕\d{1,4}号|\d{4}年\d{1,2}月\d{1,2}日").expect("static regex")
    });
    // A date glued after the 落款's name: `…管委会2015年12月25日`.
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}年\d{1,2}月\d{1,2}日").expect("static regex"));
    for m in DATE.find_iter(&text[..body_start]) {
        if text[..m.start()].chars().next_back().is_some_and(is_cjk) {
            cuts.push((m.start(), false));
        }
    }
    for m in GLUED.find_iter(&text[..body_start]) {
        let next = text[m.end()..].chars().next();
        let glued_title = next.is_some_and(|c| is_cjk(c) && !"文印发起至前".contains(c));
        if glued_title {
            cuts.push((m.end(), false));
        }
    }
    cuts
}

/// Where an owner clause or cell ends and the next item's text begins.
fn owner_cuts(text: &str) -> Vec<(usize, bool)> {
    let mut cuts = Vec::new();
    let starts_text = |rest: &str| {
        rest.chars()
            .next()
            .is_some_and(|c| is_cjk(c) || "“《\"（(".contains(c))
    };
    let mut prev: Option<char> = None;
    // Where the open brackets' insides start, innermost last: one pass, so that
    // deeply nested brackets cost no more than flat ones.
    let mut opens: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        match c {
            '（' | '(' => opens.push(at + c.len_utf8()),
            // `…（区环保局牵头，区经发局参与）专项整治…`
            '）' | ')' => {
                let Some(open) = opens.pop() else { continue };
                let end = at + c.len_utf8();
                let rest = text[end..].trim_start_matches('。');
                let inner = &text[open..at];
                // An owner clause is short; a longer inside is not read at all.
                // `党校（行政学院）培训`: bare names in a bracket right after a
                // body's name are its other name, not an owner clause.
                let before = text[..open].trim_end_matches(['（', '(']);
                let alias = !says_who_does_what(inner)
                    && lexicon::ORG_SUFFIXES.iter().any(|s| before.ends_with(s));
                if inner.len() <= MAX_CLAUSE_BYTES
                    && inner.chars().count() >= 3
                    && !alias
                    && is_owner_clause(inner)
                    && starts_text(rest)
                {
                    cuts.push((text.len() - rest.len(), true));
                }
            }
            // `…。区经发局牵头，区交建局、电力公司创新应用…`, `…。牵头单位：A，配合单位：B“互联网+”教育：…`
            '。' | '；' => {
                let end = at + c.len_utf8();
                if let Some(len) = owner_run(&text[end..])
                    && starts_text(&text[end + len..])
                {
                    cuts.push((end + len, true));
                }
            }
            _ if before.is_some_and(|b| "。；，, ".contains(b))
                && lexicon::LABEL_HEADS.iter().any(|h| h.starts_with(c)) =>
            {
                if let Some(len) = owner_run(&text[at..])
                    && text[at..at + len].contains(['：', ':'])
                    && starts_text(&text[at + len..])
                {
                    cuts.push((at + len, true));
                }
            }
            _ => {}
        }
    }
    cuts
}

/// A piece that is nothing but a labelled owner clause.
fn is_clause_alone(piece: &str) -> bool {
    owner_run(piece).is_some_and(|len| len == piece.len() && piece.contains(['：', ':']))
}

/// Web chrome: a breadcrumb, a publishing line, share buttons, 附件下载.
pub(crate) fn is_chrome(text: &str) -> bool {
    let t = trim_text(text);
    if lexicon::WEB_CHROME_OPENERS.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    if t.starts_with("时间：") || t.starts_with("时间:") {
        return true;
    }
    // The clock time of a publishing line (`11:39`).
    if t.len() <= 8 && t.contains(':') && t.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return true;
    }
    // A run made only of share-button words (`微信 微博 QQ空间`).
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| lexicon::WEB_CHROME_WORDS.contains(w) || contains_any(w, &["QQ空间"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let mut numbering = Numbering::default();
        split(text, Span::new(0, text.len()), text, &mut numbering)
            .into_iter()
            .map(|p| {
                if p.run_in {
                    format!("~{}", p.text)
                } else {
                    p.text
                }
            })
            .collect()
    }

    #[test]
    fn enumerators_that_continue_the_numbering_split_a_line() {
        assert_eq!(
            pieces(
                "一、强化保障（一）健全机制1．建立制度。内容。2．完善台账。增长2.5亿元。（二）加强督查。"
            ),
            [
                "一、强化保障",
                "（一）健全机制",
                "1．建立制度。内容。",
                "2．完善台账。增长2.5亿元。",
                "（二）加强督查。"
            ]
        );
    }

    #[test]
    fn numbers_inside_sentences_do_not() {
        assert_eq!(
            pieces("1.推进。按第1条执行，2023.6完成，占1.2%。一、二类设施。"),
            ["1.推进。按第1条执行，2023.6完成，占1.2%。一、二类设施。"]
        );
        // 3. does not continue 1. inside a sentence…
        assert_eq!(pieces("1.推进。再看3.项目。"), ["1.推进。再看3.项目。"]);
        // …but after a sentence end it is the next item of a document that left 2. out
        assert_eq!(
            pieces("1.推进工作。3.完善制度。"),
            ["1.推进工作。", "3.完善制度。"]
        );
    }

    #[test]
    fn inline_lists_after_a_colon_stay() {
        assert_eq!(
            pieces("（一）补贴范围。条件如下：1.在本区登记。2.报废时满一年。（二）补贴标准。"),
            [
                "（一）补贴范围。条件如下：1.在本区登记。2.报废时满一年。",
                "（二）补贴标准。"
            ]
        );
    }

    #[test]
    fn run_together_owner_clauses_end_items() {
        let filler = "加强工作。".repeat(250);
        let text = format!(
            "1．整治行业取缔小企业。{filler}（区环保局牵头，区经发局参与）专项整治重点行业。推进治理。（区环保局牵头）2．强化治理"
        );
        let got = pieces(&text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].starts_with("~专项整治重点行业。"));
        assert_eq!(got[2], "2．强化治理");
    }

    #[test]
    fn run_together_owner_cells_end_rows() {
        let filler = "推进工作。".repeat(250);
        let text = format!(
            "存在问题整改措施责任单位投资不足出台意见。{filler}区经发局牵头，区交建局、电力公司创新投融资方式。区财金局、经发局牵头，区环土局加强调度。"
        );
        let got = pieces(&text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].ends_with("区经发局牵头，区交建局、电力公司"));
        assert_eq!(got[1], "~创新投融资方式。区财金局、经发局牵头，区环土局");
        assert_eq!(got[2], "~加强调度。");
    }

    #[test]
    fn cuts_that_only_the_numbering_vouches_for_are_guesses() {
        let text = "一、强化保障（一）健全机制。内容。（二）完善台账。";
        let mut numbering = Numbering::default();
        let got = split(text, Span::new(0, text.len()), text, &mut numbering);
        let guesses: Vec<_> = got.iter().map(|p| p.guess.is_some()).collect();
        // （一） follows a heading's words with nothing between: inferred;
        // （二） follows a sentence end: certain.
        assert_eq!(guesses, [false, true, false]);
    }

    #[test]
    fn a_bodys_other_name_in_brackets_is_no_clause() {
        let filler = "推进工作。".repeat(250);
        let text = format!(
            "1．完善培训体系。纳入党校（行政学院）培训、职业培训等体系。{filler}（区教育局牵头）2．加强宣传"
        );
        let got = pieces(&text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("党校（行政学院）培训"));
    }

    #[test]
    fn chrome_is_dropped_in_run_together_text() {
        let body = "各单位：现印发给你们。".repeat(150);
        let text = format!(
            "当前位置： 首页政务公开 时间：2015-12-30 11:39 微信 微博 QQ空间 某管〔2015〕8号某某区管委会关于印发某方案的通知 {body} 某某区管委会 2015年12月25日 某某区某方案 为加强工作，制定本方案。一、总体要求 来源：某某 附件下载"
        );
        let got = pieces(&text);
        assert!(
            got.iter().all(|p| !p.contains("当前位置")
                && !p.contains("QQ空间")
                && !p.contains("附件下载")),
            "{got:?}"
        );
        assert!(got.contains(&"某管〔2015〕8号".to_string()), "{got:?}");
        assert!(got.contains(&"2015年12月25日".to_string()), "{got:?}");
        assert!(got.contains(&"某某区某方案".to_string()), "{got:?}");
    }
}
