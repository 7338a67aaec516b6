//! Drafts of items into tasks: title, text, owners, deadline, targets.

use std::collections::HashMap;

use policy_grammar::chars::{join_lines, trim_text};
use policy_grammar::fields::{field_owners, trailing_fields, trailing_people_and_reports};
use policy_grammar::lexicon;
use policy_grammar::owners::{
    FirstListed, OwnerClause, inner_clauses, merge_owners, parse_owner_list, trailing_clause,
    trailing_label_clause, trailing_sentence,
};
use policy_grammar::subjects::sentence_owners;
use policy_model::{Owner, OwnerRole, Task, Warning, WarningCode};

use crate::draft::{Draft, OwnerSource, lead_sentence, run_in_title};

/// Reads each draft's meaning.
pub(crate) fn finish(drafts: Vec<Draft>, doc_year: Option<i32>) -> (Vec<Task>, Vec<Warning>) {
    let mut tasks = Vec::with_capacity(drafts.len());
    let mut warnings = Vec::new();
    let mut groups: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut group_of = Vec::with_capacity(drafts.len());
    // `A（首位单位为牵头单位，下同）`: from that item on, the first owner leads.
    let mut first_leads = false;
    for (n, draft) in drafts.into_iter().enumerate() {
        let (mut task, first_listed) = read_task(n + 1, &draft, doc_year, &mut warnings);
        first_leads |= first_listed == Some(FirstListed::FromHere);
        if first_leads
            && task.owners.iter().all(|o| o.role == OwnerRole::Responsible)
            && let Some(first) = task.owners.first_mut()
        {
            first.role = OwnerRole::Lead;
        }
        if let Some(g) = draft.group {
            let entry = groups.entry(g).or_default();
            entry.0 += 1;
            entry.1 += usize::from(!task.owners.is_empty());
        }
        group_of.push(draft.group);
        tasks.push(task);
    }
    for (task, group) in tasks.iter().zip(group_of) {
        let Some((n, with_owners)) = group.and_then(|g| groups.get(&g)) else {
            continue;
        };
        if task.owners.is_empty() && *with_owners * 2 >= *n && *with_owners > 0 {
            warnings.push(Warning {
                code: WarningCode::MissingOwner,
                message: format!(
                    "item {} has no owner clause where {with_owners} of its {n} siblings have one",
                    task.number.as_deref().unwrap_or("?")
                ),
                span: task.span,
            });
        }
    }
    (tasks, warnings)
}

