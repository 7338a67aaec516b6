//! HTML pages of policy documents into [`Decoded`] blocks.
//!
//! [`read`] takes the bytes of a page as a government site serves it:
//! 1. the charset comes from a BOM, else the `<meta charset>` /
//!    `<meta http-equiv content="…charset=…">` in the first bytes, else
//!    `chardetng` with the `.cn` hint (GB2312 and GBK decode as GB18030);
//! 2. `scraper` (Servo's `html5ever` tree builder) parses the page the way a
//!    browser does, after a tokenizer pass has checked the nesting depth;
//! 3. the article body is found: navigation, headers, footers, scripts, forms
//!    and elements whose `id` / `class` say nav, menu, footer, breadcrumb,
//!    share or sidebar are dropped, and a container whose `id` / `class` says
//!    content (`content`, `article`, `TRS_Editor`, `zoom`, `main`, …) is
//!    preferred, else the element holding nearly all the Chinese text;
//! 4. its `<p>` / `<div>` text becomes paragraphs (`<br>` a line break inside
//!    one), `<h1>`…`<h6>` headings, and `<table>` a [`Table`] grid with
//!    `rowspan` / `colspan` resolved into [`Merge::Up`](policy_blocks::Merge::Up) /
//!    [`Merge::Left`](policy_blocks::Merge::Left) cells.
//!
//! `<title>` goes to [`DocProps::title`](policy_blocks::DocProps). Spaces the
//! page types as text (U+3000 indents, `&nbsp;`) are kept; only HTML's own
//! collapsible whitespace is collapsed.
//!
//! [`tables_from_fragment`] runs step 4 alone on an HTML snippet, for the
//! `<table>` blocks that Markdown converters (MinerU, marker) emit.
//!
//! ```
//! use policy_blocks::{BlockKind, Limits};
//!
//! let page = "<html><head><meta charset=utf-8><title>通知</title></head><body>\
//!     <div class=nav>首页 &gt; 政策</div>\
//!     <div id=zoom><h1>行动方案</h1><p>　　一、总体要求。<br>（一）指导思想。</p></div>\
//!     <div class=footer>版权所有</div></body></html>";
//! let doc = policy_html::read(page.as_bytes(), &Limits::default()).unwrap();
//! assert_eq!(doc.props.title.as_deref(), Some("通知"));
//! assert_eq!(doc.blocks.len(), 2);
//! assert!(matches!(&doc.blocks[0].kind, BlockKind::Heading { level: 1, text } if text == "行动方案"));
//! assert_eq!(doc.blocks[1].text(), "　　一、总体要求。\n（一）指导思想。");
//! ```

mod article;
mod charset;
mod depth;
mod table;
mod walk;

use policy_blocks::{Decoded, DecodedBuilder, DocProps, Limit, Limits, SourceFormat, Table};
use scraper::Html;

/// Why an HTML page could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Limit(#[from] policy_blocks::LimitExceeded),
    #[error("the file is empty")]
    Empty,
    #[error("the file holds binary data ({nul_count} NUL bytes), not HTML")]
    Binary { nul_count: usize },
    #[error(
        "the page is in neither UTF-8 nor a Chinese encoding, and in no encoding that can be named (it does not read as {guess} either)"
    )]
    UnknownEncoding { guess: String },
    #[error("the decoded page is {bytes} bytes, more than the HTML parser can hold")]
    TooLarge { bytes: usize },
}

/// Reads an HTML page into blocks: the article body only, in reading order.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    Limits::check(
        Limit::InputBytes,
        limits.max_input_bytes,
        bytes.len() as u64,
    )?;
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let decoded = charset::decode_html(bytes)?;
    check_parser_capacity(&decoded.text)?;
    depth::check_nesting(&decoded.text, limits.max_nesting_depth)?;
    let page = Html::parse_document(&decoded.text);

    let mut doc = DecodedBuilder::new(SourceFormat::Html);
    doc.encoding(decoded.encoding);
    for note in decoded.notes {
        doc.note(note);
    }
    doc.props(DocProps {
        title: walk::title(&page),
        created: None,
    });
    let mut body = article::find_body(&page, limits)?;
    if let Some(note) = body.note.take() {
        doc.note(note);
    }
    for block in walk::blocks(body, limits)? {
        match block {
            walk::Pending::Heading { level, text } => doc.heading(level, &text, None),
            walk::Pending::Paragraph(text) => doc.paragraph(&text, None),
            walk::Pending::Table(grid) => doc.table(grid.into_builder_rows(), None),
        };
    }
    Ok(doc.finish())
}

/// The tables of an HTML fragment, such as a `<table>` block that a Markdown
/// converter (MinerU, marker) put inside its Markdown, as grids with
/// `rowspan` / `colspan` resolved. Tables nested inside another table's cell
/// are flattened into that cell's text.
///
/// The fragment has no text of its own for spans to point into, so every
/// cell's span is `Span::default()` (0..0); the caller knows where the
/// fragment sits in its document and sets spans there.
pub fn tables_from_fragment(html: &str, limits: &Limits) -> Result<Vec<Table>, Error> {
    Limits::check(Limit::InputBytes, limits.max_input_bytes, html.len() as u64)?;
    check_parser_capacity(html)?;
    depth::check_nesting(html, limits.max_nesting_depth)?;
    let fragment = Html::parse_fragment(html);
    walk::fragment_tables(fragment.root_element(), limits)
        .map(|grids| grids.into_iter().map(table::Grid::into_table).collect())
}

/// html5ever keeps text in tendrils whose length is a `u32`.
fn check_parser_capacity(text: &str) -> Result<(), Error> {
    const MAX_TENDRIL: usize = u32::MAX as usize / 2;
    if text.len() > MAX_TENDRIL {
        Err(Error::TooLarge { bytes: text.len() })
    } else {
        Ok(())
    }
}
