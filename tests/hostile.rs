//! Hostile inputs through the facade: every one must come back as a
//! [`Document`](policy_kit::Document) or an [`Error`], without a panic, within
//! a time bound.
//!
//! Two sources of cases:
//! - every file directly in `fixtures/hostile/` (small hand-made files, written by
//!   `fixtures/hostile/make.py`: empty and random files, truncated containers,
//!   entity tricks, encrypted and broken PDFs, …);
//! - the big cases below, generated in memory and never committed: a 200 MB
//!   text, zip bombs, a million nested XML and HTML elements, a
//!   10,000-column Markdown table, a million-character paragraph, 10,000 lines
//!   of nested numbering, a PDF whose content stream inflates to gigabytes.
//!
//! The bound is [`BOUND`]: 5 s per case in release, which is how CI runs the
//! tests (`cargo test --workspace --release`). Peak memory is measured on the
//! same cases by `scripts/hostile-mem.sh`, which writes them to disk with the
//! ignored test [`dump_generated_corpus`] and runs `policy-extract` on each
//! under `/usr/bin/time -v`.
//!
//! A reader that is not wired into the facade yet answers
//! `Error::Unsupported`, which passes: the assertion is "no panic, an error or
//! a document, in time", not which.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use policy_kit::{Document, Error, Limit, Limits, Options};

/// Per-case wall-time bound: it catches a hang or a quadratic blow-up (hours
/// on these sizes), not a slowdown — speed is measured in the benchmarks
/// (BENCHMARKS.md), since a shared 2-core machine can run a 4 s case in 8.
/// Debug builds are an order of magnitude slower, so they get a looser bound.
const BOUND: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(300)
} else {
    Duration::from_secs(30)
};

/// What a case must come back as, beyond "no panic, in time".
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// A document or an error.
    Any,
    /// An error (any kind but a reader panic).
    Error,
    /// This limit's error, named.
    Limit(Limit),
}

/// One generated hostile input.
struct Case {
    /// File name; its extension is what the facade sees.
    name: &'static str,
    bytes: fn() -> Vec<u8>,
    expect: Expect,
}

