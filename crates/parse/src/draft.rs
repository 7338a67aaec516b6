//! An item found by the structure stage before its meaning is read, and how
//! its title is cut from its text. The outline and the table reader make
//! drafts; `task` reads them.

use std::rc::Rc;

use policy_grammar::chars::trim_text;
use policy_grammar::lexicon::{ACTION_ADVERBS, ACTION_VERB_QUALIFIERS, ACTION_VERBS};
use policy_grammar::owners::OwnerClause;
use policy_model::{OwnerRole, Span, TaskBox};

/// An item found by the structure stage, before its meaning is read.
#[derive(Debug)]
pub(crate) struct Draft {
    pub number: Option<String>,
    pub path: Vec<String>,
    pub in_box: Option<TaskBox>,
    /// The 工作任务 cell of a table row; prose takes its lead sentence.
    pub title: Option<String>,
    /// The item's text after its enumerator, or the row's content cell.
    pub text: String,
    pub owners: OwnerSource,
    /// The 完成时限 cell of a table row (`Some("")` when blank).
    pub deadline_cell: Option<String>,
    pub span: Span,
    /// Siblings share a group: an item without owners among siblings with them is warned about.
    pub group: Option<usize>,
}

/// Where a draft's owners are written.
#[derive(Debug)]
pub(crate) enum OwnerSource {
    /// A clause in brackets at the end of the text; else the one closing the
    /// nearest ancestor's text that has one.
    Trailing { inherited: Option<Rc<OwnerClause>> },
    /// Owner cells of a table row, with the role their column gives.
    Cells(Vec<(String, Option<OwnerRole>)>),
}

/// A run-in title: a short lead sentence closed by 。 or a colon (`专项整治重点行业。`,
/// `“互联网+”医疗卫生：`).
pub(crate) fn run_in_title(text: &str) -> Option<&str> {
    let t = trim_text(text);
    let end = t.find(['。', '：', ':'])?;
    let title = &t[..end];
    (title.chars().count() <= 20 && !title.is_empty() && !title.contains(['，', ',', '；']))
        .then_some(title)
}

/// The lead sentence: text before the first 。 (or the whole text when short).
pub(crate) fn lead_sentence(text: &str) -> String {
    let t = trim_text(text);
    match t.find('。') {
        Some(at) => t[..at].to_string(),
        None if t.chars().count() <= 40 => t.trim_end_matches(['；', ';', '：', ':']).to_string(),
        None => String::new(),
    }
}

/// Where the first run-in title starts in a numbered heading run together with
/// it (`狠抓重点排污行业整治取缔“十小”企业`, `强化人力智力保障加强多层次人才培养`):
/// the byte offset of an action verb that leaves four characters or more on
/// each side, the most even cut (the later one on a tie), since a heading and
/// a run-in title are phrases of much the same length. `None` when no verb
/// starts a second phrase, or the lead is a sentence (a comma) or too long.
pub(crate) fn glued_title_start(lead: &str) -> Option<usize> {
    let total = lead.chars().count();
    if total > 40 || lead.contains(['，', ',', '；', ';', '：', ':']) {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    let mut before: Option<char> = None;
    for (n, (at, c)) in lead.char_indices().enumerate() {
        let prev = before.replace(c);
        if n < 4 || total - n < 4 || prev.is_some_and(|p| ACTION_VERB_QUALIFIERS.contains(p)) {
            continue;
        }
        if ACTION_ADVERBS.iter().any(|a| lead[..at].ends_with(a)) {
            continue;
        }
        if ACTION_VERBS.iter().any(|v| lead[at..].starts_with(v)) {
            let unevenness = n.abs_diff(total - n);
            if best.is_none_or(|(u, _)| unevenness <= u) {
                best = Some((unevenness, at));
            }
        }
    }
    best.map(|(_, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(lead: &str) -> (&str, &str) {
        let at = glued_title_start(lead).unwrap_or(0);
        (&lead[..at], &lead[at..])
    }

    #[test]
    fn a_heading_and_its_first_title_part_at_the_verb() {
        assert_eq!(
            cut("强化城镇生活污染治理加快污水设施建设"),
            ("强化城镇生活污染治理", "加快污水设施建设")
        );
        assert_eq!(
            cut("认真抓好组织实施加强协调沟通"),
            ("认真抓好组织实施", "加强协调沟通")
        );
        assert_eq!(
            cut("加强港口污染控制积极治理船舶污染"),
            ("加强港口污染控制", "积极治理船舶污染")
        );
        // 最严格 qualifies what follows; it starts no title.
        assert_eq!(
            cut("控制用水总量实施最严格水资源管理"),
            ("控制用水总量", "实施最严格水资源管理")
        );
        // A verb after 研究 / 积极 is part of their phrase.
        assert_eq!(
            cut("加强海域污染防治研究建立排污总量控制制度"),
            ("加强海域污染防治", "研究建立排污总量控制制度")
        );
        // The same verb twice: the second starts the title.
        assert_eq!(
            cut("推进农村污染防治防治养殖污染"),
            ("推进农村污染防治", "防治养殖污染")
        );
    }

    #[test]
    fn one_phrase_is_not_cut() {
        assert_eq!(glued_title_start("加快推进产业转型"), None);
        assert_eq!(glued_title_start("建立机制并加强管理"), None);
        assert_eq!(glued_title_start("推进改革，加强管理"), None);
    }
}
