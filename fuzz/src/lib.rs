//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` (libFuzzer)
//! and the replay test below (plain `cargo test` over the seed corpora).
//!
//! Every reader runs inside the facade's `catch_unwind`, which would turn a
//! panic into `Error::ReaderPanic` and hide it from the fuzzer, so each body
//! re-raises that as a panic. libfuzzer-sys aborts on any panic, even one a
//! reader catches itself, so a panic deep in a library is found too.

use std::io::Write;

use policy_kit::{Error, Options};

/// Bytes through `policy_kit::extract` as a file named `path`.
pub fn extract(data: &[u8], path: &str) {
    match policy_kit::extract(data, path, &Options::default()) {
        Err(err @ Error::ReaderPanic { .. }) => panic!("{err}"),
        Ok(_) | Err(_) => {}
    }
}

/// Markdown-looking text: each input byte picks a token of converter
/// Markdown and policy prose, so the fuzzer explores tables, headings and
/// numbering instead of invalid UTF-8.
pub fn markdown(data: &[u8]) {
    const TOKENS: &[&str] = &[
        "|",
        "|",
        " | ",
        "---",
        ":---:",
        "\n",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "**",
        "- ",
        "> ",
        "一、",
        "（一）",
        "(二)",
        "1.",
        "（1）",
        "①",
        "第一章",
        "第一条",
        "专栏",
        "责任单位：",
        "牵头单位：",
        "配合单位：",
        "县民政局",
        "、",
        "，",
        "。",
        "；",
        "（",
        "）",
        "(",
        ")",
        "各乡镇",
        "等按职责分工负责",
        "到2025年",
        "底前",
        "2024年6月",
        "持续推进",
        "完成时限",
        "100",
        "10.5",
        "%",
        "万元",
        "亿",
        "以上",
        "不低于",
        "达到",
        "\t",
        " ",
        "<br>",
        "<table><tr><td>",
        "</td></tr></table>",
        "\u{3000}",
        "\r\n",
        "\0",
        "序号",
        "任务",
        "目标",
    ];
    let text: String = data
        .iter()
        .map(|&b| TOKENS[usize::from(b) % TOKENS.len()])
        .collect();
    extract(text.as_bytes(), "fuzz.md");
    extract(text.as_bytes(), "fuzz.txt");
}

/// Bytes as the `WordDocument` and table streams of a sound OLE compound
/// file, so the Word structures (FIB, piece table, paragraph property pages,
/// style sheet) are fuzzed past the container: the first two bytes give the
/// length of `WordDocument`, the rest is the table stream (both `0Table` and
/// `1Table`, whichever the FIB names).
pub fn doc_streams(data: &[u8]) {
    let split = data
        .get(..2)
        .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
    let rest = data.get(2..).unwrap_or(&[]);
    let (word, table) = rest.split_at(split.min(rest.len()));
    let Ok(bytes) = compound_file(&[("WordDocument", word), ("0Table", table), ("1Table", table)])
    else {
        return;
    };
    extract(&bytes, "fuzz.doc");
}

fn compound_file(streams: &[(&str, &[u8])]) -> std::io::Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new()))?;
    for (name, data) in streams {
        file.create_stream(format!("/{name}"))?.write_all(data)?;
    }
    file.flush()?;
    Ok(file.into_inner().into_inner())
}

/// Bytes as `word/document.xml` of an otherwise valid DOCX, so the XML walk
/// is fuzzed rather than the zip parser.
pub fn docx_xml(data: &[u8]) {
    extract(&stored_docx(data), "fuzz.docx");
}

/// Let panics raised inside the crate `library` through, where libFuzzer's hook
/// would abort on them; every other panic still aborts.
///
/// `policy-pdf` runs `pdf_oxide` under `catch_unwind` and reports a panic there
/// as `policy_pdf::Error::Panic`, which is the behaviour under test: the
/// extractor answers with an error, not a crash. libFuzzer's hook aborts before
/// any `catch_unwind` sees the panic, so without this the `pdf` target stops at
/// the first known library bug. Each distinct panic site is printed once, so a
/// run's log lists the library bugs it met.
pub fn tolerate_panics_in(library: &'static str) {
    use std::collections::HashSet;
    use std::sync::Mutex;

    static SEEN: Mutex<Option<HashSet<String>>> = Mutex::new(None);
    let marker = format!("/{library}-");
    let aborting = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let Some(location) = info.location() else {
            return aborting(info);
        };
        if !location.file().contains(&marker) {
            return aborting(info);
        }
        let site = format!("{}:{}", location.file(), location.line());
        let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.get_or_insert_with(HashSet::new).insert(site.clone()) {
            eprintln!("policy-fuzz: caught {library} panic ({site}): {info}");
        }
    }));
}

/// Bytes straight into the PDF reader, then through the facade.
pub fn pdf(data: &[u8]) {
    let _ = policy_pdf::read(data, &policy_kit::Limits::default());
    extract(data, "fuzz.pdf");
}

pub fn owners(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = policy_grammar::owners::parse_owner_list(&text);
    if let Some((at, _)) = policy_grammar::owners::trailing_clause(&text) {
        assert!(
            text.is_char_boundary(at),
            "clause offset {at} inside a character"
        );
    }
}

pub fn numbering(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some((_, rest)) = policy_grammar::numbering::enumerator(&text) {
        // `rest` is a suffix of the input.
        assert!(text.ends_with(rest));
    }
}

pub fn quantities(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = policy_semantics::targets(&text, Some(2025));
    let _ = policy_semantics::prose_deadline(&text);
    let _ = policy_semantics::deadline_cell(&text);
}

fn stored_docx(document_xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let written = zip
        .start_file("word/document.xml", options)
        .and_then(|()| zip.write_all(document_xml).map_err(Into::into))
        .and_then(|()| zip.finish());
    match written {
        Ok(cursor) => cursor.into_inner(),
        Err(err) => panic!("writing a zip in memory cannot fail: {err}"),
    }
}