const CASES: &[Case] = &[
    Case {
        name: "text_200mb.txt",
        bytes: text_200mb,
        expect: Expect::Limit(Limit::InputBytes),
    },
    Case {
        name: "text_200mb.pdf",
        bytes: text_200mb,
        expect: Expect::Error,
    },
    Case {
        name: "zip_bomb_declared.docx",
        bytes: zip_bomb_declared,
        expect: Expect::Limit(Limit::DecompressedBytes),
    },
    Case {
        name: "zip_bomb_lying_header.docx",
        bytes: zip_bomb_lying_header,
        expect: Expect::Error,
    },
    Case {
        name: "zip_many_entries.docx",
        bytes: zip_many_entries,
        expect: Expect::Limit(Limit::ZipEntries),
    },
    Case {
        name: "xml_million_nested.docx",
        bytes: xml_million_nested,
        expect: Expect::Limit(Limit::NestingDepth),
    },
    Case {
        name: "xml_million_siblings.docx",
        bytes: xml_million_siblings,
        expect: Expect::Any,
    },
    Case {
        name: "docx_table_300k_cells.docx",
        bytes: docx_table_300k_cells,
        expect: Expect::Limit(Limit::TableCells),
    },
    Case {
        name: "doc_table_300k_cells.doc",
        bytes: doc_table_300k_cells,
        expect: Expect::Limit(Limit::TableCells),
    },
    Case {
        name: "doc_paragraph_million_chars.doc",
        bytes: doc_paragraph_million_chars,
        expect: Expect::Any,
    },
    Case {
        name: "html_million_nested.html",
        bytes: html_million_nested,
        expect: Expect::Any,
    },
    Case {
        name: "html_table_10000_columns.html",
        bytes: html_table_10000_columns,
        expect: Expect::Any,
    },
    Case {
        name: "markdown_table_10000_columns.md",
        bytes: markdown_table_10000_columns,
        expect: Expect::Any,
    },
    Case {
        name: "markdown_table_10000x40.md",
        bytes: markdown_table_10000x40,
        expect: Expect::Limit(Limit::TableCells),
    },
    Case {
        name: "tika_table_10000_columns.txt",
        bytes: tika_table_10000_columns,
        expect: Expect::Any,
    },
    Case {
        name: "paragraph_million_chars.txt",
        bytes: paragraph_million_chars,
        expect: Expect::Any,
    },
    Case {
        name: "paragraph_million_chars.md",
        bytes: paragraph_million_chars,
        expect: Expect::Any,
    },
    Case {
        name: "paragraph_million_chars.docx",
        bytes: paragraph_million_chars_docx,
        expect: Expect::Any,
    },
    Case {
        name: "numbering_10000_nested.txt",
        bytes: numbering_10000_nested,
        expect: Expect::Any,
    },
    Case {
        name: "numbering_10000_nested.docx",
        bytes: numbering_10000_nested_docx,
        expect: Expect::Any,
    },
    Case {
        name: "numbering_dotted_1000_deep.txt",
        bytes: numbering_dotted_deep,
        expect: Expect::Any,
    },
    Case {
        name: "owner_clauses_nested.txt",
        bytes: owner_clauses_nested,
        expect: Expect::Any,
    },
    Case {
        name: "brackets_unclosed.txt",
        bytes: brackets_unclosed,
        expect: Expect::Any,
    },
    Case {
        name: "digits_million.txt",
        bytes: digits_million,
        expect: Expect::Any,
    },
    Case {
        name: "lines_million_empty.txt",
        bytes: lines_million_empty,
        expect: Expect::Any,
    },
    Case {
        name: "nul_bytes_20mb.txt",
        bytes: nul_bytes_20mb,
        expect: Expect::Any,
    },
    Case {
        name: "random_4mb.txt",
        bytes: random_4mb,
        expect: Expect::Any,
    },
    Case {
        name: "random_4mb.docx",
        bytes: random_4mb,
        expect: Expect::Any,
    },
    Case {
        name: "random_4mb.pdf",
        bytes: random_4mb,
        expect: Expect::Any,
    },
    Case {
        name: "text_99mb.txt",
        bytes: text_99mb,
        expect: Expect::Limit(Limit::TextBytes),
    },
    Case {
        name: "gb18030_99mb.txt",
        bytes: gb18030_99mb,
        expect: Expect::Limit(Limit::TextBytes),
    },
    Case {
        name: "tasks_near_text_limit.txt",
        bytes: tasks_near_text_limit,
        expect: Expect::Any,
    },
    Case {
        name: "gb18030_near_text_limit.txt",
        bytes: gb18030_near_text_limit,
        expect: Expect::Any,
    },
    Case {
        name: "pdf_flate_bomb.pdf",
        bytes: pdf_flate_bomb,
        expect: Expect::Limit(Limit::DecompressedBytes),
    },
    Case {
        name: "pdf_many_pages.pdf",
        bytes: pdf_many_pages,
        expect: Expect::Any,
    },
];

#[test]
fn text_over_input_limit() {
    run_case("text_200mb.txt");
    run_case("text_200mb.pdf");
}

#[test]
fn zip_bombs() {
    run_case("zip_bomb_declared.docx");
    run_case("zip_bomb_lying_header.docx");
    run_case("zip_many_entries.docx");
}

/// A part that inflates past the size its header declares is refused there, as
/// damaged, not inflated up to `max_decompressed_bytes` first.
#[test]
fn zip_bomb_with_a_lying_header_stops_at_the_declared_size() {
    let Err(err) = policy_kit::extract(&zip_bomb_lying_header(), "bomb.docx", &Options::default())
    else {
        panic!("a zip bomb read as a document");
    };
    let message = chain(&err);
    assert!(message.contains("past the 4096 bytes"), "{message}");
}

#[test]
fn xml_million_elements() {
    run_case("xml_million_nested.docx");
    run_case("xml_million_siblings.docx");
    run_case("docx_table_300k_cells.docx");
}

#[test]
fn doc_big_tables_and_paragraphs() {
    run_case("doc_table_300k_cells.doc");
    run_case("doc_paragraph_million_chars.doc");
}

#[test]
fn html_million_elements() {
    run_case("html_million_nested.html");
    run_case("html_table_10000_columns.html");
}

#[test]
fn tables_10000_columns() {
    run_case("markdown_table_10000_columns.md");
    run_case("markdown_table_10000x40.md");
    run_case("tika_table_10000_columns.txt");
}

#[test]
fn paragraph_million_chars_no_punctuation() {
    run_case("paragraph_million_chars.txt");
    run_case("paragraph_million_chars.md");
    run_case("paragraph_million_chars.docx");
}

