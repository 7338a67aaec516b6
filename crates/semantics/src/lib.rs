//! Policy meaning in text: targets, indicators, deadlines and document metadata.
//!
//! Pure functions over text and [`policy_blocks`] types that return
//! [`policy_model`] types; the parser calls them once it has found sections,
//! items and owners.
//!
//! - [`targets`]: quantitative commitments in a task's text → [`Targets`]
//!   (`不低于1000人` → `>=` 1000 人), with doubts for what stays raw.
//! - [`indicators_from_table`] / [`indicators_from_flat_table`] / [`indicators_from_goals`]: a 专栏 indicator
//!   table or a 工作目标 paragraph → [`Indicator`](policy_model::Indicator)s.
//! - [`prose_deadline`] / [`deadline_cell`]: a deadline in running text or a
//!   完成时限 cell → [`Deadline`](policy_model::Deadline).
//! - [`meta`]: title, 文号, date, issuers, region and genre from the leading blocks
//!   → [`Meta`](policy_model::Meta); [`doc_year`] gives the year `年底前` means.
//!
//! Everything is tolerant of full- and half-width punctuation.
//!
//! ```
//! use policy_model::{Comparator, DeadlineKind};
//! use policy_semantics::{deadline_cell, targets};
//!
//! let found = targets("到2025年末，社区工作者不低于25人，覆盖率达到１００％。", None);
//! let got: Vec<_> = found.targets.iter().map(|t| (t.comparator, t.value, t.unit.as_deref(), t.year)).collect();
//! assert_eq!(got, [
//!     (Some(Comparator::AtLeast), Some(25.0), Some("人"), Some(2025)),
//!     (Some(Comparator::Equal), Some(100.0), Some("%"), Some(2025)),
//! ]);
//! let d = deadline_cell("2024年6月底前").unwrap();
//! assert_eq!((d.kind, d.year, d.month), (DeadlineKind::By, Some(2024), Some(6)));
//! ```

mod deadline;
mod fold;
mod indicators;
mod meta;
mod quantity;
mod targets;

pub use deadline::{deadline_cell, deadline_cell_in, prose_deadline, prose_deadline_in};
pub use indicators::{indicators_from_flat_table, indicators_from_goals, indicators_from_table};
pub use meta::{doc_year, frame, meta};
pub use targets::{Targets, targets};
