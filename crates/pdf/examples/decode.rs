//! Prints what the PDF reader reads from each file: its text, then its notes
//! (on standard error), or the error. For eyeballing probes and measuring
//! recall against `pdftotext` (`scripts/pdf-probes.sh`).
//!
//! `cargo run -p policy-pdf --release --example decode -- FILE…`

use policy_blocks::Limits;

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match policy_pdf::read(&bytes, &Limits::default()) {
            Ok(doc) => {
                println!("{}", doc.text);
                for note in &doc.notes {
                    eprintln!("{path}: note: {note}");
                }
            }
            Err(e) => eprintln!("{path}: error: {e}"),
        }
    }
}
