//! Document metadata from the leading blocks: title, 文号, date, issuers, region, genre.
//!
//! This module takes the lines to read (the leading and trailing lines, a web
//! page's `label: value` lines) and puts the answers together; the readers are
//! `title` (title and genre), `number_date` (文号 and date) and `issuers`
//! (issuers and region).

use std::sync::LazyLock;

use policy_blocks::{Block, BlockKind, DocProps};
use policy_model::Meta;
use regex::Regex;

use policy_grammar::lexicon;
use policy_grammar::numbering::{EnumKind, enumerator};

mod issuers;
mod number_date;
mod title;

use issuers::{issuer_hint, org_line, place_of};
use number_date::{date, date_prefix, doc_number, signed_date};
use title::{
    ends_with_text, genre, genre_end, is_notice_title, is_title_like, join_title_lines,
    plan_genre_end, plan_in_notice, same_text,
};

/// The lines that frame a plan inside its notice, for the structure stage:
/// whether `line` is a signature date (`2024年1月3日`), a notice's title
/// (`…关于印发…的通知`), or a plan's own title (`…实施方案`, `…责任分解方案`).
pub mod frame {
    use super::{date, is_notice_title, is_title_like, plan_genre_end, plan_in_notice};

    /// A line that is nothing but a date.
    pub fn is_date_line(line: &str) -> bool {
        date(line).is_some()
    }

    /// `…关于印发…的通知`: a notice that hands on a plan (not one that is
    /// itself the work, `关于做好…工作的通知`).
    pub fn is_notice_title_line(line: &str) -> bool {
        let line = line.trim();
        is_notice_title(line) && plan_in_notice(line).is_some()
    }

    /// A title line ending in a plan's genre word, not a notice's.
    pub fn is_plan_title_line(line: &str) -> bool {
        let line = line.trim();
        is_title_like(line) && plan_genre_end(line)
    }
}

/// Reads document metadata from the blocks before the first numbered section
/// (reading stops at the first `一、` or table) and the container properties.
///
/// - `title`: the plan's own title. For a notice `…关于印发《X》的通知` the title is X
///   and the notice's title goes to `notice_title`; when the plan's title line itself
///   appears (after the 落款), that line is preferred. A title broken over two lines
///   (an open `《`, or `…》` followed by `…分解表`) is joined. Falls back to `props.title`.
/// - `doc_number`: a line opening with `<机关代字>〔YYYY〕N号` (also `[YYYY]`, `(YYYY)`,
///   `【YYYY】`), written back with `〔〕`.
/// - `date`: a line that is a date (`2023年6月20日`, `二〇二三年六月二十日`) → ISO.
/// - `issuers`: the 落款 lines right above that date, split on runs of spaces or
///   ideographic spaces (a single space inside a name is a typo and is dropped);
///   else the 版头 lines naming organisations at the top; else the 发文机关 named at
///   the head of the notice title (a hint: only its first organisation).
/// - `region`: the place name opening the title (`吉林省`, `吉木萨尔县`), else the
///   notice title's, else the first issuer's.
/// - `genre`: from the title's words (分工 / 台账 / 行动方案 / 规划 / 实施方案 …),
///   `notice` for a bare notice.
pub fn meta(blocks: &[Block], props: &DocProps) -> Meta {
    let (lines, page) = web_meta(leading_lines(blocks));
    let joined = join_title_lines(&lines);
    let mut meta = Meta::default();

    let notice_idx = joined
        .iter()
        .position(|l| is_title_like(l) && is_notice_title(l));
    let notice = notice_idx.and_then(|i| joined.get(i)).cloned();
    let from_notice = notice.as_deref().and_then(plan_in_notice);
    let plan_line = joined
        .iter()
        .enumerate()
        .filter(|&(i, l)| Some(i) != notice_idx && is_title_like(l) && plan_genre_end(l))
        .map(|(_, l)| l.clone())
        .find(|l| {
            from_notice
                .as_deref()
                .is_none_or(|x| same_text(x, l) || ends_with_text(l, x))
        });
    meta.title = plan_line
        .or_else(|| from_notice.clone())
        .or_else(|| notice.clone().filter(|_| from_notice.is_none()))
        // A bare 公告 / 通告 / 通知 is its own title.
        .or_else(|| {
            joined
                .iter()
                .find(|l| is_title_like(l) && genre_end(l))
                .cloned()
        })
        .or_else(|| {
            props
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        });
    meta.notice_title = notice.clone();

    meta.doc_number = lines
        .iter()
        .find_map(|l| doc_number(l))
        .or_else(|| page.number.as_deref().and_then(doc_number));
    // the 落款 and date sit above the plan in a notice, at the very end of a bare plan
    let tail = trailing_lines(blocks);
    let signed = [&lines, &tail]
        .into_iter()
        .find_map(|ls| ls.iter().position(|l| date(l).is_some()).map(|i| (ls, i)));
    if let Some((ls, i)) = signed {
        meta.date = ls.get(i).and_then(|l| date(l));
        let mut found: Vec<Vec<String>> = Vec::new();
        for line in ls[..i].iter().rev() {
            match org_line(line) {
                Some(orgs) => found.push(orgs),
                None => break,
            }
        }
        meta.issuers = found.into_iter().rev().flatten().collect();
    }
    // A web page's own dates: its 成文日期, else (no date in the document) when it was published.
    meta.date = meta
        .date
        .take()
        .or_else(|| page.signed.as_deref().and_then(date_prefix))
        .or_else(|| {
            tail.iter()
                .rev()
                .find_map(|l| signed_date(l))
                .or_else(|| page.published.as_deref().and_then(date_prefix))
        });
    if meta.issuers.is_empty() {
        meta.issuers = lines
            .iter()
            .map(|l| l.trim_end_matches("文件").to_string())
            .map_while(|l| org_line(&l))
            .flatten()
            .collect();
    }
    if meta.issuers.is_empty() {
        meta.issuers = notice
            .as_deref()
            .and_then(issuer_hint)
            .into_iter()
            .collect();
    }

    meta.region = meta
        .title
        .as_deref()
        .and_then(place_of)
        .or_else(|| notice.as_deref().and_then(place_of))
        .or_else(|| meta.issuers.first().and_then(|i| place_of(i)));
    meta.genre = genre(meta.title.as_deref(), notice.as_deref());
    meta
}

