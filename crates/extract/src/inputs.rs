//! From the paths on the command line to the list of inputs, in order.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One document to read.
#[derive(Debug)]
pub struct Input {
    /// The path as reported in the output: as typed, or joined under a folder as typed.
    pub display: String,
    pub origin: Origin,
}

/// Where an input's bytes come from.
#[derive(Debug)]
pub enum Origin {
    Stdin,
    File(PathBuf),
    /// A folder entry that could not even be listed: it becomes an error record.
    Unlisted(String),
}

/// Extensions of the documents a folder search picks up.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "docx", "pdf", "doc", "wps",
];

/// The inputs named by `paths`, in order: folders expanded recursively (sorted by
/// name), `-` as standard input reported as `stdin_name`.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let display = stdin_name.unwrap_or("<stdin>").to_string();
            inputs.push(Input {
                display,
                origin: Origin::Stdin,
            });
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else {
            inputs.push(Input {
                display: path.display().to_string(),
                origin: Origin::File(path.clone()),
            });
        }
    }
    inputs
}

/// Whether the arguments name exactly one file (not a folder): then the output is one document.
pub fn is_single_file(paths: &[PathBuf]) -> bool {
    match paths {
        [path] => path.as_os_str() == "-" || !path.is_dir(),
        _ => false,
    }
}

fn walk(root: &Path, inputs: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_document(entry.path()) => {
                let path = entry.into_path();
                inputs.push(Input {
                    display: path.display().to_string(),
                    origin: Origin::File(path),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let display = err.path().unwrap_or(root).display().to_string();
                inputs.push(Input {
                    display,
                    origin: Origin::Unlisted(err.to_string()),
                });
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Whether a file found in a folder is worth reading: a document extension, or
/// no recognisable extension and content that looks like a document.
fn is_document(path: &Path) -> bool {
    if is_project_file(path) {
        return false;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext {
        Some(ext) if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) => true,
        // `.png`, `.json`, `.xlsx`, …: an extension of some other kind of file.
        Some(ext) if is_plain_extension(&ext) => false,
        // No extension, or a "extension" that is really part of a title (`通知（2023.6）`).
        _ => sniff(path),
    }
}

/// `README.md`, `LICENSE.txt` and the like describe a folder; they are not policy documents.
fn is_project_file(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "license",
        "licence",
        "changelog",
        "copying",
        "authors",
        "contributing",
    ];
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    NAMES.contains(&stem.as_str())
}

fn is_plain_extension(ext: &str) -> bool {
    (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Looks at the first bytes of a file without a useful extension.
fn sniff(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let Ok(file) = File::open(path) else {
        return true;
    }; // let the reader report it
    if file.take(4096).read_to_end(&mut head).is_err() {
        return true;
    }
    looks_like_document(&head)
}

/// PDF, a zip (DOCX), an OLE file (legacy .doc), HTML, UTF-16 text, or text with
/// Chinese in it (UTF-8, or mostly high bytes as in GB18030).
pub fn looks_like_document(head: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"%PDF-",
        b"PK\x03\x04",
        &[0xD0, 0xCF, 0x11, 0xE0],
        &[0xFF, 0xFE],
        &[0xFE, 0xFF],
    ];
    if head.is_empty() {
        return false;
    }
    if MAGIC.iter().any(|magic| head.starts_with(magic)) {
        return true;
    }
    if head.contains(&0) {
        return false;
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if lower.contains("<html") || lower.contains("<!doctype html") {
        return true;
    }
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        // A character cut by the 4096-byte window is still UTF-8.
        Err(err) if head.len() - err.valid_up_to() < 4 && err.error_len().is_none() => {
            std::str::from_utf8(head.get(..err.valid_up_to()).unwrap_or_default())
                .unwrap_or_default()
        }
        Err(_) => {
            let high = head.iter().filter(|b| **b >= 0x80).count();
            return high * 10 >= head.len() * 3;
        }
    };
    valid
        .chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::looks_like_document;

    #[test]
    fn sniffs_documents() {
        assert!(looks_like_document(b"%PDF-1.7\n"));
        assert!(looks_like_document(b"PK\x03\x04rest"));
        assert!(looks_like_document("一、工作任务\n".as_bytes()));
        assert!(looks_like_document(b"<!DOCTYPE html><html>"));
        // GB18030 for 一、工作任务
        assert!(looks_like_document(&[
            0xD2, 0xBB, 0xA1, 0xA2, 0xB9, 0xA4, 0xD7, 0xF7, 0xC8, 0xCE, 0xCE, 0xF1
        ]));
        let cut = "工作任务".as_bytes();
        assert!(looks_like_document(&cut[..cut.len() - 1]));
    }

    #[test]
    fn skips_non_documents() {
        assert!(!looks_like_document(b""));
        assert!(!looks_like_document(b"all:\n\tcargo build\n"));
        assert!(!looks_like_document(b"\x89PNG\r\n\x1a\n\0\0"));
    }
}