#[test]
fn numbering_nested_10000() {
    run_case("numbering_10000_nested.txt");
    run_case("numbering_10000_nested.docx");
    run_case("numbering_dotted_1000_deep.txt");
}

#[test]
fn grammar_pathologies() {
    run_case("owner_clauses_nested.txt");
    run_case("brackets_unclosed.txt");
    run_case("digits_million.txt");
    run_case("lines_million_empty.txt");
}

#[test]
fn binary_noise() {
    run_case("nul_bytes_20mb.txt");
    run_case("random_4mb.txt");
    run_case("random_4mb.docx");
    run_case("random_4mb.pdf");
}

#[test]
fn pdf_bombs() {
    run_case("pdf_flate_bomb.pdf");
    run_case("pdf_many_pages.pdf");
}

#[test]
fn scanned_pdf_without_text_layer() {
    let path = root().join("fixtures/real/real10_shandong_shouji_gouxin_xize.scanned.pdf");
    let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    if let Err(failure) = check(
        "real10_shandong_shouji_gouxin_xize.scanned.pdf",
        &bytes,
        Expect::Any,
    ) {
        panic!("{failure}");
    }
}

/// Every committed file in `fixtures/hostile/`, failures gathered and reported together.
#[test]
fn committed_hostile_fixtures() {
    let dir = root().join("fixtures/hostile");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.is_file() && !matches!(path.extension().and_then(|e| e.to_str()), Some("py"))
        })
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    entries.sort();
    assert!(
        entries.len() >= 30,
        "fixtures/hostile/ holds {} files; run fixtures/hostile/make.py",
        entries.len()
    );
    let failures: Vec<String> = entries
        .iter()
        .filter_map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let bytes =
                std::fs::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            check(name, &bytes, Expect::Any).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} hostile fixtures failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Just under `max_input_bytes`, texts are over `max_text_bytes`, and refused
/// by name once decoded; just under `max_text_bytes`, they are read in time
/// (their peak memory is measured by `scripts/hostile-mem.sh`).
#[test]
fn texts_near_the_limits() {
    run_case("gb18030_99mb.txt");
    run_case("text_99mb.txt");
    run_case("tasks_near_text_limit.txt");
    run_case("gb18030_near_text_limit.txt");
}

/// Former crashers (`fixtures/hostile/crashers/`): deep nesting overflowed the
/// PDF library's recursive parser; the reader now refuses it by depth first.
#[test]
fn pdf_deep_nesting() {
    for name in ["deep_arrays.pdf", "deep_dicts.pdf"] {
        let path = root().join("fixtures/hostile/crashers").join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        if let Err(failure) = check(name, &bytes, Expect::Any) {
            panic!("{failure}");
        }
    }
}

/// The limits are the configurable part: a tighter limit is obeyed and named.
#[test]
fn tighter_limits_are_named() {
    let text = "一、总体要求\n（一）工作目标。\n".repeat(100);
    let limits = Limits {
        max_input_bytes: 1000,
        ..Limits::default()
    };
    match policy_kit::extract(text.as_bytes(), "plan.txt", &Options { limits }) {
        Err(Error::Limit(hit)) => assert_eq!(hit.limit, Limit::InputBytes),
        other => panic!("expected max_input_bytes, got {other:?}"),
    }
    let nested = docx(&document(&format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(40),
        "</w:sdtContent></w:sdt>".repeat(40)
    )));
    let limits = Limits {
        max_nesting_depth: 32,
        ..Limits::default()
    };
    let result = policy_kit::extract(&nested, "nested.docx", &Options { limits });
    let err = result.expect_err("nested past the limit");
    assert_eq!(err.kind(), "limit_exceeded", "{err:?}");
    assert_eq!(
        err.limit_exceeded().map(|hit| hit.limit),
        Some(Limit::NestingDepth)
    );
    assert!(
        chain(&err).contains("limit max_nesting_depth exceeded"),
        "{err:?}"
    );
}

