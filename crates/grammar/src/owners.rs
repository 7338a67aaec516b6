//! Owner clauses (责任单位) into normalised organisations.
//!
//! The forms: `（责任单位：A、B）`, `(A、B,C等按职责分工负责)`,
//! `（牵头单位：A；配合单位：B、C）`, `A牵头，B、C配合`, and a 责任单位 cell with
//! one owner per line. Each organisation is normalised as the output contract
//! says: trailing 等按职责分工负责 / 等部门 / 负责 removed, an elided level prefix
//! restored (`州民政局、住建局` → 州民政局, 州住建局; `县委组织部、宣传部` → 县委组织部,
//! 县委宣传部), a shared 各 distributed (`各乡镇、街道` → 各乡镇, 各街道). A name
//! that already carries a level or a place, a collective, an office of a central
//! body that carries its own place and a company are left as written.

use std::borrow::Cow;
use std::sync::LazyLock;

use nom::{
    IResult, Parser, branch::alt, bytes::complete::tag, character::complete::satisfy, multi::many0,
};
use policy_model::OwnerRole;
use regex::Regex;

use crate::chars::trim_text;

/// The organisations of one clause or cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerClause {
    pub owners: Vec<ParsedOwner>,
    /// A note written among the owners (`以下均需各乡镇（街道）落实，不再列出。`).
    pub note: Option<String>,
    /// Pieces that do not read as an organisation (kept as owners all the same).
    pub doubtful: Vec<String>,
}

/// One organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedOwner {
    /// Normalised name.
    pub name: String,
    /// As written.
    pub raw: String,
    pub role: OwnerRole,
}

/// Finds an owner clause in brackets at the end of `text` (a trailing `。` or
/// white space allowed after it). Returns the byte offset where the clause's
/// opening bracket starts, and the clause.
pub fn trailing_clause(text: &str) -> Option<(usize, OwnerClause)> {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '。' || c == '.' || c == '；' || c == ';'
    });
    let body = trimmed
        .strip_suffix('）')
        .or_else(|| trimmed.strip_suffix(')'))?;
    // Walk back to the matching opening bracket, either width.
    let mut depth = 0usize;
    for (idx, c) in body.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth > 0 => depth -= 1,
            '（' | '(' => {
                let inner = &body[idx + c.len_utf8()..];
                // Inside a bracket a line break is a wrap (a page or a line
                // ended mid-name), not a separator as in an owner cell.
                let inner = crate::chars::join_lines(inner);
                return is_owner_clause(&inner).then(|| (idx, parse_owner_list(&inner)));
            }
            _ => {}
        }
    }
    None
}

