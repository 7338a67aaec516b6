//! Accuracy against the hand-checked gold files (`gold/*.gold.json`), scored
//! the way `../shared/tools/score.py` scores them. Each document has floors;
//! a floor only goes up.

use std::collections::HashMap;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::util::{extract, root};

/// The floors one document must reach; `None` where gold has no such facts.
struct Floor {
    input: &'static str,
    gold: &'static str,
    tasks: f64,
    owners: f64,
    indicators: Option<f64>,
    targets: Option<f64>,
    /// Share of the owners whose role the gold states that got that role.
    roles: Option<f64>,
}

const fn floor(
    input: &'static str,
    gold: &'static str,
    indicators: Option<f64>,
    targets: Option<f64>,
) -> Floor {
    Floor {
        input,
        gold,
        tasks: 1.0,
        owners: 1.0,
        indicators,
        targets,
        roles: None,
    }
}

/// A development document (`fixtures/real/`, gold in `gold/real/`): floors as
/// measured when they were set, raised as the parser improves.
const fn real(
    input: &'static str,
    gold: &'static str,
    [tasks, owners]: [f64; 2],
    indicators: Option<f64>,
    targets: Option<f64>,
    roles: Option<f64>,
) -> Floor {
    Floor {
        input,
        gold,
        tasks,
        owners,
        indicators,
        targets,
        roles,
    }
}

/// Per-document floors on task, owner, indicator and target F1. A floor only goes up.
const FLOORS: &[Floor] = &[
    floor("seeds/000_36c95b23ed2dd2ce.txt", "000", None, None),
    floor("seeds/001_03346fc2c8259cea.txt", "001", None, None),
    floor("seeds/002_272c9d0ccf21af93.txt", "002", Some(1.0), None),
    floor("seeds/003_38b093e0452f821f.txt", "003", Some(1.0), None),
    floor("seeds/004_e42ea6294b7d8604.txt", "004", None, Some(1.0)),
    floor("fixtures/000_division_table.docx", "000", None, None),
    floor(
        "fixtures/000_division_table_spanrows.docx",
        "000",
        None,
        None,
    ),
    floor("fixtures/001_ledger_table.docx", "001", None, None),
    floor(
        "fixtures/002_implementation_plan.docx",
        "002",
        Some(1.0),
        None,
    ),
    floor(
        "fixtures/002_implementation_plan.gb18030.txt",
        "002",
        Some(1.0),
        None,
    ),
    floor(
        "fixtures/004_action_plan.utf16le.txt",
        "004",
        None,
        Some(1.0),
    ),
    floor(
        "fixtures/004_action_plan.gb2312.html",
        "004",
        None,
        Some(1.0),
    ),
    floor("fixtures/000_division_table.pdf", "000", None, None),
    // Made from the DOCX fixtures above (fixtures/doc/README): the same floors.
    floor("fixtures/doc/000_division_table.doc", "000", None, None),
    floor(
        "fixtures/doc/000_division_table_spanrows.doc",
        "000",
        None,
        None,
    ),
    floor("fixtures/doc/001_ledger_table.doc", "001", None, None),
    floor(
        "fixtures/doc/002_implementation_plan.doc",
        "002",
        Some(1.0),
        None,
    ),
    floor("fixtures/001_ledger_table.pdf", "001", None, None),
    floor(
        "fixtures/002_implementation_plan.pdf",
        "002",
        Some(1.0),
        None,
    ),
    real(
        "fixtures/real/real02_anhui_rcep_shishi_yijian.pkulaw.txt",
        "real02",
        [1.0, 0.94],
        Some(1.0),
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real05_hainan_nongji_butie_fangan.pdf",
        "real05",
        [1.0, 0.97],
        None,
        Some(1.0),
        Some(1.0),
    ),
    // The same notice as a legacy Word file: scored against the PDF's gold.
    real(
        "fixtures/real/real04_hainan_nongji_butie_fangan.doc",
        "real05",
        [1.0, 0.97],
        None,
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real06_shandong_jiadian_yijiuhuanxin_fangan.pdf",
        "real06",
        [1.0, 1.0],
        None,
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real07_shandong_jiadian_yijiuhuanxin_fangan.mineru.md",
        "real07",
        [1.0, 1.0],
        None,
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real12_jinan_quanchenggou_gonggao.docx",
        "real12",
        [1.0, 1.0],
        None,
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real21_pingtan_shuiwuran_fangzhi_fangan.page.txt",
        "real21",
        [0.98, 0.96],
        Some(1.0),
        Some(0.96),
        Some(0.99),
    ),
    real(
        "fixtures/real/real22_pingtan_zhengwu_gongkai_fenjiebiao.page.html",
        "real22",
        [1.0, 1.0],
        None,
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real23_pingtan_huangbiaoche_taotai_fangan.page.txt",
        "real23",
        [1.0, 1.0],
        Some(1.0),
        Some(1.0),
        Some(1.0),
    ),
    real(
        "fixtures/real/real24_pingtan_xiaofang_shisiwu_guihua.page.txt",
        "real24",
        [1.0, 0.98],
        Some(1.0),
        Some(0.96),
        None,
    ),
    real(
        "fixtures/real/real25_pingtan_lixiang_guapai_fenjiebiao.page.txt",
        "real25",
        [0.98, 0.99],
        None,
        Some(0.95),
        Some(0.99),
    ),
    real(
        "fixtures/real/real26_pingtan_hulianwang_jia_xingdong_fangan.page.txt",
        "real26",
        [1.0, 1.0],
        Some(1.0),
        Some(1.0),
        Some(1.0),
    ),
];

