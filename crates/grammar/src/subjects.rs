//! Owners written in sentences rather than in a clause: the organisations a
//! sentence gives work to.
//!
//! - `由县教育局牵头，县财政局、县人社局配合，…` → lead, co, co;
//! - `市市场监管局会同市商务局开展…` → lead (the subject) and co (the partner);
//!   the same for 联合;
//! - `各乡镇要建立…`, `县卫健局应当…`, `市数据局将…`, `由市人社局确定…`,
//!   `县农业农村局负责…` → responsible: the subject of a clause that gives it
//!   work (a duty verb, or 要 / 应 / 应当 / 将 / 可 before a verb);
//! - `区环保局：牵头负责…` at an item's start (a 职责分工 item) → that body;
//! - a subject shared by a list distributes: `各市县（区）农业农村、财政部门负责…`
//!   → 各市县（区）农业农村部门, 各市县（区）财政部门.
//!
//! Not owners: a body that only receives or is followed (`报省商务厅备案`,
//! `按照国务院要求`: they never open a clause), one that is directed
//! (`督促 / 委托 / 鼓励 X`), a central body in its own national role
//! (`由农业农村部、财政部决定`), and market actors (企业, 消费者, 第三方 …)
//! unless they share the clause with a government body.

use policy_model::OwnerRole;

use crate::chars::{is_cjk, trim_text};
use crate::lexicon;
use crate::owners::{
    OwnerClause, ParsedOwner, distribute_scope, looks_like_org, merge_owners, org_prefix,
};

/// The owners the sentences of `text` give work to, in order of first mention.
pub fn sentence_owners(text: &str) -> OwnerClause {
    let mut clause = OwnerClause::default();
    // `区公安局治安交通巡防支队：负责…` (a 职责分工 item): the body before the colon.
    let labelled = labelled_body(text);
    let skip_first = labelled.is_some();
    if let Some(found) = labelled {
        clause.owners.extend(found);
    }
    // `…资金由区环境与国土资源局提出申请…`: 由 inside a clause names who does it.
    for (at, _) in text.match_indices('由') {
        let before = text[..at].chars().next_back();
        if at == 0 || before.is_some_and(|c| "理经自缘事来因借任，。；：".contains(c))
        {
            continue;
        }
        if let Some(found) = subject_at(&text[at..], false) {
            clause.owners.extend(found);
        }
    }
    let mut last_subject: Option<String> = None;
    for (n, start) in clause_starts(text).into_iter().enumerate() {
        if skip_first && n == 0 {
            continue;
        }
        let rest = skip_adverbials(&text[start..]);
        if let Some(mut found) = subject_at(rest, n == 0 && start == 0) {
            // A partner clause after a scoped subject (`市县（区）财政部门…，应会同
            // 农业农村部门…`): the scope is the subject's.
            let partners_only = found.iter().all(|o| o.role == OwnerRole::Co);
            if partners_only && let Some(subject) = &last_subject {
                let mut names: Vec<String> = std::iter::once(subject.clone())
                    .chain(found.iter().map(|o| o.name.clone()))
                    .collect();
                distribute_scope(&mut names);
                for (owner, name) in found.iter_mut().zip(names.into_iter().skip(1)) {
                    owner.name = name;
                }
                // `X负责…，会同Y…`: the subject leads the work it does with its partner.
                for owner in clause.owners.iter_mut().filter(|o| &o.name == subject) {
                    if owner.role == OwnerRole::Responsible {
                        owner.role = OwnerRole::Lead;
                    }
                }
            } else if let Some(first) = found.first() {
                last_subject = Some(first.name.clone());
            }
            clause.owners.extend(found);
        }
    }
    clause.owners.extend(designated_bodies(text));
    merge_owners(&mut clause.owners);
    clause.owners.retain(|o| !built_here(text, &o.name));
    clause
}

/// `以流域所经乡（镇）政府为责任主体`: the body a clause makes responsible with
/// 以…为 and a designation; a market actor (`以企业为主体`) is none.
fn designated_bodies(text: &str) -> Vec<ParsedOwner> {
    let mut out = Vec::new();
    for clause in text.split(lexicon::CLAUSE_ENDS) {
        let Some(at) = lexicon::DESIGNATIONS
            .iter()
            .find_map(|w| clause.find(&format!("为{w}")))
        else {
            continue;
        };
        let Some(open) = clause[..at].rfind('以') else {
            continue;
        };
        let named = &clause[open + '以'.len_utf8()..at];
        if let Some(name) = name_closing(named)
            && !is_actor(name)
        {
            out.push(ParsedOwner {
                name: name.to_string(),
                raw: name.to_string(),
                role: OwnerRole::Responsible,
            });
        }
    }
    out
}

