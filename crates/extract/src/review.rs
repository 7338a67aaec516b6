//! `policy-extract review`: the review page of every input (`policy_review`).

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use policy_review::Entry;

use crate::batch::Outcome;

/// Writes the page to `output`, or to standard output.
pub fn write(outcomes: &[Outcome], output: Option<&Path>) -> anyhow::Result<()> {
    let entries: Vec<Entry> = outcomes
        .iter()
        .map(|outcome| match (&outcome.result, &outcome.decoded) {
            (Ok(document), Some(decoded)) => Entry::Read { document, decoded },
            (Ok(_), None) => Entry::Failed {
                path: &outcome.path,
                kind: "internal",
                message: "the decoded text was not kept",
            },
            (Err(failure), _) => Entry::Failed {
                path: &outcome.path,
                kind: &failure.kind,
                message: &failure.message,
            },
        })
        .collect();
    let html = policy_review::render(&entries);
    match output {
        Some(path) => {
            std::fs::write(path, html).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes())?;
            Ok(out.flush()?)
        }
    }
}
