//! Tables drawn without rules: runs of lines whose pieces (split by wide
//! gaps) start at the same x positions.

use policy_blocks::Merge;

use super::Item;
use crate::lines::{Line, join_wrapped};
use crate::tables::Fragment;

/// Runs of at least three lines split by wide gaps into pieces that start at
/// the same x positions: a table drawn without rules. A one-piece line right
/// below that starts at one of the later columns continues that cell.
pub(super) fn aligned_tables(items: Vec<Item>) -> Vec<Item> {
    let mut out = Vec::with_capacity(items.len());
    let mut iter = items.into_iter();
    let mut run: Vec<Line> = Vec::new();
    loop {
        let next = iter.next();
        let extends = match &next {
            Some(Item::Line(l)) => l.pieces.len() >= 2 || continues_column(&run, l),
            _ => false,
        };
        if extends {
            if let Some(Item::Line(l)) = next {
                run.push(l);
            }
            continue;
        }
        flush_run(&mut run, &mut out);
        match next {
            Some(item) => out.push(item),
            None => break,
        }
    }
    out
}

fn continues_column(run: &[Line], line: &Line) -> bool {
    let Some(prev) = run.last() else { return false };
    let size = prev.size.max(1.0);
    let first_x = run.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    line.pieces.len() == 1
        && line.page == prev.page
        && line.y - prev.y < 2.0 * size
        && line.x0 > first_x + size
        && run
            .iter()
            .flat_map(|l| l.pieces.iter().skip(1))
            .any(|(x, _)| (x - line.x0).abs() < size)
}

fn flush_run(run: &mut Vec<Line>, out: &mut Vec<Item>) {
    let lines = std::mem::take(run);
    let multi = lines.iter().filter(|l| l.pieces.len() >= 2).count();
    let columns = if multi >= 3 {
        column_starts(&lines)
    } else {
        Vec::new()
    };
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    if columns.len() < 2 || columns.len() > 15 {
        out.extend(lines.into_iter().map(Item::Line));
        return;
    }
    let column_of = |x: f32| {
        columns
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map_or(0, |(i, _)| i)
    };
    let mut rows: Vec<Vec<(String, Merge)>> = Vec::new();
    for line in &lines {
        if line.pieces.len() >= 2 || rows.is_empty() {
            rows.push(vec![(String::new(), Merge::None); columns.len()]);
        }
        if let Some(row) = rows.last_mut() {
            for (x, piece) in &line.pieces {
                if let Some(cell) = row.get_mut(column_of(*x)) {
                    join_wrapped(&mut cell.0, piece);
                }
            }
        }
    }
    let n_cols = columns.len();
    out.push(Item::Table(Fragment {
        page: first.page,
        top: first.y - first.size,
        bottom: last.y,
        rows,
        last_row_ends_short: vec![false; n_cols],
    }));
}

/// Left edges shared by the pieces of the multi-piece lines, each used by at
/// least two lines.
fn column_starts(lines: &[Line]) -> Vec<f32> {
    let size = lines.first().map_or(10.0, |l| l.size.max(1.0));
    let mut xs: Vec<f32> = lines
        .iter()
        .filter(|l| l.pieces.len() >= 2)
        .flat_map(|l| l.pieces.iter().map(|p| p.0))
        .collect();
    xs.sort_by(f32::total_cmp);
    let mut clusters: Vec<(f32, usize)> = Vec::new();
    for x in xs {
        match clusters.last_mut() {
            Some((start, n)) if x - *start < size => *n += 1,
            _ => clusters.push((x, 1)),
        }
    }
    if clusters.iter().any(|&(_, n)| n < 2) {
        return Vec::new();
    }
    clusters.into_iter().map(|(x, _)| x).collect()
}

#[cfg(test)]
mod aligned_tests {
    use super::*;
    use crate::lines::Line;

    fn line(y: f32, pieces: &[(f32, &str)]) -> Item {
        let pieces: Vec<(f32, String)> = pieces.iter().map(|(x, t)| (*x, t.to_string())).collect();
        let text = pieces.iter().map(|p| p.1.as_str()).collect();
        let x0 = pieces.first().map_or(0.0, |p| p.0);
        Item::Line(Line {
            page: 1,
            y,
            x0,
            x1: 400.0,
            size: 10.0,
            text,
            pieces,
        })
    }

    #[test]
    fn aligned_pieces_become_a_table_and_prose_stays() {
        let items = vec![
            line(10.0, &[(0.0, "一、总体要求")]),
            line(30.0, &[(0.0, "序号"), (50.0, "任务"), (200.0, "责任单位")]),
            line(45.0, &[(0.0, "1"), (50.0, "建设平台"), (200.0, "省商务厅")]),
            line(57.0, &[(200.0, "省财政厅")]),
            line(70.0, &[(0.0, "2"), (50.0, "开展活动"), (200.0, "各市政府")]),
            line(90.0, &[(0.0, "二、保障措施")]),
        ];
        let out = aligned_tables(items);
        assert_eq!(out.len(), 3);
        let Some(Item::Table(t)) = out.get(1) else {
            panic!("no table: {out:?}")
        };
        let texts: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.0.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["序号", "任务", "责任单位"],
                vec!["1", "建设平台", "省商务厅省财政厅"],
                vec!["2", "开展活动", "各市政府"]
            ]
        );
    }
}