/// The body a phrase ends with (`流域所经乡（镇）政府` → `乡（镇）政府`): the whole
/// phrase when it reads as a body, else its longest tail that opens with a
/// level, a unit or 各 and holds no function word.
fn name_closing(phrase: &str) -> Option<&str> {
    if plausible_body(phrase) {
        return Some(phrase);
    }
    phrase
        .char_indices()
        .map(|(at, _)| &phrase[at..])
        .find(|tail| {
            (tail.starts_with('各')
                || lexicon::LEVELS
                    .iter()
                    .chain(lexicon::UNITS)
                    .any(|u| tail.starts_with(u)))
                && !tail.contains(['的', '所'])
                && looks_like_org(tail)
        })
}

/// Whether `text` sets up the unit `name` (`按标准设置微型消防站`,
/// `完成乡镇消防队达标建设`): only units named by a weak body word are built by
/// the plans that name them; a bureau written before 建设 builds something.
fn built_here(text: &str, name: &str) -> bool {
    let weak = lexicon::WEAK_BODIES.iter().any(|w| name.ends_with(w));
    weak && text.match_indices(name).any(|(at, _)| {
        let before = &text[..at];
        let after = &text[at + name.len()..];
        let after = after.strip_prefix("达标").unwrap_or(after);
        lexicon::BUILD_VERBS
            .iter()
            .any(|v| before.ends_with(v) || after.starts_with(v))
    })
}

/// The bodies an item opens with before a colon (`区财政局：负责…`,
/// `乡镇政府及公安派出所：…`), when every one reads as an organisation.
fn labelled_body(text: &str) -> Option<Vec<ParsedOwner>> {
    let t = trim_text(text);
    let colon = t.find(['：', ':'])?;
    let head = &t[..colon];
    if head.chars().count() > 30 || head.contains(['，', '。', '；', ',', '、']) {
        return None;
    }
    let rest = trim_text(&t[colon + t[colon..].chars().next().map_or(1, char::len_utf8)..]);
    let role = if rest.starts_with("牵头") {
        OwnerRole::Lead
    } else {
        OwnerRole::Responsible
    };
    let names: Vec<&str> = head.split(lexicon::NAME_JOINERS).map(trim_text).collect();
    let all_bodies = names
        .iter()
        .all(|n| looks_like_org(n) && !is_actor(n) && n.chars().count() >= 3);
    all_bodies.then(|| {
        names
            .into_iter()
            .map(|n| ParsedOwner {
                name: n.to_string(),
                raw: n.to_string(),
                role,
            })
            .collect()
    })
}

/// Byte offsets where a clause starts: the text's start and after 。；，：！？.
fn clause_starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    for (at, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '，' | ',' | '：' | ':' | '！' | '？') {
            let next = at + c.len_utf8();
            if next < text.len() {
                out.push(next);
            }
        }
    }
    out
}

