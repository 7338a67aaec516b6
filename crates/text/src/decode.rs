use policy_blocks::{Limit, Limits};
use policy_charset::Sniffed;

use crate::Error;

/// Text decoded from bytes, with the encoding that was used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// The decoded text, line endings normalised to `\n`.
    pub text: String,
    /// The lowercase name of the encoding actually used: `utf-8`, `gb18030`,
    /// `utf-16le`, `utf-16be`, `utf-32le`, `big5`, or whatever else the
    /// detector named (`shift_jis`, `euc-kr`, `windows-1252`, …).
    pub encoding: String,
    /// What was guessed: text that is not in a Chinese encoding says so.
    pub notes: Vec<String>,
}

/// Decodes `bytes` in whatever encoding they are in.
///
/// The encoding is detected, not assumed (`policy_charset`), in this order:
/// 1. a byte-order mark (UTF-8, UTF-16, UTF-32), or UTF-16 without one by
///    where its NUL bytes fall;
/// 2. strict UTF-8;
/// 3. the detector: GB18030 (for GBK and GB2312 too) or Big5; text in
///    another encoding (Japanese, Korean, Cyrillic, Western) is decoded as
///    what the detector names, with a note, and text that reads as no
///    encoding the detector knows is [`Error::UnknownEncoding`].
///
/// Any other input holding NUL bytes is [`Error::Binary`]. CRLF and lone CR
/// become LF. Malformed sequences decode to U+FFFD rather than failing.
pub fn decode_text(bytes: &[u8], limits: &Limits) -> Result<DecodedText, Error> {
    Limits::check(
        Limit::InputBytes,
        limits.max_input_bytes,
        bytes.len() as u64,
    )?;
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let decoded = detect_and_decode(bytes)?;
    Limits::check(
        Limit::TextBytes,
        limits.max_text_bytes,
        decoded.text.len() as u64,
    )?;
    Ok(DecodedText {
        text: normalize_newlines(decoded.text),
        ..decoded
    })
}

fn detect_and_decode(bytes: &[u8]) -> Result<DecodedText, Error> {
    match policy_charset::sniff(bytes) {
        Sniffed::Unicode(unicode) => {
            return Ok(DecodedText {
                text: unicode.text,
                encoding: unicode.encoding,
                notes: Vec::new(),
            });
        }
        Sniffed::Binary { nul_count } => return Err(Error::Binary { nul_count }),
        Sniffed::AsciiCompatible => {}
    }
    // SIMD validation: on Chinese text `std::str::from_utf8` costs about ten
    // instructions a byte, a tenth of the whole text reader.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(DecodedText {
            text: text.to_string(),
            encoding: "utf-8".to_string(),
            notes: Vec::new(),
        });
    }
    let legacy = policy_charset::detect_legacy(bytes);
    let Some(encoding) = legacy.encoding() else {
        return Err(Error::UnknownEncoding {
            guess: legacy.name(),
        });
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(DecodedText {
        text: text.into_owned(),
        encoding: legacy.name(),
        notes: legacy.note().into_iter().collect(),
    })
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
    use encoding_rs::{BIG5, EUC_KR, GB18030, GBK, SHIFT_JIS, WINDOWS_1252};

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
    fn utf32_with_a_bom_is_read_as_utf32() {
        let mut le = vec![0xFF, 0xFE, 0, 0];
        le.extend(SAMPLE.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        let decoded = decode(&le);
        assert_eq!(decoded.encoding, "utf-32le");
        assert_eq!(decoded.text, SAMPLE.replace("\r\n", "\n"));
    }

    #[test]
    fn other_encodings_are_named_and_noted_not_read_as_gb18030() {
        let japanese = "第一条　この規則は、地方公共団体の事務の処理に関し必要な事項を定めるものとする。第二条　市長は、計画を策定し、これを公表しなければならない。\n";
        let korean = "제1조 이 규칙은 지방자치단체의 사무 처리에 관하여 필요한 사항을 정함을 목적으로 한다. 제2조 시장은 계획을 수립하고 이를 공표하여야 한다.\n";
        let french = "Article premier. Le présent règlement définit les modalités d'élaboration des plans de développement.\n";
        for (encoding, text, name) in [
            (SHIFT_JIS, japanese, "shift_jis"),
            (EUC_KR, korean, "euc-kr"),
            (WINDOWS_1252, french, "windows-1252"),
        ] {
            let decoded = decode(&encoding.encode(text).0);
            assert_eq!(decoded.encoding, name);
            assert_eq!(decoded.text, text);
            assert!(
                decoded
                    .notes
                    .iter()
                    .any(|n| n.contains("not in a Chinese encoding") && n.contains(name)),
                "{name}: {:?}",
                decoded.notes
            );
        }
    }

    #[test]
    fn text_in_no_nameable_encoding_is_refused() {
        // Russian in IBM855 (Python's `cp855`), which encoding_rs cannot decode.
        let ibm855: &[u8] = b"\xe4\xe5\xa0\xe5\xed\xde \xd8\xa8\xe1\xeb\xa0\xde. \xd5\xa0\xe3\xe5\xd6\xde\xf9\xb7\xa8 \xd8\xe1\xa0\xeb\xb7\xd0\xa0 \xd6\xd8\xe1\xa8\xa6\xa8\xd0\xde\x9c\xe5 \xd8\xd6\xe1\xde\xa6\xd6\xc6 \xd8\xd6\xa6\xac\xd6\xe5\xd6\xeb\xc6\xb7.";
        let err = decode_text(ibm855, &Limits::default()).expect_err("unknown encoding");
        assert!(matches!(err, Error::UnknownEncoding { .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("neither UTF-8 nor a Chinese encoding")
        );
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
                    (Limit::TextBytes, 11, 12)
                );
            }
            other => panic!("expected max_text_bytes, got {other:?}"),
        }
    }

    #[test]
    fn malformed_bytes_do_not_fail() {
        let (bytes, _, _) = GBK.encode(SAMPLE);
        let mut bytes = bytes.into_owned();
        bytes.splice(20..20, [0xFF, 0xFF]);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, "gb18030");
        assert!(
            decoded.text.contains("坚持以人民为中心"),
            "{}",
            decoded.text
        );
        assert!(decoded.text.contains('\u{FFFD}'));
    }
}
