//! Text copied from a PDF: hard line wraps and page-number lines.
//!
//! Text pasted from a PDF viewer (or written by a PDF-to-text tool) keeps the
//! page's line breaks: every line is cut at the page width, mid-sentence and
//! mid-word, and each page's number sits between the lines (`— 3 —`,
//! `第3页 共10页`). Read one paragraph per line, a heading or an item title is
//! cut at the line end and a page number is glued into an item.
//!
//! The evidence for hard wraps is the width itself: many lines end at the
//! same display width (a CJK character is two columns, ASCII one), give or
//! take a character, and most of them end mid-sentence. Web text of one
//! paragraph per line has no such band: its lines are as long as their
//! paragraphs. Only with that evidence is a line joined to the next one
//! ([`HardWrap::joins`]); without it the prose is read exactly as before.

use policy_grammar::lexicon;
use policy_grammar::numbering::enumerator;

use crate::forms::{Line, clean};

/// How far a wrapped line may fall short of the width or run past it, in
/// display columns: one CJK character (a line cut before a character that
/// may not start a line, or typeset with squeezed punctuation), and a column
/// for a half-width digit or letter among them.
const TOLERANCE: usize = 3;
/// A paragraph's first line is indented by two characters on the page (the
/// indent is lost in the copy).
const INDENT: usize = 4;
/// Narrower bands are the cells of a table or a list of short names, not a
/// page's text column.
const MIN_WIDTH: usize = 40;
/// Wider bands are not one text column of a page: a PDF page holds at most
/// about fifty characters a line.
const MAX_WIDTH: usize = 100;
/// Fewer lines at one width are a coincidence, not a page.
const MIN_WRAPPED_LINES: usize = 8;

/// Marks that end a sentence: a line ending with one may end its paragraph.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];

/// The width prose lines were cut at, when the text shows one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HardWrap {
    /// The middle of the band of widths the wrapped lines fall in, in columns.
    pub(crate) width: usize,
}

impl HardWrap {
    /// Recognises hard wraps among `lines` (page-number lines already left
    /// out): at least [`MIN_WRAPPED_LINES`] lines within [`TOLERANCE`] of one
    /// width between [`MIN_WIDTH`] and [`MAX_WIDTH`], making up a quarter of
    /// the text's lines (a short item's first and last lines, its label lines
    /// and the headings fall outside the band), two thirds of them ending
    /// mid-sentence, and hardly any line wider than the band (a page's column
    /// holds no longer line).
    pub(crate) fn detect(lines: &[Line<'_>]) -> Option<HardWrap> {
        let widths: Vec<(usize, bool)> = lines
            .iter()
            .filter_map(|line| {
                let text = clean(line.text);
                let last = text.chars().next_back()?;
                Some((display_width(&text), SENTENCE_ENDS.contains(&last)))
            })
            .collect();
        // Lines per width up to just past the widest band, the rest counted as wider.
        let mut histogram = [0usize; MAX_WIDTH + TOLERANCE + 2];
        let last_bin = histogram.len() - 1;
        for &(w, _) in &widths {
            histogram[w.min(last_bin)] += 1;
        }
        let around = |centre: usize, reach: usize| -> usize {
            histogram[centre - reach..=centre + reach].iter().sum()
        };
        // The width most lines end at, give or take a column; of equal ones the
        // widest, as a page's width is a maximum. A window narrower than the
        // tolerance keeps the first lines, an indent short, from pulling the
        // width down to between the two.
        let width = (MIN_WIDTH..=MAX_WIDTH).max_by_key(|&centre| around(centre, 1))?;
        let band: Vec<bool> = widths
            .iter()
            .filter(|(w, _)| w.abs_diff(width) <= TOLERANCE)
            .map(|&(_, ends_sentence)| ends_sentence)
            .collect();
        let open = band.iter().filter(|&&ends| !ends).count();
        let wider = widths
            .iter()
            .filter(|(w, _)| *w > width + TOLERANCE)
            .count();
        let evident = band.len() >= MIN_WRAPPED_LINES
            && band.len() * 4 >= widths.len()
            && open * 3 >= band.len() * 2
            && wider * 10 <= widths.len();
        evident.then_some(HardWrap { width })
    }

    /// Whether `next` continues the paragraph whose last line so far is
    /// `line` (`first`: `line` is the paragraph's first line, indented on the
    /// page). It does when `line` reaches the width (a first line allowing
    /// for its indent) or was cut inside a number, and `next` opens no item
    /// or paragraph of its own: no enumerator, no indent, no label line
    /// (`责任单位：`). A blank `next` never continues.
    pub(crate) fn joins(&self, line: &Line<'_>, first: bool, next: &Line<'_>) -> bool {
        let text = clean(line.text);
        let following = clean(next.text);
        let (Some(last), Some(next_first)) = (text.chars().next_back(), following.chars().next())
        else {
            return false;
        };
        if opens_paragraph(next.text, &following) {
            return false;
        }
        // A line cut inside a number may fall short by a few half-width digits.
        let cut_number = last.is_ascii_digit() && next_first.is_ascii_digit();
        // A sentence that ends a line short of the width ends its paragraph: a
        // line cut mid-paragraph holds every character that fits, so only a
        // line cut mid-sentence falls short (before a mark that may not start
        // a line).
        let slack = if SENTENCE_ENDS.contains(&last) {
            1
        } else {
            TOLERANCE
        };
        let w = display_width(&text) + slack;
        w >= self.width || (w + INDENT >= self.width && (first || cut_number))
    }
}

/// What goes between a wrapped line and the next when they are joined:
/// nothing inside Chinese text or a number, a space between two Latin words
/// (a page wraps Latin text at its spaces).
pub(crate) fn joint(line: &str, next: &str) -> &'static str {
    let latin_end = line
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let latin_start = next.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if latin_end && latin_start { " " } else { "" }
}