/// Skips what may open a clause before its subject: `同时，`, `2021年`, `此外`.
fn skip_adverbials(s: &str) -> &str {
    let mut s = trim_text(s);
    loop {
        let before = s.len();
        for w in lexicon::CLAUSE_CONNECTIVES {
            if let Some(rest) = s.strip_prefix(w) {
                s = trim_text(rest);
            }
        }
        // A year or date opening the clause: `2021年`, `2024年底前`.
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        if digits == 4
            && let Some(rest) = s[4..].strip_prefix('年')
        {
            let rest = lexicon::YEAR_TAILS
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest);
            s = trim_text(rest);
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The subject list opening `s` when a duty follows it.
fn subject_at(s: &str, item_start: bool) -> Option<Vec<ParsedOwner>> {
    let (by, s) = match s.strip_prefix('由') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // `…，会同有关部门做好…`, `…，应会同农业农村部门…`: a partner named in a
    // clause of its own supports.
    let after_modal = lexicon::DUTY_MODALS
        .iter()
        .find_map(|m| s.strip_prefix(m))
        .unwrap_or(s);
    for connector in lexicon::PARTNER_CONNECTORS {
        if let Some(after) = after_modal.strip_prefix(connector) {
            let found = subject_list(after)?;
            let names: Vec<ParsedOwner> = found
                .names
                .into_iter()
                .filter(|n| !is_national(n) && !is_actor(n))
                .map(|name| ParsedOwner {
                    raw: name.clone(),
                    name,
                    role: OwnerRole::Co,
                })
                .collect();
            return (!names.is_empty()).then_some(names);
        }
    }
    if lexicon::NOT_OWNER_BEFORE.iter().any(|w| s.starts_with(w)) {
        return None;
    }
    let Subjects {
        mut names,
        rest,
        joint,
    } = subject_list(s)?;
    let mut role = OwnerRole::Responsible;
    let mut partners: Vec<String> = Vec::new();
    let mut rest = rest;
    // `X与Y联合出台…`: X leads, Y supports.
    if joint {
        partners = names.split_off(1);
        role = OwnerRole::Lead;
    }
    // `X会同Y…` / `X联合Y…` / `X将联合Y…`: the partner supports.
    for connector in lexicon::PARTNER_CONNECTORS {
        let after_modal = lexicon::DUTY_MODALS
            .iter()
            .find_map(|m| rest.strip_prefix(m))
            .unwrap_or(rest);
        if let Some(after) = after_modal.strip_prefix(connector) {
            if let Some(found) = subject_list(after) {
                partners = found.names;
                rest = found.rest;
            } else {
                rest = after;
            }
            role = OwnerRole::Lead;
        }
    }
    let colon = item_start && !by && rest.starts_with(['：', ':']);
    if colon {
        rest = trim_text(&rest[rest.chars().next().map_or(1, char::len_utf8)..]);
    }
    let government = names
        .iter()
        .chain(&partners)
        .any(|n| !is_actor(n) && !is_national(n));
    let duty = by || colon || !partners.is_empty() || opens_duty(rest, government);
    if !duty || !government {
        return None;
    }
    if rest.starts_with("牵头") {
        role = OwnerRole::Lead;
    } else if rest.starts_with("配合") || rest.starts_with("协助") || rest.starts_with("参与")
    {
        role = OwnerRole::Co;
    }
    let mut out: Vec<ParsedOwner> = names
        .into_iter()
        .filter(|n| !is_national(n) && !is_regulated_unit(n))
        .map(|name| ParsedOwner {
            raw: name.clone(),
            name,
            role,
        })
        .collect();
    out.extend(
        partners
            .into_iter()
            .filter(|n| !is_national(n) && !is_actor(n))
            .map(|name| ParsedOwner {
                raw: name.clone(),
                name,
                role: OwnerRole::Co,
            }),
    );
    Some(out)
}

/// Whether the words after a subject give it work: a duty verb, an adverb or
/// modal before a verb, or (for a government body) any verb at all, since a
/// body opening a clause of a plan is told to do what the clause says.
fn opens_duty(rest: &str, government: bool) -> bool {
    if lexicon::DUTY_VERBS.iter().any(|v| rest.starts_with(v)) {
        return true;
    }
    if let Some(adverb) = lexicon::SUBJECT_ADVERBS
        .iter()
        .find(|a| rest.starts_with(**a))
    {
        return rest[adverb.len()..]
            .chars()
            .next()
            .is_some_and(|c| is_cjk(c) && c != '求');
    }
    // `X是…的责任主体`, `X是项目建设管理的综合部门`: a body the clause designates.
    if let Some(after) = rest.strip_prefix('是') {
        let clause = after.split(lexicon::CLAUSE_ENDS).next().unwrap_or(after);
        return lexicon::contains_any(clause, lexicon::DESIGNATIONS)
            || lexicon::LABEL_BODIES.iter().any(|b| clause.ends_with(b));
    }
    // A sub-unit going on from the name (`县商务局办公室2025年…印发`): a signature, not a duty.
    let sub_unit = lexicon::SUB_UNITS
        .iter()
        .chain(lexicon::OFFICE_UNITS)
        .any(|w| rest.starts_with(w));
    !sub_unit
        && government
        && rest
            .chars()
            .next()
            .is_some_and(|c| is_cjk(c) && !lexicon::NOT_VERB_START.contains(c))
}

/// A subject list and what follows it.
#[derive(Debug)]
struct Subjects<'a> {
    names: Vec<String>,
    rest: &'a str,
    /// `X与Y联合…`: the first acts with the others.
    joint: bool,
}

/// A list of organisations opening `s` (`市商务局、市财政局`, `教育、民政等部门`,
/// `各市县（区）农业农村、财政部门`), normalised, and what follows it.
fn subject_list(s: &str) -> Option<Subjects<'_>> {
    let mut names: Vec<String> = Vec::new();
    let mut joint = false;
    let mut bare: Vec<&str> = Vec::new();
    let mut rest = s;
    loop {
        if let Some(len) = field_with_body(rest)
            .or_else(|| collective(rest))
            .or_else(|| org_prefix(rest).filter(|&len| plausible_body(&rest[..len])))
            .or_else(|| weak_body_prefix(rest))
            .or_else(|| actor_prefix(rest))
        {
            let raw = &rest[..len];
            let name = without_deng(raw);
            rest = &rest[len..];
            // `教育、民政等部门`: bare fields before the body word they share;
            // `县、乡镇人民政府`: bare units before the government they share.
            let shared_prefix = bare.first().and_then(|b| place_prefix(b));
            let units_only = bare.iter().all(|b| is_unit_word(b));
            let body = lexicon::SHARED_BODIES
                .iter()
                .chain(lexicon::GOVERNMENT_WORDS.iter().filter(|_| units_only))
                .find(|w| raw.ends_with(**w))
                .copied()
                .unwrap_or("");
            for field in bare.drain(..) {
                // `县自然资源、财政、公安部门`: the level of the first field is every field's.
                let field = match shared_prefix {
                    Some(p) if !field.starts_with(p) && !field.starts_with('各') => {
                        format!("{p}{field}")
                    }
                    _ => field.to_string(),
                };
                names.push(format!("{field}{body}"));
            }
            let name = match shared_prefix {
                Some(p) if !name.starts_with(p) && !name.starts_with('各') => format!("{p}{name}"),
                _ => name.to_string(),
            };
            names.push(name);
        } else {
            // A bare field (`教育`, `各市县（区）农业农村`) waiting for its body word.
            let len = rest
                .char_indices()
                .take_while(|(_, c)| is_cjk(*c) || matches!(c, '（' | '）' | '(' | ')'))
                .take(12)
                .last()
                .map(|(i, c)| i + c.len_utf8())?;
            let field = &rest[..len];
            let next = rest[len..].chars().next();
            if !matches!(next, Some('、' | '，')) || names.len() + bare.len() > 8 {
                break;
            }
            // A field is a short name of a domain (`教育`, `城市管理`), or a
            // collective's place and domain (`各市县（区）农业农村`); not the
            // clause's own words (`形成政府主导`, `强化上下级预案`).
            let n = field.chars().count();
            let plausible = if field.starts_with('各') {
                n <= 12
            } else {
                n <= 10
                    && !lexicon::CLAUSE_OPENERS.iter().any(|w| field.starts_with(w))
                    && !field.contains(lexicon::FIELD_BREAK_CHARS)
            };
            if !plausible {
                break;
            }
            bare.push(field);
            rest = &rest[len..];
        }
        let trimmed = rest.trim_start_matches('等');
        match trimmed.chars().next() {
            Some(c @ ('、' | '和' | '及' | '与')) => {
                let after = &trimmed[c.len_utf8()..];
                // `X与Y联合…` is a partner list; `X与Y协商确定` / `X和Y要…` a shared
                // subject; any other 与 joins an object (`X与企业签订…`).
                if c == '与' {
                    let clause = &after[..after.find(['，', '。', '；']).unwrap_or(after.len())];
                    // `电信运营商与消防救援支队采取…`: a body after 与 that opens
                    // no object phrase acts with the subject.
                    let body_follows = org_prefix(after).is_some_and(|len| {
                        plausible_body(&after[..len]) && !is_actor(&after[..len])
                    });
                    if clause.contains("联合") {
                        joint = true;
                    } else if !(lexicon::JOINT_VERBS.iter().any(|w| clause.contains(w))
                        || body_follows)
                    {
                        rest = trimmed;
                        break;
                    }
                }
                rest = after;
            }
            _ => {
                rest = trimmed;
                break;
            }
        }
    }
    if !bare.is_empty() || names.is_empty() {
        return None;
    }
    distribute_scope(&mut names);
    let (rest, joint) = match rest.strip_prefix("联合") {
        Some(after) if joint => (after, true),
        _ => (rest, false),
    };
    Some(Subjects { names, rest, joint })
}

