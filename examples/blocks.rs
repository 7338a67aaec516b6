//! Prints the decoded blocks of a file: `cargo run --example blocks -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: blocks FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match policy_kit::decode(&bytes, &path, &policy_kit::Options::default()) {
        Ok(decoded) => {
            for block in &decoded.blocks {
                let kind = match &block.kind {
                    policy_kit::BlockKind::Heading { level, .. } => format!("H{level}"),
                    policy_kit::BlockKind::Paragraph { .. } => "P".to_string(),
                    policy_kit::BlockKind::Table(t) => format!("T{}x{}", t.rows.len(), t.n_cols()),
                };
                let text: String = block.text().chars().take(160).collect();
                println!("{kind:6} {:?} {}", block.span.page, text.replace('\n', "⏎"));
            }
            for note in &decoded.notes {
                println!("note: {note}");
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
