//! Inputs for the benches in `benches/stages.rs`: the repository's seeds and
//! fixtures, read once into memory, and a large text made from the seeds.
//!
//! [`inputs`] lists the files with a given extension; [`large_text`] repeats
//! every seed until the text reaches a size, so that a throughput in MB/s is
//! measured on more than one small file.
//!
//! ```
//! let seeds = policy_bench::inputs("seeds", &["txt"]);
//! assert!(!seeds.is_empty());
//! assert!(policy_bench::large_text(1 << 20).len() >= 1 << 20);
//! ```

use std::path::{Path, PathBuf};

/// One input file: its name (the extension is what the facade sees) and bytes.
#[derive(Debug)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The repository root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file directly in `dir` (relative to the repository root) whose
/// extension is one of `extensions`, sorted by name.
pub fn inputs(dir: &str, extensions: &[&str]) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return Vec::new();
    };
    let mut inputs: Vec<Input> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
        })
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let bytes = std::fs::read(&path).ok()?;
            Some(Input { name, bytes })
        })
        .collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    inputs
}

/// The seeds, one after the other, repeated until the text is at least
/// `min_bytes` long (UTF-8).
pub fn large_text(min_bytes: usize) -> String {
    let seeds: Vec<String> = inputs("seeds", &["txt"])
        .into_iter()
        .map(|input| String::from_utf8_lossy(&input.bytes).into_owned())
        .collect();
    let mut text = String::with_capacity(min_bytes + 64 * 1024);
    while text.len() < min_bytes && !seeds.is_empty() {
        for seed in &seeds {
            text.push_str(seed);
            text.push('\n');
        }
    }
    text
}