/// Whether a name cut from the start of a clause reads as a body rather than
/// the clause's own words (`完成全区…布局` ends in 局 too): it opens with a
/// level, or it is short, opens with no verb and ends in a body word of two
/// characters or in 局 / 厅 / 委 / 办 / 处 / 队.
fn plausible_body(name: &str) -> bool {
    let n = name.chars().count();
    // `深入推进政府…`: a government is named by its place (`县政府`, `乡镇人民政府`,
    // `各级政府`).
    if let Some(place) = name.strip_suffix("政府")
        && !place.ends_with("人民")
        && !place.ends_with(lexicon::LEVEL_CHARS)
        && place != "各级"
    {
        return false;
    }
    // `进一步细化公开各部门…`, `我们已与县委…`: the clause's own words.
    if lexicon::NOT_NAME_OPENERS
        .iter()
        .any(|w| name.starts_with(w))
    {
        return false;
    }
    // `所需资金由区环保局`: a clause's words before the body, not its name.
    if name.contains(lexicon::NAME_BREAK_CHARS) {
        return false;
    }
    if lexicon::LEVELS.iter().any(|l| name.starts_with(l))
        && !lexicon::NOT_LEVELS.iter().any(|w| name.starts_with(w))
    {
        return true;
    }
    let opens_clause = lexicon::CLAUSE_OPENERS.iter().any(|w| name.starts_with(w))
        || name.starts_with(|c: char| !is_cjk(c));
    let ending = name.ends_with(lexicon::BODY_END_CHARS)
        || lexicon::ORG_STRONG_SUFFIXES
            .iter()
            .any(|s| s.chars().count() >= 2 && name.ends_with(s));
    n <= 10 && !opens_clause && ending
}

