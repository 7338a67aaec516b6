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
(`owners`, `review`, `schema`, `text`): write `./owners`, or put the paths after `--`
(`policy-extract -- owners`).";

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
    /// for csv); json for a single file on stdout or an existing file such as /dev/null, else
    /// jsonl].
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

    #[command(flatten)]
    pub limits: LimitArgs,
}

/// The bounds every reader works within (`policy_kit::Limits`). An input that needs more is
/// an error naming the limit (`limit max_pages exceeded: …`), never a crash. Sizes take a
/// suffix: K, M, G (powers of 1024; KiB, MB and so on are read the same way).
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Largest input file [default: 100M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Limits")]
    pub max_input_bytes: Option<u64>,

    /// Most bytes a DOCX's parts may inflate to, summed [default: 256M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Limits")]
    pub max_decompressed_bytes: Option<u64>,

    /// Most entries in a DOCX's zip [default: 10000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_zip_entries: Option<usize>,

    /// Deepest element nesting in DOCX XML and HTML, and object nesting in a PDF [default: 256].
    /// `--max-xml-depth` is its former name.
    #[arg(
        long,
        alias = "max-xml-depth",
        value_name = "N",
        help_heading = "Limits"
    )]
    pub max_nesting_depth: Option<usize>,

    /// Most cells in one table, rows times columns [default: 200000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_table_cells: Option<usize>,

    /// Most pages read from a PDF [default: 2000].
    #[arg(long, value_name = "N", help_heading = "Limits")]
    pub max_pages: Option<usize>,

    /// Largest text a document may decode to, in UTF-8 bytes [default: 32M]. Parsing time and
    /// memory grow with it: about 13 times this in memory for a text of nothing but tasks.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help_heading = "Limits")]
    pub max_text_bytes: Option<u64>,
}

impl LimitArgs {
    /// The library's defaults, with each limit given on the command line in its place.
    pub fn limits(&self) -> policy_kit::Limits {
        let mut limits = policy_kit::Limits::default();
        if let Some(n) = self.max_input_bytes {
            limits.max_input_bytes = n;
        }
        if let Some(n) = self.max_decompressed_bytes {
            limits.max_decompressed_bytes = n;
        }
        if let Some(n) = self.max_zip_entries {
            limits.max_zip_entries = n;
        }
        if let Some(n) = self.max_nesting_depth {
            limits.max_nesting_depth = n;
        }
        if let Some(n) = self.max_table_cells {
            limits.max_table_cells = n;
        }
        if let Some(n) = self.max_pages {
            limits.max_pages = n;
        }
        if let Some(n) = self.max_text_bytes {
            limits.max_text_bytes = n;
        }
        limits
    }
}

/// A byte count: digits, then an optional K, M or G (binary multiples), with an
/// optional `i` and `B` after it, any case: `300000`, `20M`, `1.5G`, `512KiB`.
fn parse_size(arg: &str) -> Result<u64, String> {
    let arg = arg.trim();
    let split = arg
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(arg.len());
    let (number, unit) = arg.split_at(split);
    let unit = unit.trim().to_ascii_lowercase();
    let multiplier: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("unknown size unit in `{arg}`: use K, M or G")),
    };
    let bytes = if number.contains('.') {
        let value: f64 = number
            .parse()
            .map_err(|_| format!("`{arg}` is not a size"))?;
        let bytes = (value * multiplier as f64).round();
        // 2^64 itself is not a u64 (`u64::MAX as f64` rounds up to it).
        if !(0.0..18_446_744_073_709_551_616.0).contains(&bytes) {
            return Err(format!("`{arg}` is too large"));
        }
        bytes as u64
    } else {
        number
            .parse::<u64>()
            .map_err(|_| format!("`{arg}` is not a size"))?
            .checked_mul(multiplier)
            .ok_or_else(|| format!("`{arg}` is too large"))?
    };
    Ok(bytes)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per owner, the tasks it leads and supports across all inputs.
    Owners(OwnersArgs),
    /// Print the JSON Schema of the JSON documents this tool prints.
    Schema,
    /// Write a review page: one HTML file showing each document's text with every task
    /// highlighted beside the table of tasks, indicators and warnings.
    Review(ReviewArgs),
    /// Print the text one document decodes to: the text every span's byte offsets index
    /// (`Decoded::text`). What the reader left out or guessed (a charset, a part it skipped)
    /// goes to standard error as notes.
    Text(TextArgs),
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// The document to read; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The path to report (and to guess the format from) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<String>,

    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The HTML file to write [default: standard output]. The page is self-contained (no
    /// network, works from file://).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

    #[test]
    fn sizes_take_binary_suffixes() {
        use super::parse_size;
        assert_eq!(parse_size("300000"), Ok(300_000));
        assert_eq!(parse_size("20M"), Ok(20 << 20));
        assert_eq!(parse_size("20MiB"), Ok(20 << 20));
        assert_eq!(parse_size("512kb"), Ok(512 << 10));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert!(parse_size("").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("10T").is_err());
        assert!(parse_size("1.2.3M").is_err());
        assert!(parse_size("20i").is_err());
        assert!(parse_size("20ib").is_err());
        assert!(parse_size("20mi").is_err());
        assert_eq!(parse_size("20B"), Ok(20));
        assert_eq!(parse_size("15.99999999G"), Ok(17_179_869_173));
        assert!(parse_size("17179869184.0G").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    /// The help states the defaults in words; they must be the library's.
    #[test]
    fn help_states_the_library_defaults() {
        let default = policy_kit::Limits::default();
        let help = super::Cli::command().render_long_help().to_string();
        let stated = [
            (
                "max-input-bytes",
                super::parse_size("100M"),
                default.max_input_bytes,
            ),
            (
                "max-decompressed-bytes",
                super::parse_size("256M"),
                default.max_decompressed_bytes,
            ),
            (
                "max-zip-entries",
                Ok(10_000),
                default.max_zip_entries as u64,
            ),
            (
                "max-nesting-depth",
                Ok(256),
                default.max_nesting_depth as u64,
            ),
            (
                "max-table-cells",
                Ok(200_000),
                default.max_table_cells as u64,
            ),
            ("max-pages", Ok(2_000), default.max_pages as u64),
            (
                "max-text-bytes",
                super::parse_size("32M"),
                default.max_text_bytes,
            ),
        ];
        for (flag, stated, actual) in stated {
            assert!(
                help.contains(&format!("--{flag}")),
                "{flag} missing from the help"
            );
            assert_eq!(
                stated,
                Ok(actual),
                "--{flag}: the help states another default"
            );
        }
    }

    #[test]
    fn limit_flags_override_only_what_they_name() {
        use clap::Parser;
        let cli = super::Cli::try_parse_from([
            "policy-extract",
            "--max-pages",
            "3",
            "--max-input-bytes",
            "1K",
            "a.pdf",
        ])
        .expect("valid arguments");
        let limits = cli.input.limits.limits();
        assert_eq!(limits.max_pages, 3);
        assert_eq!(limits.max_input_bytes, 1024);
        let default = policy_kit::Limits::default();
        assert_eq!(limits.max_table_cells, default.max_table_cells);
        assert_eq!(limits.max_nesting_depth, default.max_nesting_depth);
    }

    #[test]
    fn the_nesting_limit_keeps_its_former_flag() {
        use clap::Parser;
        for flag in ["--max-nesting-depth", "--max-xml-depth"] {
            let cli = super::Cli::try_parse_from(["policy-extract", flag, "12", "a.docx"])
                .expect("valid arguments");
            assert_eq!(cli.input.limits.limits().max_nesting_depth, 12, "{flag}");
        }
    }
}
