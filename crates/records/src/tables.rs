//! The tables an analyst filters — tasks, owners, indicators, errors: the one
//! definition of their columns and of what goes in each cell.

use policy_kit::{Document, OwnerRole, Quantity, Task};

use crate::outcome::Outcome;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

/// One table: a name (the CSV file stem and the sheet name), a header and rows.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub header: &'static [Column],
    pub rows: Vec<Vec<Value>>,
}

/// One column: its name, and what its cells hold, so that every batch's
/// table has the same types (a Parquet partition or a data frame must not
/// guess a column's type from the values it happens to hold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnKind,
}

/// What a column's cells hold; any of them may also be [`Value::Empty`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// [`Value::Text`].
    Text,
    /// [`Value::Number`], any real number.
    Number,
    /// [`Value::Number`], always a whole number (years, byte offsets).
    Integer,
}

impl Column {
    const fn text(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Text,
        }
    }

    const fn number(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Number,
        }
    }

    const fn integer(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Integer,
        }
    }
}

pub const TASKS_HEADER: &[Column] = &[
    Column::text("file"),
    Column::text("id"),
    Column::text("number"),
    Column::text("path"),
    Column::text("box"),
    Column::text("title"),
    Column::text("owners"),
    Column::text("lead_owner"),
    Column::text("deadline"),
    Column::text("deadline_kind"),
    Column::integer("deadline_year"),
    Column::text("targets"),
    Column::text("text"),
    Column::integer("span_start"),
    Column::integer("span_end"),
];
pub const OWNERS_HEADER: &[Column] = &[
    Column::text("file"),
    Column::text("task_id"),
    Column::text("number"),
    Column::text("title"),
    Column::text("owner"),
    Column::text("role"),
];
pub const INDICATORS_HEADER: &[Column] = &[
    Column::text("file"),
    Column::text("name"),
    Column::text("box"),
    Column::number("baseline_value"),
    Column::text("baseline_unit"),
    Column::integer("baseline_year"),
    Column::text("target_comparator"),
    Column::number("target_value"),
    Column::text("target_unit"),
    Column::integer("target_year"),
    Column::text("attribute"),
];
pub const ERRORS_HEADER: &[Column] = &[
    Column::text("file"),
    Column::text("kind"),
    Column::text("message"),
];

/// The four tables of a batch, in this order: tasks, owners, indicators, errors.
pub fn build_tables(outcomes: &[Outcome]) -> [Table; 4] {
    let mut tasks = Table {
        name: "tasks",
        header: TASKS_HEADER,
        rows: Vec::new(),
    };
    let mut owners = Table {
        name: "owners",
        header: OWNERS_HEADER,
        rows: Vec::new(),
    };
    let mut indicators = Table {
        name: "indicators",
        header: INDICATORS_HEADER,
        rows: Vec::new(),
    };
    let mut errors = Table {
        name: "errors",
        header: ERRORS_HEADER,
        rows: Vec::new(),
    };
    for outcome in outcomes {
        let file = || text(&outcome.path);
        match &outcome.result {
            Ok(document) => {
                for task in &document.tasks {
                    tasks.rows.push(task_row(file(), task));
                    for owner in &task.owners {
                        owners.rows.push(vec![
                            file(),
                            text(&task.id),
                            opt_text(task.number.as_deref()),
                            opt_text(task.title.as_deref()),
                            text(&owner.name),
                            text(role_name(owner.role)),
                        ]);
                    }
                }
                indicator_rows(file(), document, &mut indicators.rows);
            }
            Err(failure) => {
                errors
                    .rows
                    .push(vec![file(), text(&failure.kind), text(&failure.message)])
            }
        }
    }
    [tasks, owners, indicators, errors]
}

fn task_row(file: Value, task: &Task) -> Vec<Value> {
    let owner_names: Vec<&str> = task
        .owners
        .iter()
        .map(|owner| owner.name.as_str())
        .collect();
    let lead = task
        .owners
        .iter()
        .find(|owner| owner.role == OwnerRole::Lead)
        .or_else(|| task.owners.first())
        .map(|owner| owner.name.as_str());
    let targets: Vec<&str> = task
        .targets
        .iter()
        .map(|target| target.raw.as_str())
        .collect();
    vec![
        file,
        text(&task.id),
        opt_text(task.number.as_deref()),
        text(&task.path.join(" > ")),
        opt_text(task.in_box.as_ref().map(|b| b.id.as_str())),
        opt_text(task.title.as_deref()),
        text(&owner_names.join("、")),
        opt_text(lead),
        opt_text(task.deadline.as_ref().map(|d| d.raw.as_str())),
        opt_text(
            task.deadline
                .as_ref()
                .map(|d| enum_name(&d.kind))
                .as_deref(),
        ),
        opt_number(task.deadline.as_ref().and_then(|d| d.year).map(f64::from)),
        text(&targets.join("；")),
        text(&task.text),
        Value::Number(task.span.start as f64),
        Value::Number(task.span.end as f64),
    ]
}

