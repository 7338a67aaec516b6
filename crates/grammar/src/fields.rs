//! Labelled fields after an item, written run together or on lines of their
//! own (`1.新建城市书房20家。 牵头领导：赵某 责任单位：市文广旅游局 配合单位：
//! 市财政局 实际完成情况：已建成12家。`): where each field starts, what its label
//! says it holds, and the owners of the item they name.
//!
//! A field starts at a short label and its colon after white space, a line
//! break or a sentence end; it runs to the next field. The label says what the
//! value is by its last words: owners (`…单位`, `…部门`), a person (`…领导`,
//! `…责任人`), a report on progress (`…完成情况`), a deadline (`完成时限`).

use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon;
use crate::owners::{OwnerClause, parse_owner_list};

/// What a field's label says its value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Organisations (`责任单位：`, `配合单位：`, `部门分工：`).
    Owners,
    /// A person or a post (`牵头领导：`, `项目责任人：`): never an owner.
    Person,
    /// A report on what was done (`实际完成情况：`): not the item's text.
    Report,
    /// A deadline (`完成时限：`).
    Deadline,
    /// Anything else (`监督方式：`).
    Other,
}

/// One labelled field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub label: &'a str,
    pub value: &'a str,
    /// Byte offset of the label in the text.
    pub start: usize,
    pub kind: FieldKind,
}

/// The labelled fields closing `text`, when at least one names owners: the
/// byte offset where the first starts (the item's own text ends there) and the
/// fields in order.
pub fn trailing_fields(text: &str) -> Option<(usize, Vec<Field<'_>>)> {
    let fields = fields(text);
    let first = fields.first()?.start;
    fields
        .iter()
        .any(|f| f.kind == FieldKind::Owners && !f.value.is_empty())
        .then_some((first, fields))
}

/// Every labelled field of `text`, in order.
fn fields(text: &str) -> Vec<Field<'_>> {
    // Most texts hold no label at all: no colon, nothing to scan.
    if !text.contains(['：', ':']) {
        return Vec::new();
    }
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s\u{3000}。；;])(\p{Han}{2,8})[ \u{3000}]*[：:]").expect("static regex")
    });
    let starts: Vec<(usize, &str, usize)> = LABEL
        .captures_iter(text)
        .filter_map(|c| {
            let label = c.get(1)?;
            let whole = c.get(0)?;
            // A label inside brackets belongs to a bracketed clause, not a field.
            let before = &text[..label.start()];
            let open = before.matches(['（', '(']).count();
            let closed = before.matches(['）', ')']).count();
            if open > closed {
                return None;
            }
            kind_of(label.as_str()).map(|_| (label.start(), label.as_str(), whole.end()))
        })
        .collect();
    let mut fields = Vec::with_capacity(starts.len());
    for (k, &(start, label, value_at)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |next| next.0);
        let value = text[value_at..end]
            .trim_matches(|c: char| c.is_whitespace() || "\u{3000}。；;，,".contains(c));
        let Some(kind) = kind_of(label) else {
            continue;
        };
        fields.push(Field {
            label,
            value,
            start,
            kind,
        });
    }
    fields
}

/// Where the fields that close `text` start when every one names a person or
/// reports progress (`…。分管县领导：张某`, `…。实际完成情况：已开工`): neither is
/// the item's own text.
pub fn trailing_people_and_reports(text: &str) -> Option<usize> {
    let fields = fields(text);
    let first = fields
        .iter()
        .rposition(|f| !matches!(f.kind, FieldKind::Person | FieldKind::Report))
        .map_or(0, |last_other| last_other + 1);
    fields.get(first).map(|f| f.start)
}

