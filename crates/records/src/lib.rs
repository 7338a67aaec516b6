//! policy-records: what a batch of inputs becomes, shared by the
//! `policy-extract` binary and the Python package so that both write the same
//! records and the same tables.
//!
//! [`extract_file`] and [`extract_bytes`] turn one input into an [`Outcome`]:
//! a [`Document`](policy_kit::Document), or a [`Failure`] that serializes as
//! the error record `{"source": {"path", "format"?}, "error": {"kind",
//! "message"}}`. With `keep_text` the outcome also keeps the decoded text the
//! document's spans point into ([`Outcome::decoded`], for the review page).
//! [`build_tables`] turns outcomes into the four [`Table`]s an
//! analyst filters (tasks, owners, indicators, errors): their column names are
//! defined here once, for the CSV and XLSX of the CLI and the data frames of
//! Python alike.
//!
//! ```
//! let options = policy_kit::Options::default();
//! let outcome = policy_records::extract_bytes(
//!     "一、工作任务\n1.建设社区服务中心。（责任单位：县民政局）\n".as_bytes(),
//!     "plan.txt",
//!     &options,
//!     false,
//! );
//! let [tasks, owners, _indicators, errors] = policy_records::build_tables(&[outcome]);
//! assert_eq!(tasks.rows.len(), 1);
//! assert_eq!(owners.header, policy_records::OWNERS_HEADER);
//! assert!(errors.rows.is_empty());
//! ```

mod outcome;
mod tables;

pub use outcome::{Failure, Outcome, error_chain, extract_bytes, extract_file, read_bounded};
pub use tables::{
    Column, ColumnKind, ERRORS_HEADER, INDICATORS_HEADER, OWNERS_HEADER, TASKS_HEADER, Table,
    Value, build_tables,
};
