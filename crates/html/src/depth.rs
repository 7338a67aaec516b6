//! A nesting check that runs before the tree builder.
//!
//! html5ever's tree builder looks down its stack of open elements for every
//! start tag, so a page of 100 000 nested `<div>`s costs it minutes. The
//! tokenizer alone is linear; counting open elements over its tokens rejects
//! such a page before the tree is built.

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};
use html5ever::{LocalName, TokenizerResult, local_name, tendril::StrTendril};
use policy_blocks::{Limit, LimitExceeded, Limits};

/// `Err` naming `max_nesting_depth` when the elements of `html` nest deeper than
/// `max_depth`. Elements whose end tag the HTML standard lets a page leave out
/// (`<p>`, `<li>`, `<td>`, …) and void elements are not counted, so a sloppy
/// but shallow page passes; the tree walk checks the real depth again.
pub(crate) fn check_nesting(html: &str, max_depth: usize) -> Result<(), LimitExceeded> {
    let sink = DepthSink {
        max_depth,
        open: RefCell::default(),
        deepest: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    if let TokenizerResult::Done = tokenizer.feed(&queue) {
        tokenizer.end();
    }
    Limits::check(
        Limit::NestingDepth,
        max_depth as u64,
        tokenizer.sink.deepest.get() as u64,
    )
}

#[derive(Debug)]
struct DepthSink {
    max_depth: usize,
    open: RefCell<Vec<LocalName>>,
    deepest: Cell<usize>,
}

impl TokenSink for DepthSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let mut open = self.open.borrow_mut();
        if tag.kind == TagKind::EndTag {
            if let Some(pos) = open.iter().rposition(|name| *name == tag.name) {
                open.truncate(pos);
            }
            return TokenSinkResult::Continue;
        }
        if !is_void(&tag.name) && !has_optional_end_tag(&tag.name) {
            open.push(tag.name.clone());
            self.deepest.set(self.deepest.get().max(open.len()));
            if open.len() > self.max_depth {
                // Stops the tokenizer: the answer is known.
                return TokenSinkResult::Script(());
            }
        }
        match tag.name {
            local_name!("script") => TokenSinkResult::RawData(RawKind::ScriptData),
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => TokenSinkResult::RawData(RawKind::Rawtext),
            local_name!("title") | local_name!("textarea") => {
                TokenSinkResult::RawData(RawKind::Rcdata)
            }
            local_name!("plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

fn has_optional_end_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("p")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("colgroup")
            | local_name!("caption")
            | local_name!("rb")
            | local_name!("rt")
            | local_name!("rp")
            | local_name!("rtc")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_sloppy_pages_pass() {
        let page = format!(
            "<html><body><div>{}</div></body></html>",
            "<p>一、总体要求<br><li>项目".repeat(2000)
        );
        assert!(check_nesting(&page, 8).is_ok());
    }

    #[test]
    fn deep_nesting_is_rejected_quickly() {
        let page = "<div>".repeat(100_000);
        let start = std::time::Instant::now();
        let err = check_nesting(&page, 64).expect_err("too deep");
        assert_eq!(err.limit, Limit::NestingDepth);
        assert_eq!(err.found, 65);
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn closed_elements_do_not_add_up() {
        let page = "<div><span>一</span></div>".repeat(10_000);
        assert!(check_nesting(&page, 2).is_ok());
        assert!(check_nesting("<div><div><div></div></div></div>", 2).is_err());
    }

    #[test]
    fn tags_inside_scripts_are_not_counted() {
        let page = format!("<script>{}</script><div></div>", "<div>".repeat(1000));
        assert!(check_nesting(&page, 4).is_ok());
    }
}
