//! Every word list of the parser lives in `lexicon.rs`: a module of `grammar`,
//! `parse` or `semantics` that declares a list of words of its own fails here.

use std::path::{Path, PathBuf};

/// The source files of the crates that read words.
fn sources() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for krate in ["grammar", "parse", "semantics"] {
        let mut stack = vec![crates.join(krate).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source folders are readable") {
                let path = entry.expect("entries are readable").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && path.file_name().is_some_and(|n| n != "lexicon.rs")
                {
                    out.push(path);
                }
            }
        }
    }
    out
}

/// A `const` or `static` whose type is a slice of strings, characters or
/// pairs of them, outside the test modules (which may list cases).
fn word_lists(source: &str) -> Vec<String> {
    let body = source.split("#[cfg(test)]").next().unwrap_or(source);
    body.lines()
        .map(str::trim)
        .filter(|l| {
            l.starts_with("const ")
                || l.starts_with("pub const ")
                || l.starts_with("pub(crate) const ")
                || l.starts_with("static ")
        })
        .filter(|l| {
            ["&[&str]", "&[char]", "&[(&str", "[&str;", "[char;"]
                .iter()
                .any(|t| l.contains(t))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn no_module_keeps_a_word_list_of_its_own() {
    let mut found = Vec::new();
    for path in sources() {
        let source = std::fs::read_to_string(&path).expect("sources are UTF-8");
        for list in word_lists(&source) {
            found.push(format!("{}: {list}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "word lists outside lexicon.rs (move them there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_list() {
    let lists = word_lists(
        "const WORDS: &[&str] = &[\"甲\"];\nfn f() {}\n#[cfg(test)]\nconst CASES: &[&str] = &[];",
    );
    assert_eq!(lists.len(), 1);
}
