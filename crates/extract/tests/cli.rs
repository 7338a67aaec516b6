//! The command line end to end: options, exit codes, error records, CSV and XLSX.
//!
//! The parser is being written while these tests are: they assert on structure
//! (rows == tasks of the JSON of the same inputs), never on how many tasks a
//! document has.

// Helpers outside #[test] fns panic on a broken test setup, as the tests themselves do.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-extract"));
    cmd.current_dir(repo());
    cmd
}

fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    seeds
}

fn stdout_json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn is_error_record(value: &Value) -> bool {
    value.get("error").is_some() && value.get("tasks").is_none()
}

/// A temp folder with copies of the seeds, a truncated DOCX and a `.doc` that
/// is an OLE header and nothing else.
fn folder_with_broken_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for seed in seeds() {
        std::fs::copy(&seed, dir.path().join(seed.file_name().unwrap())).unwrap();
    }
    let docx = std::fs::read(repo().join("fixtures/000_division_table.docx")).unwrap();
    std::fs::write(dir.path().join("truncated.docx"), &docx[..docx.len() / 3]).unwrap();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend_from_slice(&[0; 504]);
    std::fs::write(dir.path().join("legacy.doc"), doc).unwrap();
    dir
}

fn n_tasks(documents: &[Value]) -> usize {
    documents
        .iter()
        .filter_map(|doc| doc["tasks"].as_array())
        .map(Vec::len)
        .sum()
}

fn n_task_owners(documents: &[Value]) -> usize {
    documents
        .iter()
        .filter_map(|doc| doc["tasks"].as_array())
        .flatten()
        .map(|task| task["owners"].as_array().map_or(0, Vec::len))
        .sum()
}

fn n_indicators(documents: &[Value]) -> usize {
    documents
        .iter()
        .filter_map(|doc| doc["indicators"].as_array())
        .map(Vec::len)
        .sum()
}

#[test]
fn help_documents_exit_codes_and_subcommands() {
    cmd().arg("--help").assert().success().stdout(
        predicate::str::contains("Exit codes:")
            .and(predicate::str::contains("owners"))
            .and(predicate::str::contains("schema"))
            .and(predicate::str::contains("--jobs"))
            .and(predicate::str::contains("./owners")),
    );
    cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("policy-extract "));
}

#[test]
fn no_arguments_is_a_usage_error() {
    cmd()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
}

#[test]
fn one_file_prints_one_compact_document() {
    let seed = &seeds()[0];
    let output = cmd().arg(seed).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "compact by default");
    let document: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["schema_version"], "1");
    assert_eq!(document["source"]["path"], seed.display().to_string());
    assert!(document["tasks"].is_array());
    assert!(
        output.stderr.is_empty(),
        "no summary for one input: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn pretty_indents() {
    let seed = &seeds()[0];
    let output = cmd().arg(seed).arg("--pretty").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().count() > 3);
    assert!(stdout.contains("\n  \"schema_version\": \"1\""));
    let compact: Value = serde_json::from_slice(&cmd().arg(seed).output().unwrap().stdout).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), compact);
}

#[test]
fn several_files_print_json_lines_in_input_order() {
    let mut seeds = seeds();
    seeds.reverse();
    let output = cmd().args(&seeds).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let documents = stdout_json_lines(&output);
    let paths: Vec<String> = documents
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = seeds.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(paths, expected);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{} documents,", seeds.len())),
        "summary: {stderr}"
    );
    assert!(
        stderr.contains(" tasks, ")
            && stderr.contains(" owners, ")
            && stderr.contains(" warnings, ")
    );
    assert!(stderr.contains("0 failed in "));
}

#[test]
fn folder_is_searched_recursively_in_name_order() {
    let output = cmd().arg("seeds").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let documents = stdout_json_lines(&output);
    assert_eq!(
        documents.len(),
        seeds().len(),
        "a folder always gives JSON Lines"
    );
    let paths: Vec<&str> = documents
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.iter().all(|p| p.starts_with("seeds/")));
}

#[test]
fn folder_search_skips_hidden_files_and_non_documents_and_sniffs_extensionless_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(&seeds()[0]).unwrap();
    std::fs::create_dir_all(dir.path().join("sub/.git")).unwrap();
    std::fs::write(dir.path().join("sub/plan.TXT"), &text).unwrap();
    std::fs::write(dir.path().join("sub/.git/notes.txt"), &text).unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), &text).unwrap();
    std::fs::write(dir.path().join("notice"), &text).unwrap();
    std::fs::write(dir.path().join("Makefile"), "all:\n\tcargo build\n").unwrap();
    std::fs::write(dir.path().join("picture.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(dir.path().join("data.json"), &text).unwrap();
    let output = cmd().arg(dir.path()).arg("--quiet").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let documents = stdout_json_lines(&output);
    let names: Vec<String> = documents
        .iter()
        .map(|d| {
            let path = Path::new(d["source"]["path"].as_str().unwrap());
            path.strip_prefix(dir.path()).unwrap().display().to_string()
        })
        .collect();
    assert_eq!(names, ["notice", "sub/plan.TXT"]);
}

#[test]
fn a_file_named_on_the_command_line_is_read_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.data");
    std::fs::copy(&seeds()[0], &path).unwrap();
    let output = cmd().arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["source"]["format"], "text");
}

