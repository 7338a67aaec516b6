//! The command line, as clap derives it: doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Printed after `--help`: the exit codes and how to read a file named like a subcommand.
pub const AFTER_HELP: &str = "\
Exit codes:
  0  every input was extracted
  1  some inputs could not be read (each is an error record in the output and a line on
     stderr); the others were extracted and written
  2  usage error, or nothing readable: every input failed, or no inputs were found, or the
     output could not be written

Subcommands come first (`policy-extract owners -q plans/`). A file named like a subcommand
(`owners`, `schema`): write `./owners`, or put the paths after `--` (`policy-extract -- owners`).";

/// Turn Chinese government policy documents (实施方案, 行动方案, 规划, 任务分工表) into
/// tasks, owners, deadlines, targets and indicators.
///
/// Reads DOCX, PDF, HTML, Markdown and text in any Chinese encoding. A single file prints one
/// JSON document; several files or a folder print JSON Lines, one document per input, in input
/// order. `-o tables.xlsx` or `-o tables/` writes the tables an analyst filters instead.
#[derive(Debug, Parser)]
#[command(
    name = "policy-extract",
    version,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Output format [default: from the extension of --output (.json, .jsonl, .xlsx; a folder
    /// for csv); json for a single file on stdout, else jsonl].
    ///
    /// json: one document, or an array when there are several inputs. jsonl: one document or
    /// error record per line. csv: a folder with tasks.csv, owners.csv, indicators.csv and
    /// errors.csv (UTF-8 with BOM). xlsx: one workbook with the sheets tasks, owners, indicators
    /// and errors. csv and xlsx need --output.
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write to this file (json, jsonl, xlsx) or folder (csv) instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Indent the JSON. With several inputs the documents follow one another indented, which jq
    /// reads but which is no longer JSON Lines.
    #[arg(long)]
    pub pretty: bool,
}

/// What to read and how.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read; `-` reads standard input.
    ///
    /// Folders are searched recursively for .txt, .md, .markdown, .html, .htm, .docx, .pdf,
    /// .doc and .wps files, and for files without an extension whose content looks like a
    /// document. Hidden files and folders are skipped. A file named on the command line is
    /// always read, whatever its name.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The path to report (and to guess the format from) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<String>,

    /// How many files to read at once [default: all cores]. The output order stays the input
    /// order.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// No progress bar and no summary on standard error. Errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per owner, the tasks it leads and supports across all inputs.
    Owners(OwnersArgs),
    /// Print the JSON Schema of the JSON documents this tool prints.
    Schema,
}

#[derive(Debug, Args)]
pub struct OwnersArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Print JSON (an array of owners with the tasks they lead, support, or are responsible
    /// for) instead of a text table.
    #[arg(long)]
    pub json: bool,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Xlsx,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
