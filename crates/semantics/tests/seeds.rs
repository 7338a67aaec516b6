//! The semantics grammars against the seed documents and their gold facts.
//!
//! The seeds are read from the repository's `seeds/` and `gold/` folders; the
//! library has no knowledge of them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use policy_model::Comparator;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed(prefix: &str) -> String {
    read_with_prefix("seeds", prefix)
}

fn gold(prefix: &str) -> Value {
    serde_json::from_str(&read_with_prefix("gold", prefix)).expect("gold is JSON")
}

fn read_with_prefix(dir: &str, prefix: &str) -> String {
    let dir = repo().join(dir);
    let entry = std::fs::read_dir(&dir)
        .expect("folder exists")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("file exists");
    std::fs::read_to_string(entry.path()).expect("readable")
}

/// The scorer's canonical (value, unit): a 万 / 亿 prefix multiplied out, 平米 = 平方米.
fn qty_key(value: f64, unit: &str) -> (String, String) {
    let (mut value, mut unit) = (value, unit.trim().to_string());
    for (prefix, mult) in [("万", 1e4), ("亿", 1e8)] {
        if unit.starts_with(prefix) && unit.chars().count() > 1 {
            value *= mult;
            unit = unit[prefix.len()..].to_string();
        }
    }
    let unit = match unit.as_str() {
        "平米" | "㎡" | "m2" => "平方米".to_string(),
        "个百分点" | "％" => "%".to_string(),
        _ => unit,
    };
    (format!("{value}"), unit)
}

/// `1000人` → the scorer's key.
fn parse_gold_qty(s: &str) -> (String, String) {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    qty_key(digits.parse().expect("gold number"), &s[digits.len()..])
}

fn multiset(keys: impl IntoIterator<Item = (String, String)>) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for k in keys {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

fn comparator_str(c: Option<Comparator>) -> &'static str {
    match c {
        Some(Comparator::AtLeast) => ">=",
        Some(Comparator::AtMost) => "<=",
        Some(Comparator::Equal) => "=",
        Some(Comparator::Above) => ">",
        Some(Comparator::Below) => "<",
        Some(Comparator::About) => "~",
        None => "",
    }
}

#[test]
fn targets_of_the_004_action_plan_match_gold() {
    let text = seed("004_");
    let gold = gold("004_");
    let tasks = gold["tasks"].as_array().expect("tasks");
    let mut checked = 0;
    for task in tasks {
        let number = task["number"].as_str().expect("number");
        let para = text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(number))
            .unwrap_or_else(|| panic!("paragraph {number}"));
        let expected = multiset(
            task["targets"]
                .as_array()
                .expect("targets")
                .iter()
                .map(|t| parse_gold_qty(t.as_str().expect("str"))),
        );
        let found = policy_semantics::targets(para, Some(2023));
        let got = multiset(
            found
                .targets
                .iter()
                .filter_map(|t| Some(qty_key(t.value?, t.unit.as_deref()?))),
        );
        assert_eq!(got, expected, "task {number}: {:?}", found.targets);
        checked += 1;
    }
    assert_eq!(checked, 14);
}

#[test]
fn no_targets_in_the_004_notice_header() {
    let text = seed("004_");
    for line in text
        .lines()
        .take_while(|l| !l.trim_start().starts_with("一、"))
    {
        let found = policy_semantics::targets(line, Some(2023));
        assert!(found.targets.is_empty(), "{line}: {:?}", found.targets);
    }
}

/// The 003 专栏1 Markdown pipe table as the integrator hands it over: the title row
/// spanning the table, then the header, then the data rows.
fn table_003(br: &str) -> policy_blocks::Table {
    use policy_blocks::{Cell, Merge, Row, Table};
    let text = seed("003_");
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| l.trim_start().starts_with('|')) {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
        {
            continue;
        }
        let first = rows.is_empty();
        let cells = cells
            .iter()
            .enumerate()
            .map(|(k, c)| Cell {
                text: c.replace("<br>", br),
                merge: if first && k > 0 {
                    Merge::Left
                } else {
                    Merge::None
                },
                ..Cell::default()
            })
            .collect();
        rows.push(Row {
            cells,
            is_header: false,
        });
    }
    Table { rows }
}

/// The scorer's name match: equal, or one contains the other and the prediction has ≥ 4 characters.
fn name_matches(pred: &str, gold: &str) -> bool {
    pred == gold || (pred.chars().count() >= 4 && (gold.contains(pred) || pred.contains(gold)))
}