/// A name ending in a weak body word (`乡镇消防队`, `县农技站`, `消防救援机构`)
/// opening `s`: the shortest prefix of at most ten characters that ends in
/// one right before a list separator, a duty or an adverbial. The words
/// such a prefix could be cut from (`新建消防站配套…`, `人员密集场所要…`)
/// open with a verb or end in a word that names no body.
fn weak_body_prefix(s: &str) -> Option<usize> {
    if lexicon::CLAUSE_OPENERS
        .iter()
        .chain(lexicon::ACTION_VERBS)
        .chain(lexicon::STATUS_BEFORE)
        .any(|w| s.starts_with(w))
    {
        return None;
    }
    for (n, (at, c)) in s.char_indices().enumerate() {
        if n >= 10 || !(is_cjk(c) || matches!(c, '（' | '）' | '(' | ')')) {
            return None;
        }
        if lexicon::NAME_BREAK_CHARS.contains(&c) || lexicon::CONJUNCTIONS.contains(&c) {
            return None;
        }
        let upto = at + c.len_utf8();
        let name = &s[..upto];
        let weak = lexicon::WEAK_BODIES.iter().any(|w| name.ends_with(w))
            && !lexicon::NOT_WEAK_BODIES.iter().any(|w| name.ends_with(w));
        if !weak || name.chars().count() < 3 {
            continue;
        }
        let after = &s[upto..];
        let modal_then_verb = lexicon::DUTY_MODALS.iter().any(|m| {
            after
                .strip_prefix(m)
                .and_then(|v| v.chars().next())
                .is_some_and(|c| is_cjk(c) && c != '求')
        });
        // `实际所需要的`, `发展所需`: 所 before a verb is a function word; a
        // 所 that is a body before a modal names its place (`镇司法所要…`).
        let placed = lexicon::LEVELS
            .iter()
            .chain(lexicon::GRASSROOTS_OPENERS)
            .any(|l| name.starts_with(l));
        let modal_then_verb = modal_then_verb && (placed || !name.ends_with('所'));
        // `流域所在的县政府`: 所在 is a word, so a 所 takes no adverbial after it.
        let adverbial = !name.ends_with('所')
            && lexicon::SUBJECT_PREPOSITIONS
                .iter()
                .any(|p| after.starts_with(p));
        let follows = after.starts_with(lexicon::LIST_JOINERS)
            || modal_then_verb
            || lexicon::DUTY_VERBS.iter().any(|v| after.starts_with(v))
            || adverbial;
        return follows.then_some(upto);
    }
    None
}

/// `妇联等部门`, `人社部门`: a short field and the body word it takes, where the
/// field's own ending is no body word the organisation grammar knows. Only
/// 部门 alone: `代理机构`, `物业服务单位` are market actors.
fn field_with_body(s: &str) -> Option<usize> {
    let head: String = s.chars().take(13).collect();
    let (at, word) = lexicon::SHARED_BODIES
        .iter()
        .map(|b| format!("等{b}"))
        .chain(std::iter::once("部门".to_string()))
        .filter_map(|w| head.find(w.as_str()).map(|at| (at, w)))
        .min_by_key(|(at, _)| *at)?;
    let field = &s[..at];
    let n = field.chars().count();
    let plain = field.chars().all(is_cjk)
        && !field.contains(lexicon::DOMAIN_BREAK_CHARS)
        && !lexicon::CLAUSE_OPENERS.iter().any(|w| field.starts_with(w))
        && !lexicon::LEVELS.iter().any(|l| field.starts_with(l))
        && !field.starts_with(lexicon::COLLECTIVE_INITIALS);
    let domain = !lexicon::NOT_FIELDS.iter().any(|w| field.contains(w));
    (plain && domain && (2..=4).contains(&n)).then_some(at + word.len())
}

/// `文旅等部门` → `文旅部门`; `区财政局等部门` → `区财政局`; `人社等部门` → `人社部门`
/// (a two-character field is a domain, whatever it ends with).
fn without_deng(name: &str) -> String {
    let Some(at) = name.rfind('等') else {
        return name.to_string();
    };
    let (head, body) = (&name[..at], &name[at + '等'.len_utf8()..]);
    if !lexicon::SHARED_BODIES.contains(&body) {
        return name.to_string();
    }
    if head.chars().count() >= 3 && looks_like_org(head) {
        head.to_string()
    } else {
        format!("{head}{body}")
    }
}

