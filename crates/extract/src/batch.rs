//! Reading every input, in parallel, into one [`Outcome`] per input in input order
//! (the outcome and its error record are `policy-records`', shared with Python).

use std::collections::HashSet;
use std::io::Read;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use policy_kit::Options;
pub use policy_records::Outcome;
use rayon::prelude::*;

use crate::inputs::{Input, Origin};

/// How to run a batch.
#[derive(Debug)]
pub struct Settings {
    pub jobs: Option<usize>,
    /// Progress bar on standard error (when it is a terminal).
    pub progress: bool,
    pub limits: policy_kit::Limits,
    /// Keep each document's decoded text in its [`Outcome`].
    pub keep_text: bool,
}

/// Reads and extracts every input; a failure never stops the others.
pub fn run(inputs: &[Input], settings: &Settings) -> anyhow::Result<Vec<Outcome>> {
    let stdin = if inputs
        .iter()
        .any(|input| matches!(input.origin, Origin::Stdin))
    {
        // As for files, one byte past the input limit is enough to refuse it by name.
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(settings.limits.max_input_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        Some(bytes)
    } else {
        None
    };
    let progress = if settings.progress {
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {wide_msg}")
            .context("progress bar template")?;
        let bar = ProgressBar::new(inputs.len() as u64).with_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let options = Options {
        limits: settings.limits,
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = settings.jobs {
        pool = pool.num_threads(jobs);
    }
    let pool = pool.build().context("cannot start the worker threads")?;
    let outcomes = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let outcome = extract_one(input, stdin.as_deref(), &options, settings.keep_text);
                progress.inc(1);
                progress.set_message(input.display.clone());
                outcome
            })
            .collect()
    });
    progress.finish_and_clear();
    Ok(outcomes)
}

fn extract_one(input: &Input, stdin: Option<&[u8]>, options: &Options, keep_text: bool) -> Outcome {
    let path = input.display.clone();
    match &input.origin {
        Origin::Stdin => {
            policy_records::extract_bytes(stdin.unwrap_or_default(), &path, options, keep_text)
        }
        Origin::File(file) => policy_records::extract_file(file, path, options, keep_text),
        Origin::Unlisted(message) => Outcome::io_failure(path, message.clone()),
    }
}

/// The counts of the summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub tasks: usize,
    /// Distinct owner names across all documents.
    pub owners: usize,
    pub indicators: usize,
    pub warnings: usize,
    pub failures: usize,
}

impl Counts {
    pub fn of(outcomes: &[Outcome]) -> Counts {
        let mut counts = Counts::default();
        let mut owners = HashSet::new();
        for outcome in outcomes {
            match &outcome.result {
                Ok(document) => {
                    counts.documents += 1;
                    counts.tasks += document.tasks.len();
                    counts.indicators += document.indicators.len();
                    counts.warnings += document.warnings.len();
                    owners.extend(
                        document
                            .tasks
                            .iter()
                            .flat_map(|task| &task.owners)
                            .map(|owner| &owner.name),
                    );
                }
                Err(_) => counts.failures += 1,
            }
        }
        counts.owners = owners.len();
        counts
    }
}

/// One line on standard error per failed input, in input order.
pub fn report_failures(outcomes: &[Outcome]) {
    for outcome in outcomes {
        if let Err(failure) = &outcome.result {
            eprintln!(
                "policy-extract: {}: {} ({})",
                outcome.path, failure.message, failure.kind
            );
        }
    }
}
