//! What the bytes alone settle: byte-order marks, UTF-16 by its NUL bytes, binary data.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// What [`sniff`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// A byte-order mark, or UTF-16's NUL bytes, settle the encoding.
    Unicode(UnicodeText),
    /// NUL bytes that no Unicode encoding explains: not text.
    Binary { nul_count: usize },
    /// No BOM and no NUL byte: UTF-8 or a legacy encoding, for the caller to
    /// settle (a page's `<meta>`, then [`detect_legacy`](crate::detect_legacy)).
    AsciiCompatible,
}

/// Text decoded from a Unicode encoding the bytes settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnicodeText {
    /// The text, without its byte-order mark.
    pub text: String,
    /// `utf-8`, `utf-16le`, `utf-16be`, `utf-32le` or `utf-32be`.
    pub encoding: String,
}

/// Settles the encoding when the bytes alone can, in this order:
/// 1. a byte-order mark: UTF-32 (`FF FE 00 00`, `00 00 FE FF`; checked before
///    UTF-16, whose mark is the start of UTF-32LE's), UTF-8, UTF-16;
/// 2. UTF-16 without a mark, when the input holds NUL bytes, the byte order
///    their positions suggest decodes cleanly, and the result reads as text
///    (nearly all ASCII, Latin-1, CJK and CJK punctuation);
/// 3. any other input holding NUL bytes is [`Sniffed::Binary`].
///
/// Malformed sequences after a mark decode to U+FFFD rather than failing.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if let Some((text, encoding)) = utf32_with_bom(bytes) {
        return Sniffed::Unicode(UnicodeText {
            text,
            encoding: encoding.to_string(),
        });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(body);
        return Sniffed::Unicode(UnicodeText {
            text: text.into_owned(),
            encoding: crate::encoding_name(encoding),
        });
    }
    // memchr skips ahead by words: text has no NUL, and this runs on every input.
    let nul_count = memchr::memchr_iter(0, bytes).count();
    if nul_count == 0 {
        return Sniffed::AsciiCompatible;
    }
    match utf16_by_nul_pattern(bytes) {
        Some((text, encoding)) => Sniffed::Unicode(UnicodeText {
            text,
            encoding: crate::encoding_name(encoding),
        }),
        None => Sniffed::Binary { nul_count },
    }
}

/// UTF-32 with its byte-order mark; encoding_rs has no UTF-32 (the Web has
/// none), so it is decoded here, a code point per four bytes.
fn utf32_with_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (little, name) = match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => (true, "utf-32le"),
        [0, 0, 0xFE, 0xFF] => (false, "utf-32be"),
        _ => return None,
    };
    let body = bytes.get(4..)?;
    let mut text = String::with_capacity(body.len() / 4);
    let mut units = body.chunks_exact(4);
    for unit in &mut units {
        let unit = [unit[0], unit[1], unit[2], unit[3]];
        let value = if little {
            u32::from_le_bytes(unit)
        } else {
            u32::from_be_bytes(unit)
        };
        text.push(char::from_u32(value).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    if !units.remainder().is_empty() {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Some((text, name))
}

/// UTF-16 text without a BOM: NUL bytes (the high byte of ASCII characters,
/// the low byte of U+3000 and U+4E00) and a decoding that is clean and reads
/// as text. The byte order with more NULs on the high-byte side is tried first.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<(String, &'static Encoding)> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for (idx, byte) in bytes.iter().enumerate() {
        if *byte == 0 {
            if idx % 2 == 0 {
                nul_even += 1;
            } else {
                nul_odd += 1;
            }
        }
    }
    let order = if nul_odd >= nul_even {
        [UTF_16LE, UTF_16BE]
    } else {
        [UTF_16BE, UTF_16LE]
    };
    order.into_iter().find_map(|encoding| {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        (!had_errors && reads_as_text(&text)).then(|| (text.into_owned(), encoding))
    })
}