#[test]
fn quiet_silences_the_summary() {
    cmd()
        .arg("seeds")
        .arg("--quiet")
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    cmd()
        .arg("seeds")
        .arg("-q")
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn jobs_do_not_change_the_output() {
    let one = cmd().args(["-j", "1", "seeds"]).output().unwrap();
    let two = cmd().args(["--jobs", "2", "seeds"]).output().unwrap();
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(one.stdout, two.stdout);
    cmd().args(["-j", "0", "seeds"]).assert().code(2);
    cmd().args(["-j", "many", "seeds"]).assert().code(2);
}

#[test]
fn stdin_with_and_without_a_name() {
    let text = std::fs::read(&seeds()[0]).unwrap();
    let output = cmd().arg("-").write_stdin(text.clone()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["source"]["path"], "<stdin>");
    assert_eq!(document["source"]["format"], "text");

    let output = cmd()
        .args(["--stdin-name", "notes/plan.md", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["source"]["path"], "notes/plan.md");
    // The bytes win over the name: text named `.doc` (as some sites serve
    // attachments) is read as text.
    let output = cmd()
        .args(["--stdin-name", "plan.doc", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["source"]["path"], "plan.doc");
    assert_eq!(record["source"]["format"], "text");
    assert_eq!(record["tasks"], document["tasks"]);

    let file = cmd().arg(&seeds()[0]).output().unwrap();
    let from_file: Value = serde_json::from_slice(&file.stdout).unwrap();
    assert_eq!(
        document["tasks"], from_file["tasks"],
        "stdin and file give the same tasks"
    );
}

#[test]
fn stdin_among_files() {
    let seeds = seeds();
    let text = std::fs::read(&seeds[1]).unwrap();
    let output = cmd()
        .arg(&seeds[0])
        .arg("-")
        .arg("--quiet")
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let documents = stdout_json_lines(&output);
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[1]["source"]["path"], "<stdin>");
}

#[test]
fn a_broken_file_never_stops_the_batch() {
    let dir = folder_with_broken_files();
    let output = cmd().arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "some failed");
    let values = stdout_json_lines(&output);
    assert_eq!(values.len(), seeds().len() + 2);
    let errors: Vec<&Value> = values.iter().filter(|v| is_error_record(v)).collect();
    let error_files: Vec<&str> = errors
        .iter()
        .map(|e| {
            Path::new(e["source"]["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        })
        .collect();
    assert_eq!(error_files, ["legacy.doc", "truncated.docx"]);
    for error in &errors {
        assert!(
            error["error"]["kind"]
                .as_str()
                .is_some_and(|k| !k.is_empty())
        );
        assert!(
            error["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(
        errors[1]["source"]["format"], "docx",
        "the format is reported when it is known"
    );
    assert_eq!(
        values.iter().filter(|v| v["schema_version"] == "1").count(),
        seeds().len()
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("legacy.doc:") && stderr.contains("truncated.docx:"),
        "{stderr}"
    );
    assert!(stderr.contains("2 failed in "), "{stderr}");
}

#[test]
fn nothing_readable_exits_2() {
    let dir = folder_with_broken_files();
    let doc = dir.path().join("legacy.doc");
    let output = cmd().arg(&doc).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["source"]["path"], doc.display().to_string());
    assert!(is_error_record(&record));

    let output = cmd().arg("no/such/file.txt").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["kind"], "io");

    let empty = tempfile::tempdir().unwrap();
    cmd()
        .arg(empty.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no documents found"));
}

#[test]
fn csv_tables() {
    let dir = folder_with_broken_files();
    let out = tempfile::tempdir().unwrap();
    let tables = out.path().join("tables");
    cmd()
        .arg(dir.path())
        .arg("-o")
        .arg(&tables)
        .arg("-q")
        .assert()
        .code(1);
    let documents = stdout_json_lines(&cmd().arg(dir.path()).arg("-q").output().unwrap());
    let documents: Vec<Value> = documents
        .into_iter()
        .filter(|v| !is_error_record(v))
        .collect();

    let read = |name: &str| {
        let bytes = std::fs::read(tables.join(name)).unwrap();
        assert!(
            bytes.starts_with("\u{FEFF}".as_bytes()),
            "{name} starts with a BOM"
        );
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        (header, rows)
    };
    let (header, rows) = read("tasks.csv");
    assert_eq!(header[..4], ["file", "id", "number", "path"]);
    assert!(
        header.contains(&"lead_owner".to_string()) && header.contains(&"deadline_kind".to_string())
    );
    assert_eq!(rows.len(), n_tasks(&documents));
    let (header, rows) = read("owners.csv");
    assert_eq!(
        header,
        ["file", "task_id", "number", "title", "owner", "role"]
    );
    assert_eq!(rows.len(), n_task_owners(&documents));
    let (header, rows) = read("indicators.csv");
    assert_eq!(header[..2], ["file", "name"]);
    assert_eq!(rows.len(), n_indicators(&documents));
    let (header, rows) = read("errors.csv");
    assert_eq!(header, ["file", "kind", "message"]);
    assert_eq!(rows.len(), 2);
    assert!(rows[0][0].ends_with("legacy.doc"));
    assert!(rows[1][0].ends_with("truncated.docx"));

    // --format csv says the same as a folder name.
    let explicit = out.path().join("explicit.tables");
    cmd()
        .args(["seeds", "--format", "csv", "-q", "-o"])
        .arg(&explicit)
        .assert()
        .success();
    assert!(explicit.join("errors.csv").is_file());
}

#[test]
fn xlsx_workbook() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let dir = folder_with_broken_files();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("plans.xlsx");
    cmd().arg(dir.path()).arg("-o").arg(&path).assert().code(1);
    let documents = stdout_json_lines(&cmd().arg(dir.path()).arg("-q").output().unwrap());
    let documents: Vec<Value> = documents
        .into_iter()
        .filter(|v| !is_error_record(v))
        .collect();

    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["tasks", "owners", "indicators", "errors"]
    );
    let expected = [
        ("tasks", n_tasks(&documents)),
        ("owners", n_task_owners(&documents)),
        ("indicators", n_indicators(&documents)),
        ("errors", 2),
    ];
    for (sheet, n_rows) in expected {
        let range = workbook.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header[0], "file", "{sheet}");
        assert_eq!(
            range.height(),
            n_rows + 1,
            "{sheet}: a header and a row per item"
        );
    }
    let errors = workbook.worksheet_range("errors").unwrap();
    let rows: Vec<&[Data]> = errors.rows().collect();
    assert_eq!(
        rows[0],
        [
            Data::String("file".into()),
            Data::String("kind".into()),
            Data::String("message".into())
        ]
    );
    assert!(rows[1][0].to_string().ends_with("legacy.doc"));
    assert!(rows[2][0].to_string().ends_with("truncated.docx"));

    // --format xlsx to a path without the extension.
    let explicit = out.path().join("plans.data");
    cmd()
        .args(["seeds", "--format", "xlsx", "-q", "-o"])
        .arg(&explicit)
        .assert()
        .success();
    assert!(std::fs::read(&explicit).unwrap().starts_with(b"PK"));
}

#[test]
fn json_and_jsonl_files() {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("all.json");
    cmd()
        .args(["seeds", "-q", "-o"])
        .arg(&json)
        .assert()
        .success()
        .stdout("");
    let array: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(
        array.as_array().unwrap().len(),
        seeds().len(),
        "json of a folder is an array"
    );

    let jsonl = out.path().join("all.jsonl");
    cmd()
        .args(["seeds", "-q", "-o"])
        .arg(&jsonl)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&jsonl).unwrap().lines().count(),
        seeds().len()
    );

    let one = out.path().join("one.jsonl");
    cmd()
        .arg(&seeds()[0])
        .arg("-o")
        .arg(&one)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&one).unwrap().lines().count(), 1);

    let stdout = cmd()
        .args(["seeds", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert!(serde_json::from_slice::<Value>(&stdout).unwrap().is_array());
    let stdout = cmd()
        .arg(&seeds()[0])
        .args(["--format", "jsonl"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(String::from_utf8(stdout).unwrap().lines().count(), 1);
}

#[test]
fn output_format_usage_errors() {
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["seeds", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --output"));
    cmd().args(["seeds", "--format", "xlsx"]).assert().code(2);
    cmd()
        .args(["seeds", "-o"])
        .arg(out.path().join("out.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the output format"));
    cmd().args(["seeds", "--format", "yaml"]).assert().code(2);
    cmd()
        .args(["seeds", "-q", "-o"])
        .arg(out.path().join("missing/dir/out.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create"));
}

#[test]
fn owners_text_and_json() {
    let output = cmd().args(["owners", "seeds"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let documents = stdout_json_lines(&cmd().arg("seeds").output().unwrap());
    let names: std::collections::HashSet<&str> = documents
        .iter()
        .flat_map(|d| d["tasks"].as_array().unwrap())
        .flat_map(|t| t["owners"].as_array().unwrap())
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    let headings = text.lines().filter(|line| !line.starts_with(' ')).count();
    assert_eq!(headings, names.len(), "a heading line per owner");

    let output = cmd()
        .args(["owners", "--json", "-q", "seeds"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let owners: Value = serde_json::from_slice(&output.stdout).unwrap();
    let owners = owners.as_array().unwrap();
    assert_eq!(owners.len(), names.len());
    let n_refs: usize = owners
        .iter()
        .map(|o| {
            ["leads", "supports", "responsible"]
                .iter()
                .map(|k| o[k].as_array().unwrap().len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(n_refs, n_task_owners(&documents));

    let dir = folder_with_broken_files();
    cmd()
        .arg("owners")
        .arg(dir.path())
        .arg("-q")
        .assert()
        .code(1);
}

#[test]
fn a_file_named_like_a_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&seeds()[0], dir.path().join("owners")).unwrap();
    for args in [&["--", "owners"][..], &["./owners"][..]] {
        let output = cmd().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(document["schema_version"], "1");
    }
    // After a path, `owners` is a path too.
    let output = cmd()
        .current_dir(dir.path())
        .args(["./owners", "owners", "-q"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout_json_lines(&output).len(), 2);
}

/// A panic inside a reader's library becomes the document's error record; the
/// default panic hook would also have printed it (and a backtrace) on stderr.
#[test]
fn a_library_panic_prints_no_panic_message() {
    let crasher = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile/crashers/pdf_oxide_char_boundary.pdf");
    let output = cmd()
        .arg(&crasher)
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(stderr.contains("panicked while reading"), "{stderr}");
    assert!(is_error_record(
        &serde_json::from_slice(&output.stdout).unwrap()
    ));
}

#[test]
fn limit_flags_reach_the_readers_and_the_error_names_the_limit() {
    let fixtures = repo().join("fixtures");
    let pdf = fixtures.join("000_division_table.pdf");
    let output = cmd()
        .arg("--max-pages")
        .arg("1")
        .arg(&pdf)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("max_pages"), "{stderr}");
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(is_error_record(&record), "{record}");
    // A limit a reader hit has the same kind as one the facade hit.
    assert_eq!(record["error"]["kind"], "limit_exceeded", "{record}");

    // The same file reads with the default, and a size flag takes a suffix.
    let output = cmd()
        .arg("--max-input-bytes")
        .arg("1K")
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("max_input_bytes"));
    // Standard input is read only up to the limit too.
    let output = cmd()
        .args(["--max-input-bytes", "1K", "-"])
        .write_stdin(std::fs::read(&pdf).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("max_input_bytes"));
    let output = cmd().arg(&pdf).output().unwrap();
    assert_eq!(output.status.code(), Some(0));

    let output = cmd()
        .arg("--max-input-bytes")
        .arg("12X")
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown size unit"));
}

#[test]
fn an_existing_file_without_a_format_extension_is_not_overwritten_with_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::write(&out, "keep me").unwrap();
    let seed = &seeds()[0];
    let output = cmd().arg(seed).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--format"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    // --format says what to write.
    let output = cmd()
        .arg(seed)
        .args(["--format", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(written["tasks"].is_array());
    // A device gets what standard output would.
    let output = cmd().arg(seed).args(["-o", "/dev/null"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A name that does not exist yet is still a csv folder.
    let folder = dir.path().join("tables");
    let output = cmd().arg(seed).arg("-o").arg(&folder).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(folder.join("tasks.csv").is_file());
}

/// `policy-extract text` prints the text the spans index, notes on standard error.
#[test]
fn text_prints_the_decoded_text_that_spans_index() {
    let fixture = repo().join("fixtures/002_implementation_plan.gb18030.txt");
    let output = cmd().arg("text").arg(&fixture).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("北庭工业园区管委会"), "{text:.100}");

    // A span of the JSON document points into exactly this text.
    let output = cmd().arg(&fixture).output().unwrap();
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    let task = document["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|task| task["title"].is_string())
        .unwrap();
    let span = &task["span"];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    let title = task["title"].as_str().unwrap();
    assert!(
        text[start..end].contains(title),
        "{} vs {title}",
        &text[start..end]
    );

    // Notes go to standard error: a page that declares no charset.
    let page = encoding_rs::GBK
        .encode("<p>各市（州）民政局、党委组织部、宣传部、教育局、公安局、司法局、财政局</p>")
        .0;
    let output = cmd()
        .args(["text", "--stdin-name", "page.html", "-"])
        .write_stdin(page.into_owned())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("党委组织部"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.html: note: the page declares no charset"),
        "{stderr}"
    );

    // An unreadable file is an error naming it, exit code 2.
    let output = cmd()
        .arg("text")
        .arg(repo().join("fixtures/hostile/encrypted_ooxml.docx"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("encrypted"));
}