/// Finds an owner sentence without brackets closing `text`:
/// `…。由省商务厅牵头，省财政厅配合。` or `…。省民政厅负责。` Every piece must name
/// an organisation, so an ordinary sentence ending in 负责 is not taken.
/// Returns the byte offset where the sentence starts, and the clause.
pub fn trailing_sentence(text: &str) -> Option<(usize, OwnerClause)> {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || c == '\u{3000}' || c == '。' || c == '；' || c == ';'
    });
    let start = trimmed.rfind(['。', '；', ';']).map_or(0, |i| {
        i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = trim_text(&trimmed[start..]);
    if !(sentence.contains("牵头") || RESPONSIBILITY_END.is_match(sentence))
        || sentence.chars().count() > 120
    {
        return None;
    }
    let clause = parse_owner_list(sentence);
    let all_orgs = !clause.owners.is_empty() && clause.doubtful.is_empty() && clause.note.is_none();
    all_orgs.then_some((start, clause))
}

/// True when the inside of a bracket reads as an owner clause: it has a label
/// (责任单位：), a responsibility ending (按职责分工负责, 牵头, 配合), or every
/// piece names an organisation.
pub fn is_owner_clause(inner: &str) -> bool {
    let inner = trim_text(inner);
    if inner.is_empty() || inner.contains('。') || inner.chars().count() > 400 {
        return false;
    }
    if label(inner).is_ok() || RESPONSIBILITY_END.is_match(inner) || inner.contains("牵头") {
        return true;
    }
    let pieces = split_pieces(inner);
    !pieces.is_empty()
        && pieces.iter().all(|p| {
            let name = clean_piece(p).0;
            looks_like_org(&name) && name.chars().count() >= 3 && !UNITS.contains(&name.as_str())
        })
}

/// Parses an owner list: a clause's inside or an owner cell's text.
pub fn parse_owner_list(text: &str) -> OwnerClause {
    let mut clause = OwnerClause::default();
    let mut lines = Vec::new();
    for line in text.split('\n').map(trim_text).filter(|l| !l.is_empty()) {
        if is_note(line) {
            clause.note = Some(match clause.note.take() {
                Some(prev) => format!("{prev}{line}"),
                None => line.to_string(),
            });
        } else {
            lines.push(line);
        }
    }
    for segment in lines.iter().flat_map(|l| l.split(['；', ';'])) {
        let segment = trim_text(segment);
        if segment.is_empty() {
            continue;
        }
        let (role, rest) = match label(segment) {
            Ok((rest, role)) => (Some(role), rest),
            Err(_) => (None, segment),
        };
        push_segment(&mut clause, rest, role);
    }
    restore_prefixes(&mut clause.owners);
    clause
}

/// A labelled segment's role: 牵头单位 leads, 配合单位 supports, 责任单位 does not say.
fn label(i: &str) -> IResult<&str, OwnerRole> {
    // Every label word starts with one of these: most segments are owners, not labels.
    if !i
        .trim_start_matches([' ', '\u{3000}'])
        .starts_with(['牵', '主', '配', '协', '参', '责', '实', '负'])
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let (rest, (_, word, _, _, _)) = (
        many0(satisfy(|c| c == ' ' || c == '\u{3000}')),
        alt((
            alt((
                tag("牵头单位"),
                tag("牵头部门"),
                tag("主责单位"),
                tag("牵头"),
            ))
            .map(|_| OwnerRole::Lead),
            alt((
                tag("配合单位"),
                tag("配合部门"),
                tag("协办单位"),
                tag("参与单位"),
                tag("协同单位"),
            ))
            .map(|_| OwnerRole::Co),
            alt((
                tag("责任单位"),
                tag("责任部门"),
                tag("实施单位"),
                tag("实施主体"),
                tag("主体单位"),
                tag("负责单位"),
            ))
            .map(|_| OwnerRole::Responsible),
        )),
        many0(satisfy(|c| c == ' ' || c == '\u{3000}')),
        satisfy(|c| c == '：' || c == ':'),
        many0(satisfy(|c| c == ' ' || c == '\u{3000}')),
    )
        .parse(i)?;
    Ok((rest, word))
}

/// Splits one segment into pieces and adds them, reading `A牵头，B、C配合` roles.
fn push_segment(clause: &mut OwnerClause, segment: &str, role: Option<OwnerRole>) {
    let mut pending: Vec<ParsedOwner> = Vec::new();
    let mut roles_seen = role.is_some();
    for piece in split_pieces(segment) {
        let (name, marker) = clean_piece(&piece);
        if !name.is_empty() {
            if !looks_like_org(&name) {
                clause.doubtful.push(piece.clone());
            }
            pending.push(ParsedOwner {
                name,
                raw: trim_text(&piece).to_string(),
                role: role.unwrap_or(OwnerRole::Responsible),
            });
        }
        if let Some(marker) = marker {
            roles_seen = true;
            for owner in &mut pending {
                owner.role = marker;
            }
            clause.owners.append(&mut pending);
        }
    }
    if roles_seen && role.is_none() {
        // `A牵头，B、C` — owners after the last marker support the lead.
        for owner in &mut pending {
            owner.role = OwnerRole::Co;
        }
    }
    clause.owners.append(&mut pending);
}

/// What [`split_pieces`] splits at, as a pattern: the reference its test checks against.
#[cfg(test)]
static PIECE_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[、，,／/\n]|等(?:相关|有关)?(?:部门|单位)?及").expect("static regex")
});
/// `及各…` / `和各…` / `以及各…` join a collective to the list.
static JOIN_COLLECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:以及|及|和)(各)").expect("static regex"));
static RESPONSIBILITY_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(按职责分工负责|按职责负责|分工负责|按照职责分工负责|负责落实|分别负责|负责|牵头|配合|落实)$").expect("static regex")
});
static TRAILING_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(等?按照?职责(分工)?负责|等?按照?职责(分工)?|等?分别负责|等?负责落实|等?负责|等(相关|有关)?(部门|单位)|等)+$",
    )
    .expect("static regex")
});
/// The last words [`TRAILING_NOISE`] and [`ROLE_MARKER`] can match.
const NOISE_ENDINGS: &[&str] = &[
    "负责", "职责", "分工", "落实", "部门", "单位", "等", "牵头", "配合", "协同", "协助", "参与",
];
static ROLE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(牵头(负责)?|(负责)?配合|协同|协助|参与)$").expect("static regex")
});

