//! The tables an analyst filters — tasks, owners, indicators, errors — and
//! their CSV and XLSX forms.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use policy_kit::{Document, OwnerRole, Quantity, Task};
use rust_xlsxwriter::{Format, Workbook};

use crate::batch::Outcome;

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
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

pub const TASKS_HEADER: &[&str] = &[
    "file",
    "id",
    "number",
    "path",
    "box",
    "title",
    "owners",
    "lead_owner",
    "deadline",
    "deadline_kind",
    "deadline_year",
    "targets",
    "text",
    "span_start",
    "span_end",
];
pub const OWNERS_HEADER: &[&str] = &["file", "task_id", "number", "title", "owner", "role"];
pub const INDICATORS_HEADER: &[&str] = &[
    "file",
    "name",
    "box",
    "baseline_value",
    "baseline_unit",
    "baseline_year",
    "target_comparator",
    "target_value",
    "target_unit",
    "target_year",
    "attribute",
];
pub const ERRORS_HEADER: &[&str] = &["file", "kind", "message"];

/// The four tables of a batch, in this order: tasks, owners, indicators, errors.
pub fn build(outcomes: &[Outcome]) -> [Table; 4] {
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
                    .push(vec![file(), text(failure.kind), text(&failure.message)])
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

impl Value {
    fn to_csv_field(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Empty => String::new(),
        }
    }

    /// Display width in columns, CJK counted double, for the XLSX column widths.
    fn width(&self) -> usize {
        match self {
            Value::Text(s) => display_width(s),
            Value::Number(n) => n.to_string().len(),
            Value::Empty => 0,
        }
    }
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Writes `<dir>/<table>.csv` for each table, UTF-8 with a BOM so that
/// spreadsheet programs read the Chinese right.
pub fn write_csv(tables: &[Table], dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    for table in tables {
        let path = dir.join(format!("{}.csv", table.name));
        let write = || -> anyhow::Result<()> {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
            file.write_all("\u{FEFF}".as_bytes())?;
            let mut writer = csv::Writer::from_writer(file);
            writer.write_record(table.header)?;
            for row in &table.rows {
                writer.write_record(row.iter().map(Value::to_csv_field))?;
            }
            writer.flush()?;
            Ok(())
        };
        write().with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Writes one workbook with a sheet per table: bold frozen header, autofilter, column widths.
pub fn write_xlsx(tables: &[Table], path: &Path) -> anyhow::Result<()> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        let mut widths: Vec<usize> = table.header.iter().map(|h| h.len()).collect();
        for (col_idx, name) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col_idx as u16, *name, &bold)?;
        }
        for (row_idx, row) in table.rows.iter().enumerate() {
            let excel_row = row_idx as u32 + 1;
            for (col_idx, value) in row.iter().enumerate() {
                let col = col_idx as u16;
                match value {
                    Value::Text(s) if s.chars().count() > MAX_CELL_CHARS => {
                        let cut: String = s.chars().take(MAX_CELL_CHARS).collect();
                        sheet.write_string(excel_row, col, cut)?;
                    }
                    Value::Text(s) => {
                        sheet.write_string(excel_row, col, s)?;
                    }
                    Value::Number(n) => {
                        sheet.write_number(excel_row, col, *n)?;
                    }
                    Value::Empty => {}
                }
                if let Some(width) = widths.get_mut(col_idx) {
                    *width = (*width).max(value.width());
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_col = table.header.len().saturating_sub(1) as u16;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
        for (col_idx, width) in widths.iter().enumerate() {
            // Room for the filter button; long text columns stay readable on a screen.
            let width = (*width + 3).clamp(8, 60);
            sheet.set_column_width(col_idx as u16, width as f64)?;
        }
    }
    workbook
        .save(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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
        let [tasks, owners, indicators, errors] = build(&outcomes);
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
}