/// The task, and the first-listed note its owner clause writes.
fn read_task(
    n: usize,
    draft: &Draft,
    doc_year: Option<i32>,
    warnings: &mut Vec<Warning>,
) -> (Task, Option<FirstListed>) {
    let full = join_lines(&draft.text);
    let (clause, body) = match &draft.owners {
        OwnerSource::Trailing { inherited, .. } => {
            match trailing_clause(&full)
                .or_else(|| trailing_label_clause(&full))
                .or_else(|| {
                    // `…。 牵头领导：赵某 责任单位：A 实际完成情况：…`: fields after the item.
                    trailing_fields(&full).map(|(at, fields)| (at, field_owners(&fields)))
                })
                .or_else(|| trailing_sentence(&full))
            {
                // A sentence that is nothing but owners is not the task's own title;
                // under a title line of its own it is the item's owner clause
                // (`2.加强…防控` then `牵头责任单位：…` on the next line).
                Some((at, clause)) if at > 0 || draft.title.is_some() => {
                    (Some(clause), full[..at].to_string())
                }
                // No clause: the organisations its sentences give work to.
                _ => (
                    inherited
                        .as_deref()
                        .cloned()
                        .or_else(|| Some(sentence_owners(&full)).filter(|c| !c.owners.is_empty())),
                    full.clone(),
                ),
            }
        }
        OwnerSource::Cells(cells) => (Some(cell_owners(cells)), full.clone()),
    };
    // Clauses inside the text assign its other sentences: every clause of the
    // item counts (`…（合肥海关牵头）…。（省商务厅负责）…`).
    let clause = match (&draft.owners, clause) {
        (OwnerSource::Trailing { .. }, clause) => {
            let inner = inner_clauses(&full);
            if inner.is_empty() {
                clause
            } else {
                // The item's own closing clause joins them; owners inherited or
                // read from its sentences give way to the clauses it writes.
                let own = clause.filter(|_| body.len() < full.len());
                let mut all = own.unwrap_or_default();
                for c in inner {
                    all.owners.extend(c.owners);
                    all.deadline = all.deadline.or(c.deadline);
                }
                Some(all)
            }
        }
        (_, clause) => clause,
    };
    // A clause closing the item's block adds its owners to the item's own.
    let clause = match (&draft.owners, clause) {
        (
            OwnerSource::Trailing {
                block: Some(block), ..
            },
            clause,
        ) => {
            let mut all = clause.unwrap_or_default();
            all.owners.extend(block.owners.iter().cloned());
            all.deadline = all.deadline.or_else(|| block.deadline.clone());
            Some(all)
        }
        (_, clause) => clause,
    };
    // A leader's or a progress field left after the owners (`分管省领导：…`,
    // `实际完成情况：…`) is not the item's text.
    let body = match trailing_people_and_reports(&body) {
        Some(at) => body[..at].to_string(),
        None => body,
    };
    let body = trim_text(&body).to_string();
    let (title, text) = match &draft.title {
        // A heading with nothing below it: its line is all the text there is.
        Some(title) if body.is_empty() => (Some(join_lines(title)), join_lines(title)),
        Some(title) => (Some(join_lines(title)), body),
        None => split_title(&body),
    };
    if unbalanced(&full) {
        warnings.push(Warning {
            code: WarningCode::UnbalancedParenthesis,
            message: format!(
                "item {}: a bracket opens and never closes, or the reverse",
                draft.number.as_deref().unwrap_or("?")
            ),
            span: draft.span,
        });
    }
    let clause_deadline = clause.as_ref().and_then(|c| c.deadline.clone());
    let first_listed = clause.as_ref().and_then(|c| c.first_listed);
    let (owners, owner_note) = match clause {
        Some(mut clause) => {
            merge_owners(&mut clause.owners);
            if !clause.doubtful.is_empty() {
                warnings.push(Warning {
                    code: WarningCode::UnsplitOwnerClause,
                    message: format!(
                        "owner clause pieces that do not read as organisations: {}",
                        clause.doubtful.join("、")
                    ),
                    span: draft.span,
                });
            }
            let mut owners: Vec<Owner> = clause
                .owners
                .into_iter()
                .map(|o| Owner {
                    name: o.name,
                    role: o.role,
                    raw: o.raw,
                })
                .collect();
            // The collect reuses the parser's buffer, grown for appending.
            owners.shrink_to_fit();
            (owners, clause.note)
        }
        None => (Vec::new(), None),
    };
    let deadline = match (&draft.deadline_cell, &clause_deadline) {
        (Some(cell), _) => policy_semantics::deadline_cell_in(&join_lines(cell), doc_year),
        // `（2024年6月底前完成，牵头单位：…）`
        (None, Some(raw)) => policy_semantics::deadline_cell_in(raw, doc_year),
        (None, None) => policy_semantics::prose_deadline_in(&text, doc_year),
    };
    let found = policy_semantics::targets(&text, doc_year);
    for doubt in found.doubts {
        warnings.push(Warning {
            code: WarningCode::AmbiguousTarget,
            message: doubt,
            span: draft.span,
        });
    }
    let task = Task {
        id: format!("t{n}"),
        number: draft.number.clone(),
        path: draft.path.iter().map(|p| join_lines(p)).collect(),
        in_box: draft.in_box.clone(),
        title: title.filter(|t| !t.is_empty()),
        text,
        owners,
        owner_note,
        deadline,
        targets: found.targets,
        span: draft.span,
    };
    (task, first_listed)
}