/// A market actor's name opening `s` (`合作平台`, `各类企业`): the shortest
/// prefix of at most ten characters ending in an actor word.
fn actor_prefix(s: &str) -> Option<usize> {
    for (n, (at, c)) in s.char_indices().enumerate() {
        if n >= 10 || !is_cjk(c) {
            return None;
        }
        let upto = at + c.len_utf8();
        if lexicon::NOT_OWNER_ACTORS
            .iter()
            .any(|a| s[..upto].ends_with(a))
        {
            return Some(upto);
        }
    }
    None
}

/// Whether a bare field is a level or a unit (`县`, `乡镇`, `街道`).
fn is_unit_word(field: &str) -> bool {
    lexicon::LEVELS.contains(&field) || lexicon::UNITS.contains(&field)
}

/// `各市县（区）农业农村` → `各市县（区）`, `县自然资源` → `县`: the place a list's
/// first field opens with (not a bare unit: `县、乡镇人民政府` shares no 县).
fn place_prefix(field: &str) -> Option<&str> {
    if !field.starts_with('各') {
        if is_unit_word(field) || lexicon::NOT_LEVELS.iter().any(|w| field.starts_with(w)) {
            return None;
        }
        return lexicon::LEVELS
            .iter()
            .copied()
            .find(|l| field.starts_with(l));
    }
    let close = field.find(['）', ')'])?;
    Some(&field[..close + field[close..].chars().next().map_or(1, char::len_utf8)])
}

/// A collective opening `s`: `各市`, `各乡镇`, `各市县（区）`, `各级农业农村部门`,
/// `有关部门`, `相关乡镇`.
fn collective(s: &str) -> Option<usize> {
    let opener = lexicon::COLLECTIVE_OPENERS
        .iter()
        .copied()
        .find(|w| s.starts_with(w))?;
    // The shortest run up to a unit word before a duty or a list separator
    // (`各片区督促物业企业…` is 各片区, not …企业).
    let mut best = None;
    for (n, (at, c)) in s.char_indices().enumerate() {
        if n > 16 || !(is_cjk(c) || matches!(c, '（' | '）' | '(' | ')')) {
            break;
        }
        let upto = at + c.len_utf8();
        let name = &s[..upto];
        if name.len() <= opener.len() {
            continue;
        }
        // A one-character unit (市, 县, 村) only right after the opener: `各市`,
        // `各市县（区）`, not the 村 of `各市县农业农村`.
        let short =
            name.chars().count() <= opener.chars().count() + 3 || name.ends_with(['）', ')']);
        let unit_end = lexicon::UNITS
            .iter()
            .any(|u| name.ends_with(u) && (short || u.chars().count() > 1))
            || lexicon::COLLECTIVE_ENDINGS
                .iter()
                .any(|u| name.ends_with(u))
            || lexicon::ORG_STRONG_SUFFIXES
                .iter()
                .any(|u| name.ends_with(u));
        if !unit_end {
            continue;
        }
        let after = &s[upto..];
        let fits = after.starts_with(['、', '，', '：'])
            || after.starts_with(lexicon::LIST_JOINERS)
            || lexicon::DUTY_MODALS.iter().any(|m| after.starts_with(m))
            || lexicon::DUTY_VERBS.iter().any(|v| after.starts_with(v))
            || lexicon::SUBJECT_ADVERBS
                .iter()
                .any(|a| after.starts_with(a))
            || after.starts_with("会同")
            || after.starts_with('是')
            || after.starts_with("等");
        if fits {
            best = Some(upto);
            break;
        }
    }
    best
}

/// A market actor or beneficiary: not given work by a plan on its own.
fn is_actor(name: &str) -> bool {
    is_market_actor(name) || !looks_like_org(name) && !name.starts_with('各')
}

/// An enterprise or a consumer (`合作平台`, `消费者`), or a unit a plan
/// regulates (`重点行业单位`).
fn is_market_actor(name: &str) -> bool {
    lexicon::NOT_OWNER_ACTORS
        .iter()
        .any(|a| name.ends_with(a) || name == *a)
        || is_regulated_unit(name)
}

/// A unit a plan regulates (`火灾高危单位`, `物业服务单位`): named beside the
/// bodies of a list, it is still not given the work (a platform named beside
/// them is: `市商务局、合作平台将…`).
fn is_regulated_unit(name: &str) -> bool {
    let collective = lexicon::COLLECTIVE_OPENERS
        .iter()
        .chain(lexicon::DIRECT_OPENERS)
        .any(|w| name.starts_with(w))
        || lexicon::LEVELS.iter().any(|l| name.starts_with(l))
        || name.ends_with("成员单位");
    name.ends_with("单位") && !collective
}

