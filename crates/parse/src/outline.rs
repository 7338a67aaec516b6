//! Numbered prose into an outline of items, and 专栏 boxes.

use std::rc::Rc;

use policy_grammar::chars::{join_lines, trim_text};
use policy_grammar::numbering::box_label;
use policy_grammar::numbering::{EnumKind, Enumerator, enumerator};
use policy_grammar::owners::{OwnerClause, heading_owners, trailing_clause, trailing_label_clause};
use policy_grammar::subjects::sentence_owners;
use policy_model::{Span, TaskBox, Warning, WarningCode};
use policy_semantics::frame;

use crate::draft::{
    Draft, OwnerSource, glued_title_start, lead_sentence, problem_cell, run_in_title,
};
use policy_grammar::lexicon::{self, ACTION_VERBS, BACKGROUND, BACKGROUND_MARKS, GOALS};

#[derive(Debug)]
struct Node {
    /// `None` for a run-in item (an unnumbered paragraph closed by its own owner clause).
    kind: Option<EnumKind>,
    number: String,
    /// Enumerator and title, as the path shows it.
    head: String,
    /// Text after the enumerator, with unnumbered paragraphs that follow.
    text: String,
    /// The item's own line when it is a heading (`一、消费券发放时间`, no
    /// sentence of its own): the title, with the paragraphs below it the text.
    heading: Option<String>,
    span: Span,
    parent: Option<usize>,
    background: bool,
    goals: bool,
    has_children: bool,
    in_box: Option<TaskBox>,
    /// A clause on a line of its own after the last of this node's items,
    /// covering them all.
    block_clause: Option<String>,
}

#[derive(Debug)]
enum Entry {
    Node(usize),
    Table(Box<Draft>),
}

#[derive(Debug)]
struct OpenBox {
    task_box: TaskBox,
    item_kind: Option<EnumKind>,
    /// The node the box sits in: its items take that node's path.
    parent: Option<usize>,
}

/// Where a table sits: the enclosing headings and 专栏.
#[derive(Clone, Debug, Default)]
pub(crate) struct Context {
    pub path: Vec<String>,
    pub in_box: Option<TaskBox>,
}

/// Builds the outline block by block.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    nodes: Vec<Node>,
    entries: Vec<Entry>,
    /// Open nodes, outermost first.
    stack: Vec<usize>,
    open_box: Option<OpenBox>,
    /// The node unnumbered paragraphs continue.
    last: Option<usize>,
    /// Paragraphs of 工作目标 sections, for target lists.
    goals: Vec<(String, Span)>,
    /// The first node after an `附件` mark, once one was seen.
    in_attachment: Option<usize>,
    /// The last problem cell of a flattened problem / measures table.
    problem: Option<usize>,
    /// Where a heading's or a cell's end was inferred.
    guesses: Vec<Warning>,
    /// The attached plans: where each starts in the entries, and its title.
    plans: Vec<(usize, String)>,
    /// An attachment mark was seen and its plan's title not yet.
    awaiting_plan: bool,
    /// The file opens with a notice (`…关于印发…的通知`) before any item.
    notice: bool,
    /// The notice's signature date was seen: the nodes made so far, and the
    /// paragraphs read since.
    signed: Option<(usize, usize)>,
    /// Nodes before this index are the notice's own points, not the plan's.
    notice_end: usize,
}