/// Whether a line opens an item or a paragraph of its own: indented, or
/// starting with an enumerator (`一、` `（一）` `1.` `第X条`) or a label
/// (`责任单位：`, `完成时限：`).
fn opens_paragraph(raw: &str, text: &str) -> bool {
    // A form feed is where `pdftotext` starts a page, not an indent.
    let indented = raw
        .trim_start_matches('\u{c}')
        .starts_with(|c: char| c.is_whitespace() || c == '\u{3000}');
    indented || enumerator(text).is_some() || is_label_line(text)
}

/// A line opening with a short label and its colon, the label ending in a
/// word fields are written under (`牵头单位：`, `完成时限：`, `工作进展：`).
fn is_label_line(text: &str) -> bool {
    let Some(colon) = text.find(['：', ':']) else {
        return false;
    };
    let label = text[..colon].trim_end_matches([' ', '\u{3000}']);
    let n = label.chars().count();
    (2..=8).contains(&n)
        && label.chars().all(policy_grammar::chars::is_cjk)
        && lexicon::LINE_LABEL_ENDINGS
            .iter()
            .chain(lexicon::REPORT_LABEL_ENDINGS)
            .any(|w| label.ends_with(w))
}

/// The width of `s` on the page: two columns for a CJK character or any
/// other non-ASCII character, one for ASCII, except the ASCII marks that a
/// copy writes in place of full-width ones (`,` `:` `(` for `，` `：` `（`),
/// which were full width on the page.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            ',' | ';' | ':' | '(' | ')' | '!' | '?' => 2,
            c if c.is_ascii() => 1,
            _ => 2,
        })
        .sum()
}

