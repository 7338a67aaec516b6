//! Where the article body is on a page, and which elements around it are chrome.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use policy_blocks::{Limit, LimitExceeded, Limits};
use scraper::{ElementRef, Html};

/// The element to read blocks from, and the elements inside it to skip.
#[derive(Debug)]
pub(crate) struct Body<'a> {
    pub root: ElementRef<'a>,
    /// Depth of `root` below the document.
    pub depth: usize,
    /// Navigation, scripts, footers and the like: skipped with their subtree.
    pub dropped: HashSet<NodeId>,
    /// How the body was chosen when no element said it held the content.
    pub note: Option<String>,
}

/// Finds the article body of `page`.
///
/// Chrome is dropped first: elements never rendered (`<script>`, `<style>`,
/// …), `<nav>` / `<footer>` / `<aside>` / `<form>` and the like, `<header>`
/// outside an `<article>` / `<main>`, and elements whose `id` / `class` says
/// nav, menu, footer, breadcrumb, share, sidebar… — except that an element
/// holding half the page's Chinese text or more is never chrome (a page that
/// wraps everything in `<form id="form1">` still has a body).
///
/// Then the container: among elements whose `id` / `class` (or tag) says
/// content, the one holding the most Chinese text, if that is at least half
/// the page's; else the deepest `<div>`-like element outside any table
/// holding nine tenths of it (a layout table is then read as text).
///
/// Text is weighed outside links (content density): a government page's
/// footer of county and department sites can hold more Chinese characters
/// than its article, all of them link text. A chrome-looking element holding
/// most of the page's prose is kept; one holding most of its links is not.
/// When the body holds less than half of the page's Chinese characters, a
/// note says how much was left out.
pub(crate) fn find_body<'a>(page: &'a Html, limits: &Limits) -> Result<Body<'a>, LimitExceeded> {
    let html = page.root_element();
    let start = html
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(html);
    let start_depth = start.ancestors().count();

    // Pre-order, so a parent is always seen before its children.
    let order: Vec<_> = start.descendants().collect();
    let mut depth: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    for node in &order {
        let d = node
            .parent()
            .and_then(|p| depth.get(&p.id()).map(|d| d + 1))
            .unwrap_or(start_depth);
        Limits::check(
            Limit::NestingDepth,
            limits.max_nesting_depth as u64,
            d as u64,
        )?;
        depth.insert(node.id(), d);
    }

    // Whether each node lies inside a link: link text is navigation, not prose.
    let mut in_link: HashSet<NodeId> = HashSet::new();
    for node in &order {
        if node
            .parent()
            .is_some_and(|p| in_link.contains(&p.id()) || is_element(p, "a"))
        {
            in_link.insert(node.id());
        }
    }

    // Chinese characters under each node, counting rendered text only: all of
    // it (`raw`), and the prose outside links (`raw_prose`).
    let mut raw: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    let mut raw_prose: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    for node in order.iter().rev() {
        let own = node.value().as_text().map_or(0, |t| count_cjk(t));
        let own_prose = if in_link.contains(&node.id()) { 0 } else { own };
        let total = raw.get(&node.id()).copied().unwrap_or(0) + own;
        let prose = raw_prose.get(&node.id()).copied().unwrap_or(0) + own_prose;
        raw.insert(node.id(), total);
        raw_prose.insert(node.id(), prose);
        let rendered = node
            .value()
            .as_element()
            .is_none_or(|e| !NOT_RENDERED.contains(&e.name()) && !is_hidden(e));
        if let Some(parent) = node
            .parent()
            .filter(|_| rendered && node.id() != start.id())
        {
            *raw.entry(parent.id()).or_insert(0) += total;
            *raw_prose.entry(parent.id()).or_insert(0) += prose;
        }
    }
    let page_cjk = raw.get(&start.id()).copied().unwrap_or(0);
    let page_prose = raw_prose.get(&start.id()).copied().unwrap_or(0);

    // Chrome, top-most only; and for every node, whether it lies inside chrome.
    let mut dropped = HashSet::new();
    let mut inside_chrome: HashMap<NodeId, bool> = HashMap::with_capacity(order.len());
    let mut in_article: HashMap<NodeId, bool> = HashMap::with_capacity(order.len());
    let mut in_table: HashSet<NodeId> = HashSet::new();
    for node in &order {
        if node
            .parent()
            .is_some_and(|p| in_table.contains(&p.id()) || is_element(p, "table"))
        {
            in_table.insert(node.id());
        }
        let parent = node.parent().map(|p| p.id());
        let parent_chrome = parent
            .and_then(|p| inside_chrome.get(&p).copied())
            .unwrap_or(false);
        let parent_article = parent
            .and_then(|p| in_article.get(&p).copied())
            .unwrap_or(false);
        let mut chrome = parent_chrome;
        let mut article = parent_article;
        if let Some(element) = node.value().as_element() {
            let name = element.name();
            article |= name == "article" || name == "main";
            let holds = raw_prose.get(&node.id()).copied().unwrap_or(0);
            if !parent_chrome && is_chrome(element, parent_article, holds, page_prose) {
                dropped.insert(node.id());
                chrome = true;
            }
        }
        inside_chrome.insert(node.id(), chrome);
        in_article.insert(node.id(), article);
    }

    // Chinese characters under each node once chrome is gone: all of them
    // (`kept`), and the prose outside links (`prose`), by which the body is
    // chosen, so that a long list of links (a footer of county sites, a
    // related-articles box that no class names) never outweighs the article.
    let mut kept: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    let mut prose: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    for node in order.iter().rev() {
        if inside_chrome.get(&node.id()).copied().unwrap_or(false) {
            continue;
        }
        let own = node.value().as_text().map_or(0, |t| count_cjk(t));
        let own_prose = if in_link.contains(&node.id()) { 0 } else { own };
        let total = kept.get(&node.id()).copied().unwrap_or(0) + own;
        let total_prose = prose.get(&node.id()).copied().unwrap_or(0) + own_prose;
        kept.insert(node.id(), total);
        prose.insert(node.id(), total_prose);
        if let Some(parent) = node.parent().filter(|_| node.id() != start.id()) {
            *kept.entry(parent.id()).or_insert(0) += total;
            *prose.entry(parent.id()).or_insert(0) += total_prose;
        }
    }
    // A page of nothing but links (an index page) is judged by all its text.
    let by_prose = prose.get(&start.id()).copied().unwrap_or(0) > 0;
    let weight = if by_prose { &prose } else { &kept };
    let body_cjk = weight.get(&start.id()).copied().unwrap_or(0);

    let elements = || {
        order.iter().filter_map(|node| {
            let element = ElementRef::wrap(*node)?;
            let held = weight.get(&node.id()).copied()?;
            Some((element, held, depth.get(&node.id()).copied().unwrap_or(0)))
        })
    };
    let marked = elements()
        .filter(|(element, held, _)| *held > 0 && held * 2 >= body_cjk && says_content(element))
        .max_by_key(|(_, held, depth)| (*held, *depth));
    let left_out = |root: &ElementRef<'_>| {
        let read = kept.get(&root.id()).copied().unwrap_or(0);
        (read * 2 < page_cjk).then(|| {
            format!(
                "read <{}>, {read} of the page's {page_cjk} Chinese characters; the rest (navigation, link lists, page furniture) was left out",
                describe(root)
            )
        })
    };
    if let Some((root, _, depth)) = marked {
        let note = left_out(&root);
        return Ok(Body {
            root,
            depth,
            dropped,
            note,
        });
    }
    let (root, _, depth) = elements()
        .filter(|(element, held, _)| {
            held * 10 >= body_cjk * 9 && is_container(element) && !in_table.contains(&element.id())
        })
        .max_by_key(|(_, _, depth)| *depth)
        .unwrap_or((start, body_cjk, start_depth));
    let note = left_out(&root).or_else(|| {
        (root.id() != start.id()).then(|| {
            format!(
                "no element is marked as the content; read <{}> holding most of the Chinese text",
                describe(&root)
            )
        })
    });
    Ok(Body {
        root,
        depth,
        dropped,
        note,
    })
}