/// Writes every generated case to `$HOSTILE_CORPUS_DIR` (for `scripts/hostile-mem.sh`).
#[test]
#[ignore = "writes ~1 GB of files; run by scripts/hostile-mem.sh"]
fn dump_generated_corpus() {
    let Some(dir) = std::env::var_os("HOSTILE_CORPUS_DIR") else {
        panic!("set HOSTILE_CORPUS_DIR to the folder to write the cases to");
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for case in CASES {
        let path = dir.join(case.name);
        std::fs::write(&path, (case.bytes)())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    }
}

fn run_case(name: &str) {
    let Some(case) = CASES.iter().find(|case| case.name == name) else {
        panic!("no hostile case named {name}");
    };
    let bytes = (case.bytes)();
    if let Err(failure) = check(case.name, &bytes, case.expect) {
        panic!("{failure}");
    }
}

/// Runs one input through `policy_kit::extract`; `Err` says what went wrong.
fn check(name: &str, bytes: &[u8], expect: Expect) -> Result<(), String> {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| {
        policy_kit::extract(bytes, name, &Options::default())
    }));
    let elapsed = start.elapsed();
    let outcome = match &result {
        Ok(Ok(doc)) => describe(doc),
        Ok(Err(err)) => format!("error {}: {}", err.kind(), chain(err)),
        Err(_) => "panic".to_string(),
    };
    eprintln!(
        "hostile {name} ({} bytes): {outcome} in {elapsed:.2?}",
        bytes.len()
    );
    let result = result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("{name}: panicked outside the readers (in the parser?): {message}")
    })?;
    if elapsed > BOUND {
        return Err(format!(
            "{name}: took {elapsed:.2?}, bound {BOUND:?} ({outcome})"
        ));
    }
    match (&result, expect) {
        (Err(err @ Error::ReaderPanic { .. }), _) => {
            Err(format!("{name}: a reader panicked: {err}"))
        }
        (Ok(_), Expect::Any) | (Err(_), Expect::Any | Expect::Error) => Ok(()),
        // The facade's or a reader's own (e.g. `Docx(Limit(..))`): the same kind.
        (Err(err), Expect::Limit(limit))
            if err.kind() == "limit_exceeded"
                && err.limit_exceeded().map(|hit| hit.limit) == Some(limit) =>
        {
            Ok(())
        }
        // A reader that is not wired in yet cannot hit the limit.
        (Err(Error::Unsupported { .. }), Expect::Limit(_)) => Ok(()),
        (_, expect) => Err(format!("{name}: expected {expect:?}, got {outcome}")),
    }
}

/// The error and its causes, `: `-joined.
fn chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn describe(doc: &Document) -> String {
    format!(
        "document with {} tasks, {} warnings",
        doc.tasks.len(),
        doc.warnings.len()
    )
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- generators -------------------------------------------------------------

fn text_200mb() -> Vec<u8> {
    let line = "一、总体要求。到2025年，建成社区服务中心10个。（责任单位：县民政局）\n";
    line.repeat(200 * 1024 * 1024 / line.len()).into_bytes()
}

/// `document.xml` declares (honestly) 3.2 GB of spaces, deflated to 3 MB.
fn zip_bomb_declared() -> Vec<u8> {
    let (data, size) = deflate_bomb(12_500_000);
    zip(&[
        Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry {
            name: "word/document.xml",
            method: 8,
            crc: 0,
            size: size as u32,
            data,
        },
    ])
}

/// The same stream, but the header claims 4 KB: only reading through a
/// bounded reader stops it.
fn zip_bomb_lying_header() -> Vec<u8> {
    let (data, _) = deflate_bomb(12_500_000);
    zip(&[
        Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry {
            name: "word/document.xml",
            method: 8,
            crc: 0,
            size: 4096,
            data,
        },
    ])
}

fn zip_many_entries() -> Vec<u8> {
    let names: Vec<String> = (0..60_000).map(|i| format!("word/media/{i}.xml")).collect();
    let mut entries = vec![Entry::stored("word/document.xml", b"")];
    entries.extend(names.iter().map(|name| Entry::stored(name, b"")));
    zip(&entries)
}

fn xml_million_nested() -> Vec<u8> {
    docx(&document(&format!(
        "{}<w:r><w:t>一、</w:t></w:r>{}",
        "<w:p>".repeat(1_000_000),
        "</w:p>".repeat(1_000_000)
    )))
}

fn xml_million_siblings() -> Vec<u8> {
    docx(&document(
        &"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(1_000_000),
    ))
}

/// One table of 1000 × 300 cells (the default limit is 200,000).
fn docx_table_300k_cells() -> Vec<u8> {
    let row = format!(
        "<w:tr>{}</w:tr>",
        "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>".repeat(1000)
    );
    docx(&document(&format!("<w:tbl>{}</w:tbl>", row.repeat(300))))
}

/// 300,000 table cells in one Word 97 table (the default `max_table_cells` is 200,000).
fn doc_table_300k_cells() -> Vec<u8> {
    word97(&"1\u{7}".repeat(300_000), true)
}

/// One paragraph of a million characters without punctuation, as a Word 97 document.
fn doc_paragraph_million_chars() -> Vec<u8> {
    word97(&format!("{}\r", "任务".repeat(500_000)), false)
}

fn html_million_nested() -> Vec<u8> {
    format!(
        "<html><body>{}<p>一、总体要求</p>{}</body></html>",
        "<div>".repeat(1_000_000),
        "</div>".repeat(1_000_000)
    )
    .into_bytes()
}

fn html_table_10000_columns() -> Vec<u8> {
    let row = format!("<tr>{}</tr>", "<td>县民政局</td>".repeat(10_000));
    format!(
        "<html><body><p>一、任务分工</p><table>{}</table></body></html>",
        row.repeat(10)
    )
    .into_bytes()
}

fn markdown_table(columns: usize, rows: usize) -> Vec<u8> {
    let mut md = String::from("# 任务分工\n\n");
    md.push_str(&format!(
        "|{}\n",
        (0..columns)
            .map(|i| format!(" 列{i} |"))
            .collect::<String>()
    ));
    md.push_str(&format!("|{}\n", " --- |".repeat(columns)));
    for row in 0..rows {
        md.push_str(&format!(
            "|{}\n",
            (0..columns)
                .map(|i| format!(" 任务{row}-{i} |"))
                .collect::<String>()
        ));
    }
    md.into_bytes()
}

fn markdown_table_10000_columns() -> Vec<u8> {
    markdown_table(10_000, 2)
}

/// 400,000 cells: over the default `max_table_cells`.
fn markdown_table_10000x40() -> Vec<u8> {
    markdown_table(10_000, 40)
}

/// The Tika flattening of a table: every cell starts with a tab.
fn tika_table_10000_columns() -> Vec<u8> {
    let row = "\t县民政局\n".repeat(10_000);
    format!("一、任务分工\n\n{}\n{}\n", row, row).into_bytes()
}

fn paragraph_million_chars() -> Vec<u8> {
    "推进社区服务设施建设".repeat(100_000).into_bytes()
}

fn paragraph_million_chars_docx() -> Vec<u8> {
    docx(&document(&format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "推进社区服务设施建设".repeat(100_000)
    )))
}