impl Outline {
    /// The warnings for what the outline inferred so far.
    pub(crate) fn take_guesses(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.guesses)
    }

    fn guessed(&mut self, message: &str, span: Span) {
        self.guesses.push(Warning {
            code: WarningCode::GuessedStructure,
            message: message.to_string(),
            span,
        });
    }

    pub(crate) fn context(&self) -> Context {
        Context {
            path: self
                .stack
                .iter()
                .map(|&i| self.nodes[i].head.clone())
                .collect(),
            in_box: self.open_box.as_ref().map(|b| b.task_box.clone()),
        }
    }

    pub(crate) fn heading(&mut self, _level: u8, text: &str, span: Span) {
        if self.open_box(text) {
            return;
        }
        if let Some((e, rest)) = enumerator(text) {
            self.open_box = None;
            self.item(e, rest, span, true);
        } else {
            // An unnumbered heading (the document title, 附件) ends a box and
            // what came before; it is not a task.
            self.open_box = None;
            self.last = None;
            self.notice_frame(text);
            if is_attachment_mark(text) {
                self.stack.clear();
                self.in_attachment.get_or_insert(self.nodes.len());
                self.awaiting_plan = true;
                self.plan_title(attachment_title(text));
            } else {
                self.plan_title(Some(text));
            }
        }
    }

    /// The title of an attached plan (`某某县养老服务实施方案` after `附件1`),
    /// when one is awaited and `text` reads as one.
    fn plan_title(&mut self, text: Option<&str>) -> bool {
        let Some(title) = text.map(trim_text) else {
            return false;
        };
        let is_title = self.awaiting_plan
            && !title.is_empty()
            && title.chars().count() <= 50
            && !title.contains(['。', '；', '：', ':'])
            && lexicon::GENRE_WORDS
                .iter()
                .any(|w| title.ends_with(w) || title.ends_with(&format!("{w}》")));
        if is_title {
            self.plans.push((self.entries.len(), title.to_string()));
            self.awaiting_plan = false;
        }
        is_title
    }

    /// Follows the frame of a notice around its plan: the notice's title, its
    /// signature date, and the plan's own title right after (within three
    /// paragraphs). The numbered points of the notice (`一、各责任单位要…`) are
    /// then its instructions, not the plan's tasks. Returns whether `text` was
    /// the plan's title.
    fn notice_frame(&mut self, text: &str) -> bool {
        let text = trim_text(text);
        if self.nodes.is_empty()
            && (frame::is_notice_title_line(text)
                || lexicon::contains_any(text, lexicon::NOTICE_TRANSMIT_WORDS))
        {
            self.notice = true;
            return false;
        }
        if self.notice && frame::is_date_line(text) {
            self.signed = Some((self.nodes.len(), 0));
            return false;
        }
        let Some((made, read)) = self.signed else {
            return false;
        };
        if frame::is_plan_title_line(text) {
            self.notice_end = made;
            self.signed = None;
            self.notice = false;
            self.stack.clear();
            self.last = None;
            return true;
        }
        self.signed = (read < 2).then_some((made, read + 1));
        false
    }

    pub(crate) fn paragraph(&mut self, text: &str, span: Span, run_in: bool) {
        if self.open_box(text) {
            return;
        }
        if self.notice_frame(text) {
            // An attached plan's title is also where its path starts.
            self.plan_title(Some(text));
            return;
        }
        if run_in && enumerator(text).is_none() && !is_attachment_mark(text) {
            self.run_in(text, span);
            return;
        }
        if is_attachment_mark(text) {
            // `附件` / `附件2`: what follows is a new document; its numbering
            // starts afresh instead of nesting under the last item.
            self.stack.clear();
            self.open_box = None;
            self.last = None;
            self.in_attachment.get_or_insert(self.nodes.len());
            self.awaiting_plan = true;
            self.plan_title(attachment_title(text));
            return;
        }
        if self.plan_title(Some(text)) {
            self.last = None;
            return;
        }
        if enumerator(text).is_some() {
            self.awaiting_plan = false;
        }
        if let Some((e, rest)) = enumerator(text) {
            self.item(e, rest, span, false);
        } else if let Some(block) = self.last.and_then(|l| self.closes_block(l, text)) {
            let node = &mut self.nodes[block];
            let clause = node.block_clause.get_or_insert_with(String::new);
            clause.push_str(trim_text(text));
            node.span = node.span.cover(span);
        } else if let Some(last) = self.last.filter(|&l| self.starts_provision(l, text)) {
            // A paragraph of its own after an item's finished sentences: a
            // provision of the enclosing section, not more of the item.
            let parent = self.nodes[last].parent;
            let in_box = self.nodes[last].in_box.clone();
            let idx = self.push_node(
                None,
                String::new(),
                "",
                trim_text(text),
                span,
                parent,
                in_box,
            );
            if let Some(p) = parent {
                self.nodes[p].has_children = true;
            }
            self.entries.push(Entry::Node(idx));
            self.last = Some(idx);
        } else if let Some(last) = self.last {
            let node = &mut self.nodes[last];
            if !node.text.is_empty() {
                node.text.push('\n');
            }
            node.text.push_str(trim_text(text));
            node.span = node.span.cover(span);
            if node.goals {
                self.goals.push((trim_text(text).to_string(), span));
            }
        }
    }

    /// The block a paragraph that is nothing but an owner clause closes, when
    /// it follows the last of two or more items none of which before it wrote a
    /// clause of its own (`（1）…。（2）…。` then `（责任单位：…）`): the clause is
    /// the block's, not the last item's.
    fn closes_block(&self, last: usize, text: &str) -> Option<usize> {
        let node = &self.nodes[last];
        let parent = node.parent?;
        node.kind?;
        let text = trim_text(text);
        if !matches!(closing_clause_at(text), Some((0, _))) {
            return None;
        }
        // The block's items sit between its head and the last one; a block of
        // sub-items is short, so a long run of siblings is no block (and the
        // scan stays bounded on any input).
        let earlier: Vec<&Node> = self.nodes[parent + 1..last]
            .iter()
            .rev()
            .filter(|n| n.parent == Some(parent) && n.kind == node.kind)
            .take(MAX_BLOCK_ITEMS + 1)
            .collect();
        let none_wrote_one = earlier
            .iter()
            .all(|n| closing_clause(&join_lines(&n.text)).is_none());
        (!earlier.is_empty() && earlier.len() <= MAX_BLOCK_ITEMS && none_wrote_one)
            .then_some(parent)
    }

    /// Whether `text`, a paragraph after item `last`, starts a provision of its
    /// own: the item is a numbered sentence item (or such a provision) whose
    /// text ends a sentence, and the paragraph opens a new one rather than
    /// going on after a page break.
    fn starts_provision(&self, last: usize, text: &str) -> bool {
        let node = &self.nodes[last];
        // A run-in title on a line of its own (`（一）稳定粮食播种面积。`): the
        // paragraph below is its body.
        let own = trim_text(&node.text);
        if run_in_title(own).is_some_and(|t| own.trim_end_matches(['。', '：', ':']) == t) {
            return false;
        }
        let sentence_item = node.heading.is_none() && !node.has_children && !node.background;
        let finished = trim_text(&node.text).ends_with(['。', '！', '？', '；']);
        let text = trim_text(text);
        let opens = text
            .chars()
            .next()
            .is_some_and(|c| policy_grammar::chars::is_cjk(c) || "“《（(".contains(c))
            && text.chars().count() >= 12
            && text.contains('。');
        sentence_item
            && finished
            && opens
            && self.open_box.is_none()
            && self.in_attachment.is_none()
    }

    pub(crate) fn push_table_tasks(&mut self, drafts: Vec<Draft>) {
        self.entries
            .extend(drafts.into_iter().map(|d| Entry::Table(Box::new(d))));
        self.last = None;
    }

    /// `专栏3 新时代…行动` opens a box.
    fn open_box(&mut self, text: &str) -> bool {
        let Some((id, title)) = box_title(text) else {
            return false;
        };
        // A box follows the item it illustrates; it belongs to that item's parent.
        let parent = match self.stack.last() {
            Some(&i) if !self.nodes[i].has_children => self.nodes[i].parent,
            other => other.copied(),
        };
        self.open_box = Some(OpenBox {
            task_box: TaskBox { id, title },
            item_kind: None,
            parent,
        });
        self.last = None;
        true
    }

    fn item(&mut self, e: Enumerator, rest: &str, span: Span, is_heading: bool) {
        let rest = trim_text(rest);
        if let Some(open) = &mut self.open_box {
            let fits = match open.item_kind {
                None => {
                    !is_heading
                        && matches!(
                            e.kind,
                            EnumKind::ArabicDot | EnumKind::ArabicParen | EnumKind::Circled
                        )
                }
                Some(kind) => kind == e.kind,
            };
            if fits {
                open.item_kind = Some(e.kind);
                let in_box = Some(open.task_box.clone());
                let parent = open.parent;
                let idx =
                    self.push_node(Some(e.kind), e.number, &e.raw, rest, span, parent, in_box);
                self.entries.push(Entry::Node(idx));
                self.last = Some(idx);
                return;
            }
            self.open_box = None;
        }
        // Levels by order of first appearance: a kind already open closes
        // everything below it; a new kind nests under the innermost open item.
        if let Some(pos) = self
            .stack
            .iter()
            .position(|&i| self.nodes[i].kind == Some(e.kind))
        {
            self.stack.truncate(pos);
        } else if let Some(pos) = self
            .stack
            .iter()
            .position(|&i| Some(e.kind) < self.nodes[i].kind && rank_fixed(e.kind))
        {
            // A chapter-like kind never nests under a smaller one.
            self.stack.truncate(pos);
        }
        let parent = self.stack.last().copied();
        let idx = self.push_node(Some(e.kind), e.number, &e.raw, rest, span, parent, None);
        if let Some(p) = parent {
            self.nodes[p].has_children = true;
        }
        self.stack.push(idx);
        self.entries.push(Entry::Node(idx));
        self.last = Some(idx);
        if self.nodes[idx].goals {
            self.goals.push((rest.to_string(), span));
        }
    }

    /// An unnumbered item that follows an owner clause in run-together text
    /// (`…（区环保局牵头）专项整治重点行业。…（区环保局牵头）`).
    ///
    /// After a heading (`1．狠抓行业整治`, no sentence of its own) it is the
    /// heading's child; after another run-in item, its sibling. After a
    /// numbered item with a sentence of its own, a run-in item with its own
    /// short title shows that the item was a heading run together with its
    /// first run-in item, which moves below it; an untitled paragraph is a
    /// provision of the enclosing section.
    fn run_in(&mut self, text: &str, span: Span) {
        let text = trim_text(text);
        if let Some((problem, at)) = problem_cell(text) {
            self.guessed(
                "a problem / measures table flattened to text: the problem cell was taken to end where its first measure's verb starts",
                span,
            );
            self.problem_row(problem, &text[at..], span);
            return;
        }
        let parent = match self.last {
            Some(l) if self.nodes[l].kind.is_none() => self.nodes[l].parent,
            Some(l) if self.nodes[l].heading.is_some() || self.nodes[l].has_children => Some(l),
            Some(l) if run_in_title(text).is_some() && self.nodes[l].in_box.is_none() => {
                let node = &mut self.nodes[l];
                let mut body = std::mem::take(&mut node.text);
                let node_span = node.span;
                node.has_children = true;
                // The heading's own words end where its first title starts.
                let lead = lead_sentence(&body);
                if let Some(at) = glued_title_start(&lead)
                    && let Some(stem) = node.head.strip_suffix(lead.as_str())
                {
                    node.head = format!("{stem}{}", &lead[..at]);
                    node.heading = Some(lead[..at].to_string());
                    body = trim_text(&body)[at..].to_string();
                    self.guessed(
                        "a heading run together with its first item's title: the heading was taken to end where an action verb starts",
                        node_span,
                    );
                }
                self.push_node(None, String::new(), "", &body, node_span, Some(l), None);
                // The heading keeps its place in the entries; its first item follows it.
                let first = self.nodes.len() - 1;
                self.entries.push(Entry::Node(first));
                Some(l)
            }
            Some(l) => self.nodes[l].parent,
            None => self.stack.last().copied(),
        };
        let in_box = self.open_box.as_ref().map(|b| b.task_box.clone());
        let idx = self.push_node(None, String::new(), "", text, span, parent, in_box);
        if let Some(p) = parent {
            self.nodes[p].has_children = true;
        }
        self.entries.push(Entry::Node(idx));
        self.last = Some(idx);
    }

    /// A row of a problem / measures table flattened to text: the problem cell
    /// heads the measures under it (the rows after it, until the next problem),
    /// as a section of the enclosing heading.
    fn problem_row(&mut self, problem: &str, measure: &str, span: Span) {
        let parent = match self.problem {
            Some(p) => self.nodes[p].parent,
            None => match self.last {
                Some(l) if self.nodes[l].kind.is_none() => self.nodes[l].parent,
                Some(l) if self.nodes[l].heading.is_some() => Some(l),
                Some(l) => self.nodes[l].parent,
                None => self.stack.last().copied(),
            },
        };
        let in_box = self.open_box.as_ref().map(|b| b.task_box.clone());
        let heading = self.push_node(
            None,
            String::new(),
            "",
            problem,
            span,
            parent,
            in_box.clone(),
        );
        self.nodes[heading].heading = Some(problem.to_string());
        self.nodes[heading].text.clear();
        self.nodes[heading].has_children = true;
        if let Some(p) = parent {
            self.nodes[p].has_children = true;
        }
        self.entries.push(Entry::Node(heading));
        let idx = self.push_node(
            None,
            String::new(),
            "",
            measure,
            span,
            Some(heading),
            in_box,
        );
        self.entries.push(Entry::Node(idx));
        self.problem = Some(heading);
        self.last = Some(idx);
    }

    #[allow(clippy::too_many_arguments)]
    fn push_node(
        &mut self,
        kind: Option<EnumKind>,
        number: String,
        raw: &str,
        rest: &str,
        span: Span,
        parent: Option<usize>,
        in_box: Option<TaskBox>,
    ) -> usize {
        let title = lead_sentence(rest);
        // A background title, alone or run together with its paragraph
        // (`二、主要目标到2020年，…` on a page that lost its line breaks).
        let glued = kind
            .is_some()
            .then(|| BACKGROUND.iter().find(|w| trim_text(rest).starts_with(**w)))
            .flatten();
        let own_background = in_box.is_none()
            && (glued.is_some()
                || (title.chars().count() <= 16
                    && title.contains(BACKGROUND_MARKS)
                    && BACKGROUND.iter().any(|w| title.contains(w))
                    && !names_work(&title)));
        let parent_background = parent.is_some_and(|p| self.nodes[p].background);
        let goals = own_background
            && GOALS
                .iter()
                .any(|w| title.contains(w) || glued.is_some_and(|g| g.contains(w)));
        let is_heading = kind.is_some()
            && !rest.is_empty()
            && !rest.contains('。')
            && rest.chars().count() <= 40
            && !rest.ends_with(['，', ',', '、', '；', ';'])
            && policy_grammar::owners::trailing_clause(rest).is_none();
        self.nodes.push(Node {
            kind,
            number,
            head: format!("{}{}", raw.trim(), title),
            text: if is_heading {
                String::new()
            } else {
                rest.to_string()
            },
            heading: is_heading.then(|| rest.to_string()),
            span,
            parent,
            background: own_background || parent_background,
            goals,
            has_children: false,
            in_box,
            block_clause: None,
        });
        self.nodes.len() - 1
    }

    /// The drafts of every task in document order, and the goal paragraphs.
    pub(crate) fn finish(mut self) -> (Vec<Draft>, Vec<(String, Span)>) {
        // An attachment's catalogue (`1.耕整地机械 1.1耕地机械 1.1.1犁…`): items
        // with no sentence at all are a list of things, not work.
        let first_attached = self.in_attachment.unwrap_or(usize::MAX);
        let is_task: Vec<bool> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let catalogue = i >= first_attached
                    && !format!("{}{}", node.head, node.text)
                        .contains(['。', '，', '；', '：', ',', ';']);
                // An item with sub-points (①②) whose own sentence closes with
                // its owners is work too, not only a heading over them.
                // A title with a clause and no sentence (`一、强化科技创新（县科技局
                // 牵头）`) is a heading handing its owners down.
                let joined = join_lines(&node.text);
                let own_clause = node.has_children
                    && node.heading.is_none()
                    && node.kind.is_some()
                    && closing_clause_at(&joined)
                        .is_some_and(|(at, _)| joined[..at].contains(['。', '；']));
                (node.in_box.is_some() || ((!node.has_children || own_clause) && !node.background))
                    && !catalogue
                    && i >= self.notice_end
            })
            .collect();
        // The owner clause closing each ancestor's text, read once per ancestor
        // however many items sit below it (before any text moves into a draft).
        let mut clause_of: Vec<Option<Option<Rc<OwnerClause>>>> = vec![None; self.nodes.len()];
        let inherited: Vec<Option<Rc<OwnerClause>>> = self
            .entries
            .iter()
            .map(|entry| {
                let Entry::Node(i) = entry else { return None };
                let node = self.nodes.get(*i)?;
                if !is_task.get(*i).copied().unwrap_or(false) {
                    return None;
                }
                let mut up = node.parent;
                while let Some(p) = up {
                    let parent = self.nodes.get(p)?;
                    let clause = clause_of
                        .get_mut(p)?
                        .get_or_insert_with(|| handed_down(parent).map(Rc::new))
                        .clone();
                    if clause.is_some() {
                        return clause;
                    }
                    up = parent.parent;
                }
                None
            })
            .collect();
        let mut drafts = Vec::with_capacity(self.entries.len());
        // A file holding several plans: every task's path opens with its plan's title.
        let plans = std::mem::take(&mut self.plans);
        let plan_of = |k: usize| -> Option<&String> {
            (plans.len() >= 2)
                .then(|| {
                    plans
                        .iter()
                        .rev()
                        .find(|(start, _)| *start <= k)
                        .map(|(_, t)| t)
                })
                .flatten()
        };
        for (k, (entry, inherited)) in std::mem::take(&mut self.entries)
            .into_iter()
            .zip(inherited)
            .enumerate()
        {
            let before = drafts.len();
            match entry {
                Entry::Table(d) => drafts.push(*d),
                Entry::Node(i) => {
                    let node = &self.nodes[i];
                    if !is_task.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    let mut path = Vec::new();
                    let mut up = node.parent;
                    while let Some(p) = up {
                        path.push(self.nodes[p].head.clone());
                        up = self.nodes[p].parent;
                    }
                    path.reverse();
                    let block = node
                        .parent
                        .and_then(|p| self.nodes[p].block_clause.as_deref())
                        .and_then(closing_clause)
                        .map(Rc::new);
                    let node = &mut self.nodes[i];
                    drafts.push(Draft {
                        number: Some(std::mem::take(&mut node.number)),
                        path,
                        in_box: node.in_box.clone(),
                        title: node.heading.take(),
                        // An ancestor's clause was read above; its head stays for the paths.
                        text: std::mem::take(&mut node.text),
                        owners: OwnerSource::Trailing { inherited, block },
                        deadline_cell: None,
                        span: node.span,
                        group: if node.in_box.is_some() {
                            None
                        } else {
                            node.parent
                        },
                    });
                }
            }
            if let (Some(plan), Some(draft)) = (plan_of(k), drafts.get_mut(before)) {
                draft.path.insert(0, plan.clone());
            }
        }
        (drafts, self.goals)
    }
}