fn check_indicators(got: &[policy_model::Indicator], gold: &Value) {
    let gold = gold["indicators"].as_array().expect("indicators");
    assert_eq!(got.len(), gold.len(), "{got:#?}");
    for (g, p) in gold.iter().zip(got) {
        let gname = g["name"].as_str().expect("name");
        assert!(name_matches(&p.name, gname), "{} vs {gname}", p.name);
        let t = p.target.as_ref().expect("target");
        let gt = &g["target"];
        assert_eq!(
            comparator_str(t.comparator),
            gt["comparator"].as_str().expect("cmp"),
            "{gname}"
        );
        assert_eq!(
            qty_key(t.value.expect("value"), t.unit.as_deref().unwrap_or("")),
            qty_key(
                gt["value"].as_f64().expect("v"),
                gt["unit"].as_str().expect("u")
            ),
            "{gname}"
        );
        assert_eq!(t.year, gt["year"].as_i64().map(|y| y as i32), "{gname}");
        if let Some(gb) = g.get("baseline") {
            match (gb.is_null(), &p.baseline) {
                (true, None) => {}
                (false, Some(b)) => {
                    assert_eq!(
                        qty_key(b.value.expect("value"), b.unit.as_deref().unwrap_or("")),
                        qty_key(
                            gb["value"].as_f64().expect("v"),
                            gb["unit"].as_str().expect("u")
                        ),
                        "{gname}"
                    );
                    assert_eq!(b.year, gb["year"].as_i64().map(|y| y as i32), "{gname}");
                }
                other => panic!("{gname}: baseline {other:?}"),
            }
        }
        assert_eq!(
            p.attribute.as_deref(),
            g.get("attribute").and_then(Value::as_str),
            "{gname}"
        );
        assert_eq!(
            p.in_box.as_deref(),
            g.get("box").and_then(Value::as_str),
            "{gname}"
        );
    }
}

#[test]
fn indicators_of_the_003_box_table_match_gold() {
    for br in ["<br>", "\n", ""] {
        let got = policy_semantics::indicators_from_table(&table_003(br), None)
            .expect("an indicator table");
        check_indicators(&got, &gold("003_"));
    }
}

#[test]
fn indicators_of_the_002_goal_paragraph_match_gold() {
    let text = seed("002_");
    let line = text.lines().nth(7).expect("line 8");
    let start = text.lines().take(7).map(|l| l.len() + 1).sum::<usize>();
    let span = policy_model::Span::new(start, start + line.len());
    let got = policy_semantics::indicators_from_goals(line, span);
    check_indicators(&got, &gold("002_"));
    for i in &got {
        assert!(
            text[i.span.start..i.span.end].starts_with(i.name.as_str()),
            "{:?}",
            i.span
        );
    }
}

/// One Paragraph block per non-blank line, spans pointing into the seed text.
fn blocks_of(text: &str) -> Vec<policy_blocks::Block> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push(policy_blocks::Block {
                kind: policy_blocks::BlockKind::Paragraph {
                    text: line.to_string(),
                },
                span: policy_model::Span::new(offset, offset + line.len()),
            });
        }
        offset += line.len() + 1;
    }
    out
}

fn no_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn meta_of_every_seed_matches_gold() {
    use policy_model::Genre;
    let expected_genre = [
        ("000_", Genre::DivisionTable),
        ("001_", Genre::LedgerTable),
        ("002_", Genre::ImplementationPlan),
        ("003_", Genre::FiveYearPlan),
        ("004_", Genre::ActionPlan),
    ];
    for (prefix, genre) in expected_genre {
        let gold = gold(prefix);
        let m = policy_semantics::meta(
            &blocks_of(&seed(prefix)),
            &policy_blocks::DocProps::default(),
        );
        assert_eq!(
            m.title.as_deref().map(no_spaces),
            gold["title"].as_str().map(no_spaces),
            "{prefix}"
        );
        assert_eq!(m.genre, genre, "{prefix}");
        let gm = &gold["meta"];
        if let Some(date) = gm.get("date").and_then(Value::as_str) {
            assert_eq!(m.date.as_deref(), Some(date), "{prefix}");
        }
        if let Some(number) = gm.get("doc_number").and_then(Value::as_str) {
            assert_eq!(m.doc_number.as_deref(), Some(number), "{prefix}");
        }
        if let Some(issuers) = gm.get("issuers").and_then(Value::as_array) {
            let issuers: Vec<&str> = issuers.iter().filter_map(Value::as_str).collect();
            assert_eq!(m.issuers, issuers, "{prefix}");
        }
        if let Some(issuer) = gm.get("issuer").and_then(Value::as_str) {
            assert_eq!(m.issuers, [issuer], "{prefix}");
        }
    }
}

#[test]
fn meta_details_of_the_notice_and_the_plans() {
    let m = policy_semantics::meta(
        &blocks_of(&seed("004_")),
        &policy_blocks::DocProps::default(),
    );
    assert_eq!(
        m.notice_title.as_deref(),
        Some(
            "吉林省民政厅等十五部门关于印发《2023年“新时代新社区新生活”服务质量提升行动方案》的通知"
        )
    );
    assert_eq!(m.region.as_deref(), Some("吉林省"));
    let m = policy_semantics::meta(
        &blocks_of(&seed("002_")),
        &policy_blocks::DocProps::default(),
    );
    assert_eq!(
        (m.region.as_deref(), m.doc_number, m.notice_title),
        (Some("吉木萨尔县"), None, None)
    );
    let m = policy_semantics::meta(
        &blocks_of(&seed("003_")),
        &policy_blocks::DocProps::default(),
    );
    assert_eq!(
        (m.region.as_deref(), m.date, m.issuers.len()),
        (Some("临江市"), None, 0)
    );
}