/// 10,000 lines cycling 一、 （一） 1. （1） ① — five levels, reopened 2,000 times.
fn numbering_lines() -> Vec<String> {
    (0..10_000)
        .map(|i| {
            let n = i / 5 + 1;
            let body = "加快推进重点任务落实。（责任单位：县发展改革局）";
            match i % 5 {
                0 => format!("{}、{body}", cn_number(n)),
                1 => format!("（{}）{body}", cn_number(n)),
                2 => format!("{n}.{body}"),
                3 => format!("（{n}）{body}"),
                _ => format!(
                    "{}{body}",
                    char::from_u32(0x2460 + (n % 20) as u32).unwrap_or('①')
                ),
            }
        })
        .collect()
}

fn numbering_10000_nested() -> Vec<u8> {
    numbering_lines().join("\n").into_bytes()
}

fn numbering_10000_nested_docx() -> Vec<u8> {
    let body: String = numbering_lines()
        .iter()
        .map(|line| format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"))
        .collect();
    docx(&document(&body))
}

/// `1.` `1.1` `1.1.1` … 1,000 levels deep (the last label is 2,000 characters).
fn numbering_dotted_deep() -> Vec<u8> {
    let mut out = String::new();
    let mut label = String::new();
    for depth in 1..=1000 {
        if depth > 1 {
            label.push('.');
        }
        label.push('1');
        out.push_str(&format!("{label} 第{depth}层任务\n"));
    }
    out.into_bytes()
}

fn owner_clauses_nested() -> Vec<u8> {
    let mut s = String::from("一、工作任务\n1.建设社区服务中心");
    s.push_str(&"（责任单位：县民政局、".repeat(20_000));
    s.push_str(&"）".repeat(20_000));
    s.push_str("\n2.完善设施");
    s.push_str(&"、县住建局".repeat(100_000));
    s.push_str("等按职责分工负责\n");
    s.into_bytes()
}

fn brackets_unclosed() -> Vec<u8> {
    let mut s = "（".repeat(200_000);
    s.push('\n');
    s.push_str(&"【〔《(".repeat(100_000));
    s.into_bytes()
}

fn digits_million() -> Vec<u8> {
    let mut s = String::from("到2025年，新建");
    s.push_str(&"9".repeat(1_000_000));
    s.push_str("个，提高");
    s.push_str(&"1.".repeat(200_000));
    s.push_str("%以上\n");
    s.push_str(&"达到1万亿元以上，".repeat(50_000));
    s.into_bytes()
}

fn lines_million_empty() -> Vec<u8> {
    "\n".repeat(1_000_000).into_bytes()
}

/// UTF-8 policy prose just under the input limit.
fn text_99mb() -> Vec<u8> {
    let line = "（三）推进社区服务设施建设。到2025年，建成社区服务中心10个。（责任单位：县民政局、住建局）\n";
    line.repeat(99_000_000 / line.len()).into_bytes()
}

/// A GB18030 fixture repeated to just under the input limit.
fn gb18030_99mb() -> Vec<u8> {
    gb18030_repeated(99_000_000)
}

/// The GB18030 fixture repeated to `size` bytes or a little more.
fn gb18030_repeated(size: usize) -> Vec<u8> {
    let path = root().join("fixtures/002_implementation_plan.gb18030.txt");
    let one = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut bytes = Vec::with_capacity(size + one.len());
    while bytes.len() + one.len() <= size {
        bytes.extend_from_slice(&one);
    }
    bytes
}

/// Task lines, each with an owner clause, a deadline and a target, to just
/// under the default `max_text_bytes`: the costliest text per byte to parse.
fn tasks_near_text_limit() -> Vec<u8> {
    let line = "（三）推进社区服务设施建设。到2025年，建成社区服务中心10个。（责任单位：县民政局、住建局）\n";
    let size = usize::try_from(Limits::default().max_text_bytes).unwrap_or(usize::MAX) - 1024;
    line.repeat(size / line.len()).into_bytes()
}

/// GB18030 that decodes to just under the default `max_text_bytes` of UTF-8
/// (a Chinese character takes 2 bytes in GB18030 and 3 in UTF-8).
fn gb18030_near_text_limit() -> Vec<u8> {
    let size = usize::try_from(Limits::default().max_text_bytes).unwrap_or(usize::MAX);
    gb18030_repeated(size / 3 * 2 - 64 * 1024)
}

fn nul_bytes_20mb() -> Vec<u8> {
    let mut bytes = "一、总体要求\n".repeat(1_000_000).into_bytes();
    for byte in bytes.iter_mut().step_by(1001) {
        *byte = 0;
    }
    bytes
}

fn random_4mb() -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    (0..4 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// A one-page PDF whose content stream inflates to 3.2 GB of spaces.
fn pdf_flate_bomb() -> Vec<u8> {
    let (deflated, size) = deflate_bomb(12_500_000);
    let mut stream = vec![0x78, 0x01];
    stream.extend_from_slice(&deflated);
    stream.extend_from_slice(&adler32_of_spaces(size).to_be_bytes());
    let mut content = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    content.extend_from_slice(&stream);
    content.extend_from_slice(b"\nendstream");
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        content,
    ])
}

