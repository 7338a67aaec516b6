//! Helpers shared by the parse tests.

use policy_model::{Document, OwnerRole};

/// `number | path | title | owners` per task.
pub fn summary(doc: &Document) -> Vec<String> {
    doc.tasks
        .iter()
        .map(|t| {
            let owners: Vec<String> = t
                .owners
                .iter()
                .map(|o| match o.role {
                    OwnerRole::Lead => format!("{}+", o.name),
                    OwnerRole::Co => format!("{}~", o.name),
                    OwnerRole::Responsible => o.name.clone(),
                })
                .collect();
            format!(
                "{} | {} | {} | {}",
                t.number.as_deref().unwrap_or("-"),
                t.path.join(" > "),
                t.title.as_deref().unwrap_or("-"),
                owners.join("、")
            )
        })
        .collect()
}
