//! Which lines of a row form which cell, where the layout does not say:
//! each piece has a [`Shape`] (a sentence, an organisation's name, a person's
//! name, a date), each column kind a cost for each shape ([`fit`]), and
//! [`align`] finds the cheapest way to lay a row's pieces over the columns,
//! a missing cell merged with the one above and lines left after the last
//! column a sub-row. [`last_row_len`] uses the same costs to say where the
//! last row, and so the table, ends.

use std::ops::Range;

use policy_grammar::chars::is_cjk;
use policy_grammar::lexicon;
use policy_grammar::owners::looks_like_org;

use super::header::Kind;
use super::{Layout, MAX_CELL_PIECES, Piece};

/// Where one column's cell of a sub-row comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    /// Not in the text: merged with the cell above (or blank).
    Missing,
    /// These pieces, in order.
    Filled(Range<usize>),
}

/// The shape of a piece, as a column would judge it.
#[derive(Clone, Copy, Debug)]
struct Shape {
    sentence: bool,
    org: bool,
    person: bool,
    date: bool,
    short: bool,
    /// Holds a digit: a figure or a date, not a name.
    figure: bool,
    chars: usize,
}

fn shape(text: &str) -> Shape {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    let parts: Vec<&str> = compact
        .split(['、', '，', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let org = !parts.is_empty()
        && parts.iter().all(|p| {
            let p = p.trim_end_matches('等');
            looks_like_org(p) || lexicon::SUB_UNITS.iter().any(|u| p.ends_with(u))
        });
    let person = !org
        && !parts.is_empty()
        && parts
            .iter()
            .all(|p| (2..=4).contains(&p.chars().count()) && p.chars().all(is_cjk));
    let sentence = compact.contains(lexicon::SENTENCE_ENDS)
        || compact.contains(['，', ','])
        || (n > 40 && !org);
    // A date, or a few characters naming a stretch of time (全年, 当年).
    let date = n <= 16
        && ((compact
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_numeric())
            && compact.contains(['年', '月', '日', '季', '底', '前']))
            || (n <= 4 && compact.contains(['年', '月', '季']))
            || lexicon::contains_any(&compact, lexicon::DEADLINE_ONGOING)
            || lexicon::contains_any(&compact, lexicon::DEADLINE_THIS_YEAR));
    Shape {
        sentence,
        org,
        person,
        date,
        short: n <= 12 && !sentence,
        figure: compact.chars().any(|c| c.is_ascii_digit()),
        chars: n,
    }
}

/// What putting a piece of this shape in a column of this kind costs.
fn fit(kind: Kind, s: Shape) -> f64 {
    match kind {
        Kind::Seq => 9.0,
        Kind::Owner => {
            if s.org {
                0.0
            } else if s.sentence {
                2.5
            } else if s.figure {
                2.0
            } else if s.date {
                1.5
            } else if s.person {
                1.0
            } else if s.chars <= 6 {
                0.5
            } else {
                1.5
            }
        }
        Kind::Deadline => {
            if s.date {
                0.0
            } else if s.sentence {
                3.0
            } else if s.org {
                1.5
            } else if s.person {
                1.0
            } else {
                1.5
            }
        }
        Kind::Text => {
            if s.sentence {
                0.0
            } else if s.date {
                1.0
            } else if s.org || s.person {
                0.8
            } else {
                0.2
            }
        }
        Kind::Aux => {
            if s.person {
                0.1
            } else if s.org {
                0.8
            } else if s.sentence {
                0.2
            } else {
                0.3
            }
        }
    }
}

/// The cost of one more piece in a cell already holding one.
fn continuation(kind: Kind, layout: Layout) -> f64 {
    match (kind, layout) {
        // A cell wrapped at a space.
        (Kind::Text | Kind::Aux, Layout::SpacedRows) => 0.1,
        (Kind::Owner, _) => 0.15,
        (Kind::Text, _) => 1.0,
        (Kind::Aux, _) => 1.2,
        (Kind::Deadline, _) => 1.5,
        (Kind::Seq, _) => 9.0,
    }
}

/// A cell not in the text (a leading one costs [`LEADING_DISCOUNT`] less:
/// the cells a rowspan drops come first, but a row's text is not pushed to
/// its last column for it).
fn skip(kind: Kind) -> f64 {
    match kind {
        Kind::Aux => 0.5,
        Kind::Deadline => 0.8,
        _ => 1.0,
    }
}

const LEADING_DISCOUNT: f64 = 0.1;
/// A leading cell missing from a sub-row.
const SUB_ROW_LEADING_SKIP: f64 = 0.2;
/// A cell of a spaced row that opens with one or two characters.
const FRAGMENT: f64 = 0.5;
/// A spaced row's short piece joined to a sentence after it.
const TITLE_INTO_SENTENCE: f64 = 0.5;
/// Starting a sub-row: lines left after the last column.
const WRAP: f64 = 1.5;
/// What a piece placed in the table's last row is worth against its cost.
const GAIN: f64 = 0.5;

#[derive(Clone, Copy, Debug)]
enum Step {
    Skip,
    Fill(usize),
    Drop,
    Wrap,
}

/// Aligns `pieces` to `columns`: sub-rows of slots, and the cost of every
/// prefix of the pieces aligned alone (`costs[k]` for the first `k`; infinite
/// where no alignment ends there).
pub(super) fn align(
    columns: &[Kind],
    pieces: &[Piece],
    layout: Layout,
) -> (Vec<f64>, Vec<Vec<Slot>>) {
    let n = columns.len();
    let m = pieces.len();
    if n == 0 {
        return (vec![0.0; m + 1], Vec::new());
    }
    if m == 0 {
        return (vec![0.0], vec![vec![Slot::Missing; n]]);
    }
    let shapes: Vec<Shape> = pieces.iter().map(|p| shape(&p.text)).collect();
    let idx = |i: usize, j: usize, any: bool| (i * (n + 1) + j) * 2 + usize::from(any);
    let size = (m + 1) * (n + 1) * 2;
    let mut cost = vec![f64::INFINITY; size];
    let mut back: Vec<Option<(usize, Step)>> = vec![None; size];
    cost[idx(0, 0, false)] = 0.0;
    let relax = |cost: &mut Vec<f64>,
                 back: &mut Vec<Option<(usize, Step)>>,
                 from: usize,
                 to: usize,
                 c: f64,
                 step: Step| {
        let total = cost[from] + c;
        if total < cost[to] {
            cost[to] = total;
            back[to] = Some((from, step));
        }
    };
    for i in 0..=m {
        for any in [true, false] {
            for j in 0..=n {
                let from = idx(i, j, any);
                if !cost[from].is_finite() {
                    continue;
                }
                if let Some(&kind) = columns.get(j) {
                    let s = if any {
                        skip(kind)
                    } else if i > 0 {
                        // A sub-row (only a wrap leaves a later piece with
                        // nothing placed): its leading cells are the merged ones.
                        SUB_ROW_LEADING_SKIP
                    } else {
                        skip(kind) - LEADING_DISCOUNT
                    };
                    relax(
                        &mut cost,
                        &mut back,
                        from,
                        idx(i, j + 1, any),
                        s,
                        Step::Skip,
                    );
                    let mut c = 0.0;
                    for k in 1..=MAX_CELL_PIECES.min(m - i) {
                        let p = &pieces[i + k - 1];
                        if p.empty {
                            if k == 1 {
                                relax(
                                    &mut cost,
                                    &mut back,
                                    from,
                                    idx(i + 1, j + 1, true),
                                    0.0,
                                    Step::Fill(1),
                                );
                            }
                            break;
                        }
                        c += fit(kind, shapes[i + k - 1]);
                        let fragment = layout == Layout::SpacedRows && p.text.chars().count() <= 2;
                        if k > 1 && !fragment {
                            c += continuation(kind, layout);
                            if layout == Layout::SpacedRows
                                && shapes[i + k - 2].short
                                && shapes[i + k - 1].sentence
                            {
                                // A short name does not run on into a sentence.
                                c += TITLE_INTO_SENTENCE;
                            }
                        } else if k == 1 && fragment && matches!(kind, Kind::Text | Kind::Aux) {
                            // One or two characters after a space are the end
                            // of the word the space cut: they start no cell.
                            c += FRAGMENT;
                        }
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i + k, j + 1, true),
                            c,
                            Step::Fill(k),
                        );
                    }
                } else if any && i < m {
                    if pieces[i].empty {
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i + 1, n, true),
                            0.0,
                            Step::Drop,
                        );
                    } else {
                        relax(
                            &mut cost,
                            &mut back,
                            from,
                            idx(i, 0, false),
                            WRAP,
                            Step::Wrap,
                        );
                    }
                }
            }
        }
    }
    let last = idx(m, n, true);
    let prefixes: Vec<f64> = (0..=m).map(|k| cost[idx(k, n, true)]).collect();
    // Walk back: steps in reverse, then replay them into sub-rows.
    let mut steps = Vec::new();
    let mut at = last;
    while let Some((from, step)) = back[at] {
        steps.push(step);
        at = from;
    }
    steps.reverse();
    let mut rows: Vec<Vec<Slot>> = vec![Vec::with_capacity(n)];
    let mut i = 0;
    for step in steps {
        let row = rows.last_mut().expect("a sub-row is always open");
        match step {
            Step::Skip => row.push(Slot::Missing),
            Step::Fill(k) => {
                if pieces[i].empty {
                    row.push(Slot::Filled(i..i));
                } else {
                    row.push(Slot::Filled(i..i + k));
                }
                i += k;
            }
            Step::Drop => i += 1,
            Step::Wrap => rows.push(Vec::with_capacity(n)),
        }
    }
    (prefixes, rows)
}