fn split_pieces(segment: &str) -> Vec<String> {
    // Every join is followed by 各: without one there is nothing to replace.
    let segment = if segment.contains('各') {
        JOIN_COLLECTIVE.replace_all(segment, "、$1")
    } else {
        Cow::Borrowed(segment)
    };
    let mut pieces = Vec::new();
    let mut from = 0;
    for (at, c) in segment.char_indices() {
        if at < from {
            continue;
        }
        let len = match c {
            '、' | '，' | ',' | '／' | '/' | '\n' => c.len_utf8(),
            '等' => match joined_by_deng(&segment[at..]) {
                Some(len) => len,
                None => continue,
            },
            _ => continue,
        };
        pieces.push(&segment[from..at]);
        from = at + len;
    }
    pieces.push(&segment[from..]);
    pieces
        .into_iter()
        .map(|p| {
            if p.contains(char::is_whitespace) {
                p.split_whitespace().collect::<String>()
            } else {
                p.to_string()
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The length of `等(相关|有关)?(部门|单位)?及` at the start of `s`: a list
/// continued after 等 (`A等部门及B`), split there like `、`.
fn joined_by_deng(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('等')?;
    let rest = ["相关", "有关"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let rest = ["部门", "单位"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let rest = rest.strip_prefix('及')?;
    Some(s.len() - rest.len())
}

/// Strips a leading 由 and trailing responsibility words; reports a role marker.
fn clean_piece(piece: &str) -> (String, Option<OwnerRole>) {
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    let mut name: String = if piece.contains(is_space) {
        piece.chars().filter(|c| !is_space(*c)).collect()
    } else {
        piece.to_string()
    };
    if let Some(rest) = name.strip_prefix('由') {
        name = rest.to_string();
    }
    let mut marker = None;
    loop {
        // Both patterns end in one of these words: most names (…局, …委) skip the regexes.
        if !NOISE_ENDINGS.iter().any(|w| name.ends_with(w)) {
            break;
        }
        let before = name.len();
        name = TRAILING_NOISE.replace(&name, "").into_owned();
        if let Some(m) = ROLE_MARKER.find(&name)
            && m.start() > 0
        {
            marker = Some(if m.as_str().contains("牵头") {
                OwnerRole::Lead
            } else {
                OwnerRole::Co
            });
            name.truncate(m.start());
        }
        if name.len() == before {
            break;
        }
    }
    (name, marker)
}

/// A note written among owners rather than an owner.
fn is_note(line: &str) -> bool {
    // Every note word has one of these characters; a search per word costs more.
    line.contains(['以', '不', '均', '注', '同'])
        && ["以下", "不再列出", "均需", "注：", "注:", "备注", "下同"]
            .iter()
            .any(|w| line.contains(w))
        || (line.ends_with('。') && line.chars().count() > 12)
}

const ORG_SUFFIXES: &[&str] = &[
    "局",
    "委",
    "办",
    "部",
    "厅",
    "院",
    "会",
    "联",
    "社",
    "中心",
    "队",
    "处",
    "所",
    "站",
    "室",
    "政府",
    "公司",
    "集团",
    "企业",
    "银行",
    "行",
    "组",
    "署",
    "馆",
    "台",
    "团",
    "校",
    "协",
    "单位",
    "部门",
    "街道",
    "乡镇",
    "镇",
    "乡",
    "村",
    "社区",
    "机关",
    "机构",
    "园区",
    "区",
    "县",
    "市",
    "州",
    "省",
    "都",
    "司",
    "盟",
    "旗",
    "支行",
    "分行",
    "公安",
    "法院",
    "检察院",
    "海关",
    "专班",
    "小组",
];

fn looks_like_org(name: &str) -> bool {
    let n = name.chars().count();
    let last = name.as_bytes().last();
    (2..=40).contains(&n)
        && !name.contains('。')
        // the last byte rules out most suffixes before a full comparison
        && ORG_SUFFIXES
            .iter()
            .any(|s| s.as_bytes().last() == last && name.ends_with(s))
}

const LEVELS: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "州",
    "县",
    "区",
    "旗",
    "盟",
];

/// Party organs that sit under a 委 / 党委 prefix (`县委组织部、宣传部` → 县委宣传部).
const PARTY_ORGANS: &[&str] = &[
    "组织部",
    "宣传部",
    "统战",
    "统一战线",
    "政法委",
    "网信办",
    "编办",
    "机构编制",
    "文明办",
    "政研室",
    "老干部",
    "党史",
    "农办",
    "外办",
    "保密",
    "党校",
];

/// A written level: the level word and the 委 / 党委 marker after it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Level {
    level: &'static str,
    party: Option<&'static str>,
}

fn written_level(name: &str) -> Option<Level> {
    if name.starts_with("市场") || name.starts_with("区域") || name.starts_with("县域") {
        return None;
    }
    let level = LEVELS.iter().copied().find(|l| name.starts_with(l))?;
    let rest = &name[level.len()..];
    let party = ["党委", "委"]
        .into_iter()
        .find(|p| rest.starts_with(p) && !rest.starts_with("委员会"));
    Some(Level { level, party })
}

static OWN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(各|有关|相关|其他|全体|中共|中国|国家)|银保监|金融监管|人民银行|人行|证监|税务|通信管理|海关|铁路|电信|移动|联通|铁塔|公司|企业|银行|集团|(省|市|州|县|区|旗)(委|党委|人民政府|政府)")
        .expect("static regex")
});

fn restore_prefixes(owners: &mut [ParsedOwner]) {
    distribute_ge(owners);
    let mut current: Option<Level> = None;
    for owner in owners.iter_mut() {
        let name = owner.name.as_str();
        if let Some(level) = written_level(name) {
            current = Some(level);
            continue;
        }
        let Some(level) = &current else { continue };
        if OWN_PLACE.is_match(name) || !looks_like_org(name) {
            continue;
        }
        owner.name = if name.starts_with("党委") || name.starts_with('委') {
            format!("{}{name}", level.level)
        } else if let Some(party) = level
            .party
            .filter(|_| PARTY_ORGANS.iter().any(|p| name.starts_with(p)))
        {
            format!("{}{party}{name}", level.level)
        } else {
            format!("{}{name}", level.level)
        };
    }
}

/// `各乡镇、街道` → 各乡镇, 各街道: a bare unit word after a 各 piece takes the 各.
/// Administrative units that a shared 各 applies to.
const UNITS: &[&str] = &[
    "街道",
    "乡镇",
    "镇",
    "乡",
    "村",
    "社区",
    "县",
    "市",
    "区",
    "县市",
    "县（市、区）",
    "县(市、区)",
    "开发区",
    "园区",
    "部门",
    "单位",
];

/// A bare unit a preceding 各 applies to: `街道`, or the government of a
/// plural unit (`乡镇人民政府`); not one named government (`县人民政府`).
fn is_shared_unit(name: &str) -> bool {
    const PLURAL: &[&str] = &[
        "乡镇",
        "街道",
        "县市",
        "县（市、区）",
        "县(市、区)",
        "开发区",
        "园区",
    ];
    UNITS.contains(&name)
        || ["人民政府", "政府", "办事处"].iter().any(|gov| {
            name.strip_suffix(gov)
                .is_some_and(|unit| PLURAL.contains(&unit))
        })
}

fn distribute_ge(owners: &mut [ParsedOwner]) {
    let mut after_ge = false;
    for owner in owners {
        if owner.name.starts_with('各') {
            after_ge = true;
        } else if after_ge && is_shared_unit(&owner.name) {
            owner.name = format!("各{}", owner.name);
        } else {
            after_ge = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected`: names joined by `|`, each with `+` for lead and `~` for co.
    fn check(input: &str, expected: &str) {
        let clause = parse_owner_list(input);
        let got = clause
            .owners
            .iter()
            .map(|o| match o.role {
                OwnerRole::Lead => format!("{}+", o.name),
                OwnerRole::Co => format!("{}~", o.name),
                OwnerRole::Responsible => o.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(got, expected, "input: {input:?}");
    }

    #[test]
    fn elided_level_prefixes() {
        check("州民政局、住建局、卫健委", "州民政局|州住建局|州卫健委");
        check("县委组织部、宣传部", "县委组织部|县委宣传部");
        check("州党委组织部、党委网信办", "州党委组织部|州党委网信办");
        check(
            "州民政局、卫健委，州团委、妇联",
            "州民政局|州卫健委|州团委|州妇联",
        );
        check(
            "县委组织部、县民政局、住建局",
            "县委组织部|县民政局|县住建局",
        );
        check("县政法委、统战部", "县政法委|县统战部");
        check("市民政局、市场监管局", "市民政局|市市场监管局");
        check(
            "省发展改革委、财政厅、人民银行长春中心支行",
            "省发展改革委|省财政厅|人民银行长春中心支行",
        );
    }

    #[test]
    fn names_with_their_own_place_are_left_alone() {
        check("市民政局、银保监临江监管组", "市民政局|银保监临江监管组");
        check("区民政局\n团区委\n区残联", "区民政局|团区委|区残联");
        check(
            "省商务厅、国家税务总局吉林省税务局",
            "省商务厅|国家税务总局吉林省税务局",
        );
        check("民政局、财政局", "民政局|财政局");
    }

    #[test]
    fn trailing_words_and_collectives() {
        check(
            "州民政局，各县市人民政府等按职责分工负责",
            "州民政局|各县市人民政府",
        );
        check(
            "市委组织部、市民政局等部门及各乡镇、街道",
            "市委组织部|市民政局|各乡镇|各街道",
        );
        check(
            "市卫生健康局等部门及各乡镇，街道",
            "市卫生健康局|各乡镇|各街道",
        );
        check("区民政局\n各相关部门", "区民政局|各相关部门");
        check(
            "各县市人民政府、乡镇人民政府",
            "各县市人民政府|各乡镇人民政府",
        );
        check("各乡镇人民政府、县人民政府", "各乡镇人民政府|县人民政府");
        check("县发展改革委、 住建局", "县发展改革委|县住建局");
        check("县民政局负责", "县民政局");
    }

    #[test]
    fn lead_and_support() {
        check(
            "牵头单位：省民政厅；配合单位：省财政厅、教育厅",
            "省民政厅+|省财政厅~|省教育厅~",
        );
        check(
            "省民政厅牵头，省财政厅、省教育厅配合",
            "省民政厅+|省财政厅~|省教育厅~",
        );
        check("由市商务局牵头，市财政局配合", "市商务局+|市财政局~");
        check(
            "合肥海关牵头，省贸促会、省商务厅按职责分工配合",
            "合肥海关+|省贸促会~|省商务厅~",
        );
        check("省商务厅牵头，省外办按职责分工负责", "省商务厅+|省外办~");
        check("责任单位: 县民政局", "县民政局");
    }

    #[test]
    fn notes_are_not_owners() {
        let clause = parse_owner_list("区民政局\n以下均需各乡镇（街道）落实，不再列出。");
        assert_eq!(clause.owners.len(), 1);
        assert_eq!(
            clause.note.as_deref(),
            Some("以下均需各乡镇（街道）落实，不再列出。")
        );
    }

    #[test]
    fn trailing_clauses() {
        let text = "加强安全管理。（责任单位：省应急管理厅）";
        let (at, clause) = trailing_clause(text).unwrap();
        assert_eq!(&text[..at], "加强安全管理。");
        assert_eq!(clause.owners[0].name, "省应急管理厅");
        // Half-width brackets, a stray space, a trailing 。
        let (_, clause) =
            trailing_clause("推进工作(县委组织部、 县民政局等按职责分工负责)。").unwrap();
        assert_eq!(clause.owners.len(), 2);
        // Mixed widths, as page-break joins leave them.
        assert!(
            trailing_clause("建设设施。（责任单位：市卫生健康局等部门及各乡镇、街道)").is_some()
        );
        // A clause broken across lines, even inside a name.
        let (_, clause) =
            trailing_clause("推进。（责任单位：市教育局、市卫生\n健康局、\n市民政局）").unwrap();
        let names: Vec<_> = clause.owners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["市教育局", "市卫生健康局", "市民政局"]);
        // Brackets that are not owner clauses.
        assert!(trailing_clause("实现全覆盖（2023—2025年）").is_none());
        assert!(trailing_clause("推进村（社区）").is_none());
        assert!(trailing_clause("没有括号").is_none());
    }

    #[test]
    fn owner_sentences_without_brackets() {
        let text = "建设服务中心。由省商务厅牵头，省财政厅、省民政厅配合。";
        let (at, clause) = trailing_sentence(text).unwrap();
        assert_eq!(&text[..at], "建设服务中心。");
        let roles: Vec<_> = clause
            .owners
            .iter()
            .map(|o| (o.name.as_str(), o.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("省商务厅", OwnerRole::Lead),
                ("省财政厅", OwnerRole::Co),
                ("省民政厅", OwnerRole::Co)
            ]
        );
        assert!(trailing_sentence("加强督查。县民政局负责").is_some());
        assert!(trailing_sentence("各地要高度重视，切实负责。").is_none());
        assert!(trailing_sentence("完善制度。").is_none());
    }

    #[test]
    fn noise_endings_cover_the_patterns() {
        for piece in [
            "按职责分工负责",
            "按照职责分工",
            "按职责",
            "分别负责",
            "负责落实",
            "等有关部门",
            "等相关单位",
            "等",
            "牵头负责",
            "负责配合",
            "协同",
            "协助",
            "参与",
        ] {
            let name = format!("县民政局{piece}");
            assert!(
                TRAILING_NOISE.is_match(&name) || ROLE_MARKER.is_match(&name),
                "{name}"
            );
            assert!(NOISE_ENDINGS.iter().any(|w| name.ends_with(w)), "{name}");
        }
    }

    #[test]
    fn pieces_split_as_the_pattern_does() {
        for segment in [
            "市委组织部、市民政局等部门及各乡镇、街道",
            "A等相关部门及B，C",
            "A等有关单位及B/C／D",
            "A等及B",
            "A等相关及B",
            "A等相关B",
            "A等部门B及C",
            "A等部门及B以及各县、和各乡",
            "等及",
            "、、A\nB 、C",
            "A等",
            "",
        ] {
            let joined = JOIN_COLLECTIVE.replace_all(segment, "、$1");
            let expected: Vec<String> = PIECE_SPLIT
                .split(&joined)
                .map(|p| p.split_whitespace().collect::<String>())
                .filter(|p| !p.is_empty())
                .collect();
            assert_eq!(split_pieces(segment), expected, "{segment}");
        }
    }

    #[test]
    fn every_note_word_is_noticed() {
        for word in ["以下", "不再列出", "均需", "注：", "注:", "备注", "下同"] {
            assert!(is_note(&format!("区民政局{word}")), "{word}");
        }
        assert!(!is_note("区民政局"));
    }

    #[test]
    fn doubtful_pieces_are_reported() {
        let clause = parse_owner_list("责任单位：县民政局、加强统筹协调");
        assert_eq!(clause.doubtful, ["加强统筹协调"]);
    }
}