/// Elements a browser never shows.
const NOT_RENDERED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link",
];

/// Page furniture by tag.
const CHROME_TAGS: &[&str] = &[
    "nav", "footer", "aside", "form", "iframe", "object", "embed", "svg", "canvas", "button",
    "select", "input", "textarea", "video", "audio", "map", "dialog", "menu",
];

/// Words in an `id` / `class` that mark page furniture. `dqwz` is 当前位置
/// ("you are here"), a breadcrumb on many government sites; `print` holds
/// 【打印本页】【关闭窗口】.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "foot",
    "breadcrumb",
    "crumb",
    "share",
    "sidebar",
    "side-bar",
    "side_bar",
    "copyright",
    "toolbar",
    "location",
    "position",
    "dqwz",
    "related",
    "friendlink",
    "print",
];

/// Words in an `id` / `class` that mark the content. `TRS_Editor` and `zoom`
/// come from the TRS and other government CMSs; `zhengwen` is 正文.
const CONTENT_WORDS: &[&str] = &[
    "content",
    "article",
    "artibody",
    "trs_editor",
    "zoom",
    "main",
    "detail",
    "zhengwen",
    "wenzhang",
    "text",
];

fn is_chrome(
    element: &scraper::node::Element,
    in_article: bool,
    holds: usize,
    page_cjk: usize,
) -> bool {
    let name = element.name();
    if NOT_RENDERED.contains(&name) || is_hidden(element) {
        return true;
    }
    let looks_like_chrome = CHROME_TAGS.contains(&name)
        || (name == "header" && !in_article)
        || attr_words(element).any(|word| CHROME_WORDS.iter().any(|w| word.contains(w)));
    // Furniture never holds most of a page's text.
    looks_like_chrome && (holds * 2 < page_cjk || page_cjk == 0)
}