/// Whether nearly every character is one a Chinese or English document uses.
fn reads_as_text(text: &str) -> bool {
    let (mut total, mut plausible) = (0usize, 0usize);
    for ch in text.chars() {
        total += 1;
        if is_plausible_text_char(ch) {
            plausible += 1;
        }
    }
    total > 0 && plausible * 10 >= total * 9
}

fn is_plausible_text_char(ch: char) -> bool {
    matches!(ch,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{00A0}'..='\u{00FF}'          // Latin-1 letters and signs (°, ×, ·)
        | '\u{2000}'..='\u{206F}'          // general punctuation (“ ” — …)
        | '\u{2100}'..='\u{27BF}'          // letterlike, number forms, arrows, maths, shapes, ①
        | '\u{3000}'..='\u{303F}'          // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}'          // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'          // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'          // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'          // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'          // full-width forms （，：）
        | '\u{20000}'..='\u{2FA1F}'        // CJK extensions B–F and supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、总体要求\n（一）指导思想。到2025年完成100个项目。\n";

    fn unicode(bytes: &[u8]) -> UnicodeText {
        match sniff(bytes) {
            Sniffed::Unicode(text) => text,
            other => panic!("expected Unicode, got {other:?}"),
        }
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn boms() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend_from_slice(SAMPLE.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le(SAMPLE));
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16be(SAMPLE));
        for (bytes, name) in [(utf8, "utf-8"), (le, "utf-16le"), (be, "utf-16be")] {
            let found = unicode(&bytes);
            assert_eq!(
                (found.text.as_str(), found.encoding.as_str()),
                (SAMPLE, name)
            );
        }
    }

    #[test]
    fn utf32_with_a_bom_is_not_taken_for_utf16() {
        let mut le = vec![0xFF, 0xFE, 0, 0];
        le.extend(SAMPLE.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        let mut be = vec![0, 0, 0xFE, 0xFF];
        be.extend(SAMPLE.chars().flat_map(|c| u32::from(c).to_be_bytes()));
        for (bytes, name) in [(le, "utf-32le"), (be, "utf-32be")] {
            let found = unicode(&bytes);
            assert_eq!(
                (found.text.as_str(), found.encoding.as_str()),
                (SAMPLE, name)
            );
        }
        // A code point past U+10FFFF and a cut-off unit are replaced, not fatal.
        let found = unicode(&[0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0, 0, 0, 0x11, 0, 0x42]);
        assert_eq!(found.text, "A\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn utf16_without_bom_both_byte_orders() {
        let le = unicode(&utf16le(SAMPLE));
        let be = unicode(&utf16be(SAMPLE));
        assert_eq!(
            (le.text.as_str(), le.encoding.as_str()),
            (SAMPLE, "utf-16le")
        );
        assert_eq!(
            (be.text.as_str(), be.encoding.as_str()),
            (SAMPLE, "utf-16be")
        );
        // Valid UTF-8 byte for byte, but the NULs give it away.
        assert_eq!(unicode(&utf16le("Section 1\n")).encoding, "utf-16le");
    }

    #[test]
    fn nul_bytes_without_a_utf16_reading_are_binary() {
        let png =
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\xf3\xff\x61";
        assert!(matches!(sniff(png), Sniffed::Binary { nul_count } if nul_count > 0));
        assert!(matches!(
            sniff(b"<p>\0\0</p>"),
            Sniffed::Binary { nul_count: 2 }
        ));
        // UTF-32 without its mark: three NULs a character read as UTF-16 are not text.
        let utf32: Vec<u8> = SAMPLE
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        assert!(matches!(sniff(&utf32), Sniffed::Binary { .. }));
    }

    #[test]
    fn plain_bytes_are_left_to_the_caller() {
        assert_eq!(sniff(SAMPLE.as_bytes()), Sniffed::AsciiCompatible);
        assert_eq!(sniff(b""), Sniffed::AsciiCompatible);
    }
}