/// Title = the lead sentence; text = what follows it (or all of it when nothing follows).
/// An item opening with the bodies it gives work to (`区财政局：负责下拨资金。…`)
/// takes them as its title and the duties as its text.
fn split_title(body: &str) -> (Option<String>, String) {
    if let Some(colon) = body.find(['：', ':']) {
        let head = &body[..colon];
        let rest =
            trim_text(&body[colon + body[colon..].chars().next().map_or(1, char::len_utf8)..]);
        if head.chars().count() <= 30
            && !head.contains(['，', '。', '；', ','])
            && head
                .split(lexicon::NAME_JOINERS)
                .all(policy_grammar::owners::looks_like_org)
            && !rest.is_empty()
        {
            return (Some(head.to_string()), rest.to_string());
        }
    }
    // A run-in title closed by a colon: `“互联网+”教育：开发优质资源…`.
    let whole = trim_text(body);
    if let Some(title) = run_in_title(whole)
        && whole[title.len()..].starts_with(['：', ':'])
        && !lexicon::COLON_LEADS.iter().any(|w| title.ends_with(w))
        && !lexicon::contains_any(title, lexicon::LIST_INTRO_WORDS)
    {
        let rest = trim_text(whole[title.len()..].trim_start_matches(['：', ':']));
        if rest.contains('。') {
            return (Some(title.to_string()), rest.to_string());
        }
    }
    let title = lead_sentence(body);
    if title.is_empty() || title.chars().count() > 60 {
        return (None, body.to_string());
    }
    let rest = trim_text(body[title.len()..].trim_start_matches('。'));
    if rest.is_empty() {
        (Some(title), body.to_string())
    } else {
        (Some(title), rest.to_string())
    }
}

fn cell_owners(cells: &[(String, Option<OwnerRole>)]) -> OwnerClause {
    let mut all = OwnerClause::default();
    for (text, role) in cells {
        let mut clause = parse_owner_list(text);
        if let Some(role) = role {
            for owner in &mut clause.owners {
                if owner.role == OwnerRole::Responsible {
                    owner.role = *role;
                }
            }
        }
        all.owners.extend(clause.owners);
        all.doubtful.extend(clause.doubtful);
        all.note = all.note.or(clause.note);
    }
    // A 配合 column supports a lead: where the row's 牵头 cell is blank, its
    // owners are the ones responsible (`配合/责任单位` under an empty 牵头单位).
    if !all.owners.iter().any(|o| o.role == OwnerRole::Lead) {
        for owner in &mut all.owners {
            if owner.role == OwnerRole::Co {
                owner.role = OwnerRole::Responsible;
            }
        }
    }
    all
}

fn unbalanced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    // Byte by byte, over ideographs a character at a time: `（` is EF BC 88 and `）` EF BC 89.
    while let Some(&b) = bytes.get(i) {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            0xEF => match bytes.get(i + 1..i + 3) {
                Some([0xBC, 0x88]) => depth += 1,
                Some([0xBC, 0x89]) => depth -= 1,
                _ => {}
            },
            _ => {}
        }
        i += if (0xE0..=0xEF).contains(&b) { 3 } else { 1 };
        if depth < 0 {
            return true;
        }
    }
    depth != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_balance_in_either_width() {
        assert!(!unbalanced("推进（责任单位：县民政局)。(一)"));
        assert!(unbalanced("推进（责任单位：县民政局"));
        assert!(unbalanced("推进）（"));
        assert!(unbalanced("a)"));
        assert!(!unbalanced("无括号，＂全角＂"));
    }

    #[test]
    fn support_cells_need_a_lead() {
        let roles = |cells: &[(&str, Option<OwnerRole>)]| -> Vec<(String, OwnerRole)> {
            let cells: Vec<_> = cells.iter().map(|(t, r)| (t.to_string(), *r)).collect();
            cell_owners(&cells)
                .owners
                .into_iter()
                .map(|o| (o.name, o.role))
                .collect()
        };
        let with_lead = roles(&[
            ("区财政局", Some(OwnerRole::Lead)),
            ("区商务局", Some(OwnerRole::Co)),
        ]);
        assert_eq!(with_lead[1].1, OwnerRole::Co);
        // the 牵头 cell is blank: the 配合/责任 cell's owners are responsible
        let without = roles(&[
            ("", Some(OwnerRole::Lead)),
            ("区商务局、区数据局", Some(OwnerRole::Co)),
        ]);
        assert!(
            without.iter().all(|(_, r)| *r == OwnerRole::Responsible),
            "{without:?}"
        );
    }
}