/// `hidden`, or `display: none` in its inline style.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            style.to_ascii_lowercase().contains("display:none")
        })
}

/// Elements that can hold a whole article.
fn is_container(element: &ElementRef<'_>) -> bool {
    matches!(
        element.value().name(),
        "body" | "div" | "section" | "article" | "main" | "center" | "form"
    )
}

fn is_element(node: ego_tree::NodeRef<'_, scraper::Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

fn says_content(element: &ElementRef<'_>) -> bool {
    let element = element.value();
    matches!(element.name(), "article" | "main")
        || attr_words(element).any(|word| CONTENT_WORDS.iter().any(|w| word.contains(w)))
}

/// The element's `id` and class names, lowercase.
fn attr_words(element: &scraper::node::Element) -> impl Iterator<Item = String> + '_ {
    element
        .id()
        .into_iter()
        .chain(element.classes())
        .map(str::to_ascii_lowercase)
}

fn describe(element: &ElementRef<'_>) -> String {
    let element = element.value();
    let mut out = element.name().to_string();
    if let Some(id) = element.id() {
        out.push_str(&format!(" id=\"{id}\""));
    }
    let classes: Vec<&str> = element.classes().collect();
    if !classes.is_empty() {
        out.push_str(&format!(" class=\"{}\"", classes.join(" ")));
    }
    out
}

/// Chinese characters (CJK ideographs) in `text`.
pub(crate) fn count_cjk(text: &str) -> usize {
    text.chars().filter(|c| is_cjk_ideograph(*c)).count()
}

pub(crate) fn is_cjk_ideograph(ch: char) -> bool {
    matches!(ch,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}
