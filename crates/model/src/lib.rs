//! The normalized model of one policy document: what the extractor prints.
//!
//! [`Document`] is the root. It carries the [`Source`] it came from, document
//! [`Meta`] (title, 文号, date, issuers), the [`Task`]s (what must be done, by
//! whom — [`Owner`] — by when — [`Deadline`] — and how much — [`Target`]), the
//! [`Indicator`]s of 专栏 tables and target lists, and [`Warning`]s where the
//! document is ambiguous. Field names follow `docs/output-contract.md`
//! (`schema_version` "1") and must not be renamed.
//!
//! This crate does no IO and no parsing: it is plain serde data.
//!
//! ```
//! use policy_model::{Document, Source, SourceFormat};
//!
//! let doc = Document::new(Source::new("plan.txt", SourceFormat::Text));
//! let json = serde_json::to_string(&doc).unwrap();
//! assert!(json.starts_with(r#"{"schema_version":"1""#));
//! ```

mod document;

pub use document::{
    Comparator, Deadline, DeadlineKind, Document, Genre, Indicator, Meta, Owner, OwnerRole,
    Quantity, SCHEMA_VERSION, Source, SourceFormat, Span, Target, Task, TaskBox, Warning,
    WarningCode,
};