/// The title written on an attachment mark's line (`附件1：某某实施方案`).
fn attachment_title(text: &str) -> Option<&str> {
    let t = trim_text(text).strip_prefix("附件")?;
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == ' ');
    let t = t.trim_start_matches(['：', ':', ' ', '\u{3000}']);
    (!t.is_empty()).then_some(t)
}

/// The most items a clause written after a block's last item covers.
const MAX_BLOCK_ITEMS: usize = 20;

/// The owner clause closing a text: in brackets, or labelled (`责任单位：…`).
fn closing_clause(text: &str) -> Option<OwnerClause> {
    closing_clause_at(text).map(|(_, c)| c)
}

/// [`closing_clause`] and the byte offset where it starts.
fn closing_clause_at(text: &str) -> Option<(usize, OwnerClause)> {
    trailing_clause(text).or_else(|| trailing_label_clause(text))
}

/// The owners an item hands down to the items under it: the clause closing
/// its text; the one closing its title line when a lead-in paragraph follows
/// (`二、优化营商环境（县发改局牵头）` / `以改革为牵引，…。`); the owners its heading
/// names (`一、县发改局牵头工作（2项）`); or the subjects of a lead-in that
/// introduces the items (`各乡镇人民政府负责以下工作：`).
fn handed_down(node: &Node) -> Option<OwnerClause> {
    if let Some(clause) = closing_clause(&join_lines(&node.text)) {
        return Some(clause);
    }
    let mut lines = node.text.lines().map(trim_text).filter(|l| !l.is_empty());
    if let Some(first) = lines.next()
        && let Some((at, clause)) = closing_clause_at(first)
        && at > 0
        && !first[..at].contains('。')
    {
        return Some(clause);
    }
    if let Some(clause) = node.heading.as_deref().and_then(heading_owners) {
        return Some(clause);
    }
    let last = node.text.lines().map(trim_text).rfind(|l| !l.is_empty())?;
    let introduces =
        last.ends_with(['：', ':']) && lexicon::LIST_INTRO_WORDS.iter().any(|w| last.contains(w));
    introduces
        .then(|| sentence_owners(last))
        .filter(|c| !c.owners.is_empty())
}

