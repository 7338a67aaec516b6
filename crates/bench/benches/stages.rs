//! The stages one at a time: each reader (`decode`), the parser (`parse`),
//! and both (`extract`), over the seeds, the fixtures and a large text.
//!
//! `cargo bench -p policy-bench` (add `-- text` to run one group). Formats the
//! facade does not read yet are skipped with a note.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_bench::{Input, inputs, large_text};
use policy_kit::{Options, Source, SourceFormat};

fn text(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("text");
    for input in inputs("seeds", &["txt"])
        .iter()
        .chain(&inputs("fixtures", &["txt", "md"]))
    {
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        group.bench_function(format!("extract/{}", input.name), |b| {
            b.iter(|| policy_kit::extract(black_box(&input.bytes), &input.name, &options))
        });
    }
    let large = large_text(8 << 20);
    group.throughput(Throughput::Bytes(large.len() as u64));
    group.sample_size(10);
    group.bench_function("decode/seeds_8MB.txt", |b| {
        b.iter(|| policy_kit::decode(black_box(large.as_bytes()), "large.txt", &options))
    });
    group.bench_function("extract/seeds_8MB.txt", |b| {
        b.iter(|| policy_kit::extract(black_box(large.as_bytes()), "large.txt", &options))
    });
    if let Ok(decoded) = policy_kit::decode(large.as_bytes(), "large.txt", &options) {
        group.bench_function("parse/seeds_8MB.txt", |b| {
            b.iter(|| {
                policy_parse::parse(
                    black_box(&decoded),
                    Source::new("large.txt", SourceFormat::Text),
                )
            })
        });
    }
    group.finish();
}

fn docx(c: &mut Criterion) {
    stage_group(
        c,
        "docx",
        &inputs("fixtures", &["docx"]),
        SourceFormat::Docx,
    );
}

/// The same documents as Word 97-2003 `.doc` (`fixtures/doc/`, made from the
/// DOCX fixtures) and as DOCX: `read/NAME.doc` against `read/NAME.docx`.
fn doc(c: &mut Criterion) {
    let options = Options::default();
    let docx: Vec<Input> = inputs("fixtures", &["docx"])
        .into_iter()
        .chain(inputs("fixtures/real", &["docx"]))
        .chain(inputs("fixtures/doc", &["docx"]))
        .collect();
    let mut group = c.benchmark_group("doc_vs_docx");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    for doc in inputs("fixtures/doc", &["doc"]) {
        let stem = doc.name.trim_end_matches(".doc");
        let Some(same) = docx
            .iter()
            .find(|d| d.name.trim_end_matches(".docx") == stem)
        else {
            continue;
        };
        for input in [&doc, same] {
            group.bench_function(format!("decode/{}", input.name), |b| {
                b.iter(|| policy_kit::decode(black_box(&input.bytes), &input.name, &options))
            });
        }
    }
    group.finish();
    stage_group(
        c,
        "doc",
        &inputs("fixtures/real", &["doc"]),
        SourceFormat::Doc,
    );
}

fn pdf(c: &mut Criterion) {
    stage_group(c, "pdf", &inputs("fixtures", &["pdf"]), SourceFormat::Pdf);
}

/// `decode`, `parse` and `extract` of each input, in documents per second.
fn stage_group(c: &mut Criterion, name: &str, inputs: &[Input], format: SourceFormat) {
    let options = Options::default();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(2));
    for input in inputs {
        let decoded = match policy_kit::decode(&input.bytes, &input.name, &options) {
            Ok(decoded) => decoded,
            Err(err) => {
                eprintln!("{name}/{}: skipped: {err}", input.name);
                continue;
            }
        };
        group.bench_function(format!("decode/{}", input.name), |b| {
            b.iter(|| policy_kit::decode(black_box(&input.bytes), &input.name, &options))
        });
        group.bench_function(format!("parse/{}", input.name), |b| {
            b.iter(|| policy_parse::parse(black_box(&decoded), Source::new(&input.name, format)))
        });
        group.bench_function(format!("extract/{}", input.name), |b| {
            b.iter(|| policy_kit::extract(black_box(&input.bytes), &input.name, &options))
        });
    }
    group.finish();
}

criterion_group! {
    name = stages;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = text, docx, doc, pdf
}
criterion_main!(stages);