/// How many of the pieces after the last row's number belong to it, where
/// nothing but a poor fit says where the table ends: the prefix that
/// explains the most pieces for the least cost, each piece worth [`GAIN`].
/// A sub-row costs more than that ([`WRAP`]): lines after the last row's
/// last column are taken as text after the table.
pub(super) fn last_row_len(columns: &[Kind], pieces: &[Piece], layout: Layout) -> usize {
    let cap = pieces.len().min(columns.len() * 3 + 2);
    let all_skipped: f64 = columns.iter().map(|k| skip(*k)).sum();
    let (costs, _) = align(columns, &pieces[..cap], layout);
    let mut best = (-all_skipped, 0);
    for (k, cost) in costs.iter().enumerate().skip(1) {
        let score = k as f64 * GAIN - cost;
        if score > best.0 {
            best = (score, k);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use crate::tables::tests::read;

    #[test]
    fn a_person_column_and_a_remarks_column_do_not_take_owners() {
        // 责任领导 holds people, 备注 is mostly blank; merged cells are missing.
        let text = "序号\n类别\n工作任务\n完成时限\n责任领导\n责任股室\n（单位）\n备注\n1\n公共文化\n开放服务人次增长15%。\n12月底前\n张某某\n文化股\n文化馆\n图书馆\n2\n组织惠民演出100场。\n文化股\n3\n文化产业\n培育文化企业1家。\n5月底\n王 某\n旅游股\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|类别|工作任务|完成时限|责任领导|责任股室（单位）|备注 / 1|公共文化|开放服务人次增长15%。|12月底前|张某某|文化股⏎文化馆⏎图书馆|^ / 2|^|组织惠民演出100场。|^|^|文化股|^ / 3|文化产业|培育文化企业1家。|5月底|王某|旅游股|^"
            ]
        );
    }
}
