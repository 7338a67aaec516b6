//! Small grammars of Chinese policy documents, each a `nom` parser with its
//! own unit tests, all tolerant of full- and half-width punctuation.
//!
//! - [`numbering`]: item enumerators (`一、` `（一）` `1.` `（1）` `①` `第一章`) → [`Enumerator`].
//! - [`owners`]: owner clauses (`（责任单位：A、B）`, `(A、B等按职责分工负责)`,
//!   `（牵头单位：A；配合单位：B）`, `A牵头，B配合`, an owner cell) → [`OwnerClause`]
//!   with each organisation normalised (elided level prefixes restored, a shared
//!   `各` distributed, trailing `等按职责分工负责` removed).
//! - [`fields`]: labelled fields after an item (`牵头领导：… 责任单位：… 实际完成情况：…`).
//! - [`chars`]: width folding and the character classes the others share.
//!
//! ```
//! use policy_grammar::{numbering::enumerator, owners::parse_owner_list};
//!
//! let (e, rest) = enumerator("（三）强化兜底民生服务").unwrap();
//! assert_eq!((e.number.as_str(), rest), ("（三）", "强化兜底民生服务"));
//! let clause = parse_owner_list("州民政局、住建局，各乡镇、街道等按职责分工负责");
//! let names: Vec<_> = clause.owners.iter().map(|o| o.name.as_str()).collect();
//! assert_eq!(names, ["州民政局", "州住建局", "各乡镇", "各街道"]);
//! ```

pub mod chars;
pub mod fields;
pub mod lexicon;
pub mod numbering;
pub mod owners;
pub mod subjects;

pub use numbering::{EnumKind, Enumerator};
pub use owners::{OwnerClause, ParsedOwner};