/// The owners the fields name, each with the role its label gives.
pub fn field_owners(fields: &[Field<'_>]) -> OwnerClause {
    let mut clause = OwnerClause::default();
    for field in fields.iter().filter(|f| f.kind == FieldKind::Owners) {
        if field.value.is_empty() {
            continue;
        }
        let part = parse_owner_list(&format!("{}：{}", field.label, field.value));
        clause.owners.extend(part.owners);
        clause.doubtful.extend(part.doubtful);
        clause.note = clause.note.or(part.note);
        clause.deadline = clause.deadline.or(part.deadline);
    }
    if let Some(deadline) = fields.iter().find(|f| f.kind == FieldKind::Deadline) {
        clause.deadline = clause
            .deadline
            .or_else(|| (!deadline.value.is_empty()).then(|| deadline.value.to_string()));
    }
    clause
}

/// What a label names, by its last words; `None` for words that are no label.
fn kind_of(label: &str) -> Option<FieldKind> {
    let ends = |words: &[&str]| words.iter().any(|w| label.ends_with(w));
    if lexicon::HEADER_DEADLINE.contains(&label) {
        Some(FieldKind::Deadline)
    } else if ends(lexicon::PERSON_LABEL_ENDINGS) {
        Some(FieldKind::Person)
    } else if ends(lexicon::REPORT_LABEL_ENDINGS) {
        Some(FieldKind::Report)
    } else if ends(lexicon::LABEL_BODIES)
        || ends(lexicon::OFFICE_LABEL_ENDINGS)
        || lexicon::LABEL_LEAD
            .iter()
            .chain(lexicon::LABEL_CO)
            .chain(lexicon::LABEL_RESPONSIBLE)
            .any(|l| *l == label)
    {
        Some(FieldKind::Owners)
    } else if ends(lexicon::LINE_LABEL_ENDINGS) {
        Some(FieldKind::Other)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owners(text: &str) -> Option<(String, String)> {
        let (at, fields) = trailing_fields(text)?;
        let clause = field_owners(&fields);
        let names = clause
            .owners
            .iter()
            .map(|o| format!("{}{:?}", o.name, o.role))
            .collect::<Vec<_>>()
            .join("|");
        Some((text[..at].trim().to_string(), names))
    }

    #[test]
    fn fields_run_together_after_an_item() {
        assert_eq!(
            owners(
                "新建城市书房20家。 牵头领导：赵某 责任单位：市文广旅游局 项目责任人：钱某 配合单位：市财政局、各区政府 实际完成情况：已建成12家，中心城区全覆盖。"
            ),
            Some((
                "新建城市书房20家。".to_string(),
                "市文广旅游局Responsible|市财政局Co|各区政府Co".to_string()
            ))
        );
    }

    #[test]
    fn fields_on_lines_of_their_own() {
        assert_eq!(
            owners("建设养老服务中心3个。\n分管领导：王某\n牵头单位：县民政局\n完成时限：2024年底"),
            Some((
                "建设养老服务中心3个。".to_string(),
                "县民政局Lead".to_string()
            ))
        );
    }

    #[test]
    fn people_and_reports_closing_a_text() {
        let at = |t: &str| trailing_people_and_reports(t).map(|i| t[..i].trim().to_string());
        assert_eq!(at("分管县领导：张某；").as_deref(), Some(""));
        assert_eq!(
            at("新建厂房。 牵头领导：赵某 实际完成情况：已开工。").as_deref(),
            Some("新建厂房。")
        );
        // an owner field after them keeps them: they are not what closes the text
        assert_eq!(at("新建厂房。 牵头领导：赵某 责任单位：县工信局"), None);
        assert_eq!(at("新建厂房。"), None);
    }

    #[test]
    fn no_owner_field_no_fields() {
        // people and reports alone name no owner
        assert_eq!(
            owners("改造老旧小区。 牵头领导：孙某 实际完成情况：已开工38个。"),
            None
        );
        // a colon inside a sentence is no field
        assert_eq!(owners("主要目标：到2025年，建成服务站10个。"), None);
        // labels inside a bracket are a clause's, even one the text leaves open
        assert_eq!(
            owners("增长7%（预期性指标，牵头单位：市发改委；责任单位：各县"),
            None
        );
    }
}