/// 50,000 pages sharing one content stream (the default `max_pages` is 2,000).
fn pdf_many_pages() -> Vec<u8> {
    const PAGES: usize = 50_000;
    let kids: String = (0..PAGES).map(|i| format!("{} 0 R ", i + 5)).collect();
    let text = b"BT /F1 12 Tf 72 770 Td (1. Task) Tj ET";
    let mut content = format!("<< /Length {} >>\nstream\n", text.len()).into_bytes();
    content.extend_from_slice(text);
    content.extend_from_slice(b"\nendstream");
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {PAGES} >>").into_bytes(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    objects.extend((0..PAGES).map(|_| {
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
            .to_vec()
    }));
    pdf(&objects)
}

// ---- containers made by hand (the root package has no zip / deflate dependency) ----

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

/// A DOCX of stored (uncompressed) parts.
fn docx(document_xml: &str) -> Vec<u8> {
    zip(&[
        Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry::stored("word/document.xml", document_xml.as_bytes()),
    ])
}

struct Entry<'a> {
    name: &'a str,
    /// 0 stored, 8 deflated.
    method: u16,
    crc: u32,
    /// Uncompressed size as the headers declare it.
    size: u32,
    data: Vec<u8>,
}

impl<'a> Entry<'a> {
    fn stored(name: &'a str, data: &[u8]) -> Entry<'a> {
        Entry {
            name,
            method: 0,
            crc: crc32(data),
            size: data.len() as u32,
            data: data.to_vec(),
        }
    }
}

/// A zip archive: local headers and data, central directory, end record.
fn zip(entries: &[Entry]) -> Vec<u8> {
    fn header(out: &mut Vec<u8>, entry: &Entry) {
        for v in [20u16, 0, entry.method, 0, 0x21] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [entry.crc, entry.data.len() as u32, entry.size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut offsets = Vec::with_capacity(entries.len());
    for entry in entries {
        offsets.push(out.len() as u32);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header(&mut out, entry);
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&entry.data);
    }
    let cd_start = out.len() as u32;
    for (entry, offset) in entries.iter().zip(offsets) {
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        header(&mut out, entry);
        for v in [0u16, 0, 0] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(entry.name.as_bytes());
    }
    let cd_size = out.len() as u32 - cd_start;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    let n = entries.len().min(usize::from(u16::MAX)) as u16;
    for v in [0u16, 0, n, n] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A Word 97 document (an OLE compound file written by `cfb`) whose main
/// text is `text`, as one 16-bit piece, with one paragraph-property run over
/// all of it: in a table (every `\u{7}` a cell mark) or not. The layout is the
/// one `fixtures/hostile/make.py` writes: FIB, FKP page at 1024, text at 2048.
fn word97(text: &str, in_table: bool) -> Vec<u8> {
    use std::io::Write;
    let units: Vec<u16> = text.encode_utf16().collect();
    let text_at = 2048u32;
    let text_end = text_at + 2 * units.len() as u32;
    let mut word = vec![0u8; text_at as usize];
    for unit in &units {
        word.extend_from_slice(&unit.to_le_bytes());
    }
    // FKP: one run [text_at, text_end) whose PAPX is istd 0 + sprmPFInTable.
    let fkp = &mut word[1024..1536];
    fkp[0..4].copy_from_slice(&text_at.to_le_bytes());
    fkp[4..8].copy_from_slice(&text_end.to_le_bytes());
    fkp[8] = 250; // BxPap offset in words: the PAPX at byte 500
    fkp[500..508].copy_from_slice(&[0, 3, 0, 0, 0x16, 0x24, u8::from(in_table), 0]);
    fkp[511] = 1;
    // Table stream: an empty style sheet, the CLX, the PlcfBtePapx (page 2).
    let mut table = vec![0u8; 16];
    let stsh_at = table.len() as u32;
    table.extend_from_slice(&[4, 0, 0, 0, 10, 0]);
    let clx_at = table.len() as u32;
    table.push(2);
    table.extend_from_slice(&16u32.to_le_bytes());
    for v in [0u32, units.len() as u32] {
        table.extend_from_slice(&v.to_le_bytes());
    }
    table.extend_from_slice(&[0, 0]);
    table.extend_from_slice(&text_at.to_le_bytes());
    table.extend_from_slice(&[0, 0]);
    let bte_at = table.len() as u32;
    for v in [text_at, text_end, 2] {
        table.extend_from_slice(&v.to_le_bytes());
    }
    // FIB: FibBase (1Table), 14 shorts, 22 longs (ccpText 4th), 93 fc/lcb pairs.
    let mut fib = Vec::new();
    for v in [0xA5ECu16, 0xC1, 0, 0, 0, 0x0200] {
        fib.extend_from_slice(&v.to_le_bytes());
    }
    fib.resize(32, 0);
    fib.extend_from_slice(&14u16.to_le_bytes());
    fib.resize(fib.len() + 28, 0);
    fib.extend_from_slice(&22u16.to_le_bytes());
    let mut longs = [0u32; 22];
    longs[3] = units.len() as u32;
    for v in longs {
        fib.extend_from_slice(&v.to_le_bytes());
    }
    fib.extend_from_slice(&93u16.to_le_bytes());
    let mut pairs = [(0u32, 0u32); 93];
    pairs[1] = (stsh_at, 6);
    pairs[13] = (bte_at, 12);
    pairs[33] = (clx_at, 21);
    for (fc, lcb) in pairs {
        fib.extend_from_slice(&fc.to_le_bytes());
        fib.extend_from_slice(&lcb.to_le_bytes());
    }
    word[..fib.len()].copy_from_slice(&fib);

    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))
        .expect("an in-memory compound file");
    for (name, data) in [("/WordDocument", &word), ("/1Table", &table)] {
        file.create_stream(name)
            .and_then(|mut stream| stream.write_all(data))
            .expect("in-memory streams");
    }
    file.flush().expect("in-memory flush");
    file.into_inner().into_inner()
}

/// A raw deflate stream of `1 + 258 * matches` spaces, about `matches / 4`
/// bytes long: one dynamic-Huffman block whose only codes are the literal
/// space, end-of-block and "copy 258 bytes from distance 1", the last coded
/// with one bit and its distance with one bit, so the body is all zero bits.
fn deflate_bomb(matches: usize) -> (Vec<u8>, u64) {
    let mut w = BitWriter::default();
    w.bits(1, 1); // BFINAL
    w.bits(2, 2); // BTYPE: dynamic Huffman
    w.bits(29, 5); // HLIT: 286 literal/length codes
    w.bits(0, 5); // HDIST: 1 distance code
    w.bits(14, 4); // HCLEN: 18 code-length codes
    // Code-length code lengths, in the format's order; 18 → 1 bit, 1 and 2 → 2 bits.
    for sym in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
        w.bits(
            match sym {
                18 => 1,
                1 | 2 => 2,
                _ => 0,
            },
            3,
        );
    }
    // Canonical codes: 18 = 0, 1 = 10, 2 = 11.
    let zeros = |w: &mut BitWriter, run: u32| {
        w.code(0b0, 1);
        w.bits(run - 11, 7);
    };
    zeros(&mut w, 32); // literals 0..=31
    w.code(0b11, 2); // literal 32 (space): length 2
    zeros(&mut w, 138); // literals 33..=170
    zeros(&mut w, 85); // literals 171..=255
    w.code(0b11, 2); // 256, end of block: length 2
    zeros(&mut w, 28); // 257..=284
    w.code(0b10, 2); // 285, length 258: length 1
    w.code(0b10, 2); // distance code 0: length 1
    // Canonical literal/length codes: 285 = 0, 32 = 10, 256 = 11; distance 0 = 0.
    w.code(0b10, 2);
    w.zeros(2 * matches);
    w.code(0b11, 2);
    (w.bytes, 1 + 258 * matches as u64)
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    n_bits: usize,
}

