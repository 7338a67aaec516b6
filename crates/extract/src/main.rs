//! `policy-extract`: policy documents in, JSON / JSON Lines / CSV / Excel tables out.
//!
//! A thin binary over the [`policy_kit`] facade, shaped like ripgrep and fd:
//! [`cli`] is the clap command line (its doc comments are the help text),
//! [`inputs`] turns paths into the list of documents, [`batch`] extracts them in
//! parallel into one [`batch::Outcome`] per input (a failure never stops the
//! batch), and [`tables`], [`owners`], [`review`] and [`schema`] write the outputs.
//! [`exit_codes`] documents how a run ends.

mod batch;
mod cli;
mod exit_codes;
mod inputs;
mod owners;
mod review;
mod schema;
mod tables;

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;

use crate::batch::{Counts, Outcome, Settings};
use crate::cli::{Cli, Command, Format, InputArgs, TextArgs};
use crate::exit_codes::ExitCode;

/// mimalloc rather than the system allocator: parsing makes many small
/// strings, and glibc's malloc and free were about an eighth of the
/// instructions on a large text (BENCHMARKS.md). Built without transparent
/// huge pages (`no_thp`): the kernel zeroes a fresh 2 MB page for each
/// region first touched, which on this shared machine was at times two
/// thirds of a small PDF's time, with runs stalled for up to 250 ms (real06:
/// 21 ms ± 30 % with them, 14 ms ± 1 % without); at other times they saved
/// 7–15 % (BENCHMARKS.md). Predictable wins.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    quiet_panics();
    match run() {
        Ok(code) => code.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::Success.into(),
        Err(err) => {
            eprintln!("policy-extract: error: {err:#}");
            ExitCode::Failure.into()
        }
    }
}

/// Every document is read under `catch_unwind`, and a panic inside a reader or
/// a library becomes that document's error record, message included; the
/// default hook would also spill it, with a backtrace, over standard error.
/// `POLICY_EXTRACT_PANICS=1` brings the default hook back for debugging.
fn quiet_panics() {
    if std::env::var_os("POLICY_EXTRACT_PANICS").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Schema) => {
            let schema = schema::document_schema()?;
            std::io::stdout().lock().write_all(schema.as_bytes())?;
            Ok(ExitCode::Success)
        }
        Some(Command::Review(args)) => {
            let started = Instant::now();
            let Some(outcomes) = extract_inputs(&args.input, true)? else {
                return Ok(ExitCode::Failure);
            };
            review::write(&outcomes, args.output.as_deref())?;
            finish(&outcomes, &args.input, started)
        }
        Some(Command::Text(args)) => print_text(&args),
        Some(Command::Owners(args)) => {
            let started = Instant::now();
            let Some(outcomes) = extract_inputs(&args.input, false)? else {
                return Ok(ExitCode::Failure);
            };
            let owners = owners::collect(&outcomes);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if args.json {
                serde_json::to_writer_pretty(&mut out, &owners)?;
                writeln!(out)?;
            } else {
                owners::write_text(&owners, &mut out)?;
            }
            out.flush()?;
            finish(&outcomes, &args.input, started)
        }
        None => {
            let started = Instant::now();
            let format = resolve_format(&cli)?;
            let Some(outcomes) = extract_inputs(&cli.input, false)? else {
                return Ok(ExitCode::Failure);
            };
            let single = inputs::is_single_file(&cli.input.paths);
            write_output(&outcomes, format, cli.output.as_deref(), cli.pretty, single)?;
            let code = finish(&outcomes, &cli.input, started);
            // The process ends here: freeing every task, owner and span of a large
            // document one by one is about 3 % of a run on a 30 MB text.
            std::mem::forget(outcomes);
            code
        }
    }
}

/// `policy-extract text`: the decoded text on standard output, the reader's
/// notes on standard error.
fn print_text(args: &TextArgs) -> anyhow::Result<ExitCode> {
    let limits = args.limits.limits();
    let (bytes, name) = if args.path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limits.max_input_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let name = args
            .stdin_name
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string());
        (bytes, name)
    } else {
        let name = args.path.display().to_string();
        let bytes = policy_records::read_bounded(&args.path, limits.max_input_bytes)
            .with_context(|| format!("{name}: cannot read the file"))?;
        (bytes, name)
    };
    let decoded = policy_kit::decode(&bytes, &name, &policy_kit::Options { limits })
        .with_context(|| name.clone())?;
    for note in &decoded.notes {
        eprintln!("policy-extract: {name}: note: {}", note.message);
    }
    let mut out = std::io::stdout().lock();
    out.write_all(decoded.text.as_bytes())?;
    if !decoded.text.ends_with('\n') {
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::Success)
}

