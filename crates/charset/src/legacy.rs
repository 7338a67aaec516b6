//! Legacy (non-Unicode) encodings: the Chinese ones first, the others named.

use encoding_rs::{
    BIG5, EUC_JP, EUC_KR, Encoding, GB18030, GBK, ISO_2022_JP, ISO_8859_2, ISO_8859_4, ISO_8859_13,
    ISO_8859_15, SHIFT_JIS, UTF_8, WINDOWS_1250, WINDOWS_1252, WINDOWS_1254, WINDOWS_1257,
};

/// What [`detect_legacy`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// GB18030 (for GB2312 and GBK too) or Big5.
    Chinese(&'static Encoding),
    /// Another encoding the detector names with confidence (Shift_JIS,
    /// EUC-JP, EUC-KR, windows-1251, windows-1252, …): decoded as that, with
    /// a note that the text is not Chinese.
    Other(&'static Encoding),
    /// Not a Chinese encoding, and the detector's best guess does not read as
    /// text either (IBM855 and Johab, which no browser decodes, come out as
    /// windows-1252 letters where a Western text has mostly ASCII): refused
    /// rather than decoded into garbage.
    Unknown { guess: &'static Encoding },
}

impl Legacy {
    /// The encoding to decode with, `None` for [`Legacy::Unknown`].
    pub fn encoding(self) -> Option<&'static Encoding> {
        match self {
            Legacy::Chinese(encoding) | Legacy::Other(encoding) => Some(encoding),
            Legacy::Unknown { .. } => None,
        }
    }

    /// The name for `source.encoding` (the guess for an unknown one).
    pub fn name(self) -> String {
        match self {
            Legacy::Chinese(encoding) | Legacy::Other(encoding) => crate::encoding_name(encoding),
            Legacy::Unknown { guess } => crate::encoding_name(guess),
        }
    }

    pub fn is_chinese(self) -> bool {
        matches!(self, Legacy::Chinese(_))
    }

    /// The reader note for text that is not Chinese.
    pub fn note(self) -> Option<String> {
        match self {
            Legacy::Other(_) => Some(format!(
                "the text is not in a Chinese encoding: detected {}, decoded as that",
                self.name()
            )),
            _ => None,
        }
    }
}

/// Fewer non-ASCII bytes than this, and a text that GBK reads is taken as
/// Chinese when the detector without a hint says Japanese or Korean: two to
/// four Chinese characters (`附件1`, `区委编办`) can score as EUC-KR or
/// EUC-JP, and this tool's documents are Chinese. (A Western text has few
/// non-ASCII bytes too, but they do not score as an East Asian encoding.)
const MIN_EVIDENCE: usize = 32;

/// The encoding of text in a legacy (non-UTF) encoding, by `chardetng`.
///
/// The detector is asked twice: as for a page of no particular country, and
/// with the `.cn` hint. Big5 or GBK without the hint is Chinese (the hint
/// would hide Big5: with it the detector always says GBK). Another answer
/// without the hint (EUC-KR, Shift_JIS, EUC-JP, a Cyrillic or Western
/// encoding) is believed when the sample is long enough to judge: on the
/// test files of the chardet project, the unhinted answer named every
/// Korean, Japanese, Big5 and GB2312 file's family, where the hinted one said
/// GBK for all of them. GBK and GB2312 widen to GB18030.
///
/// Only 64 KiB (some 30,000 Chinese characters) are read: the detector costs
/// about 2,000 instructions a byte (a megabyte took 0.6 s) and a document's
/// opening settles its encoding. They start at the first non-ASCII byte, so
/// that a page opening with long inline scripts or styles is judged by its
/// text; ASCII tells the detector nothing, and the byte after ASCII starts a
/// character.
pub fn detect_legacy(bytes: &[u8]) -> Legacy {
    const SAMPLE: usize = 64 * 1024;
    let start = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let rest = bytes.get(start..).unwrap_or_default();
    let sample = rest.get(..SAMPLE).unwrap_or(rest);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == rest.len());
    let unhinted = detector.guess(None, chardetng::Utf8Detection::Allow);
    let hinted = crate::widen(detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow));
    if unhinted == BIG5 {
        return Legacy::Chinese(BIG5);
    }
    if unhinted == GBK || unhinted == UTF_8 {
        return Legacy::Chinese(hinted);
    }
    let chinese_reads = hinted == GB18030 || hinted == BIG5;
    let evidence = sample.iter().filter(|b| !b.is_ascii()).count();
    if chinese_reads && is_east_asian(unhinted) && evidence < MIN_EVIDENCE {
        return Legacy::Chinese(hinted);
    }
    if is_latin(unhinted) && !reads_as_latin(sample) {
        // A few malformed bytes rule GBK out for the detector, though the
        // rest is plainly Chinese: read it, the damage as U+FFFD.
        if reads_as_damaged_chinese(sample) {
            return Legacy::Chinese(GB18030);
        }
        return Legacy::Unknown { guess: unhinted };
    }
    Legacy::Other(unhinted)
}

/// The Japanese and Korean multi-byte encodings.
fn is_east_asian(encoding: &'static Encoding) -> bool {
    [SHIFT_JIS, EUC_JP, EUC_KR, ISO_2022_JP].contains(&encoding)
}

/// Encodings of Latin-script languages, whose texts are mostly ASCII letters.
fn is_latin(encoding: &'static Encoding) -> bool {
    [
        WINDOWS_1252,
        WINDOWS_1250,
        WINDOWS_1254,
        WINDOWS_1257,
        ISO_8859_2,
        ISO_8859_4,
        ISO_8859_13,
        ISO_8859_15,
    ]
    .contains(&encoding)
}

