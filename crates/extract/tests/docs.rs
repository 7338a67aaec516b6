//! Runs every command of the README's analyst walk-through, the way an
//! analyst would: `cargo install` first, then the installed `policy-extract`.
//!
//! Conventions of the page: commands are the `$ ` lines of its ```console
//! blocks; each must exit 0 unless the next command is `echo $?` showing another
//! code; each shown output line must appear in what its command printed
//! (stdout and stderr), a line ending in `…` up to the `…`.
//!
//! The commands run with `sh`, one after another in one script (so `$?` and
//! `>` work), in a temp folder holding copies of `seeds/` and `fixtures/`. The
//! install goes to a temp root (`CARGO_INSTALL_ROOT`, first on `PATH`).
//!
//! The one rewriting is the install. Run as written it is a second release
//! build of the whole dependency tree: `cargo install` resolves features for the
//! binary alone and reuses little of the test build, which cost about 9 minutes
//! of a 22-minute CI run on a fresh 2-core machine. So by default the test checks
//! what that command depends on and installs the binary this test run built
//! (the same package and release profile): the package at `crates/extract`
//! resolves with `--locked` (Cargo.lock is current), and it has a binary named
//! `policy-extract` (else `CARGO_BIN_EXE_policy-extract` would not compile).
//! `POLICY_DOCS_REAL_INSTALL=1` runs the install as written, with its own target
//! folder (`target/docs-install`; the test's own is in use by the running cargo).

// Helpers outside #[test] fns panic on a broken test setup, as the tests themselves do.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pages whose commands are run.
const PAGES: &[&str] = &["README.md"];

/// The workspace folder, found lexically (cargo builds what is at this path).
fn repo() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf()
}

#[derive(Debug)]
struct Step {
    command: String,
    shown: Vec<String>,
}

fn steps(page: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    for line in page.lines() {
        if line.starts_with("```") {
            in_console = line.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                command: command.to_string(),
                shown: Vec::new(),
            });
        } else if let Some(step) = steps.last_mut() {
            step.shown.push(line.to_string());
        }
    }
    steps
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The shell command that stands for the page's `cargo install --locked --path
/// crates/extract`: the lock file must resolve the package as `--locked` would,
/// then the binary this test run built goes where the install would put it.
fn install_built_binary(command: &str, repo: &Path) -> String {
    assert_eq!(
        command, "cargo install --locked --path crates/extract",
        "the page's install command changed: update install_built_binary"
    );
    format!(
        "\"$CARGO\" tree --locked -q -e normal -p policy-extract --manifest-path '{manifest}' >/dev/null \
         && mkdir -p \"$CARGO_INSTALL_ROOT/bin\" && cp '{bin}' \"$CARGO_INSTALL_ROOT/bin/\"",
        manifest = repo.join("Cargo.toml").display(),
        bin = env!("CARGO_BIN_EXE_policy-extract"),
    )
}

#[test]
fn every_command_of_the_walk_through_runs() {
    let repo = repo();
    let work = tempfile::tempdir().unwrap();
    let cwd = work.path().join("work");
    copy_dir(&repo.join("seeds"), &cwd.join("seeds"));
    copy_dir(&repo.join("fixtures"), &cwd.join("fixtures"));
    let logs = work.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    let install_root = work.path().join("install");
    let real_install = std::env::var_os("POLICY_DOCS_REAL_INSTALL").is_some_and(|v| v == "1");

    for page_name in PAGES {
        let page = std::fs::read_to_string(repo.join(page_name)).unwrap();
        let steps = steps(&page);
        assert!(
            steps.iter().any(|s| s.command.starts_with("cargo install")),
            "{page_name} shows the install"
        );
        assert!(
            steps.iter().any(|s| s.command.contains("-o plans.xlsx")),
            "{page_name} shows the Excel run"
        );

        let mut script = String::new();
        for (idx, step) in steps.iter().enumerate() {
            let command = if step.command.starts_with("cargo install") && !real_install {
                install_built_binary(&step.command, &repo)
            } else {
                step.command.replace(
                    "--path crates/extract",
                    &format!("--path '{}'", repo.join("crates/extract").display()),
                )
            };
            let log = logs.join(idx.to_string());
            script.push_str(&format!(
                "{{ {command}\n}} >'{log}.out' 2>&1; __status=$?; echo $__status >'{log}.status'; (exit $__status)\n",
                log = log.display()
            ));
        }
        let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        let mut path = vec![install_root.join("bin")];
        path.extend(cargo.parent().map(Path::to_path_buf));
        path.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let status = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .current_dir(&cwd)
            .env("PATH", std::env::join_paths(path).unwrap())
            .env("CARGO_INSTALL_ROOT", &install_root)
            .env("CARGO", &cargo)
            .env("CARGO_TARGET_DIR", repo.join("target/docs-install"))
            .status()
            .unwrap();
        assert!(status.code().is_some(), "the script ran");

        let mut failures = Vec::new();
        for (idx, step) in steps.iter().enumerate() {
            let log = logs.join(idx.to_string());
            let printed = std::fs::read_to_string(log.with_extension("out")).unwrap_or_default();
            let code: i32 = std::fs::read_to_string(log.with_extension("status"))
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let next_shows_code = steps
                .get(idx + 1)
                .filter(|next| next.command == "echo $?")
                .map(|next| {
                    next.shown
                        .first()
                        .and_then(|shown| shown.trim().parse::<i32>().ok())
                        .unwrap_or(0)
                });
            let expected_code = next_shows_code.unwrap_or(0);
            if step.command != "echo $?" && code != expected_code {
                failures.push(format!(
                    "`{}` exited {code}, expected {expected_code}:\n{printed}",
                    step.command
                ));
            }
            for shown in &step.shown {
                let wanted = shown
                    .split_once('…')
                    .map_or(shown.as_str(), |(before, _)| before);
                if !printed.contains(wanted) {
                    failures.push(format!(
                        "`{}` did not print `{wanted}`; it printed:\n{printed}",
                        step.command
                    ));
                }
            }
        }
        // The first failures tell; after a failed install every later command fails too.
        failures.truncate(5);
        assert!(failures.is_empty(), "{page_name}:\n{}", failures.join("\n"));
        assert!(cwd.join("plans.xlsx").is_file() && cwd.join("tables/tasks.csv").is_file());
    }
}
