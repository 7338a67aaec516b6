use policy_blocks::Limits;

use crate::Error;

/// Text decoded from bytes, with the encoding that was used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// `utf-8`, `gb18030`, `utf-16le`, …
    pub encoding: String,
}

/// Decodes `bytes` as UTF-8 (BOM allowed).
pub fn decode_text(bytes: &[u8], limits: &Limits) -> Result<DecodedText, Error> {
    Limits::check("max_input_bytes", limits.max_input_bytes, bytes.len() as u64)?;
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(DecodedText { text: String::from_utf8_lossy(bytes).into_owned(), encoding: "utf-8".to_string() })
}
