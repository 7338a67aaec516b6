use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};
use policy_blocks::Limits;

use crate::Error;

/// Text decoded from bytes, with the encoding that was used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// The decoded text, line endings normalised to `\n`.
    pub text: String,
    /// The lowercase name of the encoding actually used: `utf-8`, `gb18030`,
    /// `utf-16le`, `utf-16be`, `big5`, or whatever else the detector chose.
    pub encoding: String,
}

/// Decodes `bytes` in whatever encoding they are in.
///
/// The encoding is detected, not assumed, in this order:
/// 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
/// 2. strict UTF-8 (without NUL bytes);
/// 3. UTF-16 without a BOM, when the input holds NUL bytes, the byte order
///    their positions suggest decodes cleanly, and the result reads as text
///    (nearly all ASCII, CJK and CJK punctuation);
/// 4. `policy_html::detect_encoding` (`chardetng`) with the `.cn` top-level domain as a hint (Big5 when the
///    detector says so without the hint, which would hide it). GBK and GB2312
///    are decoded as GB18030, their superset; the rest as detected.
///
/// Any other input holding NUL bytes is [`Error::Binary`]. CRLF and lone CR
/// become LF. Malformed sequences decode to U+FFFD rather than failing.
pub fn decode_text(bytes: &[u8], limits: &Limits) -> Result<DecodedText, Error> {
    Limits::check(
        "max_input_bytes",
        limits.max_input_bytes,
        bytes.len() as u64,
    )?;
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let (text, encoding) = detect_and_decode(bytes)?;
    Limits::check("max_text_bytes", limits.max_text_bytes, text.len() as u64)?;
    Ok(DecodedText {
        text: normalize_newlines(text),
        encoding: encoding_name(encoding),
    })
}

fn detect_and_decode(bytes: &[u8]) -> Result<(String, &'static Encoding), Error> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(body);
        return Ok((text.into_owned(), encoding));
    }
    let nul_count = bytecount_nul(bytes);
    if nul_count > 0 {
        return match utf16_by_nul_pattern(bytes) {
            Some((text, encoding)) => Ok((text, encoding)),
            None => Err(Error::Binary { nul_count }),
        };
    }
    // SIMD validation: on Chinese text `std::str::from_utf8` costs about ten
    // instructions a byte, a tenth of the whole text reader.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok((text.to_string(), encoding_rs::UTF_8));
    }
    let encoding = policy_html::detect_encoding(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), encoding))
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

fn bytecount_nul(bytes: &[u8]) -> usize {
    // memchr skips ahead by words: text has no NUL, and this runs on every input.
    memchr::memchr_iter(0, bytes).count()
}

fn encoding_name(encoding: &'static Encoding) -> String {
    if encoding == GBK || encoding == GB18030 {
        return "gb18030".to_string();
    }
    if encoding == BIG5 {
        return "big5".to_string();
    }
    encoding.name().to_ascii_lowercase()
}

