//! `schema/document.schema.json` is what `policy-extract schema` prints, and
//! every document we print or snapshot validates against it.
//!
//! After a change to the model types, regenerate the file with
//! `UPDATE_SCHEMA=1 cargo test -p policy-extract --test schema` and review the diff.

// Helpers outside #[test] fns panic on a broken test setup, as the tests themselves do.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema_file() -> PathBuf {
    repo().join("schema/document.schema.json")
}

fn generated_schema() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_policy-extract"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&generated_schema()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn check(
    validator: &jsonschema::Validator,
    what: &str,
    document: &Value,
    failures: &mut Vec<String>,
) {
    for error in validator.iter_errors(document) {
        failures.push(format!("{what}: {} at {}", error, error.instance_path()));
    }
}

#[test]
fn checked_in_schema_is_the_generated_one() {
    let generated = generated_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(schema_file().parent().unwrap()).unwrap();
        std::fs::write(schema_file(), &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(schema_file()).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema/document.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p policy-extract --test schema` \
         and review the diff"
    );
    let schema: Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(schema["title"], "Document");
    for field in [
        "schema_version",
        "source",
        "meta",
        "tasks",
        "indicators",
        "warnings",
    ] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
}

#[test]
fn extracted_seeds_validate() {
    let validator = validator();
    let output = Command::new(env!("CARGO_BIN_EXE_policy-extract"))
        .current_dir(repo())
        .args(["seeds", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let mut failures = Vec::new();
    let mut n_documents = 0;
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let document: Value = serde_json::from_str(line).unwrap();
        check(
            &validator,
            document["source"]["path"].as_str().unwrap_or("?"),
            &document,
            &mut failures,
        );
        n_documents += 1;
    }
    assert!(n_documents > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn document_snapshots_validate() {
    let validator = validator();
    let mut folders = vec![repo().join("tests/snapshots")];
    for entry in std::fs::read_dir(repo().join("crates")).unwrap() {
        folders.push(entry.unwrap().path().join("tests/snapshots"));
    }
    let mut failures = Vec::new();
    for folder in folders.iter().filter(|folder| folder.is_dir()) {
        for entry in walkdir(folder) {
            let Some(value) = snapshot_json(&entry) else {
                continue;
            };
            if value.get("schema_version").is_some() && value.get("tasks").is_some() {
                check(
                    &validator,
                    &entry.display().to_string(),
                    &value,
                    &mut failures,
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn walkdir(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// The JSON of an insta `.snap` (after its `---` header) or of a `.json` file.
fn snapshot_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let body = match path.extension()?.to_str()? {
        "json" => text.as_str(),
        "snap" => text.strip_prefix("---\n")?.split_once("\n---\n")?.1,
        _ => return None,
    };
    serde_json::from_str(body).ok()
}

#[test]
fn insta_snapshots_are_read() {
    let output = Command::new(env!("CARGO_BIN_EXE_policy-extract"))
        .current_dir(repo())
        .args(["seeds/000_36c95b23ed2dd2ce.txt", "--pretty"])
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("fixtures__plan.snap");
    let header = "---\nsource: crates/parse/tests/fixtures.rs\nexpression: document\n---\n";
    std::fs::write(&snap, [header.as_bytes(), &output.stdout].concat()).unwrap();
    let document = snapshot_json(&snap).unwrap();
    assert_eq!(document["schema_version"], "1");
    assert!(validator().is_valid(&document));
    let mut broken = document.clone();
    broken["tasks"] = Value::String("none".into());
    assert!(!validator().is_valid(&broken));
}