/// Whether a whole line is a page number: a number between dashes (`— 3 —`,
/// `- 3 -`, `— — — 2 —`), `第3页`, `第3页 共10页` / `共10页 第3页`, or, when
/// `fractions` (the text is hard-wrapped, so a lone `3/10` is no table cell),
/// `3/10`. A line holding anything else (`1 2 3`, `3-1=2`) is not.
pub(crate) fn is_page_number(line: &str, fractions: bool) -> bool {
    // The longest page number (`第 1234 页 共 1234 页` with spaces) is far shorter.
    if line.len() > 128 {
        return false;
    }
    let t: String = clean(line)
        .chars()
        .map(policy_grammar::chars::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.len() > 64 {
        return false;
    }
    let is_dash = |c: char| matches!(c, '-' | '—' | '–' | '─' | '―' | '‒');
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    // A number between dashes.
    let core = t.trim_matches(is_dash);
    if core.len() < t.len() && t.starts_with(is_dash) && t.ends_with(is_dash) && number(core) {
        return true;
    }
    // 第N页, 共M页, in either order, with an optional separator.
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(number)
    };
    let total = |s: &str| {
        s.strip_prefix('共')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(number)
    };
    let parts: Vec<&str> = t
        .split_inclusive('页')
        .map(|p| p.trim_matches([',', '、', '/']))
        .collect();
    match parts.as_slice() {
        [one] if page(one) => return true,
        [a, b] if (page(a) && total(b)) || (total(a) && page(b)) => return true,
        _ => {}
    }
    // N/M, the page first.
    fractions && t.split_once('/').is_some_and(|(n, m)| {
        number(n)
            && number(m)
            && matches!((n.parse::<u32>(), m.parse::<u32>()), (Ok(n), Ok(m)) if n >= 1 && n <= m)
    })
}

#[cfg(test)]
mod tests {
    use policy_blocks::{BlockKind, Decoded, Limits};

    use super::*;

    /// A made-up plan as a PDF viewer copies it: 24 characters a line, each
    /// paragraph's first line two short (its indent), the heading and item
    /// titles cut at the line end, a page number between two halves of a
    /// sentence, owner labels on lines of their own.
    const WRAPPED: &str = "\
某某区社区服务提质增效三年行动方案\n\
为进一步提升社区服务水平，推动社区服务设施布\n\
局更加均衡、服务供给更加充分、服务机制更加健全，\n\
不断增强居民群众的获得感、幸福感、安全感，结合本\n\
区实际，制定本方案。\n\
一、健全社区服务设施网络，加强对社区服务工作\n\
的统筹协调\n\
1.完善社区综合服务设施和便民服务网点的空间布\n\
局。推动老旧小区配建社区综合服务用房，优化服务设\n\
施功能配置，统筹利用党群服务中心、社区用房等存量资\n\
源，到2025年底实现城市社区综合服务设施全覆盖，\n\
\n\
— 2 —\n\
\n\
每百户居民拥有的社区服务设施面积不低于30平方米。\n\
牵头单位：区民政局\n\
配合单位：区住房城乡建设委、区规划自然资源分局、\n\
各街道办事处\n\
2.推进社区服务数字化建设。依托区级政务服务平\n\
台建设社区服务信息系统，推动社区服务事项网上办理，\n\
为居民提供便捷高效的线上服务。\n\
责任单位：区政务服务局、各街道办事处\n\
二、提升社区服务供给能力\n\
3.发展社区嵌入式养老托育和家庭健康照护服务。\n\
扩大社区养老服务供给，支持社区卫生服务机构与养老\n\
机构开展签约合作，为辖区老年人提供健康管理、康复\n\
护理等服务，新增普惠托育托位不少于600个。\n\
责任单位：区民政局、区卫生健康委\n\
";

    fn read(text: &str) -> Decoded {
        crate::read(text.as_bytes(), &Limits::default()).expect("within the default limits")
    }