/// `附件`, `附件2`, `附件：` on a line of their own (a title may follow on the line).
pub(crate) fn is_attachment_mark(text: &str) -> bool {
    let t = trim_text(text);
    let Some(rest) = t.strip_prefix("附件") else {
        return false;
    };
    let rest = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == ' ');
    (rest.is_empty() || rest.starts_with(['：', ':'])) && t.chars().count() <= 40
}

/// A title that opens with an action verb names work even when it holds a
/// background word (`营造积极发展环境`), unless the verb only qualifies it
/// (`实施目标`: the verb and one background word).
fn names_work(title: &str) -> bool {
    ACTION_VERBS.iter().any(|v| {
        title
            .strip_prefix(v)
            .is_some_and(|rest| !BACKGROUND.contains(&rest))
    })
}

/// Kinds whose rank is fixed whatever came first: chapters and sections.
fn rank_fixed(kind: EnumKind) -> bool {
    matches!(kind, EnumKind::Chapter | EnumKind::Section)
}

/// `专栏 3 新时代…` → (`专栏3`, title).
pub(crate) fn box_title(text: &str) -> Option<(String, Option<String>)> {
    let (id, rest) = box_label(trim_text(text))?;
    let title = trim_text(rest.trim_start_matches([':', '：', ' ', '\u{3000}']));
    Some((id, (!title.is_empty()).then(|| title.to_string())))
}
