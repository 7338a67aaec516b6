//! Reading every input, in parallel, into one [`Outcome`] per input in input order.

use std::collections::HashSet;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use policy_kit::{Decoded, Document, Options, SourceFormat};
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::inputs::{Input, Origin};

/// What became of one input: a document, or why there is none.
#[derive(Debug)]
pub struct Outcome {
    pub path: String,
    pub result: Result<Document, Failure>,
    /// The decoded text and blocks the document's spans point into, when
    /// [`Settings::keep_text`] asked for them (the review page).
    pub decoded: Option<Decoded>,
}

/// Why an input yielded no document.
#[derive(Debug)]
pub struct Failure {
    /// The format, when it could be told.
    pub format: Option<SourceFormat>,
    /// `io`, `panic`, or [`policy_kit::Error::kind`].
    pub kind: &'static str,
    pub message: String,
}

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

/// Reads at most one byte past `max` bytes: a file over the input limit is
/// refused by the limit (which names it) without being read whole.
///
/// The buffer is sized from the file's length up front (a growing `Vec` would
/// pass through twice the file's size).
pub fn read_bounded(file: &std::path::Path, max: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(file)?;
    let cap = max.saturating_add(1);
    let expected = file.metadata().map_or(0, |m| m.len()).min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn extract_one(input: &Input, stdin: Option<&[u8]>, options: &Options, keep_text: bool) -> Outcome {
    let path = input.display.clone();
    let bytes = match &input.origin {
        Origin::Stdin => Ok(stdin.unwrap_or_default().to_vec()),
        Origin::File(file) => read_bounded(file, options.limits.max_input_bytes)
            .map_err(|err| format!("cannot read the file: {err}")),
        Origin::Unlisted(message) => Err(message.clone()),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            return Outcome {
                path,
                result: Err(Failure {
                    format: None,
                    kind: "io",
                    message,
                }),
                decoded: None,
            };
        }
    };
    let format = policy_kit::detect_format(&bytes, &path).ok();
    // A bug in a reader or the parser costs one document, not the batch.
    let mut decoded = None;
    let result = match catch_unwind(AssertUnwindSafe(|| {
        if keep_text {
            policy_kit::extract_with_text(&bytes, &path, options)
                .map(|(document, text)| (document, Some(text)))
        } else {
            policy_kit::extract(&bytes, &path, options).map(|document| (document, None))
        }
    })) {
        Ok(Ok((document, text))) => {
            decoded = text;
            Ok(document)
        }
        Ok(Err(err)) => Err(Failure {
            format,
            kind: err.kind(),
            message: error_chain(&err),
        }),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Failure {
                format,
                kind: "panic",
                message: format!("the extractor panicked: {message}"),
            })
        }
    };
    Outcome {
        path,
        result,
        decoded,
    }
}

/// The error and its causes, `: `-joined like anyhow's `{:#}`.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// A document as itself; a failure as `{"source": {"path", "format"?}, "error": {"kind", "message"}}`.
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.result {
            Ok(document) => document.serialize(serializer),
            Err(failure) => {
                let mut record = serializer.serialize_struct("ErrorRecord", 2)?;
                record.serialize_field(
                    "source",
                    &ErrorSource {
                        path: &self.path,
                        format: failure.format,
                    },
                )?;
                record.serialize_field(
                    "error",
                    &ErrorBody {
                        kind: failure.kind,
                        message: &failure.message,
                    },
                )?;
                record.end()
            }
        }
    }
}

#[derive(serde::Serialize)]
struct ErrorSource<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<SourceFormat>,
}

#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
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

#[cfg(test)]
mod tests {
    use super::{Failure, Outcome};

    #[test]
    fn error_record_shape() {
        let outcome = Outcome {
            path: "a.doc".into(),
            result: Err(Failure {
                format: None,
                kind: "unsupported_format",
                message: "no".into(),
            }),
            decoded: None,
        };
        let json = serde_json::to_string(&outcome).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"source":{"path":"a.doc"},"error":{"kind":"unsupported_format","message":"no"}}"#
        );
    }
}