    fn paragraphs(doc: &Decoded) -> Vec<&str> {
        doc.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Paragraph { text } => text.as_str(),
                other => panic!("a paragraph, not {other:?}"),
            })
            .collect()
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_their_paragraphs() {
        let doc = read(WRAPPED);
        assert_eq!(
            paragraphs(&doc),
            [
                "某某区社区服务提质增效三年行动方案",
                "为进一步提升社区服务水平，推动社区服务设施布局更加均衡、服务供给更加充分、服务机制更加健全，不断增强居民群众的获得感、幸福感、安全感，结合本区实际，制定本方案。",
                "一、健全社区服务设施网络，加强对社区服务工作的统筹协调",
                "1.完善社区综合服务设施和便民服务网点的空间布局。推动老旧小区配建社区综合服务用房，优化服务设施功能配置，统筹利用党群服务中心、社区用房等存量资源，到2025年底实现城市社区综合服务设施全覆盖，每百户居民拥有的社区服务设施面积不低于30平方米。",
                "牵头单位：区民政局",
                "配合单位：区住房城乡建设委、区规划自然资源分局、各街道办事处",
                "2.推进社区服务数字化建设。依托区级政务服务平台建设社区服务信息系统，推动社区服务事项网上办理，为居民提供便捷高效的线上服务。",
                "责任单位：区政务服务局、各街道办事处",
                "二、提升社区服务供给能力",
                "3.发展社区嵌入式养老托育和家庭健康照护服务。扩大社区养老服务供给，支持社区卫生服务机构与养老机构开展签约合作，为辖区老年人提供健康管理、康复护理等服务，新增普惠托育托位不少于600个。",
                "责任单位：区民政局、区卫生健康委",
            ]
        );
        let messages: Vec<&str> = doc.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("1 page-number line(s) left out")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("hard-wrapped at about 24 characters")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_joined_paragraph_spans_its_source_lines() {
        let doc = read(WRAPPED);
        assert_eq!(doc.text, WRAPPED, "the text is the file as written");
        let item = &doc.blocks[3];
        let source = &doc.text[item.span.start..item.span.end];
        assert!(source.starts_with("1.完善社区综合服务设施和便民服务网点的空间布\n局。"));
        assert!(source.contains("全覆盖，\n\n— 2 —\n\n每百户"));
        assert!(source.ends_with("不低于30平方米。"));
        let heading = &doc.blocks[2];
        assert_eq!(
            &doc.text[heading.span.start..heading.span.end],
            "一、健全社区服务设施网络，加强对社区服务工作\n的统筹协调"
        );
    }

    #[test]
    fn a_page_break_written_by_pdftotext_does_not_end_the_paragraph() {
        // `pdftotext` ends a page with a blank line and starts the next with a form feed.
        let text = WRAPPED.replace("全覆盖，\n\n— 2 —\n\n每百户", "全覆盖，\n\n\u{c}每百户");
        let doc = read(&text);
        assert_eq!(paragraphs(&doc), paragraphs(&read(WRAPPED)));
        assert!(doc.notes.iter().all(|n| !n.message.contains("page-number")));
    }

    #[test]
    fn a_line_cut_inside_a_number_continues() {
        let wrap = HardWrap { width: 48 };
        let line = |text| Line { text, start: 0 };
        // Short of the width by more than a character: only a cut number joins.
        let cut = line("健全基层服务网络，到本年底建成服务站点共12");
        assert_eq!(display_width(cut.text), 42);
        assert!(wrap.joins(&cut, false, &line("0个，覆盖全部社区。")));
        assert!(!wrap.joins(&cut, false, &line("个，覆盖全部社区。")));
        // A full line joins unless the next opens an item, a label or an indent.
        let full = line("健全基层服务网络，统筹推进社区服务站点建设，力争");
        assert!(wrap.joins(&full, false, &line("全部建成。")));
        assert!(!wrap.joins(&full, false, &line("（二）加强队伍建设。")));
        assert!(!wrap.joins(&full, false, &line("3.加强队伍建设。")));
        assert!(!wrap.joins(&full, false, &line("责任单位：区民政局")));
        assert!(!wrap.joins(&full, false, &line("\u{3000}\u{3000}全部建成。")));
        assert!(!wrap.joins(&full, false, &line("")));
        // A short line ends its paragraph, and so does a sentence a
        // character short of the width.
        assert!(!wrap.joins(&line("全部建成。"), true, &line("加强队伍建设。")));
        let sentence = line("健全基层服务网络，统筹推进社区服务站点的建设。");
        assert_eq!(display_width(sentence.text), 46);
        assert!(!wrap.joins(&sentence, false, &line("加强队伍建设。")));
        let cut = line("健全基层服务网络，统筹推进社区服务站点建设，全");
        assert_eq!(display_width(cut.text), 46);
        assert!(wrap.joins(&cut, false, &line("加强队伍建设。")));
    }

    #[test]
    fn web_text_of_one_paragraph_per_line_is_not_joined() {
        let text = "\
某某区关于进一步加强社区治理工作的通知\n\
各街道办事处，区政府各委、办、局：\n\
为深入贯彻落实党中央、国务院关于加强基层治理体系和治理能力现代化建设的决策部署，进一步提升社区治理水平，现就有关事项通知如下\n\
一、加强社区党组织建设\n\
健全以党组织为核心的社区组织体系，推动社区党组织有效嵌入各类社会基层组织，把党的领导贯穿社区治理全过程\n\
选优配强社区党组织书记，建立社区工作者职业体系，完善社区工作者薪酬待遇和激励保障机制\n\
二、提升社区服务能力\n\
完善社区服务设施布局，推动社区综合服务设施全覆盖，优化社区服务功能，拓展便民利民服务项目，推进社区服务事项网上办理和就近办理，为居民提供一站式服务\n\
发展社区养老托育服务，支持社区卫生服务机构与养老机构开展签约合作\n\
三、完善社区治理机制\n\
健全社区议事协商制度，拓宽居民参与社区治理渠道，推动社区治理重心下移，把更多资源、服务、管理下沉到社区，更好为社区居民提供精准化、精细化服务\n\
建立社区工作事项准入制度，减轻社区负担\n\
推动社区与驻区单位共驻共建共享，整合辖区资源服务社区居民群众\n\
四、强化组织保障\n\
各单位要高度重视，明确责任分工，抓好工作落实\n\
";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(paragraphs(&read(text)), lines);
    }

    #[test]
    fn short_lines_and_sentences_of_one_length_are_not_joined() {
        // A table's cells one per line: no band wide enough for a page.
        let cells = "区民政局\n区财政局\n区卫生健康委\n区教育委员会\n区住房城乡建设委\n".repeat(4);
        let lines: Vec<&str> = cells.lines().collect();
        assert_eq!(paragraphs(&read(&cells)), lines);
        // Lines of one width that end their sentences are a list, not a wrap.
        let sentences = "推动社区养老服务设施建设并完善服务功能配置。\n".repeat(10);
        let lines: Vec<&str> = sentences.lines().collect();
        assert_eq!(paragraphs(&read(&sentences)), lines);
        // A row of numbers is not a page number.
        let doc = read("序号的说明\n1 2 3\n");
        assert_eq!(paragraphs(&doc), ["序号的说明", "1 2 3"]);
        assert!(doc.notes.is_empty());
    }

    #[test]
    fn page_numbers() {
        for marker in [
            "— 3 —",
            "- 3 -",
            "— — — 2 —",
            "－12－",
            "第3页",
            "第 3 页 共 10 页",
            "共10页 第3页",
            "\u{c}— 4 —",
        ] {
            assert!(is_page_number(marker, false), "{marker}");
        }
        assert!(is_page_number("3/10", true));
        assert!(is_page_number(" 3 / 10 ", true));
        for text in [
            "1 2 3",
            "3",
            "3/10",
            "3-1=2",
            "— 3",
            "—",
            "第三页",
            "第3页内容",
            "2019-04-17",
            "附件：第3页",
        ] {
            assert!(!is_page_number(text, false), "{text}");
        }
        assert!(!is_page_number("10/3", true));
        assert!(!is_page_number("0/3", true));
    }

    #[test]
    fn latin_words_keep_their_space_and_numbers_none() {
        assert_eq!(joint("推进 open", "data 平台"), " ");
        assert_eq!(joint("到20", "25年"), "");
        assert_eq!(joint("推进", "平台"), "");
        assert_eq!(joint("Wi-", "Fi"), "");
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("一、总体要求"), 12);
        assert_eq!(display_width("2022 年"), 7);
        assert_eq!(display_width("任务,目标"), 10);
    }

    #[test]
    fn label_lines() {
        assert!(is_label_line("牵头单位:区委组织部"));
        assert!(is_label_line("完成时限：2024年底"));
        assert!(is_label_line("工作进展：已完成"));
        assert!(!is_label_line("要求：一是加强领导"));
        assert!(!is_label_line("化决策程序,涉及基层治理的重大事项:"));
    }
}
