//! The HTML page: header lines written here, each document's text and tables
//! drawn in the browser from its embedded JSON.

use std::collections::HashSet;
use std::fmt::Write as _;

use policy_blocks::Decoded;
use policy_model::{Document, WarningCode};
use sha2::{Digest, Sha256};

use crate::Entry;
use crate::data;

const CSS: &str = include_str!("assets/review.css");
const SCRIPT: &str = include_str!("assets/review.js");

/// The whole page.
pub fn render(entries: &[Entry]) -> String {
    let size: usize = entries
        .iter()
        .map(|e| match e {
            Entry::Read { decoded, .. } => decoded.text.len() * 2,
            Entry::Failed { .. } => 256,
        })
        .sum();
    let mut html = String::with_capacity(size + CSS.len() + SCRIPT.len() + 4096);
    // No network and no script but ours: the policy allows only the inline
    // script with this hash, so markup that slipped through escaping could
    // still not run anything.
    let script_hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
    let n_read = entries
        .iter()
        .filter(|e| matches!(e, Entry::Read { .. }))
        .count();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>policy-kit review: {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        escape(&page_title(entries))
    );
    html.push_str(&summary_bar(entries));
    html.push_str("<main>\n");
    for (idx, entry) in entries.iter().enumerate() {
        match entry {
            Entry::Read { document, decoded } => {
                document_section(&mut html, idx, document, decoded, n_read == 1)
            }
            Entry::Failed {
                path,
                kind,
                message,
            } => {
                let _ = writeln!(
                    html,
                    "<section class=\"doc failed\" id=\"d{idx}\">\
                     <div class=\"head\"><span class=\"path\">{}</span>\
                     <span class=\"error\">not read ({}): {}</span></div></section>",
                    escape(path),
                    escape(kind),
                    escape(message)
                );
            }
        }
    }
    // The hash is of the element's content exactly: no new line around it.
    html.push_str("</main>\n<script>");
    html.push_str(SCRIPT);
    html.push_str("</script>\n</body>\n</html>\n");
    html
}

/// Text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// JSON that can sit inside `<script type="application/json">`: no `<` (so no
/// `</script>` and no `<!--`), nor `>` and `&`, all as `\u` escapes, which
/// only occur inside JSON strings and mean the same there.
pub fn script_json(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len() + 64);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(ch),
        }
    }
    out
}

fn page_title(entries: &[Entry]) -> String {
    match entries {
        [Entry::Read { document, .. }] => document
            .meta
            .title
            .clone()
            .unwrap_or_else(|| document.source.path.clone()),
        [Entry::Failed { path, .. }] => path.to_string(),
        _ => format!("{} documents", entries.len()),
    }
}

fn summary_bar(entries: &[Entry]) -> String {
    let (mut tasks, mut indicators, mut warnings, mut failed) = (0, 0, 0, 0);
    let mut owners = HashSet::new();
    for entry in entries {
        match entry {
            Entry::Read { document, .. } => {
                tasks += document.tasks.len();
                indicators += document.indicators.len();
                warnings += document.warnings.len();
                owners.extend(
                    document
                        .tasks
                        .iter()
                        .flat_map(|t| &t.owners)
                        .map(|o| o.name.as_str()),
                );
            }
            Entry::Failed { .. } => failed += 1,
        }
    }
    format!(
        "<header class=\"top\"><b>policy-kit review</b>\
         <span>{} documents · {tasks} tasks · {} owners · {indicators} indicators · \
         {warnings} warnings · {failed} not read</span>\
         <span class=\"legend\">highlight colour = lead owner · \
         <span class=\"owner lead\" style=\"--h:210\">牵头 lead</span>\
         <span class=\"owner co\" style=\"--h:210\">配合 co</span>\
         <span class=\"owner responsible\" style=\"--h:210\">responsible</span>\
         <span class=\"m t none\">no owner</span> <span class=\"m i\">indicator</span> \
         <span class=\"wa\">⚠</span> warning</span>\
         <span class=\"buttons\"><button type=\"button\" id=\"expand-all\">expand all</button>\
         <button type=\"button\" id=\"collapse-all\">collapse all</button></span></header>\n",
        entries.len(),
        owners.len()
    )
}

fn document_section(
    html: &mut String,
    idx: usize,
    document: &Document,
    decoded: &Decoded,
    only: bool,
) {
    let owners: HashSet<&str> = document
        .tasks
        .iter()
        .flat_map(|t| &t.owners)
        .map(|o| o.name.as_str())
        .collect();
    let ownerless = document
        .tasks
        .iter()
        .filter(|t| t.owners.is_empty())
        .count();
    // The reader's notes and the document's `reader` warnings (`parse` makes one of
    // each note, so a message is listed once).
    let mut reader_notes: Vec<&str> = Vec::new();
    for message in decoded.notes.iter().map(|n| n.message.as_str()).chain(
        document
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::Reader)
            .map(|w| w.message.as_str()),
    ) {
        if !reader_notes.contains(&message) {
            reader_notes.push(message);
        }
    }
    let source = &document.source;
    let _ = write!(
        html,
        "<section class=\"doc{}\" id=\"d{idx}\" data-doc=\"{idx}\">\n<div class=\"head\">\
         <button type=\"button\" class=\"toggle\" title=\"show or hide\">▾</button>\
         <span class=\"path\">{}</span>",
        if only { " only" } else { "" },
        escape(&source.path)
    );
    if let Some(title) = &document.meta.title {
        let _ = write!(html, "<span class=\"title\">{}</span>", escape(title));
    }
    let _ = write!(
        html,
        "<span class=\"facts\">{} · {} · <b>{}</b> tasks{} · <b>{}</b> owners · <b>{}</b> indicators · \
         <b>{}</b> warnings</span>",
        source.format.as_str(),
        escape(
            source
                .encoding
                .as_deref()
                .unwrap_or("encoding set by the container")
        ),
        document.tasks.len(),
        if ownerless > 0 {
            format!(" (<span class=\"bad\">{ownerless} without owner</span>)")
        } else {
            String::new()
        },
        owners.len(),
        document.indicators.len(),
        document.warnings.len(),
    );
    if reader_notes.is_empty() {
        html.push_str("<span class=\"reader\">reader: nothing dropped or guessed</span>");
    } else {
        let _ = write!(
            html,
            "<details class=\"reader bad\"><summary>reader: {} {} it could not do</summary><ul>",
            reader_notes.len(),
            if reader_notes.len() == 1 {
                "thing"
            } else {
                "things"
            }
        );
        for note in reader_notes {
            let _ = write!(html, "<li>{}</li>", escape(note));
        }
        html.push_str("</ul></details>");
    }
    html.push_str("</div>\n<div class=\"body\"></div>\n<script type=\"application/json\">");
    html.push_str(&script_json(&data::payload(document, decoded)));
    html.push_str("</script>\n</section>\n");
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{base64, escape, script_json};

    #[test]
    fn base64_of_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn script_json_has_no_angle_brackets_and_reads_back() {
        let value = serde_json::json!({"t": "</script><!--<script>&"});
        let json = script_json(&value);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, value);
    }
}