impl BitWriter {
    /// `n` bits of `value`, least significant first (how deflate packs fields).
    fn bits(&mut self, value: u32, n: usize) {
        for i in 0..n {
            self.bit((value >> i) & 1 == 1);
        }
    }

    /// A Huffman code of `n` bits, most significant first.
    fn code(&mut self, code: u32, n: usize) {
        for i in (0..n).rev() {
            self.bit((code >> i) & 1 == 1);
        }
    }

    fn zeros(&mut self, n: usize) {
        self.n_bits += n;
        self.bytes.resize(self.n_bits.div_ceil(8), 0);
    }

    fn bit(&mut self, one: bool) {
        if self.n_bits.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if one && let Some(last) = self.bytes.last_mut() {
            *last |= 1 << (self.n_bits % 8);
        }
        self.n_bits += 1;
    }
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Adler-32 of `n` spaces, in closed form.
fn adler32_of_spaces(n: u64) -> u32 {
    const MOD: u128 = 65521;
    let n = u128::from(n);
    let a = (1 + 32 * n) % MOD;
    let b = (n + 32 * (n * (n + 1) / 2)) % MOD;
    ((b << 16) | a) as u32
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct xref.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// `n` (below 10,000) in Chinese numerals, as enumerators write it: 十一, 一百零五, 二千.
fn cn_number(n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut gap = false;
    for (digit, unit) in digits.into_iter().zip(UNITS) {
        if digit == 0 {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        if !(digit == 1 && unit == "十" && out.is_empty()) {
            out.push(DIGITS[digit]);
        }
        out.push_str(unit);
    }
    out
}

/// A password-protected DOCX is an OLE compound file, as a legacy `.doc` is: it
/// is called what it is (issue 16), under either extension.
#[test]
fn an_encrypted_docx_is_not_called_a_legacy_doc() {
    let bytes = std::fs::read(root().join("fixtures/hostile/encrypted_ooxml.docx"))
        .expect("fixture written by make.py");
    for name in ["plan.docx", "plan.doc", "plan"] {
        let err = policy_kit::extract(&bytes, name, &Options::default())
            .expect_err("an encrypted document is not read");
        let message = err.to_string();
        assert!(
            message.contains("encrypted (password-protected) Office document"),
            "{name}: {message}"
        );
        assert!(!message.contains("legacy"), "{name}: {message}");
    }
}
