//! Which charset a page is in: BOM or UTF-16's NULs, then the `<meta>` declaration, then a
//! detector (`policy_charset`, shared with the text reader).

use std::cell::RefCell;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};
use html5ever::{local_name, tendril::StrTendril};

use policy_charset::{Legacy, Sniffed};

use crate::Error;

/// A page decoded to text, with the encoding used and what was guessed.
#[derive(Debug)]
pub(crate) struct DecodedPage {
    pub text: String,
    /// Lowercase name: `utf-8`, `gb18030`, `big5`, `utf-16le`, …
    pub encoding: String,
    pub notes: Vec<String>,
}

/// How far into the page a `<meta>` charset is looked for. The standard says
/// 1024 bytes; Chinese government pages often put scripts and long keyword
/// lists first, so look further.
const PRESCAN_BYTES: usize = 8 * 1024;

pub(crate) fn decode_html(bytes: &[u8]) -> Result<DecodedPage, Error> {
    match policy_charset::sniff(bytes) {
        Sniffed::Unicode(unicode) => {
            return Ok(DecodedPage {
                text: unicode.text,
                encoding: unicode.encoding,
                notes: Vec::new(),
            });
        }
        Sniffed::Binary { nul_count } => return Err(Error::Binary { nul_count }),
        Sniffed::AsciiCompatible => {}
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    let page = match declared_encoding(head) {
        Some((label, declared)) if declared != UTF_8 && reads_as_chinese_utf8(bytes) => {
            decode_with(
                bytes,
                UTF_8,
                vec![format!(
                    "the page declares charset {label} but is valid UTF-8; decoded as UTF-8"
                )],
            )
        }
        Some((label, declared)) if declared == UTF_8 && !valid_utf8 => {
            let legacy = detect(bytes)?;
            let note = format!(
                "the page declares charset {label} but is not valid UTF-8; detected {}",
                legacy.name()
            );
            decode_legacy(bytes, legacy, note)
        }
        Some((_, declared)) => decode_with(bytes, declared, Vec::new()),
        None if valid_utf8 => decode_with(bytes, UTF_8, Vec::new()),
        None => {
            let legacy = detect(bytes)?;
            let note = format!("the page declares no charset; detected {}", legacy.name());
            decode_legacy(bytes, legacy, note)
        }
    };
    Ok(page)
}

/// The detector's answer, or the error for a page in no encoding it can name.
fn detect(bytes: &[u8]) -> Result<Legacy, Error> {
    let legacy = policy_charset::detect_legacy(bytes);
    match legacy {
        Legacy::Unknown { .. } => Err(Error::UnknownEncoding {
            guess: legacy.name(),
        }),
        _ => Ok(legacy),
    }
}

/// Decodes a page as `legacy` says, with `note` and, for a page that is not
/// Chinese, a note saying so.
fn decode_legacy(bytes: &[u8], legacy: Legacy, note: String) -> DecodedPage {
    let encoding = legacy.encoding().unwrap_or(UTF_8);
    let mut notes = vec![note];
    notes.extend(legacy.note());
    decode_with(bytes, encoding, notes)
}

/// Valid UTF-8 whose non-ASCII characters are mostly Chinese. Short GBK
/// text can be valid UTF-8 by chance, but then it reads as Latin, Greek or
/// Hebrew letters, not as CJK.
fn reads_as_chinese_utf8(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let (mut non_ascii, mut wide) = (0usize, 0usize);
    for ch in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if matches!(ch, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
        {
            wide += 1;
        }
    }
    non_ascii > 0 && wide * 2 >= non_ascii
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding, notes: Vec<String>) -> DecodedPage {
    let encoding = policy_charset::widen(encoding);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    DecodedPage {
        text: text.into_owned(),
        encoding: policy_charset::encoding_name(encoding),
        notes,
    }
}

/// The charset a `<meta>` tag in `head` declares, with its label as written.
fn declared_encoding(head: &[u8]) -> Option<(String, &'static Encoding)> {
    // Every charset a page can declare this way is ASCII-compatible, so the
    // tags read the same when the bytes are taken as windows-1252.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(head);
    let tokenizer = Tokenizer::new(MetaSink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(text.as_ref()));
    // The sink stops the tokenizer at the first declaration; the head is cut
    // short, so no `end()`: an unfinished tag there is no declaration.
    let _ = tokenizer.feed(&queue);
    let label = tokenizer.sink.found.borrow_mut().take()?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    // What the HTML standard does with these two declarations.
    let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    };
    Some((label, encoding))
}

