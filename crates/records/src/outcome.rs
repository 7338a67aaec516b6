//! One input's outcome, and the error record a failure is written as.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use policy_kit::{Decoded, Document, Options, SourceFormat};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

/// What became of one input: a document, or why there is none.
#[derive(Debug)]
pub struct Outcome {
    /// The path as reported: the document's `source.path`, or the error record's.
    pub path: String,
    pub result: Result<Document, Failure>,
    /// The decoded text and blocks the document's spans point into, when the
    /// extraction was asked to keep them (`keep_text`, for the review page);
    /// never read back from a record.
    pub decoded: Option<Decoded>,
}

/// Why an input yielded no document.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The format, when it could be told.
    pub format: Option<SourceFormat>,
    /// `io`, `panic`, or [`policy_kit::Error::kind`].
    pub kind: String,
    pub message: String,
}

impl Outcome {
    /// An input whose bytes could not be had (kind `io`).
    pub fn io_failure(path: String, message: String) -> Outcome {
        Outcome {
            path,
            result: Err(Failure {
                format: None,
                kind: "io".to_string(),
                message,
            }),
            decoded: None,
        }
    }
}

/// Reads the file at `file` (at most one byte past the input limit) and
/// extracts it, reported as `path`. A file that cannot be read is an `io`
/// failure; nothing here panics or returns early for the batch. With
/// `keep_text`, the outcome keeps the decoded text ([`Outcome::decoded`]).
pub fn extract_file(file: &Path, path: String, options: &Options, keep_text: bool) -> Outcome {
    match read_bounded(file, options.limits.max_input_bytes) {
        Ok(bytes) => extract_bytes(&bytes, &path, options, keep_text),
        Err(err) => Outcome::io_failure(path, format!("cannot read the file: {err}")),
    }
}

/// Extracts `bytes` reported as `path` (which also hints the format). A panic
/// in a reader or the parser costs this document, not the batch: it becomes a
/// failure of kind `panic`. With `keep_text`, the outcome keeps the decoded
/// text ([`Outcome::decoded`]).
pub fn extract_bytes(bytes: &[u8], path: &str, options: &Options, keep_text: bool) -> Outcome {
    let format = policy_kit::detect_format(bytes, path).ok();
    let mut decoded = None;
    let result = match catch_unwind(AssertUnwindSafe(|| {
        policy_kit::extract_with_text(bytes, path, options)
    })) {
        Ok(Ok((document, text))) => {
            decoded = keep_text.then_some(text);
            Ok(document)
        }
        Ok(Err(err)) => Err(Failure {
            format,
            kind: err.kind().to_string(),
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
                kind: "panic".to_string(),
                message: format!("the extractor panicked: {message}"),
            })
        }
    };
    Outcome {
        path: path.to_string(),
        result,
        decoded,
    }
}

/// Reads at most one byte past `max` bytes: a file over the input limit is
/// refused by the limit (which names it) without being read whole.
///
/// The buffer is sized from the file's length up front (a growing `Vec` would
/// pass through twice the file's size).
pub fn read_bounded(file: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(file)?;
    let cap = max.saturating_add(1);
    let expected = file.metadata().map_or(0, |m| m.len()).min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The error and its causes, `: `-joined like anyhow's `{:#}`.
pub fn error_chain(err: &dyn std::error::Error) -> String {
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
                        path: self.path.clone(),
                        format: failure.format,
                    },
                )?;
                record.serialize_field(
                    "error",
                    &ErrorBody {
                        kind: failure.kind.clone(),
                        message: failure.message.clone(),
                    },
                )?;
                record.end()
            }
        }
    }
}

/// Reads back what [`Outcome`] serializes to: an error record (it has an
/// `error` member) or a document. Python hands its dicts back this way.
impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Outcome, D::Error> {
        // An error record is tried first: a document has no `error` member, so
        // it can never be taken for one.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Record {
            Failure(ErrorRecord),
            Document(Box<Document>),
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ErrorRecord {
            source: ErrorSource,
            error: ErrorBody,
        }
        Ok(match Record::deserialize(deserializer)? {
            Record::Failure(record) => Outcome {
                path: record.source.path,
                result: Err(Failure {
                    format: record.source.format,
                    kind: record.error.kind,
                    message: record.error.message,
                }),
                decoded: None,
            },
            Record::Document(document) => Outcome {
                path: document.source.path.clone(),
                result: Ok(*document),
                decoded: None,
            },
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorSource {
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<SourceFormat>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorBody {
    kind: String,
    message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_record_shape() {
        let outcome = Outcome {
            path: "a.doc".into(),
            result: Err(Failure {
                format: None,
                kind: "unsupported_format".into(),
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

    #[test]
    fn records_read_back_as_they_were() {
        let options = Options::default();
        let outcomes = [
            extract_bytes(
                "一、工作任务\n1.建设社区服务中心。（责任单位：县民政局）\n".as_bytes(),
                "plan.txt",
                &options,
                false,
            ),
            extract_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                "old.doc",
                &options,
                false,
            ),
            Outcome::io_failure("gone.txt".into(), "cannot read the file".into()),
        ];
        for outcome in &outcomes {
            let json = serde_json::to_string(outcome).expect("serializes");
            let back: Outcome = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back.path, outcome.path);
            assert_eq!(back.result.is_ok(), outcome.result.is_ok(), "{json}");
            assert_eq!(serde_json::to_string(&back).expect("serializes"), json);
        }
        assert!(outcomes[1].result.is_err());
    }

    #[test]
    fn a_missing_file_is_an_io_failure() {
        let outcome = extract_file(
            Path::new("/nonexistent/policy/plan.txt"),
            "plan.txt".into(),
            &Options::default(),
            false,
        );
        let failure = outcome.result.expect_err("no such file");
        assert_eq!(failure.kind, "io");
        assert!(failure.message.starts_with("cannot read the file"));
    }
}
