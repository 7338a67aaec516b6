//! Compares PDF backends on the fixtures: opens? panics? CJK text? positions? speed?
//! `cargo run -p policy-pdf --release --features backend-compare --example backend_compare -- fixtures/*.pdf`
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

fn run<T>(f: impl FnOnce() -> Result<T, String>) -> (String, Option<T>, f64) {
    let t = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(f));
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match r {
        Ok(Ok(v)) => ("ok".into(), Some(v), ms),
        Ok(Err(e)) => (
            format!("err: {}", e.chars().take(60).collect::<String>()),
            None,
            ms,
        ),
        Err(_) => ("PANIC".into(), None, ms),
    }
}

fn cjk(s: &str) -> String {
    s.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect()
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let reference = std::process::Command::new("pdftotext")
            .args([path.as_str(), "-"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        let want = cjk(&reference);
        let b = bytes.clone();
        let oxide = run(move || {
            let doc = pdf_oxide::PdfDocument::from_bytes(b).map_err(|e| e.to_string())?;
            let n = doc.page_count().map_err(|e| e.to_string())?;
            let mut s = String::new();
            let mut chars = 0;
            let mut paths = 0;
            for p in 0..n {
                let cs = doc.extract_chars(p).map_err(|e| e.to_string())?;
                chars += cs.len();
                s.extend(cs.iter().map(|c| c.char));
                paths += doc.extract_paths(p).map_err(|e| e.to_string())?.len();
            }
            Ok((s, format!("{chars} chars, {paths} paths")))
        });
        let b = bytes.clone();
        let lo = run(move || {
            let doc = lopdf::Document::load_mem(&b).map_err(|e| e.to_string())?;
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            let s = doc.extract_text(&pages).map_err(|e| e.to_string())?;
            Ok((s, String::new()))
        });
        let b = bytes.clone();
        let pe = run(move || {
            let s = pdf_extract::extract_text_from_mem(&b).map_err(|e| e.to_string())?;
            Ok((s, String::new()))
        });
        println!("{path} (pdftotext: {} CJK chars)", want.chars().count());
        for (name, (status, v, ms)) in [("pdf_oxide", oxide), ("lopdf", lo), ("pdf-extract", pe)] {
            let (acc, extra) = match v {
                Some((s, extra)) => {
                    let got = cjk(&s);
                    (similarity(&got, &want), extra)
                }
                None => (0.0, String::new()),
            };
            println!(
                "  {name:12} {status:8} {ms:8.1} ms  CJK match {:.3} {extra}",
                acc
            );
        }
    }
}

/// Bag-of-characters overlap: 2*|common| / (|a|+|b|).
fn similarity(a: &str, b: &str) -> f64 {
    use std::collections::HashMap;
    let mut m: HashMap<char, i64> = HashMap::new();
    for c in a.chars() {
        *m.entry(c).or_default() += 1;
    }
    let mut common = 0;
    for c in b.chars() {
        if let Some(n) = m.get_mut(&c)
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    let total = a.chars().count() + b.chars().count();
    if total == 0 {
        1.0
    } else {
        2.0 * common as f64 / total as f64
    }
}
