use policy_model::SourceFormat;

use crate::Error;

/// An OOXML file encrypted with a password (ECMA-376 part 2, "Office
/// Document Cryptography") is an OLE compound file whose directory names the
/// streams `EncryptionInfo` and `EncryptedPackage`; names are UTF-16LE there.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let has_stream = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    has_stream("EncryptedPackage") && has_stream("EncryptionInfo")
}

/// The format of a document: from its magic bytes first, then its extension.
///
/// An OLE compound file goes to the Word 97-2003 reader, which names what it
/// holds if that is not a Word document; a password-protected Office document
/// (an OLE file too) is a clear [`Error::Unsupported`]; a `.doc` or `.wps` that
/// is really a DOCX, PDF or text goes to that reader, whatever its extension.
pub fn detect_format(bytes: &[u8], path: &str) -> Result<SourceFormat, Error> {
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-")
        || (bytes.len() > 5
            && bytes[..bytes.len().min(1024)]
                .windows(5)
                .any(|w| w == b"%PDF-"))
    {
        return Ok(SourceFormat::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(SourceFormat::Docx);
    }
    if bytes.starts_with(&policy_doc::COMPOUND_FILE_MAGIC) {
        if is_encrypted_ooxml(bytes) {
            return Err(Error::Unsupported {
                what: "encrypted (password-protected) Office document",
                hint: "open it in Word, remove the password, save it as .docx and try again",
            });
        }
        return Ok(SourceFormat::Doc);
    }
    match ext.as_str() {
        "docx" => return Ok(SourceFormat::Docx),
        "pdf" => return Ok(SourceFormat::Pdf),
        "html" | "htm" | "shtml" | "xhtml" => return Ok(SourceFormat::Html),
        "md" | "markdown" => return Ok(SourceFormat::Markdown),
        "doc" | "wps" | "dot" if bytes.starts_with(b"{\\rtf") => {
            return Err(Error::Unsupported {
                what: "RTF document saved under a Word extension",
                hint: "save it as .docx or PDF and try again",
            });
        }
        _ => {}
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") {
        return Ok(SourceFormat::Html);
    }
    Ok(SourceFormat::Text)
}