/// Collects and extracts the inputs; `None` (after saying so) when there are none.
fn extract_inputs(args: &InputArgs, keep_text: bool) -> anyhow::Result<Option<Vec<Outcome>>> {
    let inputs = inputs::collect(&args.paths, args.stdin_name.as_deref());
    if inputs.is_empty() {
        eprintln!("policy-extract: no documents found in the given folders");
        return Ok(None);
    }
    let settings = Settings {
        jobs: args.jobs.map(usize::from),
        progress: !args.quiet && inputs.len() > 1 && std::io::stderr().is_terminal(),
        limits: args.limits.limits(),
        keep_text,
    };
    let outcomes = batch::run(&inputs, &settings)?;
    batch::report_failures(&outcomes);
    Ok(Some(outcomes))
}

/// Prints the summary (several inputs, not `--quiet`) and picks the exit code.
fn finish(outcomes: &[Outcome], args: &InputArgs, started: Instant) -> anyhow::Result<ExitCode> {
    let counts = Counts::of(outcomes);
    if outcomes.len() > 1 && !args.quiet {
        eprintln!(
            "policy-extract: {} documents, {} tasks, {} owners, {} indicators, {} warnings, {} failed in {:.2}s",
            counts.documents,
            counts.tasks,
            counts.owners,
            counts.indicators,
            counts.warnings,
            counts.failures,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::from_counts(counts.documents, counts.failures))
}

/// `--format`, else the extension of `--output`, else json for one file and jsonl for more.
fn resolve_format(cli: &Cli) -> anyhow::Result<Format> {
    let format = match (cli.format, cli.output.as_deref()) {
        (Some(format), _) => format,
        (None, Some(output)) => match format_of_output(output)? {
            Some(format) => format,
            None => stream_format(cli),
        },
        (None, None) => stream_format(cli),
    };
    if matches!(format, Format::Csv | Format::Xlsx) && cli.output.is_none() {
        bail!(
            "--format {} needs --output (a folder for csv, a .xlsx file for xlsx)",
            format_name(format)
        );
    }
    Ok(format)
}

/// What standard output gets: one JSON document for a single file, else JSON Lines.
fn stream_format(cli: &Cli) -> Format {
    if inputs::is_single_file(&cli.input.paths) {
        Format::Json
    } else {
        Format::Jsonl
    }
}

/// The format `--output` names; `None` for an existing device or pipe with no
/// extension that names a format (`/dev/null`, `/dev/stdout`, a FIFO), which
/// gets what standard output would. An existing regular file without such an
/// extension is a usage error rather than overwritten with a guess.
fn format_of_output(output: &Path) -> anyhow::Result<Option<Format>> {
    let ext = output
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("xlsx") => Ok(Some(Format::Xlsx)),
        Some("jsonl" | "ndjson") => Ok(Some(Format::Jsonl)),
        Some("json") => Ok(Some(Format::Json)),
        _ if output.is_dir() => Ok(Some(Format::Csv)),
        None if output.exists() && !output.is_file() => Ok(None),
        None if output.is_file() => bail!(
            "cannot tell the output format of the existing file {}: name it .json, .jsonl or .xlsx, \
             or use --format",
            output.display()
        ),
        None => Ok(Some(Format::Csv)),
        Some(ext) => bail!(
            "cannot tell the output format from the extension .{ext} of {}: use .json, .jsonl, .xlsx, \
             a folder for csv, or --format",
            output.display()
        ),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    }
}

fn write_output(
    outcomes: &[Outcome],
    format: Format,
    output: Option<&Path>,
    pretty: bool,
    single: bool,
) -> anyhow::Result<()> {
    match (format, output) {
        (Format::Csv, Some(dir)) => tables::write_csv(&policy_records::build_tables(outcomes), dir),
        (Format::Xlsx, Some(path)) => {
            tables::write_xlsx(&policy_records::build_tables(outcomes), path)
        }
        (Format::Csv | Format::Xlsx, None) => {
            bail!("--format {} needs --output", format_name(format))
        }
        (Format::Json | Format::Jsonl, Some(path)) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            write_json(outcomes, format, pretty, single, &mut out)
                .and_then(|()| Ok(out.flush()?))
                .with_context(|| format!("cannot write {}", path.display()))
        }
        (Format::Json | Format::Jsonl, None) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write_json(outcomes, format, pretty, single, &mut out)?;
            Ok(out.flush()?)
        }
    }
}

/// json: the document for a single file, else an array; jsonl: one value per line.
fn write_json(
    outcomes: &[Outcome],
    format: Format,
    pretty: bool,
    single: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match (format, outcomes) {
        (Format::Json, [outcome]) if single => write_value(outcome, pretty, out),
        (Format::Json, _) => write_value(&outcomes, pretty, out),
        _ => outcomes
            .iter()
            .try_for_each(|outcome| write_value(outcome, pretty, out)),
    }
}

fn write_value(
    value: &impl serde::Serialize,
    pretty: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    writeln!(out)?;
    Ok(())
}

/// `policy-extract … | head` ends quietly, as ripgrep does.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        io_kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