/// Whether `sample` looks like a Latin-script text: at most a quarter of its
/// letters are non-ASCII. French, Czech or Hungarian accents stay under a
/// sixth on the chardet test files; Cyrillic or Korean misread as
/// windows-1252 is mostly non-ASCII.
fn reads_as_latin(sample: &[u8]) -> bool {
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    let ascii_letters = sample.iter().filter(|b| b.is_ascii_alphabetic()).count();
    non_ascii * 4 <= non_ascii + ascii_letters
}

/// Whether GB18030 reads `sample` as Chinese with some damage: malformed
/// sequences, and at least eight times as many ideographs as them (Russian
/// in IBM855 read as GB18030 has one malformed sequence per ten ideographs). (A text that
/// GB18030 reads cleanly but the detector calls Latin is not Chinese: the
/// detector weighed those ideographs and found them improbable.)
fn reads_as_damaged_chinese(sample: &[u8]) -> bool {
    let (text, _) = GB18030.decode_without_bom_handling(sample);
    let (mut ideographs, mut replaced) = (0usize, 0usize);
    for ch in text.chars() {
        if ch == char::REPLACEMENT_CHARACTER {
            replaced += 1;
        } else if matches!(ch, '\u{3400}'..='\u{9FFF}') {
            ideographs += 1;
        }
    }
    replaced > 0 && ideographs >= replaced * 8
}

#[cfg(test)]
mod tests {
    use encoding_rs::WINDOWS_1251;

    use super::*;

    const CHINESE: &str = "一、总体要求。坚持以人民为中心的发展思想，推动经济社会高质量发展，到2025年完成100个重点项目。（责任单位：县政府办公室、财政局、卫生健康局）";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode the sample", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn chinese_encodings() {
        assert_eq!(
            detect_legacy(&encode(GBK, CHINESE)),
            Legacy::Chinese(GB18030)
        );
        let traditional = "一、總體要求。堅持以人民為中心，推動經濟社會發展，到二〇二五年完成重點項目。（責任單位：縣政府辦公室、財政局、衛生局）";
        assert_eq!(
            detect_legacy(&encode(BIG5, traditional)),
            Legacy::Chinese(BIG5)
        );
        // Too short for the detector to judge: Chinese, as this tool's documents are.
        assert_eq!(
            detect_legacy(&encode(GBK, "附件1")),
            Legacy::Chinese(GB18030)
        );
        assert_eq!(
            detect_legacy(&encode(GBK, "区委编办")),
            Legacy::Chinese(GB18030)
        );
        // Two bytes no encoding of Chinese has: still Chinese, damaged.
        let mut damaged = encode(GBK, CHINESE);
        damaged.splice(20..20, [0xFF, 0xFF]);
        assert_eq!(detect_legacy(&damaged), Legacy::Chinese(GB18030));
    }

    #[test]
    fn japanese_korean_and_cyrillic_are_named() {
        let japanese = "第一条　この規則は、地方公共団体の事務の処理に関し必要な事項を定めるものとする。第二条　市長は、計画を策定し、これを公表しなければならない。";
        let korean = "제1조 이 규칙은 지방자치단체의 사무 처리에 관하여 필요한 사항을 정함을 목적으로 한다. 제2조 시장은 계획을 수립하고 이를 공표하여야 한다.";
        let russian = "Статья 1. Настоящие правила определяют порядок подготовки и утверждения планов развития городов и районов. Статья 2. Глава администрации публикует план.";
        for (encoding, text) in [
            (SHIFT_JIS, japanese),
            (EUC_JP, japanese),
            (EUC_KR, korean),
            (WINDOWS_1251, russian),
        ] {
            let bytes = encode(encoding, text);
            let found = detect_legacy(&bytes);
            assert_eq!(found, Legacy::Other(encoding), "{}", encoding.name());
            assert!(found.note().is_some_and(|n| n.contains(&found.name())));
            let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
            assert_eq!(decoded, text);
        }
    }

    #[test]
    fn western_text_is_windows_1252() {
        let french = "Article premier. Le présent règlement définit les modalités d'élaboration des plans de développement économique et social des régions, départements et communes.";
        assert_eq!(
            detect_legacy(&encode(WINDOWS_1252, french)),
            Legacy::Other(WINDOWS_1252)
        );
    }

    #[test]
    fn cyrillic_in_an_encoding_no_browser_decodes_is_refused() {
        // IBM855 (DOS Cyrillic): encoding_rs has no such encoding, so the
        // bytes are Python's `cp855` of "Статья первая. Настоящие правила
        // определяют порядок подготовки планов развития городов и районов."
        let ibm855: &[u8] = b"\xe4\xe5\xa0\xe5\xed\xde \xd8\xa8\xe1\xeb\xa0\xde. \xd5\xa0\xe3\xe5\xd6\xde\xf9\xb7\xa8 \xd8\xe1\xa0\xeb\xb7\xd0\xa0 \xd6\xd8\xe1\xa8\xa6\xa8\xd0\xde\x9c\xe5 \xd8\xd6\xe1\xde\xa6\xd6\xc6 \xd8\xd6\xa6\xac\xd6\xe5\xd6\xeb\xc6\xb7 \xd8\xd0\xa0\xd4\xd6\xeb \xe1\xa0\xf3\xeb\xb7\xe5\xb7\xde \xac\xd6\xe1\xd6\xa6\xd6\xeb \xb7 \xe1\xa0\xbd\xd6\xd4\xd6\xeb.";
        let found = detect_legacy(ibm855);
        assert!(matches!(found, Legacy::Unknown { .. }), "{found:?}");
        assert_eq!(found.encoding(), None);
    }
}
