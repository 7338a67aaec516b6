//! The workspace's end-to-end tests: every seed and fixture through the
//! facade, snapshotted, and scored against the hand-checked gold files.

mod doc;
mod gold;
mod hostile;
mod snapshots;
mod util;
