//! Document metadata from the leading blocks: title, 文号, date, issuers, region, genre.

use std::sync::LazyLock;

use policy_blocks::{Block, BlockKind, DocProps};
use policy_model::{Genre, Meta};
use regex::Regex;

use policy_grammar::chars::{cn_number_value, fold_width};
use policy_grammar::lexicon;

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
    static CHAPTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+\s*[、.．]").expect("static regex"));
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
            if CHAPTER.is_match(line) {
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

/// Joins a title broken over lines: an open `《` continues on the next line; a line
/// ending in `》` or followed by `关于…` continues when the next line ends a title, and
/// so does the document's first line (`2025年济南市“泉城购”零售、餐饮` / `消费券发放活动公告`).
fn join_title_lines(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let mut joined = line.trim().to_string();
        i += 1;
        while joined.matches('《').count() > joined.matches('》').count()
            && i < lines.len()
            && joined.chars().count() < 120
        {
            joined.push_str(lines[i].trim());
            i += 1;
        }
        if let Some(next) = lines.get(i) {
            let next = next.trim();
            let continues = is_title_like(&joined)
                && !genre_end(&joined)
                && date(&joined).is_none()
                && doc_number(&joined).is_none()
                && is_title_like(next)
                && genre_end(next)
                && (joined.ends_with('》')
                    || next.starts_with("关于")
                    // A document opening with a title set over two lines.
                    || (i == 1 && !joined.starts_with(['（', '(']))
                    // `2024—2026年海南省` / `农机购置…实施方案`: a short head naming
                    // its years or place, with the genre on the next line.
                    || (joined.chars().count() <= 16
                        && joined.ends_with(['年', '省', '市', '县', '区', '州'])));
            if continues {
                joined.push_str(next);
                i += 1;
            }
        }
        out.push(joined);
    }
    out
}

fn is_title_like(line: &str) -> bool {
    let n = line.chars().count();
    (4..=150).contains(&n)
        && !line.contains('。')
        && !fold_width(line).ends_with([':', ',', ';', '、'])
        && !line.starts_with("附件")
        && date(line).is_none()
}

/// A genre word ending the text, blanks after it allowed.
static GENRE_WORD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({})\s*$",
        lexicon::alternation(lexicon::GENRE_WORDS)
    ))
    .expect("static regex")
});

/// The genre word a title line ends with, before an optional bracketed note of
/// at most 24 characters: `…实施方案`, `…办法（试行）`.
///
/// Written out rather than as one regex with `[^）)]{0,24}`: that repetition
/// of a negated class compiles to a large automaton, milliseconds at every
/// start of the process.
fn genre_at_end(line: &str) -> Option<&str> {
    use lexicon::{BRACKET_CLOSERS as CLOSERS, BRACKET_OPENERS as OPENERS};
    let line = line.trim();
    let genre_before = |end: usize| {
        GENRE_WORD_END
            .captures(&line[..end])
            .and_then(|c| c.get(1))
            .map(|m| (m.start(), m.as_str()))
    };
    let mut found = genre_before(line.len());
    if let Some(body) = line.strip_suffix(CLOSERS) {
        // Each opener with at most 24 characters and no closer after it.
        for (n, (i, c)) in body.char_indices().rev().enumerate() {
            if n > 24 || CLOSERS.contains(&c) {
                break;
            }
            if OPENERS.contains(&c)
                && let Some(hit) = genre_before(i)
                && found.is_none_or(|(start, _)| hit.0 < start)
            {
                found = Some(hit);
            }
        }
    }
    found.map(|(_, word)| word)
}

fn genre_end(line: &str) -> bool {
    genre_at_end(line).is_some()
}

/// Ends with a plan's genre word (not a notice's).
fn plan_genre_end(line: &str) -> bool {
    genre_at_end(line).is_some_and(|word| !lexicon::NOTICE_GENRE_WORDS.contains(&word))
}

fn is_notice_title(line: &str) -> bool {
    line.contains("关于") && genre_at_end(line).is_some_and(|word| matches!(word, "通知" | "决定"))
}