/// CRLF and lone CR to LF.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> DecodedText {
        decode_text(bytes, &Limits::default()).expect("test input decodes")
    }

    fn without_whitespace(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    fn repo_file(path: &str) -> Vec<u8> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        std::fs::read(format!("{root}{path}")).expect("fixture present in the repository")
    }

    fn seed(prefix: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let entry = std::fs::read_dir(dir)
            .expect("seeds folder")
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .expect("seed with this prefix");
        std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    const SAMPLE: &str = "一、总体要求\r\n（一）指导思想。坚持以人民为中心，到2025年完成100个项目。\r\n（责任单位：省民政厅）\n";

    #[test]
    fn gb18030_fixture_matches_its_seed() {
        let decoded = decode(&repo_file("fixtures/002_implementation_plan.gb18030.txt"));
        assert_eq!(decoded.encoding, "gb18030");
        assert_eq!(
            without_whitespace(&decoded.text),
            without_whitespace(&seed("002_"))
        );
    }

    #[test]
    fn utf16le_fixture_with_bom_matches_its_seed() {
        let decoded = decode(&repo_file("fixtures/004_action_plan.utf16le.txt"));
        assert_eq!(decoded.encoding, "utf-16le");
        assert!(!decoded.text.starts_with('\u{FEFF}'));
        assert_eq!(
            without_whitespace(&decoded.text),
            without_whitespace(&seed("004_"))
        );
    }

    #[test]
    fn utf16le_fixture_without_bom_is_found_by_nul_pattern() {
        let bytes = repo_file("fixtures/004_action_plan.utf16le.txt");
        let decoded = decode(bytes.get(2..).expect("longer than a BOM"));
        assert_eq!(decoded.encoding, "utf-16le");
        assert_eq!(
            without_whitespace(&decoded.text),
            without_whitespace(&seed("004_"))
        );
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes());
        assert_eq!(plain.encoding, "utf-8");
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        let bom = decode(&with_bom);
        assert_eq!(bom, plain);
        assert!(!bom.text.starts_with('\u{FEFF}'));
    }

    #[test]
    fn utf16_boms() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le(SAMPLE));
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16be(SAMPLE));
        let le = decode(&le);
        let be = decode(&be);
        assert_eq!(le.encoding, "utf-16le");
        assert_eq!(be.encoding, "utf-16be");
        assert_eq!(le.text, decode(SAMPLE.as_bytes()).text);
        assert_eq!(be.text, le.text);
    }

    #[test]
    fn utf16_without_bom_both_byte_orders() {
        let le = decode(&utf16le(SAMPLE));
        let be = decode(&utf16be(SAMPLE));
        assert_eq!(le.encoding, "utf-16le");
        assert_eq!(be.encoding, "utf-16be");
        assert_eq!(le.text, be.text);
        assert!(le.text.starts_with("一、总体要求\n"));
    }

    #[test]
    fn ascii_only_utf16_is_not_taken_for_utf8() {
        // Valid UTF-8 byte for byte, but the NULs give it away.
        let decoded = decode(&utf16le("Section 1\nTasks\n"));
        assert_eq!(decoded.encoding, "utf-16le");
        assert_eq!(decoded.text, "Section 1\nTasks\n");
    }

    #[test]
    fn gbk_and_gb2312_bytes_decode_as_gb18030() {
        let (bytes, _, unmappable) = GBK.encode(SAMPLE);
        assert!(!unmappable);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "gb18030");
        assert_eq!(decoded.text, SAMPLE.replace("\r\n", "\n"));
    }

    #[test]
    fn gb18030_four_byte_sequences_decode() {
        // 𠀀 (U+20000) exists only as a four-byte GB18030 sequence.
        let text = format!("{SAMPLE}罕见字：𠀀。\n");
        let (bytes, _, unmappable) = GB18030.encode(&text);
        assert!(!unmappable);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "gb18030");
        assert!(decoded.text.contains("罕见字：𠀀。"));
    }

    #[test]
    fn big5_is_detected() {
        let text = "一、總體要求\n（一）指導思想。堅持以人民為中心，推動經濟社會發展，到二〇二五年完成重點項目。\n（責任單位：縣政府辦公室、財政局、衛生局）\n";
        let (bytes, _, unmappable) = BIG5.encode(text);
        assert!(!unmappable);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "big5");
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn line_endings_become_lf() {
        let decoded = decode(b"a\r\nb\rc\n\r\nd");
        assert_eq!(decoded.text, "a\nb\nc\n\nd");
    }

    #[test]
    fn nul_bytes_in_a_non_utf16_file_are_binary() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
        png.extend_from_slice(&[0x1f, 0xf3, 0xff, 0x61, 0, 0, 0, 0]);
        let err = decode_text(&png, &Limits::default()).expect_err("binary");
        assert!(
            matches!(err, Error::Binary { nul_count } if nul_count > 0),
            "{err:?}"
        );

        let (mut gbk, _, _) = GBK.encode(SAMPLE);
        let mut gbk = gbk.to_mut().clone();
        gbk.insert(9, 0);
        let err = decode_text(&gbk, &Limits::default()).expect_err("stray NUL");
        assert!(matches!(err, Error::Binary { nul_count: 1 }), "{err:?}");
    }

    #[test]
    fn binary_containers_are_not_text() {
        for name in [
            "fixtures/002_implementation_plan.docx",
            "fixtures/002_implementation_plan.pdf",
        ] {
            let err = decode_text(&repo_file(name), &Limits::default()).expect_err("binary");
            assert!(matches!(err, Error::Binary { .. }), "{name}: {err:?}");
        }
    }

    #[test]
    fn empty_and_oversized_input_are_errors() {
        assert!(matches!(
            decode_text(b"", &Limits::default()),
            Err(Error::Empty)
        ));
        let limits = Limits {
            max_input_bytes: 4,
            ..Limits::default()
        };
        assert!(matches!(
            decode_text(b"12345", &limits),
            Err(Error::Limit(_))
        ));
    }

    #[test]
    fn the_decoded_text_is_measured_in_utf8() {
        // 4 characters: 8 bytes of GB18030, 12 of UTF-8.
        let (gb, _, _) = encoding_rs::GB18030.encode("推进建设");
        let limits = |max_text_bytes| Limits {
            max_text_bytes,
            ..Limits::default()
        };
        assert!(decode_text(&gb, &limits(12)).is_ok());
        match decode_text(&gb, &limits(11)) {
            Err(Error::Limit(hit)) => {
                assert_eq!(
                    (hit.limit, hit.allowed, hit.found),
                    ("max_text_bytes", 11, 12)
                );
            }
            other => panic!("expected max_text_bytes, got {other:?}"),
        }
    }

    #[test]
    fn malformed_bytes_do_not_fail() {
        let decoded = decode(b"\xB9\xFA\xBC\xD2\xFF\xFF\xC8\xCE\xCE\xF1\n");
        assert!(!decoded.text.is_empty());
    }
}
