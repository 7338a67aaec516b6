//! Measuring aid: PDF (or seed text) → parser JSON, named after the gold stem,
//! for `score.py --dir gold --pred-dir OUT`.
//! `cargo run -p policy-pdf --release --example score_pdf -- OUT fixtures/*.pdf`
use policy_model::{Source, SourceFormat};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "out".into()));
    let _ = std::fs::create_dir_all(&out);
    let gold: Vec<String> = std::fs::read_dir("gold")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    for path in args {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let Some(prefix) = name.get(..3) else {
            continue;
        };
        let Some(stem) = gold
            .iter()
            .find(|g| g.starts_with(prefix))
            .map(|g| g.trim_end_matches(".gold.json").to_string())
        else {
            continue;
        };
        let (decoded, format) = if path.ends_with(".pdf") {
            match policy_pdf::read(&bytes, &Default::default()) {
                Ok(d) => (d, SourceFormat::Pdf),
                Err(e) => {
                    eprintln!("{path}: {e}");
                    continue;
                }
            }
        } else {
            match policy_text::read(&bytes, &Default::default()) {
                Ok(d) => (d, SourceFormat::Text),
                Err(e) => {
                    eprintln!("{path}: {e}");
                    continue;
                }
            }
        };
        let source = Source {
            path: path.clone(),
            format,
            encoding: None,
            sha256: None,
        };
        let doc = policy_parse::parse(&decoded, source);
        let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let _ = std::fs::write(out.join(format!("{stem}.json")), json);
    }
}
