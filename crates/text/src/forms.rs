use policy_blocks::{Block, BlockKind, Decoded, Span};
use policy_model::SourceFormat;

use crate::DecodedText;

/// Splits decoded text into blocks after recognising its form.
pub(crate) fn read_text(decoded: DecodedText) -> Decoded {
    let DecodedText { text, encoding } = decoded;
    let blocks = prose_blocks(&text);
    let mut doc = Decoded::from_text(SourceFormat::Text, text, blocks);
    doc.encoding = Some(encoding);
    doc
}

/// One paragraph per non-blank line.
fn prose_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            let span = Span::new(start, start + trimmed.len());
            blocks.push(Block { kind: BlockKind::Paragraph { text: trimmed.to_string() }, span });
        }
        offset += line.len();
    }
    blocks
}
