//! policy-kit: Chinese government policy documents into tasks, owners,
//! deadlines, targets and indicators.
//!
//! One call, [`extract`], goes from the bytes of a document (DOCX, PDF, text
//! in any Chinese encoding, HTML, Word 97-2003 `.doc`, converter Markdown) to one normalized
//! [`Document`]. Underneath, data flows one way:
//! bytes → a reader ([`decode`]) → [`Decoded`] blocks → [`policy_parse::parse`]
//! → [`Document`].
//!
//! ```
//! let bytes = "一、工作任务\n1.建设社区服务中心。（责任单位：县民政局、住建局）\n".as_bytes();
//! let doc = policy_kit::extract(bytes, "plan.txt", &policy_kit::Options::default()).unwrap();
//! assert_eq!(doc.tasks[0].owners[1].name, "县住建局");
//! ```

mod detect;

pub use detect::detect_format;
pub use policy_blocks::{Block, BlockKind, Decoded, Limit, LimitExceeded, Limits, Note};
pub use policy_model::*;

use sha2::{Digest, Sha256};

/// How to read documents.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub limits: Limits,
}

/// Why a document could not be read. Parsing never fails: an odd document
/// still yields a [`Document`] with warnings.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read text")]
    Text(#[from] policy_text::Error),
    #[error("cannot read DOCX")]
    Docx(#[from] policy_docx::Error),
    #[error("cannot read Word 97-2003 document")]
    Doc(#[from] policy_doc::Error),
    #[error("cannot read HTML")]
    Html(#[from] policy_html::Error),
    #[error("cannot read PDF")]
    Pdf(#[from] policy_pdf::Error),
    #[error("unsupported format: {what}; {hint}")]
    Unsupported {
        what: &'static str,
        hint: &'static str,
    },
    #[error("cannot detect the format of {path}")]
    UnknownFormat { path: String },
    #[error(transparent)]
    Limit(#[from] policy_blocks::LimitExceeded),
    #[error("the {reader} reader failed unexpectedly: {message}")]
    ReaderPanic {
        reader: &'static str,
        message: String,
    },
}

impl Error {
    /// A short stable name for the kind of failure, for error records. A
    /// limit is `limit_exceeded` whichever reader hit it.
    pub fn kind(&self) -> &'static str {
        if self.limit_exceeded().is_some() {
            return "limit_exceeded";
        }
        match self {
            Error::Text(_) => "text",
            Error::Docx(_) => "docx",
            Error::Doc(_) => "doc",
            Error::Html(_) => "html",
            Error::Pdf(_) => "pdf",
            Error::Unsupported { .. } => "unsupported_format",
            Error::UnknownFormat { .. } => "unknown_format",
            Error::Limit(_) => "limit_exceeded",
            Error::ReaderPanic { .. } => "reader_panic",
        }
    }
}

impl Error {
    /// The limit this error reports, whether the facade or a reader hit it
    /// (a reader wraps it in its own error).
    pub fn limit_exceeded(&self) -> Option<&LimitExceeded> {
        match self {
            Error::Limit(hit)
            | Error::Text(policy_text::Error::Limit(hit))
            | Error::Docx(policy_docx::Error::Limit(hit))
            | Error::Doc(policy_doc::Error::Limit(hit))
            | Error::Html(policy_html::Error::Limit(hit))
            | Error::Pdf(policy_pdf::Error::Limit(hit)) => Some(hit),
            _ => None,
        }
    }
}

/// Reads `bytes` into blocks with the reader its format calls for.
pub fn decode(bytes: &[u8], path: &str, options: &Options) -> Result<Decoded, Error> {
    Limits::check(
        Limit::InputBytes,
        options.limits.max_input_bytes,
        bytes.len() as u64,
    )?;
    let format = detect_format(bytes, path)?;
    let limits = &options.limits;
    let decoded = match format {
        SourceFormat::Text => isolate("text", || Ok(policy_text::read(bytes, limits)?)),
        SourceFormat::Markdown => isolate("markdown", || {
            Ok(policy_text::read_markdown(bytes, limits)?)
        }),
        SourceFormat::Html => isolate("html", || Ok(policy_html::read(bytes, limits)?)),
        SourceFormat::Docx => isolate("docx", || Ok(policy_docx::read(bytes, limits)?)),
        SourceFormat::Doc => isolate("doc", || Ok(policy_doc::read(bytes, limits)?)),
        SourceFormat::Pdf => isolate("pdf", || Ok(policy_pdf::read(bytes, limits)?)),
    }?;
    // The text reader refuses before splitting; the others are bounded by
    // their own limits while reading, and checked here before parsing.
    Limits::check(
        Limit::TextBytes,
        limits.max_text_bytes,
        decoded.text.len() as u64,
    )?;
    Ok(decoded)
}

/// Runs a reader so that a panic inside it (ours or a library's) becomes an
/// error instead of taking the process down.
fn isolate(
    reader: &'static str,
    read: impl FnOnce() -> Result<Decoded, Error>,
) -> Result<Decoded, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(Error::ReaderPanic { reader, message })
    })
}

/// Reads and parses one document.
pub fn extract(bytes: &[u8], path: &str, options: &Options) -> Result<Document, Error> {
    extract_with_text(bytes, path, options).map(|(document, _)| document)
}

/// Reads and parses one document, and keeps what the reader decoded: the
/// text every span points into, its blocks and the reader's notes (for a view
/// that shows facts in place, such as the review page).
pub fn extract_with_text(
    bytes: &[u8],
    path: &str,
    options: &Options,
) -> Result<(Document, Decoded), Error> {
    let decoded = decode(bytes, path, options)?;
    let mut source = Source::new(path, decoded.format.unwrap_or(SourceFormat::Text));
    source.encoding = decoded.encoding.clone();
    source.sha256 = Some(hex(&Sha256::digest(bytes)));
    let document = policy_parse::parse(&decoded, source);
    Ok((document, decoded))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
