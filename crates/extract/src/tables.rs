//! The CSV and XLSX forms of the tables an analyst filters (tasks, owners,
//! indicators, errors); the tables themselves, columns included, are
//! [`policy_records::build_tables`], shared with the Python package.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use policy_records::{Table, Value};
use rust_xlsxwriter::{Format, Workbook};

fn csv_field(value: &Value) -> String {
    match value {
        Value::Text(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

/// Display width in columns, CJK counted double, for the XLSX column widths.
fn cell_width(value: &Value) -> usize {
    match value {
        Value::Text(s) => display_width(s),
        Value::Number(n) => n.to_string().len(),
        Value::Empty => 0,
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
            writer.write_record(table.header.iter().map(|column| column.name))?;
            for row in &table.rows {
                writer.write_record(row.iter().map(csv_field))?;
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
        let mut widths: Vec<usize> = table.header.iter().map(|c| c.name.len()).collect();
        for (col_idx, column) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col_idx as u16, column.name, &bold)?;
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
                    *width = (*width).max(cell_width(value));
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