/// NFKC with all white space removed, as the scorer compares.
fn norm(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn num_key(v: &Value) -> String {
    norm(v.as_str().unwrap_or(""))
        .trim_matches(|c| "、.()".contains(c))
        .to_string()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn gold_for(stem: &str) -> Value {
    let file = ["gold", "gold/real"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root().join(dir)).expect("gold folders"))
        .filter_map(Result::ok)
        .find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(stem) && name.ends_with(".gold.json")
        })
        .unwrap_or_else(|| panic!("no gold file for {stem}"));
    serde_json::from_slice(&std::fs::read(file.path()).expect("gold readable"))
        .expect("gold is JSON")
}

#[derive(Debug)]
struct Score {
    tasks: f64,
    owners: f64,
    indicators: Option<f64>,
    targets: Option<f64>,
    roles: Option<f64>,
}

/// The normalised owner names of a predicted task.
fn owner_names(task: &Value) -> Vec<String> {
    task["owners"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| norm(o["name"].as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default()
}

/// The first (preferred) name of each gold owner entry (a name or a list of alternatives).
fn gold_owner_heads(task: &Value) -> Vec<String> {
    task["owners"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| match o {
                    Value::Array(alts) => norm(alts.first().and_then(Value::as_str).unwrap_or("")),
                    other => norm(other.as_str().unwrap_or("")),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn score(gold: &Value, pred: &Value) -> Score {
    let empty = Vec::new();
    let gt = gold["tasks"].as_array().unwrap_or(&empty);
    let pt = pred["tasks"].as_array().unwrap_or(&empty);
    // Match each gold task to the first unused predicted task whose title+text holds its head.
    let mut used = vec![false; pt.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gt.iter().enumerate() {
        let head = norm(g["text_head"].as_str().unwrap_or(""));
        let heads = gold_owner_heads(g);
        let mut cands: Vec<(u8, i64, usize)> = pt
            .iter()
            .enumerate()
            .filter(|(pi, p)| {
                !used[*pi]
                    && !head.is_empty()
                    && norm(&format!(
                        "{}{}",
                        p["title"].as_str().unwrap_or(""),
                        p["text"].as_str().unwrap_or("")
                    ))
                    .contains(&head)
            })
            .map(|(pi, p)| {
                // A tie is broken by shared owners (a table row restating a prose item).
                let shared = owner_names(p).iter().filter(|n| heads.contains(n)).count();
                (
                    u8::from(num_key(&p["number"]) != num_key(&g["number"])),
                    -(shared as i64),
                    pi,
                )
            })
            .collect();
        cands.sort();
        if let Some(&(_, _, pi)) = cands.first() {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    let optional = |gi: usize| gt[gi]["optional"].as_bool().unwrap_or(false);
    let required = (0..gt.len()).filter(|&gi| !optional(gi)).count();
    let matched_req = pairs.iter().filter(|(gi, _)| !optional(*gi)).count();
    let matched_opt = pairs.iter().filter(|(gi, _)| optional(*gi)).count();
    let recall = if required == 0 {
        1.0
    } else {
        matched_req as f64 / required as f64
    };
    let denom = pt.len() - matched_opt;
    let precision = if denom > 0 {
        (pairs.len() - matched_opt) as f64 / denom as f64
    } else if required == 0 {
        1.0
    } else {
        0.0
    };
    let tasks = f1(precision, recall);

    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut roles_right, mut roles_total) = (0usize, 0usize);
    let (mut ttp, mut tfp, mut tfn) = (0usize, 0usize, 0usize);
    let has_targets = gt.iter().any(|g| g.get("targets").is_some());
    for &(gi, pi) in &pairs {
        if optional(gi) {
            continue;
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        for o in pt[pi]["owners"].as_array().unwrap_or(&empty) {
            *names
                .entry(norm(o["name"].as_str().unwrap_or("")))
                .or_default() += 1;
        }
        for go in gt[gi]["owners"].as_array().unwrap_or(&empty) {
            let alts: Vec<String> = match go {
                Value::Array(a) => a.iter().map(|x| norm(x.as_str().unwrap_or(""))).collect(),
                other => vec![norm(other.as_str().unwrap_or(""))],
            };
            match alts
                .iter()
                .find(|a| names.get(*a).copied().unwrap_or(0) > 0)
            {
                Some(hit) => {
                    let gold_role = gt[gi]["owner_roles"].as_object().and_then(|r| {
                        r.iter()
                            .find(|(k, _)| norm(k) == alts[0])
                            .and_then(|(_, v)| v.as_str())
                    });
                    if let Some(want) = gold_role {
                        roles_total += 1;
                        let got = pt[pi]["owners"].as_array().and_then(|a| {
                            a.iter()
                                .find(|o| norm(o["name"].as_str().unwrap_or("")) == *hit)
                                .and_then(|o| o["role"].as_str())
                        });
                        roles_right += usize::from(got == Some(want));
                    }
                    tp += 1;
                    *names.get_mut(hit).expect("counted above") -= 1;
                }
                None => fn_ += 1,
            }
        }
        fp += names.values().sum::<usize>();
        if let Some(gtar) = gt[gi]["targets"].as_array() {
            let mut want: HashMap<String, usize> = HashMap::new();
            for t in gtar {
                *want
                    .entry(qty_from_text(t.as_str().unwrap_or("")))
                    .or_default() += 1;
            }
            let got: Vec<String> = pt[pi]["targets"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter(|t| t["value"].is_number())
                .map(|t| {
                    qty(
                        t["value"].as_f64().unwrap_or(f64::NAN),
                        t["unit"].as_str().unwrap_or(""),
                    )
                })
                .collect();
            let total_want: usize = want.values().sum();
            let mut inter = 0;
            for g in &got {
                if let Some(n) = want.get_mut(g).filter(|n| **n > 0) {
                    *n -= 1;
                    inter += 1;
                }
            }
            ttp += inter;
            tfp += got.len() - inter;
            tfn += total_want - inter;
        }
    }
    let matched: Vec<usize> = pairs.iter().map(|(gi, _)| *gi).collect();
    for (gi, g) in gt.iter().enumerate() {
        if !matched.contains(&gi) && !optional(gi) {
            fn_ += g["owners"].as_array().map_or(0, Vec::len);
            tfn += g["targets"].as_array().map_or(0, Vec::len);
        }
    }
    let op = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else if tp + fn_ == 0 {
        1.0
    } else {
        0.0
    };
    let or = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        1.0
    };
    let targets = has_targets.then(|| {
        // As score.py: nothing emitted where nothing was expected is right.
        let p = if ttp + tfp > 0 {
            ttp as f64 / (ttp + tfp) as f64
        } else if ttp + tfn == 0 {
            1.0
        } else {
            0.0
        };
        let r = if ttp + tfn > 0 {
            ttp as f64 / (ttp + tfn) as f64
        } else {
            1.0
        };
        f1(p, r)
    });
    let gi = gold["indicators"].as_array().unwrap_or(&empty);
    let pi = pred["indicators"].as_array().unwrap_or(&empty);
    if gi.is_empty() && gold["negative"].as_bool() == Some(true) && !pi.is_empty() {
        // a document with nothing to find: any indicator is wrong
        return Score {
            tasks,
            owners: f1(op, or),
            indicators: Some(0.0),
            targets,
            roles: (roles_total > 0).then(|| roles_right as f64 / roles_total as f64),
        };
    }
    let indicators = (!gi.is_empty()).then(|| {
        let mut used = vec![false; pi.len()];
        let mut hit = 0;
        for g in gi {
            let gn = norm(g["name"].as_str().unwrap_or(""));
            let found = pi.iter().enumerate().position(|(k, p)| {
                let pn = norm(p["name"].as_str().unwrap_or(""));
                !used[k]
                    && !pn.is_empty()
                    && (pn == gn
                        || (pn.chars().count() >= 4 && (pn.contains(&gn) || gn.contains(&pn))))
            });
            if let Some(k) = found {
                used[k] = true;
                hit += 1;
            }
        }
        let p = if pi.is_empty() {
            0.0
        } else {
            hit as f64 / pi.len() as f64
        };
        f1(p, hit as f64 / gi.len() as f64)
    });
    Score {
        tasks,
        owners: f1(op, or),
        indicators,
        targets,
        roles: (roles_total > 0).then(|| roles_right as f64 / roles_total as f64),
    }
}

/// The scorer's canonical quantity: 10 + 万名 and 100000 + 名 are the same.
fn qty(value: f64, unit: &str) -> String {
    let mut unit = norm(unit);
    let mut value = value;
    for (prefix, mult) in [("万", 1e4), ("亿", 1e8)] {
        if unit.starts_with(prefix) && unit.chars().count() > 1 {
            value *= mult;
            unit = unit.chars().skip(1).collect();
        }
    }
    let unit = match unit.as_str() {
        "平米" | "㎡" | "m2" => "平方米".to_string(),
        "个百分点" | "％" => "%".to_string(),
        _ => unit,
    };
    format!("{value}|{unit}")
}

fn qty_from_text(s: &str) -> String {
    let s = norm(s);
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    qty(s[..split].parse().unwrap_or(f64::NAN), &s[split..])
}

#[test]
fn accuracy_floors() {
    let mut failures = Vec::new();
    for &Floor {
        input,
        gold: stem,
        tasks,
        owners,
        indicators,
        targets,
        roles,
    } in FLOORS
    {
        let doc = extract(&root().join(input)).unwrap_or_else(|e| panic!("{input}: {e:#}"));
        let pred = serde_json::to_value(doc).expect("documents serialize");
        let s = score(&gold_for(stem), &pred);
        let mut check = |what: &str, got: Option<f64>, floor: Option<f64>| {
            if let Some(floor) = floor {
                let got = got.unwrap_or(0.0);
                if got + 1e-9 < floor {
                    failures.push(format!(
                        "{input}: {what} F1 {got:.3} below its floor {floor:.3}"
                    ));
                }
            }
        };
        check("tasks", Some(s.tasks), Some(tasks));
        check("owners", Some(s.owners), Some(owners));
        check("indicators", s.indicators, indicators);
        check("targets", s.targets, targets);
        check("roles", s.roles, roles);
        eprintln!("{input}: {s:?}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scorer_counts_a_missing_task() {
    let gold = serde_json::json!({"tasks": [
        {"number": "1", "text_head": "甲乙丙", "owners": ["县民政局"]},
        {"number": "2", "text_head": "丁戊己", "owners": ["县财政局"]}
    ]});
    let pred = serde_json::json!({"tasks": [
        {"number": "1", "title": null, "text": "甲乙丙丁", "owners": [{"name": "县民政局"}, {"name": "县教育局"}]}
    ]});
    let s = score(&gold, &pred);
    assert!((s.tasks - 2.0 / 3.0).abs() < 1e-9, "{s:?}");
    assert!((s.owners - 0.5).abs() < 1e-9, "{s:?}");
}