/// The year a document speaks of as "this year" (`年底前`, `今年`): the year of its
/// date, else a year opening its title (`2023年“新时代…”行动方案`). Pass it to
/// [`targets`](crate::targets) as `doc_year`.
pub fn doc_year(meta: &Meta) -> Option<i32> {
    static LEADING_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*((?:19|20)\d{2})\s*年").expect("static regex"));
    let from_date = meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    from_date.or_else(|| {
        let title = meta.title.as_deref()?;
        LEADING_YEAR.captures(title)?.get(1)?.as_str().parse().ok()
    })
}

/// The text lines of the leading blocks, cleaned of Markdown marks and converter
/// bookmarks, up to the first numbered chapter or table.
fn leading_lines(blocks: &[Block]) -> Vec<String> {
    static BOOKMARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[bookmark:[^\]]*\]").expect("static regex"));
    let mut out = Vec::new();
    'blocks: for block in blocks.iter().take(80) {
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => break,
        };
        for line in text.lines() {
            let line = BOOKMARK.replace_all(line, "");
            let line = line
                .trim()
                .trim_start_matches(['#', ' '])
                .trim_matches('*')
                .trim();
            if line.is_empty() {
                continue;
            }
            // The first chapter (`一、`) ends the leading lines.
            if enumerator(line).is_some_and(|(e, _)| e.kind == EnumKind::CnComma) {
                break 'blocks;
            }
            out.push(line.to_string());
        }
    }
    out
}

/// The last few text lines of the document (a bare plan's 落款 and date), with
/// trailing notes such as `（此件公开发布）` left out.
fn trailing_lines(blocks: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = blocks
        .iter()
        .rev()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => Some(text),
            BlockKind::Table(_) => None,
        })
        .flat_map(|t| {
            t.lines()
                .rev()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|l| !(l.starts_with(['（', '(']) && l.ends_with(['）', ')'])))
        .take(8)
        .collect();
    out.reverse();
    out
}