/// A central body named in its own national role: a bare ministry (`商务部`,
/// `农业农村部`), 国务院, a 国家… body.
fn is_national(name: &str) -> bool {
    let party = lexicon::PARTY_ORGANS.iter().any(|p| name.ends_with(p));
    name == "国务院"
        || name.starts_with("国家")
        || name.starts_with("中央")
        || (name.ends_with('部')
            && !party
            && !name.ends_with("部门")
            && !lexicon::LEVELS.iter().any(|l| name.starts_with(l))
            && !name.contains("工作部")
            && !name.starts_with('各'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected`: names joined by `|`, each with `+` for lead and `~` for co.
    fn check(input: &str, expected: &str) {
        let got = sentence_owners(input)
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
    fn subjects_of_duties() {
        check("县卫健局应当建立台账，定期通报。", "县卫健局");
        check("各乡镇要建立工作机制。", "各乡镇");
        check("市数据局将统一平台。", "市数据局");
        check("由市人社局确定具体名单。", "市人社局");
        check("县农业农村局负责补贴资金审核。", "县农业农村局");
        check("各区是辖区安全的责任主体。", "各区");
    }

    #[test]
    fn grassroots_units_ending_in_weak_body_words() {
        // stations, teams, offices and institutions give the work they open
        check(
            "某镇农技站、某镇兽医站结合春耕，开展技术服务。",
            "某镇农技站|某镇兽医站",
        );
        check("镇司法所要做好调解工作。", "镇司法所");
        check("按实际所需要的数量安排资金。", "");
        check("由流域所在的县政府确定河长。", "");
        check("应急救援机构针对汛期特点，编制应急预案。", "应急救援机构");
        check("乡镇执法队负责日常巡查。", "乡镇执法队");
        // …but not words that end like them, nor a station a clause builds
        check("人员密集场所要落实巡查制度。", "");
        check("新建服务站配套建设停车场。", "");
        check("金融机构要加大信贷投放。", "");
        check("门户网站要及时公开信息。", "");
        check("已有服务站根据需要改扩建。", "");
        // a unit the item itself sets up is what its work makes; the one
        // beside it that it does not set up gives the work
        check(
            "按标准设置村级服务站，村级服务站和镇执法队应做到有人员、有器材。",
            "镇执法队",
        );
    }

    #[test]
    fn lead_and_partners() {
        check(
            "市市场监管局会同市商务局开展检查。",
            "市市场监管局+|市商务局~",
        );
        check(
            "由县教育局牵头，县财政局、县人社局配合，做好保障。",
            "县教育局+|县财政局~|县人社局~",
        );
        check(
            "2021年，区消防支队与区公安局联合出台办法。",
            "区消防支队+|区公安局~",
        );
    }

    #[test]
    fn bodies_as_real_plans_write_them() {
        // a body after 与 that acts with the subject
        check(
            "电信公司与区消防救援大队采取购买服务等形式建立协作机制。",
            "电信公司|区消防救援大队",
        );
        // …but an enterprise after 与 is its object, not a partner
        check("区商务局与企业签订协议，加强监管。", "");
        // the members of a body, and a short bracket inside a name
        check(
            "区应急指挥中心成员单位按照预案实施救援。",
            "区应急指挥中心成员单位",
        );
        check(
            "各街道、社区（村）委员会、物业服务单位开展入户宣传。",
            "各街道|社区（村）委员会",
        );
        // words that only look like bodies: 分行业, 移动办公, 联合办训
        check("分行业领域成立专家组。", "");
        check("集合移动办公、指挥调度等功能于一体。", "");
        check("采取联合办训、分类施训等模式。", "");
        // a scope written once, and a partner clause after a scoped subject
        check(
            "由当地农业农村部门、财政部门自定。",
            "当地农业农村部门|当地财政部门",
        );
        check(
            "市县（区）财政部门需要延期兑付的，应会同农业农村部门做好解读。",
            "市县（区）财政部门+|市县（区）农业农村部门~",
        );
        check(
            "由省农业农村厅与民航监管局协商后确定。",
            "省农业农村厅|民航监管局",
        );
    }

    #[test]
    fn shared_subjects_distribute() {
        check(
            "各市县（区）农业农村、财政部门负责审核。",
            "各市县（区）农业农村部门|各市县（区）财政部门",
        );
        check(
            "教育、民政、文旅等部门要加强管理。",
            "教育部门|民政部门|文旅部门",
        );
        // fields whose own ending looks like a body (社, 联), and a long field with 和
        check(
            "宣传、人社等部门将安全教育纳入培训内容。",
            "宣传部门|人社部门",
        );
        check("民政、妇联等部门积极推动志愿服务。", "民政部门|妇联部门");
        check(
            "人力资源和社会保障、教育等部门积极培育培训机构。",
            "人力资源和社会保障部门|教育部门",
        );
        // a body with its own name keeps it; agents and actors named with 机构 / 单位 are not fields
        check("区财政局等部门负责审核。", "区财政局");
        check("生产企业及代理机构必须提报型号。", "");
    }

    #[test]
    fn not_owners() {
        check("企业应当建立台账。", "");
        check("报省商务厅备案。", "");
        check("按照国务院要求推进。", "");
        check("由农业农村部、财政部决定是否恢复。", "");
        check("鼓励金融机构加大支持。", "");
        check("向市财政局申请资金。", "");
        check("加强统筹协调，形成合力。", "");
        check("消费者可自愿选择平台。", "");
    }

    #[test]
    fn item_opening_with_a_body_and_a_colon() {
        check("区环保局：牵头负责淘汰工作，督促进展。", "区环保局+");
        check("区财政局：负责下拨资金。", "区财政局");
    }

    #[test]
    fn any_verb_after_a_government_body() {
        check("各片区督促物业企业加强巡查。", "各片区");
        check(
            "交建、城管等部门结合城乡建设打通道路。",
            "交建部门|城管部门",
        );
        check("县商务主管部门对上述资料严格审核。", "县商务主管部门");
        check("各市自主确定具体品种。", "各市");
        check("县财政局的资金按时拨付。", "");
        check("深入推进政府购买服务。", "");
        check(
            "省农业厅、省财政厅在农业农村部发布的基础上制定。",
            "省农业厅|省财政厅",
        );
        check("县商务局办公室2025年1月20日印发", "");
    }

    #[test]
    fn partners_in_a_clause_of_their_own() {
        check(
            "县商务局负责组织实施，会同有关部门做好审核。",
            "县商务局+|有关部门~",
        );
        check(
            "省商务厅将联合省财政厅聘请第三方核查。",
            "省商务厅+|省财政厅~",
        );
        check("组织行业单位开展自查。对重点行业单位开展检查。", "");
    }

    #[test]
    fn bodies_before_a_colon_and_by_inside_a_clause() {
        check(
            "区公安局治安巡防支队：负责出具证明。",
            "区公安局治安巡防支队",
        );
        check(
            "乡镇政府及公安派出所：配合做好宣传。",
            "乡镇政府|公安派出所",
        );
        check("所需资金由区环保局提出申请后拨付。", "区环保局");
        check("经审核后拨付，理由由申请人说明。", "");
    }

    #[test]
    fn verb_phrases_and_objects_are_not_owners() {
        check("进一步细化公开各部门行政职权运行各环节的责任事项。", "");
        check("充分利用县政府开发建设物流园区的有利时机。", "");
        check("配合县政府做好旧房拆迁工作。", "");
        check("我们已与县委党校联系，开展培训。", "");
        check("每条河流确定一个县直部门为联系部门。", "");
        check(
            "完善党委统一领导、组织部门牵头抓总、有关部门各司其职的人才工作格局。",
            "",
        );
        // 在X领导下 names no owner; the subject after it is one
        check(
            "在县委领导下，县乡村振兴工作领导小组负责统筹协调。",
            "县乡村振兴工作领导小组",
        );
    }

    #[test]
    fn prose_subjects_of_articles_and_plans() {
        check(
            "在县委领导下，县河长制工作领导小组负责统筹协调，县河长制办公室负责日常工作。",
            "县河长制工作领导小组|县河长制办公室",
        );
        // a level written once before a list of fields sharing one body word
        check(
            "县自然资源、财政、公安、林业部门按照各自职责做好监督管理。",
            "县自然资源部门|县财政部门|县公安部门|县林业部门",
        );
        // bare units sharing one government
        check(
            "县、乡镇人民政府应当将河湖保护纳入规划。",
            "县人民政府|乡镇人民政府",
        );
        // X是…综合部门: the body a clause designates; its 会同 partner supports
        check(
            "县发展改革部门是项目建设管理的综合部门，主要负责项目申报，会同有关行业主管部门组织验收。",
            "县发展改革部门+|有关行业主管部门~",
        );
        // 以X为责任主体, 由X行文
        check(
            "县级河流以流域所经乡（镇）政府为责任主体，河长名单由各级政府行文公布。",
            "各级政府|乡（镇）政府",
        );
        check("以企业为主体推进技术创新。", "");
        // people are no bodies; bodies followed or reported to are no owners
        check(
            "河长要定期巡河，县领导要带头督导，按照县河长制办公室要求报县水利局备案。",
            "",
        );
    }

    #[test]
    fn co_subjects_of_actors_and_bodies() {
        check(
            "市商务局、合作平台将实时监测活动情况。",
            "市商务局|合作平台",
        );
    }
}
