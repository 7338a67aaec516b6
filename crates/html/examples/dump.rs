//! Prints the blocks an HTML file reads as: `cargo run -p policy-html --example dump -- FILE`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump FILE")?;
    let doc = policy_html::read(&std::fs::read(path)?, &Default::default())?;
    println!(
        "encoding={:?} title={:?} notes={:?}",
        doc.encoding, doc.props.title, doc.notes
    );
    for block in &doc.blocks {
        println!("{:?}", block.kind);
    }
    Ok(())
}