fn indicator_rows(file: Value, document: &Document, rows: &mut Vec<Vec<Value>>) {
    for indicator in &document.indicators {
        let baseline = indicator.baseline.as_ref();
        let target = indicator.target.as_ref();
        rows.push(vec![
            file.clone(),
            text(&indicator.name),
            opt_text(indicator.in_box.as_deref()),
            opt_number(baseline.and_then(|q| q.value)),
            opt_text(baseline.and_then(|q| q.unit.as_deref())),
            opt_number(baseline.and_then(|q| q.year).map(f64::from)),
            opt_text(
                target
                    .and_then(|q| q.comparator)
                    .map(|c| enum_name(&c))
                    .as_deref(),
            ),
            opt_number(target.and_then(|q: &Quantity| q.value)),
            opt_text(target.and_then(|q| q.unit.as_deref())),
            opt_number(target.and_then(|q| q.year).map(f64::from)),
            opt_text(indicator.attribute.as_deref()),
        ]);
    }
}

fn role_name(role: OwnerRole) -> &'static str {
    match role {
        OwnerRole::Lead => "lead",
        OwnerRole::Co => "co",
        OwnerRole::Responsible => "responsible",
    }
}

/// The JSON name of a unit enum (`by`, `>=`): one source of truth, the serde attributes.
fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, text)
}

fn opt_number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_rows() {
        let source = policy_kit::Source::new("a.txt", policy_kit::SourceFormat::Text);
        let mut document = Document::new(source);
        document.tasks.push(Task {
            id: "t1".into(),
            number: Some("1".into()),
            path: vec!["一、任务".into(), "（一）服务".into()],
            in_box: None,
            title: Some("建设".into()),
            text: "建设中心。".into(),
            owners: vec![
                policy_kit::Owner {
                    name: "甲局".into(),
                    role: OwnerRole::Co,
                    raw: "甲局".into(),
                },
                policy_kit::Owner {
                    name: "乙局".into(),
                    role: OwnerRole::Lead,
                    raw: "乙局".into(),
                },
            ],
            owner_note: None,
            deadline: None,
            targets: Vec::new(),
            span: policy_kit::Span::new(0, 15),
        });
        let outcomes = [Outcome {
            path: "a.txt".into(),
            result: Ok(document),
            decoded: None,
        }];
        let [tasks, owners, indicators, errors] = build_tables(&outcomes);
        assert_eq!(tasks.rows.len(), 1);
        assert_eq!(tasks.rows[0].len(), TASKS_HEADER.len());
        assert_eq!(tasks.rows[0][3], text("一、任务 > （一）服务"));
        assert_eq!(tasks.rows[0][6], text("甲局、乙局"));
        assert_eq!(tasks.rows[0][7], text("乙局"));
        assert_eq!(owners.rows.len(), 2);
        assert_eq!(owners.rows[0].len(), OWNERS_HEADER.len());
        assert!(indicators.rows.is_empty());
        assert!(errors.rows.is_empty());
    }

    /// Every cell the seeds and fixtures give is of its column's kind: the
    /// declared kinds are what Parquet and pandas get, so they must be true.
    #[test]
    fn cells_match_their_column_kinds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut outcomes = Vec::new();
        for folder in ["seeds", "fixtures"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
                .expect("the repository's corpus")
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.is_file())
                .collect();
            files.sort();
            for file in files {
                let path = file.display().to_string();
                outcomes.push(crate::extract_file(&file, path, &Default::default(), false));
            }
        }
        outcomes.push(Outcome::io_failure("gone.txt".into(), "cannot read".into()));
        let tables = build_tables(&outcomes);
        let mut n_cells = [0usize; 3];
        for table in &tables {
            assert!(!table.rows.is_empty(), "no rows in {}", table.name);
            for row in &table.rows {
                assert_eq!(row.len(), table.header.len(), "{}", table.name);
                for (column, value) in table.header.iter().zip(row) {
                    let fits = match (column.kind, value) {
                        (_, Value::Empty) => true,
                        (ColumnKind::Text, Value::Text(_)) => true,
                        (ColumnKind::Number, Value::Number(_)) => true,
                        (ColumnKind::Integer, Value::Number(n)) => n.fract() == 0.0,
                        _ => false,
                    };
                    assert!(fits, "{}.{}: {value:?}", table.name, column.name);
                    if !matches!(value, Value::Empty) {
                        n_cells[column.kind as usize] += 1;
                    }
                }
            }
        }
        assert!(
            n_cells.iter().all(|&n| n > 0),
            "every kind seen: {n_cells:?}"
        );
    }
}