/// What a web page's metadata lines say, and the other lines.
#[derive(Debug, Default)]
struct PageMeta {
    number: Option<String>,
    signed: Option<String>,
    published: Option<String>,
}

/// Takes a web page's `label: value` lines out of the leading lines: a title
/// line gives its value back as a line; 文号 and dates are kept aside.
fn web_meta(lines: Vec<String>) -> (Vec<String>, PageMeta) {
    let mut page = PageMeta::default();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let Some((label, value)) = line.split_once([':', '：']) else {
            out.push(line);
            continue;
        };
        let label = label.trim();
        let value = value.trim().to_string();
        let is = |words: &[&str]| words.contains(&label);
        if is(lexicon::WEB_META_TITLE) {
            if !value.is_empty() {
                out.push(value);
            }
        } else if is(lexicon::WEB_META_NUMBER) {
            page.number = Some(value).filter(|v| !v.is_empty());
        } else if is(lexicon::WEB_META_SIGNED) {
            page.signed = Some(value).filter(|v| !v.is_empty());
        } else if is(lexicon::WEB_META_PUBLISHED) {
            page.published = Some(value).filter(|v| !v.is_empty());
        } else if !is(lexicon::WEB_META_OTHER) && !line.starts_with("====") {
            out.push(line);
        }
    }
    (out, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_of_a_notice() {
        assert!(frame::is_date_line("2024年1月3日"));
        assert!(!frame::is_date_line("2024年1月3日前完成"));
        assert!(frame::is_notice_title_line(
            "某某县人民政府办公室关于印发某某实施方案的通知"
        ));
        // a notice that is the work itself hands on no plan
        assert!(!frame::is_notice_title_line(
            "某某县人民政府办公室关于做好春季农业生产工作的通知"
        ));
        assert!(frame::is_plan_title_line(
            "2024年某某县重点工作责任分解方案"
        ));
        assert!(!frame::is_plan_title_line("某某县人民政府办公室"));
    }
    use issuers::is_org;
    use policy_model::Genre;
    use policy_model::Span;
    use title::genre_at_end;

    /// Strings of `tokens`, picked by a fixed pseudo-random sequence.
    fn token_strings(tokens: &[&str], count: usize) -> Vec<String> {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        (0..count)
            .map(|_| {
                let len = next() % 30;
                (0..len).map(|_| tokens[next() % tokens.len()]).collect()
            })
            .collect()
    }

    /// `genre_at_end` and `is_org` replaced regexes that were slow to compile;
    /// they must answer as those did.
    #[test]
    fn genre_and_org_answer_as_the_regexes_they_replaced() {
        let genre = Regex::new(
            r"(方案|规划|计划|意见|细则|办法|措施|要点|纲要|清单|分工表|台账|分解表|任务表|一览表|安排|指南|通知|决定|公告|通告|条例|规定)\s*(?:[（(][^）)]{0,24}[）)])?$",
        )
        .expect("regex");
        let tokens = [
            "方案",
            "规划",
            "通知",
            "分工",
            "表",
            "（",
            "）",
            "(",
            ")",
            "注",
            "注注注注注",
            " ",
            "某",
        ];
        for line in token_strings(&tokens, 20_000) {
            let expected = genre
                .captures(line.trim())
                .and_then(|c| c.get(1))
                .map(|m| m.as_str());
            assert_eq!(genre_at_end(&line), expected, "{line:?}");
        }
        let org = Regex::new(r"^[\p{Han}（）()“”]{2,60}(?:厅|局|部|委|会|办|院|署|处|室|行|联|协|社|所|站|队|司|团|组|馆|府|中心|集团|委员会|办公室)$")
            .expect("regex");
        let tokens = [
            "某",
            "某某某某某某某某某某",
            "局",
            "委员",
            "会",
            "中心",
            "（",
            "）",
            "“",
            "A",
            " ",
        ];
        for name in token_strings(&tokens, 20_000) {
            assert_eq!(is_org(&name), org.is_match(&name), "{name:?}");
        }
    }

    fn paragraphs(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block {
                kind: BlockKind::Paragraph {
                    text: l.to_string(),
                },
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn a_title_set_over_the_first_two_lines_is_joined() {
        let m = meta(
            &paragraphs(&[
                "2025年济南市“泉城购”零售、餐饮",
                "消费券发放活动公告",
                "一、消费券发放时间",
            ]),
            &DocProps::default(),
        );
        assert_eq!(
            m.title.as_deref(),
            Some("2025年济南市“泉城购”零售、餐饮消费券发放活动公告")
        );
        assert_eq!(m.genre, Genre::Notice);
    }

    #[test]
    fn places_and_genres() {
        assert_eq!(
            place_of("吉木萨尔县落实《自治区规划》实施方案").as_deref(),
            Some("吉木萨尔县")
        );
        assert_eq!(
            place_of("临江市“十四五”城乡社区服务体系建设规划").as_deref(),
            Some("临江市")
        );
        assert_eq!(
            place_of("洛江区落实《泉州市实施方案》任务清单").as_deref(),
            Some("洛江区")
        );
        assert_eq!(
            place_of("新疆维吾尔自治区“十四五”规划").as_deref(),
            Some("新疆维吾尔自治区")
        );
        assert_eq!(
            place_of("山东省2025年家电以旧换新实施方案").as_deref(),
            Some("山东省")
        );
        assert_eq!(
            place_of("2023年“新时代新社区新生活”服务质量提升行动方案"),
            None
        );
        assert_eq!(place_of("社区服务质量提升方案"), None);
        assert_eq!(place_of("关于加快发展的实施意见"), None);
        assert_eq!(
            genre(Some("专项行动任务分工表"), None),
            Genre::DivisionTable
        );
        assert_eq!(
            genre(
                Some("洛江区落实《泉州市实施方案》任务清单及工作台账分解表"),
                None
            ),
            Genre::LedgerTable
        );
        assert_eq!(
            genre(Some("吉木萨尔县落实《自治区“十四五”规划》实施方案"), None),
            Genre::ImplementationPlan
        );
        assert_eq!(
            genre(Some("临江市“十四五”城乡社区服务体系建设规划"), None),
            Genre::FiveYearPlan
        );
        assert_eq!(
            genre(
                Some("2023年服务质量提升行动方案"),
                Some("关于印发《…》的通知")
            ),
            Genre::ActionPlan
        );
        assert_eq!(
            genre(
                Some("关于做好2025年春耕工作的通知"),
                Some("关于做好2025年春耕工作的通知")
            ),
            Genre::Notice
        );
        assert_eq!(
            genre(Some("农机购置与应用补贴实施方案（2024—2026年）"), None),
            Genre::ImplementationPlan
        );
    }

    #[test]
    fn a_red_header_notice_as_a_converter_writes_it() {
        // MinerU Markdown of 鲁商字〔2025〕1号: issuers one per heading, a spaced 文号, no 落款 date in the lead
        let blocks = paragraphs(&[
            "# 山东省商务厅",
            "# 山东省发展和改革委员会",
            "# 山东省财政厅",
            "# 山东省市场监督管理局",
            "鲁商字 [2025] 1号",
            "# 山东省商务厅等4部门",
            "# 关于印发《山东省2025年家电以旧换新实施方案》的通知",
            "各市商务主管部门、发展改革委、财政局、市场监管局：",
            "为深入贯彻……现印发给你们，请认真抓好贯彻落实。",
            "# 山东省2025年家电以旧换新实施方案",
            "为深入贯彻……制定本方案。",
            "# 一、总体要求",
        ]);
        let m = meta(&blocks, &DocProps::default());
        assert_eq!(m.title.as_deref(), Some("山东省2025年家电以旧换新实施方案"));
        assert_eq!(
            m.notice_title.as_deref(),
            Some("山东省商务厅等4部门关于印发《山东省2025年家电以旧换新实施方案》的通知")
        );
        assert_eq!(m.doc_number.as_deref(), Some("鲁商字〔2025〕1号"));
        assert_eq!(
            m.issuers,
            [
                "山东省商务厅",
                "山东省发展和改革委员会",
                "山东省财政厅",
                "山东省市场监督管理局"
            ]
        );
        assert_eq!(m.region.as_deref(), Some("山东省"));
        assert_eq!(m.genre, Genre::ImplementationPlan);
        assert_eq!(m.date, None);
    }

    #[test]
    fn a_legal_database_export() {
        // pkulaw export of 皖开放办〔2022〕6号: the plan line has book-title marks the notice title lacks
        let blocks = paragraphs(&[
            "    【法宝引证码】 CLI.12.6476457",
            "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室关于印发安徽省关于加快对接区域全面经济伙伴关系协定(RCEP)经贸新规则扎实推进高水平开放实施意见的通知",
            "（皖开放办〔2022〕6号）",
            "省有关单位：",
            "　　《安徽省关于加快对接〈区域全面经济伙伴关系协定〉（RCEP）经贸新规则 扎实推进高水平开放实施意见》现印发给你们，请认真贯彻执行。",
            "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室",
            "　　2022年3月23日",
            "安徽省关于加快对接《区域全面经济伙伴关系协定》（RCEP）经贸新规则扎实推进高水平开放实施意见",
            "　　为加快全面对接……制定本意见。",
            "　　一、发展目标",
        ]);
        let m = meta(&blocks, &DocProps::default());
        assert_eq!(
            m.title.as_deref(),
            Some(
                "安徽省关于加快对接《区域全面经济伙伴关系协定》（RCEP）经贸新规则扎实推进高水平开放实施意见"
            )
        );
        assert_eq!(m.doc_number.as_deref(), Some("皖开放办〔2022〕6号"));
        assert_eq!(m.date.as_deref(), Some("2022-03-23"));
        assert_eq!(
            m.issuers,
            ["安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室"]
        );
        assert_eq!(m.region.as_deref(), Some("安徽省"));
        assert_eq!(m.genre, Genre::ImplementationPlan);
    }

    #[test]
    fn a_state_council_notice_with_han_date() {
        let blocks = paragraphs(&[
            "国务院办公厅关于印发“十四五”城乡社区服务体系建设规划的通知",
            "国办发〔2021〕56号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "《“十四五”城乡社区服务体系建设规划》已经国务院同意，现印发给你们，请认真贯彻执行。",
            "国务院办公厅",
            "二〇二一年十二月二十七日",
            "（此件公开发布）",
            "一、发展环境",
        ]);
        let m = meta(&blocks, &DocProps::default());
        assert_eq!(m.title.as_deref(), Some("“十四五”城乡社区服务体系建设规划"));
        assert_eq!(m.doc_number.as_deref(), Some("国办发〔2021〕56号"));
        assert_eq!(m.date.as_deref(), Some("2021-12-27"));
        assert_eq!(m.issuers, ["国务院办公厅"]);
        assert_eq!(m.genre, Genre::FiveYearPlan);
    }

    #[test]
    fn signature_at_the_end_of_a_bare_plan() {
        let blocks = paragraphs(&[
            "临江市城乡社区服务体系建设实施方案",
            "一、总体要求",
            "（一）指导思想。……",
            "临江市人民政府办公室",
            "2022年11月8日",
            "（此件公开发布）",
        ]);
        let m = meta(&blocks, &DocProps::default());
        assert_eq!(m.date.as_deref(), Some("2022-11-08"));
        assert_eq!(m.issuers, ["临江市人民政府办公室"]);
        assert_eq!(m.region.as_deref(), Some("临江市"));
    }

    #[test]
    fn the_year_a_document_speaks_of() {
        let mut m = Meta {
            title: Some("2023年服务质量提升行动方案".into()),
            ..Meta::default()
        };
        assert_eq!(doc_year(&m), Some(2023));
        m.date = Some("2024-01-05".into());
        assert_eq!(doc_year(&m), Some(2024));
        assert_eq!(doc_year(&Meta::default()), None);
    }

    #[test]
    fn falls_back_to_container_title() {
        let props = DocProps {
            title: Some("某县乡村振兴实施方案".into()),
            created: None,
        };
        let m = meta(&paragraphs(&["一、总体要求"]), &props);
        assert_eq!(m.title.as_deref(), Some("某县乡村振兴实施方案"));
        assert_eq!(m.region.as_deref(), Some("某县"));
    }
}
