//! Reads DOCX files with [`policy_docx::read`] and prints a summary of each:
//! `cargo run --release -p policy-docx --example read -- FILE... [--times N]`.
//! Handy for profiling (`valgrind --tool=callgrind`) without the rest of the pipeline.

fn main() {
    let mut times = 1usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--times" {
            times = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        } else {
            files.push(arg);
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
        for _ in 1..times {
            let _ = std::hint::black_box(policy_docx::read(&bytes, &limits));
        }
        match policy_docx::read(&bytes, &limits) {
            Ok(doc) => println!(
                "{file}: {} blocks, {} chars, {} notes",
                doc.blocks.len(),
                doc.text.chars().count(),
                doc.notes.len()
            ),
            Err(err) => println!("{file}: error: {err}"),
        }
    }
}
