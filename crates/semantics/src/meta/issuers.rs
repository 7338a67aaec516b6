//! Issuers and region: the organisations of the 落款 and 版头, and the place a
//! title opens with.

use std::sync::LazyLock;

use policy_grammar::chars::fold_width;
use policy_grammar::lexicon;
use regex::Regex;

/// A 落款 line: organisations separated by runs of spaces or ideographic spaces.
pub(super) fn org_line(line: &str) -> Option<Vec<String>> {
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
pub(super) fn split_glued(piece: &str) -> Vec<String> {
    let place = place_of(piece.trim_start_matches("中共"));
    let mut starts = Vec::new();
    for (i, _) in piece.char_indices().skip(2) {
        let rest = &piece[i..];
        let after_org = piece[..i].ends_with(lexicon::ISSUER_END_CHARS);
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
pub(super) fn is_org(name: &str) -> bool {
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
pub(super) fn issuer_hint(notice: &str) -> Option<String> {
    let head = notice.split("关于").next()?;
    let head = head.split('等').next()?.trim();
    is_org(head).then(|| head.to_string())
}

/// The place name a title opens with: `吉林省…` → `吉林省`, `2025年临江市…` → `临江市`.
pub(super) fn place_of(title: &str) -> Option<String> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\d{4}\s*年)?\s*(\p{Han}{1,9}?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|旗|盟))").expect("static regex")
    });
    let place = PLACE.captures(title.trim())?.get(1)?.as_str();
    let bad_start = place.starts_with(lexicon::NOT_PLACE_INITIALS) && place.chars().count() <= 2;
    let bad = lexicon::NOT_PLACES
        .iter()
        .any(|w| place.ends_with(w) && place.chars().count() <= w.chars().count() + 1)
        || place.contains("关于")
        || place.contains("落实")
        || bad_start;
    (!bad).then(|| place.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
