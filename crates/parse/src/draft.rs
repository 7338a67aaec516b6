//! An item found by the structure stage before its meaning is read, and how
//! its title is cut from its text. The outline and the table reader make
//! drafts; `task` reads them.

use std::rc::Rc;

use policy_grammar::chars::trim_text;
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