#[derive(Debug, Default)]
struct MetaSink {
    found: RefCell<Option<String>>,
}

impl TokenSink for MetaSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        match tag.name {
            local_name!("meta") => {
                let attr = |name: &str| {
                    tag.attrs
                        .iter()
                        .find(|a| &*a.name.local == name)
                        .map(|a| &*a.value)
                };
                let label = attr("charset").map(str::to_string).or_else(|| {
                    attr("http-equiv")
                        .filter(|v| v.trim().eq_ignore_ascii_case("content-type"))
                        .and(attr("content"))
                        .and_then(charset_from_content)
                });
                match label.filter(|l| Encoding::for_label(l.as_bytes()).is_some()) {
                    Some(label) => {
                        *self.found.borrow_mut() = Some(label);
                        // Stops the tokenizer: nothing further is needed.
                        TokenSinkResult::Script(())
                    }
                    None => TokenSinkResult::Continue,
                }
            }
            local_name!("script") => TokenSinkResult::RawData(RawKind::ScriptData),
            local_name!("style") | local_name!("noscript") => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            local_name!("title") | local_name!("textarea") => {
                TokenSinkResult::RawData(RawKind::Rcdata)
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The label after `charset=` in a `content` attribute such as
/// `text/html; charset="gb2312"`.
fn charset_from_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut rest = content.get(lower.find("charset")? + "charset".len()..)?;
    rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let label = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest.get(1..)?.split(quote).next()?,
        _ => rest
            .split(|c: char| c == ';' || c.is_ascii_whitespace())
            .next()?,
    };
    (!label.is_empty()).then(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> DecodedPage {
        decode_html(bytes).expect("test page decodes")
    }

    use encoding_rs::{BIG5, GBK, SHIFT_JIS};

    fn gbk(text: &str) -> Vec<u8> {
        GBK.encode(text).0.into_owned()
    }

    #[test]
    fn meta_charset_gb2312_decodes_as_gb18030() {
        let page = decode(&gbk(
            "<html><head><meta charset=\"gb2312\"><title>通知</title></head><body>一、总体要求</body>",
        ));
        assert_eq!(page.encoding, "gb18030");
        assert!(page.text.contains("一、总体要求"));
        assert!(page.notes.is_empty());
    }

    #[test]
    fn http_equiv_content_type() {
        for content in [
            "text/html; charset=GBK",
            "text/html;charset='gbk'",
            "text/html; CHARSET = \"gb2312\" ",
        ] {
            let html = format!(
                "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"{content}\"></head><body>关于印发方案的通知</body>"
            );
            let page = decode(&gbk(&html));
            assert_eq!(page.encoding, "gb18030", "{content}");
            assert!(page.text.contains("关于印发方案的通知"));
        }
    }

    #[test]
    fn meta_after_a_long_script_is_found_and_script_text_is_not() {
        let script = format!(
            "<script>var s = '<meta charset=big5>'; {}</script>",
            "x".repeat(3000)
        );
        let html =
            format!("<html><head>{script}<meta charset=gbk></head><body>各市（州）民政局</body>");
        assert_eq!(decode(&gbk(&html)).encoding, "gb18030");
    }

    #[test]
    fn boms_win_over_meta() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("<meta charset=gbk><p>通知</p>".as_bytes());
        let page = decode(&bytes);
        assert_eq!(page.encoding, "utf-8");
        assert!(page.text.starts_with("<meta"));

        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<p>通知</p>".encode_utf16().flat_map(u16::to_le_bytes));
        let page = decode(&bytes);
        assert_eq!(page.encoding, "utf-16le");
        assert_eq!(page.text, "<p>通知</p>");
    }