/// `…关于印发《X》的通知` → X; `…关于印发X的通知` → X.
fn plan_in_notice(notice: &str) -> Option<String> {
    static BOOK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|转发|发布|公布)\s*《(.+)》\s*的?\s*(?:通知|决定)")
            .expect("static regex")
    });
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:印发|转发|发布|公布)\s*(.+?)\s*的\s*(?:通知|决定)").expect("static regex")
    });
    let caps = BOOK.captures(notice).or_else(|| BARE.captures(notice))?;
    Some(
        caps.get(1)?
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(""),
    )
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

/// The date a value opens with: `2015-12-30 11:39`, `2015年12月25日`.
fn date_prefix(value: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})").expect("static regex")
    });
    let caps = ISO.captures(value.trim())?;
    let part = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Some(format!("{:04}-{:02}-{:02}", part(1)?, part(2)?, part(3)?))
}

/// A 印发 line naming its office and date (`山东省商务厅办公室2025年1月20日印发`).
fn signed_date(line: &str) -> Option<String> {
    static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\p{Han}{2,40}?(\d{4}年\d{1,2}月\d{1,2}日)印发$").expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    date(SIGNED.captures(&compact)?.get(1)?.as_str())
}

/// Whether `line` ends with `tail`, letters and digits compared: a plan title
/// with its place before the notice's words (`平潭综合实验区水污染…方案`).
fn ends_with_text(line: &str, tail: &str) -> bool {
    let norm = |s: &str| {
        fold_width(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let (l, t) = (norm(line), norm(tail));
    t.chars().count() >= 6 && l.ends_with(&t)
}

/// Equal in their letters and digits: white space, width and punctuation (`《》` `（）`) aside.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        fold_width(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// A line opening with a 文号: `吉民发〔2023〕35号`, `鲁商字 [2025] 1号`, `（皖开放办〔2022〕6号）`.
pub(crate) fn doc_number(line: &str) -> Option<String> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\(?([\p{Han}A-Za-z]{0,16}?)[〔\[(【［﹝]((?:19|20)\d{2})[〕\])】］﹞]第?(\d{1,6})号",
        )
        .expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let caps = NUMBER.captures(&compact)?;
    let prefix = caps.get(1).map_or("", |m| m.as_str());
    Some(format!(
        "{prefix}〔{}〕{}号",
        caps.get(2)?.as_str(),
        caps.get(3)?.as_str()
    ))
}

/// A line that is a date (`2023年6月20日`, `二〇二三年六月二十日`, perhaps followed by
/// `印发`) → `2023-06-20`.
pub(crate) fn date(line: &str) -> Option<String> {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:印发)?$").expect("static regex")
    });
    static HAN: LazyLock<Regex> = LazyLock::new(|| {
        // Month and day as written: 六, 十, 十二, 二十, 三十一.
        Regex::new(r"^([〇○零O一二三四五六七八九]{4})年([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])月([一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?:印发)?$")
            .expect("static regex")
    });
    let compact: String = fold_width(line)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    let (y, m, d) = if let Some(c) = DIGITS.captures(&compact) {
        (
            c.get(1)?.as_str().parse().ok()?,
            c.get(2)?.as_str().parse().ok()?,
            c.get(3)?.as_str().parse().ok()?,
        )
    } else {
        let c = HAN.captures(&compact)?;
        let part = |i: usize| c.get(i).and_then(|m| cn_number_value(m.as_str()));
        (part(1)?, part(2)?, part(3)?)
    };
    ((1900..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A 落款 line: organisations separated by runs of spaces or ideographic spaces.
fn org_line(line: &str) -> Option<Vec<String>> {
    static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s{2,}").expect("static regex"));
    let fold_gaps = line.replace('\u{3000}', "  ");
    if fold_width(line).contains(['。', ',', ':', ';', '、', '《']) {
        return None;
    }
    let orgs: Vec<String> = GAP
        .split(fold_gaps.trim())
        .map(|piece| {
            piece
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .flat_map(|p| split_glued(&p))
        .collect();
    (!orgs.is_empty() && orgs.iter().all(|o| is_org(o))).then_some(orgs)
}

/// Splits names a page set without a gap between them (an HTML 落款 whose spaces
/// collapsed): `中共吉林省委组织部中共吉林省委宣传部` → two names. A new name starts
/// where, right after an organisation's last character, `中共` or the first name's
/// own place (`吉林省`) begins again.
fn split_glued(piece: &str) -> Vec<String> {
    let place = place_of(piece.trim_start_matches("中共"));
    let mut starts = Vec::new();
    for (i, _) in piece.char_indices().skip(2) {
        let rest = &piece[i..];
        let after_org = piece[..i].ends_with([
            '厅', '局', '部', '委', '会', '办', '院', '署', '室', '联', '协', '社', '府', '心',
        ]);
        let opens =
            rest.starts_with("中共") || place.as_deref().is_some_and(|p| rest.starts_with(p));
        if after_org && opens && is_org(&piece[starts.last().copied().unwrap_or(0)..i]) {
            starts.push(i);
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for at in starts {
        out.push(piece[from..at].to_string());
        from = at;
    }
    out.push(piece[from..].to_string());
    out
}

/// An organisation's name: 2 to 60 Han characters or brackets, then a unit
/// word (`厅`, `局`, `委员会` …).
fn is_org(name: &str) -> bool {
    // Unbounded here, the length checked below: `{2,60}` of `\p{Han}` would
    // compile to a large automaton at every start of the process.
    static BODY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[\p{Han}（）()“”]+$").expect("static regex"));
    lexicon::ISSUER_SUFFIXES.iter().any(|unit| {
        name.strip_suffix(unit)
            .is_some_and(|body| (2..=60).contains(&body.chars().count()) && BODY.is_match(body))
    })
}

/// `吉林省民政厅等十五部门关于…` → `吉林省民政厅`.
fn issuer_hint(notice: &str) -> Option<String> {
    let head = notice.split("关于").next()?;
    let head = head.split('等').next()?.trim();
    is_org(head).then(|| head.to_string())
}

/// The place name a title opens with: `吉林省…` → `吉林省`, `2025年临江市…` → `临江市`.
fn place_of(title: &str) -> Option<String> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{4}\s*年)?\s*(\p{Han}{1,9}?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|旗|盟))").expect("static regex")
    });
    let place = PLACE.captures(title.trim())?.get(1)?.as_str();
    let bad_start = place.starts_with(['全', '我', '本', '各', '该', '关', '新', '各'])
        && place.chars().count() <= 2;
    let bad = lexicon::NOT_PLACES
        .iter()
        .any(|w| place.ends_with(w) && place.chars().count() <= w.chars().count() + 1)
        || place.contains("关于")
        || place.contains("落实")
        || bad_start;
    (!bad).then(|| place.to_string())
}

/// The genre from the plan title's own words (quoted titles inside it ignored), else the notice's.
fn genre(title: Option<&str>, notice: Option<&str>) -> Genre {
    static QUOTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"《[^》]*》|“[^”]*”").expect("static regex"));
    static TAIL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[（(][^）)]{0,24}[）)]\s*$").expect("static regex"));
    let Some(title) = title else {
        return if notice.is_some() {
            Genre::Notice
        } else {
            Genre::Unknown
        };
    };
    let own = QUOTED.replace_all(title, "");
    let own = TAIL.replace(own.trim(), "");
    let own = own.trim();
    if own.contains("分工") {
        Genre::DivisionTable
    } else if own.contains("台账") {
        Genre::LedgerTable
    } else if own.ends_with("行动方案") || own.ends_with("行动计划") {
        Genre::ActionPlan
    } else if own.ends_with("规划") || own.ends_with("纲要") {
        Genre::FiveYearPlan
    } else if ["方案", "实施意见", "实施细则", "计划", "措施"]
        .iter()
        .any(|w| own.ends_with(w))
    {
        Genre::ImplementationPlan
    } else if ["通知", "决定", "公告", "通告"]
        .iter()
        .any(|w| own.ends_with(w))
    {
        Genre::Notice
    } else {
        Genre::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use policy_model::Span;

    #[test]
    fn genre_word_before_an_optional_short_note() {
        assert_eq!(genre_at_end("某县养老服务实施方案"), Some("方案"));
        assert_eq!(genre_at_end("某县补贴办法（试行） "), Some("办法"));
        assert_eq!(genre_at_end("某市行动计划(2024—2026年)"), Some("计划"));
        assert_eq!(genre_at_end("关于印发某方案的通知"), Some("通知"));
        // An opener inside the note is part of it.
        assert_eq!(genre_at_end("某某规划（修订（二）"), Some("规划"));
        assert_eq!(genre_at_end("某某规划（修订（二"), None);
        // 24 characters of note, not 25; none after a closer.
        let note = "注".repeat(24);
        assert_eq!(genre_at_end(&format!("某方案（{note}）")), Some("方案"));
        assert_eq!(genre_at_end(&format!("某方案（{note}注）")), None);
        assert_eq!(genre_at_end("某方案（甲）乙）"), None);
        assert_eq!(genre_at_end("方案实施"), None);
        assert_eq!(genre_at_end(""), None);
        assert_eq!(genre_at_end("）"), None);
    }

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

    #[test]
    fn an_org_is_two_to_sixty_han_then_a_unit_word() {
        assert!(is_org("吉林省民政厅"));
        assert!(is_org("某县人民政府办公室"));
        assert!(is_org("中共某县委员会"));
        assert!(is_org("某（某）局"));
        assert!(!is_org("某局"), "one character before the unit");
        assert!(!is_org("ABC局"));
        assert!(!is_org("某某局 "));
        assert!(is_org(&format!("{}局", "某".repeat(60))));
        assert!(!is_org(&format!("{}局", "某".repeat(61))));
        assert!(!is_org(""));
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
    fn issuer_names_set_without_a_gap_are_split() {
        assert_eq!(
            split_glued("中共吉林省委组织部中共吉林省委宣传部"),
            ["中共吉林省委组织部", "中共吉林省委宣传部"]
        );
        assert_eq!(
            split_glued("吉林省教育厅吉林省公安厅"),
            ["吉林省教育厅", "吉林省公安厅"]
        );
        assert_eq!(
            split_glued("吉林省人力资源和社会保障厅"),
            ["吉林省人力资源和社会保障厅"]
        );
        assert_eq!(
            split_glued("吉木萨尔县人民政府办公室"),
            ["吉木萨尔县人民政府办公室"]
        );
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
    fn doc_numbers() {
        assert_eq!(
            doc_number("吉民发〔2023〕35号 "),
            Some("吉民发〔2023〕35号".into())
        );
        assert_eq!(
            doc_number("国办发〔2021〕10号"),
            Some("国办发〔2021〕10号".into())
        );
        assert_eq!(
            doc_number("鲁商字 [2025] 1号"),
            Some("鲁商字〔2025〕1号".into())
        );
        assert_eq!(
            doc_number("（皖开放办〔2022〕6号）"),
            Some("皖开放办〔2022〕6号".into())
        );
        assert_eq!(
            doc_number("新政办发(2022)34号"),
            Some("新政办发〔2022〕34号".into())
        );
        assert_eq!(doc_number("〔2023〕35号"), Some("〔2023〕35号".into()));
        assert_eq!(
            doc_number("为深入贯彻落实《通知》(新政办发〔2022〕34号)精神"),
            None
        );
        assert_eq!(doc_number("2023年6月20日"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date("　　2023年6月20日"), Some("2023-06-20".into()));
        assert_eq!(date("2023年9月25日"), Some("2023-09-25".into()));
        assert_eq!(date("二〇二四年十一月八日"), Some("2024-11-08".into()));
        assert_eq!(date("二〇二三年六月二十日"), Some("2023-06-20".into()));
        assert_eq!(date("2022年3月23日印发"), Some("2022-03-23".into()));
        assert_eq!(date("（2024年1月5日）"), Some("2024-01-05".into()));
        assert_eq!(date("2023年6月20日召开会议"), None);
        assert_eq!(date("2023年13月20日"), None);
    }

    #[test]
    fn org_lines() {
        assert_eq!(
            org_line("　　吉林省民政厅   中共吉林省委组织部　中共吉林省委宣传部"),
            Some(vec![
                "吉林省民政厅".into(),
                "中共吉林省委组织部".into(),
                "中共吉林省委宣传部".into()
            ])
        );
        assert_eq!(
            org_line("吉木萨尔 县人民政府办公室"),
            Some(vec!["吉木萨尔县人民政府办公室".into()])
        );
        assert_eq!(org_line("现将《方案》印发给你们，请认真贯彻落实。"), None);
        assert_eq!(org_line("各市（州）民政局、党委组织部："), None);
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
