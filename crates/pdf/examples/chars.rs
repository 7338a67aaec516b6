//! Prints the characters the PDF library reports for each page of a file:
//! char, x, right edge, baseline, size, advance, rendered advance. For
//! diagnosing reader probes (`docs/pdf-backend.md`).
//!
//! `cargo run -p policy-pdf --release --example chars -- FILE`

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let doc = match pdf_oxide::PdfDocument::from_bytes(bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        if doc.is_encrypted() {
            eprintln!(
                "{path}: encrypted; empty password: {:?}",
                doc.authenticate(b"")
            );
        }
        let pages = doc.page_count().unwrap_or(0);
        for page in 0..pages {
            match doc.extract_chars(page) {
                Ok(chars) => {
                    for c in chars {
                        println!(
                            "p{} {:?} x={:.2} w={:.2} y={:.2} size={:.2} adv={:.2} radv={:.2}",
                            page + 1,
                            c.char,
                            c.bbox.x,
                            c.bbox.width,
                            c.origin_y,
                            c.font_size,
                            c.advance_width,
                            c.rendered_advance
                        );
                    }
                }
                Err(e) => eprintln!("{path} p{}: {e}", page + 1),
            }
        }
    }
}