    #[test]
    fn no_declaration_utf8_then_detector() {
        assert_eq!(
            decode("<p>各市（州）民政局</p>".as_bytes()).encoding,
            "utf-8"
        );
        let page = decode(&gbk(
            "<p>各市（州）民政局、党委组织部、宣传部、教育局、公安局、司法局、财政局</p>",
        ));
        assert_eq!(page.encoding, "gb18030");
        assert!(page.text.contains("党委组织部"));
        assert_eq!(page.notes.len(), 1);
    }

    #[test]
    fn undeclared_big5_is_detected() {
        let text = "<p>一、總體要求。堅持以人民為中心，推動經濟社會發展，完成重點項目。（責任單位：縣政府辦公室、財政局）</p>";
        let page = decode(&BIG5.encode(text).0);
        assert_eq!(page.encoding, "big5");
        assert_eq!(page.text, text);
    }

    #[test]
    fn big5_after_a_long_ascii_head_is_detected() {
        let text = "一、總體要求。堅持以人民為中心，推動經濟社會發展，完成重點項目。（責任單位：縣政府辦公室、財政局）";
        let mut bytes =
            format!("<script>{}</script><p>", "var a = 1;\n".repeat(10_000)).into_bytes();
        assert!(bytes.len() > 64 * 1024);
        bytes.extend_from_slice(&BIG5.encode(text).0);
        assert_eq!(policy_charset::detect_legacy(&bytes), Legacy::Chinese(BIG5));
    }

    #[test]
    fn wrong_declarations_are_corrected() {
        let page = decode("<meta charset=gb2312><p>各市（州）民政局</p>".as_bytes());
        assert_eq!(page.encoding, "utf-8");
        assert!(page.text.contains("各市（州）民政局"));
        assert_eq!(page.notes.len(), 1);

        let page = decode(&gbk(
            "<meta charset=utf-8><p>各市（州）民政局、党委组织部、宣传部、教育局</p>",
        ));
        assert_eq!(page.encoding, "gb18030");
        assert!(page.text.contains("党委组织部"));
    }

    #[test]
    fn unknown_label_is_ignored() {
        let page = decode(&gbk(
            "<meta charset=no-such-thing><meta charset=gb2312><p>通知</p>",
        ));
        assert_eq!(page.encoding, "gb18030");
    }

    #[test]
    fn utf16_without_bom_is_read_as_the_text_reader_reads_it() {
        let page = "<html><body><p>一、总体要求</p></body></html>";
        for (bytes, name) in [
            (
                page.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<_>>(),
                "utf-16le",
            ),
            (
                page.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                "utf-16be",
            ),
        ] {
            let decoded = decode(&bytes);
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding.as_str()),
                (page, name)
            );
        }
    }

    #[test]
    fn an_undeclared_japanese_page_is_named_and_noted() {
        let text = "<p>第一条　この規則は、地方公共団体の事務の処理に関し必要な事項を定めるものとする。第二条　市長は、計画を策定し、これを公表しなければならない。</p>";
        let page = decode(&SHIFT_JIS.encode(text).0);
        assert_eq!(page.encoding, "shift_jis");
        assert_eq!(page.text, text);
        assert!(
            page.notes
                .iter()
                .any(|n| n.contains("not in a Chinese encoding")),
            "{:?}",
            page.notes
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert!(matches!(
            decode_html(b"<p>\0\0</p>"),
            Err(Error::Binary { nul_count: 2 })
        ));
    }

    #[test]
    fn content_attribute_parsing() {
        assert_eq!(
            charset_from_content("text/html; charset=gb2312").as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            charset_from_content("text/html; charset=\"big5\"; x").as_deref(),
            Some("big5")
        );
        assert_eq!(charset_from_content("text/html"), None);
        assert_eq!(charset_from_content("charset="), None);
        assert_eq!(charset_from_content("charset=\""), None);
    }
}
