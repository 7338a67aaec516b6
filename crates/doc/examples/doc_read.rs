//! Reads Word 97-2003 files with [`policy_doc::read`] and prints each one's
//! blocks as JSON (`--json`) or a summary:
//! `cargo run --release -p policy-doc --example doc_read -- FILE... [--json] [--times N]`.

fn main() {
    let mut times = 1usize;
    let mut json = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--times" => times = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--json" => json = true,
            _ => files.push(arg),
        }
    }
    let limits = policy_blocks::Limits::default();
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{file}: {err}");
                continue;
            }
        };
        let start = std::time::Instant::now();
        for _ in 1..times {
            let _ = std::hint::black_box(policy_doc::read(&bytes, &limits));
        }
        match policy_doc::read(&bytes, &limits) {
            Ok(doc) if json => println!(
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_else(|err| err.to_string())
            ),
            Ok(doc) => println!(
                "{file}: {} blocks, {} chars, notes {:?}, {:.2?} per read",
                doc.blocks.len(),
                doc.text.chars().count(),
                doc.notes,
                start.elapsed() / times as u32
            ),
            Err(err) => {
                let mut message = err.to_string();
                let mut source = std::error::Error::source(&err);
                while let Some(cause) = source {
                    message.push_str(&format!(": {cause}"));
                    source = cause.source();
                }
                println!("{file}: error: {message}");
            }
        }
    }
}
