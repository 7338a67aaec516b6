//! The reader probes of issue 16 (`tests/data/probe/`, copied from the shared
//! corpus): minimal PDFs where a reader once lost or invented text, each with
//! the text `pdftotext -raw` reads (`expected.tsv`). A probe passes when the
//! decoded text, after NFKC and white-space folding, is the expected text;
//! spaces count only between two Latin letters or digits (spaces next to CJK
//! characters or punctuation are layout, not content).

use std::path::{Path, PathBuf};

use policy_blocks::Limits;
use unicode_normalization::UnicodeNormalization;

fn probe_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/probe")
}

/// (file, expected, what it probes) from `expected.tsv`.
fn expectations() -> Vec<(String, String, String)> {
    let table = std::fs::read_to_string(probe_dir().join("expected.tsv")).expect("expected.tsv");
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t').map(str::to_string);
            let file = cols.next().unwrap_or_default();
            let expected = cols.next().unwrap_or_default();
            let what = cols.next().unwrap_or_default();
            (file, expected, what)
        })
        .collect()
}

/// NFKC, white space folded, and a space kept only between two ASCII
/// letters or digits.
fn canonical(text: &str) -> String {
    let folded: Vec<char> = text
        .nfkc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in folded.iter().enumerate() {
        if c == ' ' {
            let before = i.checked_sub(1).and_then(|j| folded.get(j));
            let after = folded.get(i + 1);
            let word = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
            if !(word(before) && word(after)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn decode(file: &str) -> Result<policy_blocks::Decoded, policy_pdf::Error> {
    let bytes = std::fs::read(probe_dir().join(file)).expect("probe file");
    policy_pdf::read(&bytes, &Limits::default())
}

/// Every probe reads as `expected.tsv` says; all failures are reported together.
#[test]
fn every_probe_reads_its_expected_text() {
    let probes = expectations();
    assert!(probes.len() >= 47, "{} probes", probes.len());
    let mut failures = Vec::new();
    for (file, expected, what) in &probes {
        match decode(file) {
            Ok(doc) => {
                let got = canonical(&doc.text);
                if got != canonical(expected) {
                    failures.push(format!(
                        "{file} ({what}):\n    expected {:?}\n    got      {got:?}",
                        canonical(expected)
                    ));
                }
            }
            Err(e) => failures.push(format!("{file} ({what}): error: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} probes wrong:\n{}",
        failures.len(),
        probes.len(),
        failures.join("\n")
    );
}

#[test]
fn canonical_form_keeps_only_word_spaces() {
    assert_eq!(canonical("到 2025 年，完成"), "到2025年,完成");
    assert_eq!(canonical(" Hello   all,\n illegal "), "Hello all,illegal");
    assert_ne!(canonical("Helo al"), canonical("Hello all"));
}
