//! Structure and owner cases as data: each file of `tests/cases/` holds a
//! made-up document of one family of real layouts (comment lines `#` first,
//! then the input, a `---` line, and the expected tasks one per line as
//! `number | path | title | owners`, owners with `+` for lead and `~` for
//! co). Adding a mis-read shape needs a file, not Rust.

use std::path::Path;

mod common;

use policy_model::{Source, SourceFormat};

/// (input, expected lines) of one case file.
fn read_case(text: &str) -> (String, Vec<String>) {
    let body: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let split = body
        .iter()
        .position(|l| l.trim() == "---")
        .expect("a case has a --- line");
    let input = body[..split].join("\n") + "\n";
    let expected = body[split + 1..]
        .iter()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    (input, expected)
}

#[test]
fn every_case_reads_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the cases folder lost its files");
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("cases are UTF-8");
        let (input, expected) = read_case(&text);
        let decoded = policy_text::read(input.as_bytes(), &Default::default()).expect("text reads");
        let doc = policy_parse::parse(&decoded, Source::new("case.txt", SourceFormat::Text));
        let got: Vec<String> = common::summary(&doc)
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  got:\n    {}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
