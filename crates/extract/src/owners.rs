//! `policy-extract owners`: per owner, the tasks it leads and supports.

use std::collections::HashMap;
use std::io::Write;

use policy_kit::OwnerRole;
use serde::Serialize;

use crate::batch::Outcome;

/// One owner and its tasks across all inputs.
#[derive(Debug, Serialize)]
pub struct OwnerTasks<'a> {
    pub name: &'a str,
    /// Tasks it leads (牵头).
    pub leads: Vec<TaskRef<'a>>,
    /// Tasks it supports (配合).
    pub supports: Vec<TaskRef<'a>>,
    /// Tasks where the document draws no line between owners.
    pub responsible: Vec<TaskRef<'a>>,
}

/// Where a task is.
#[derive(Debug, Serialize)]
pub struct TaskRef<'a> {
    pub file: &'a str,
    pub id: &'a str,
    pub number: Option<&'a str>,
    pub title: String,
}

impl OwnerTasks<'_> {
    fn n_tasks(&self) -> usize {
        self.leads.len() + self.supports.len() + self.responsible.len()
    }
}

/// Owners with the most tasks first; ties in order of first appearance.
pub fn collect(outcomes: &[Outcome]) -> Vec<OwnerTasks<'_>> {
    let mut owners: Vec<OwnerTasks> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for outcome in outcomes {
        let Ok(document) = &outcome.result else {
            continue;
        };
        for task in &document.tasks {
            for owner in &task.owners {
                let idx = *index.entry(owner.name.as_str()).or_insert_with(|| {
                    owners.push(OwnerTasks {
                        name: &owner.name,
                        leads: Vec::new(),
                        supports: Vec::new(),
                        responsible: Vec::new(),
                    });
                    owners.len() - 1
                });
                let task_ref = TaskRef {
                    file: &outcome.path,
                    id: &task.id,
                    number: task.number.as_deref(),
                    title: task
                        .title
                        .clone()
                        .unwrap_or_else(|| task.text.chars().take(40).collect()),
                };
                if let Some(entry) = owners.get_mut(idx) {
                    match owner.role {
                        OwnerRole::Lead => entry.leads.push(task_ref),
                        OwnerRole::Co => entry.supports.push(task_ref),
                        OwnerRole::Responsible => entry.responsible.push(task_ref),
                    }
                }
            }
        }
    }
    // A stable sort keeps first appearance among equals.
    owners.sort_by_key(|owner| std::cmp::Reverse(owner.n_tasks()));
    owners
}

/// The text table: a line per owner, then an indented line per task.
pub fn write_text(owners: &[OwnerTasks], out: &mut impl Write) -> std::io::Result<()> {
    for owner in owners {
        writeln!(
            out,
            "{}  leads {}, supports {}, responsible {}",
            owner.name,
            owner.leads.len(),
            owner.supports.len(),
            owner.responsible.len()
        )?;
        let groups = [
            ("lead", &owner.leads),
            ("support", &owner.supports),
            ("responsible", &owner.responsible),
        ];
        for (role, tasks) in groups {
            for task in tasks {
                let number = task.number.unwrap_or("-");
                writeln!(
                    out,
                    "  {role:<11}  {}  {}  {number}  {}",
                    task.file, task.id, task.title
                )?;
            }
        }
    }
    Ok(())
}
