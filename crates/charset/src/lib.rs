//! Which encoding a document's bytes are in, for the text and HTML readers.
//!
//! [`sniff`] settles what the bytes alone settle: a byte-order mark (UTF-8,
//! UTF-16, UTF-32), UTF-16 without one (by where its NUL bytes fall), or
//! binary data. What is left is ASCII-compatible: UTF-8 or a legacy
//! encoding, which a page may declare (the HTML reader looks) and which
//! [`detect_legacy`] otherwise guesses — the Chinese encodings first, but
//! Japanese, Korean, Cyrillic or Western text is named as what it is, never
//! decoded as GB18030 mojibake. [`encoding_name`] is the one spelling of an
//! encoding in `source.encoding` and in notes.
//!
//! ```
//! use policy_charset::{Sniffed, detect_legacy, sniff};
//!
//! let gbk = encoding_rs::GBK.encode("一、总体要求。坚持以人民为中心，推动经济社会发展。").0;
//! assert!(matches!(sniff(&gbk), Sniffed::AsciiCompatible));
//! let legacy = detect_legacy(&gbk);
//! assert_eq!(legacy.name(), "gb18030");
//! assert!(legacy.is_chinese());
//! ```

mod legacy;
mod unicode;

pub use legacy::{Legacy, detect_legacy};
pub use unicode::{Sniffed, UnicodeText, sniff};

use encoding_rs::{BIG5, Encoding, GB18030, GBK};

/// The lowercase name of `encoding` as reported in `source.encoding`: GBK and
/// GB2312 are `gb18030` (their superset, which is what is decoded), the rest
/// as the Encoding Standard names them (`big5`, `shift_jis`, `euc-kr`,
/// `windows-1252`, `utf-16le`, …).
pub fn encoding_name(encoding: &'static Encoding) -> String {
    if encoding == GBK || encoding == GB18030 {
        "gb18030".to_string()
    } else if encoding == BIG5 {
        "big5".to_string()
    } else {
        encoding.name().to_ascii_lowercase()
    }
}

/// GB2312 and GBK decode as GB18030, their superset.
pub fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK { GB18030 } else { encoding }
}
