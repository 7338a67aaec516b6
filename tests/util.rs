use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository root, with `/` separators: stable in snapshots.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Extracts one file through the facade, as the binary does.
pub fn extract(path: &Path) -> Result<policy_kit::Document, policy_kit::Error> {
    let bytes = std::fs::read(path).expect("test files are readable");
    policy_kit::extract(&bytes, &relative(path), &policy_kit::Options::default())
}

/// An error with its causes, as the extractor prints it: `cannot read PDF: the PDF has no text layer …`.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}
