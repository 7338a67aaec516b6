//! An item found by the structure stage before its meaning is read, and how
//! its title is cut from its text. The outline and the table reader make
//! drafts; `task` reads them.

use std::rc::Rc;

use policy_grammar::chars::trim_text;
use policy_grammar::lexicon::{
    self, ACTION_ADVERBS, ACTION_VERB_QUALIFIERS, ACTION_VERBS, PROBLEM_ENDINGS,
    WEAK_PROBLEM_ENDINGS,
};
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
    ///
    /// `block` is a clause written on a line of its own after the last item
    /// of a block (`（1）…（2）…` then `（责任单位：…）`): it covers every item of
    /// the block, with whatever clause each writes itself.
    Trailing {
        inherited: Option<Rc<OwnerClause>>,
        block: Option<Rc<OwnerClause>>,
    },
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

/// A problem cell run together with its first measure in a problem / measures
/// table flattened to text (`投资增长动力不足出台扩大投资的实施意见，…`): the
/// problem and the byte offset where the measure starts. A problem is a
/// statement, not an action (it opens with no action verb), of at most 30
/// characters and no sentence end, closed by an evaluation (不足, 薄弱, 滞后,
/// 挑战 …) that the measure's first words follow; after a word that measures
/// use too (问题, 完善 …) only an action verb starts the measure. A table
/// header glued before the problem (`存在问题整改措施责任单位投资…`) is left out,
/// up to its owner column.
pub(crate) fn problem_cell(text: &str) -> Option<(&str, usize)> {
    let lead = &text[..text.find('。')?];
    let mut header_end = 0;
    if let Some((end, word)) = lexicon::HEADER_OWNER
        .iter()
        .filter_map(|w| lead.find(w).map(|i| (i, *w)))
        .min_by_key(|(i, _)| *i)
        && lead[..end].chars().count() <= 20
    {
        header_end = end + word.len();
    }
    let body = &lead[header_end..];
    if ACTION_VERBS
        .iter()
        .chain(ACTION_ADVERBS)
        .any(|v| body.starts_with(v))
    {
        return None;
    }
    let ends_here = |at: usize| {
        let (before, after) = (&body[..at], &body[at..]);
        let Some(next) = after.chars().next() else {
            return false;
        };
        let verb_follows = ACTION_VERBS.iter().any(|v| after.starts_with(v));
        let goes_on = "的之和与及等、，,；。地得了而或时".contains(next)
            || PROBLEM_ENDINGS
                .iter()
                .chain(WEAK_PROBLEM_ENDINGS)
                .any(|w| after.starts_with(w));
        (PROBLEM_ENDINGS.iter().any(|w| before.ends_with(w)) && !goes_on)
            || (WEAK_PROBLEM_ENDINGS.iter().any(|w| before.ends_with(w))
                && verb_follows
                && !WEAK_PROBLEM_ENDINGS.iter().any(|w| after.starts_with(w)))
    };
    let (at, _) = body
        .char_indices()
        .take(31)
        .skip(4)
        .find(|&(at, _)| ends_here(at))?;
    Some((&body[..at], header_end + at))
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
    fn problem_cells_before_their_first_measure() {
        let text = "存在问题整改措施责任单位投资增长动力不足出台扩大投资的实施意见，谋划项目。";
        let (problem, at) = problem_cell(text).unwrap();
        assert_eq!(problem, "投资增长动力不足");
        assert!(text[at..].starts_with("出台"));
        let text = "产业结构不够优、竞争力不强，龙头企业偏少进一步落实产业政策。";
        assert_eq!(
            problem_cell(text).map(|p| p.0),
            Some("产业结构不够优、竞争力不强，龙头企业偏少")
        );
        assert_eq!(
            problem_cell("市政设施不够完善实施提升工程。").map(|p| p.0),
            Some("市政设施不够完善")
        );
        assert_eq!(
            problem_cell("排涝设施比较薄弱所有市县完成规划。").map(|p| p.0),
            Some("排涝设施比较薄弱")
        );
        assert_eq!(
            problem_cell("公共安全还存在一些突出问题和隐患推进安全生产。").map(|p| p.0),
            Some("公共安全还存在一些突出问题和隐患")
        );
        // a measure that speaks of a problem is not a problem cell
        assert_eq!(problem_cell("加快解决突出问题。"), None);
        assert_eq!(problem_cell("推进改造，解决排水不足问题。"), None);
        assert_eq!(problem_cell("常态严管各类严重交通违法行为。"), None);
        assert_eq!(problem_cell("加强交通管理，严管严重违法。"), None);
    }

    #[test]
    fn one_phrase_is_not_cut() {
        assert_eq!(glued_title_start("加快推进产业转型"), None);
        assert_eq!(glued_title_start("建立机制并加强管理"), None);
        assert_eq!(glued_title_start("推进改革，加强管理"), None);
    }
}
