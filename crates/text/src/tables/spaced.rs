//! The layout of PDF-to-text: one row per line, its cells split by spaces,
//! an empty cell a doubled space. A row is a line opening with the next bare
//! sequence number; a cell wrapped at a space comes as several tokens, which
//! the alignment ([`align`](mod@super::align)) joins back.

use policy_blocks::Span;

use super::header::{Kind, anchor_value, column_kinds, header_run, is_category_line};
use super::{Found, Layout, MAX_ROW_PIECES, Piece, RawRow};
use crate::forms::{Line, clean};

pub(super) fn spaced_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    let header_tokens = tokens(&lines[i]);
    if header_tokens.len() < 3 || header_tokens.iter().any(|t| t.empty) {
        return None;
    }
    let (header, taken) = header_run(header_tokens.iter())?;
    if taken != header_tokens.len() {
        return None;
    }
    let kinds = column_kinds(&header)?;
    let mut rows = Vec::new();
    let mut expected: Option<u32> = None;
    let mut end = i + 1;
    let mut categories = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(i + 1) {
        if line.is_blank() {
            continue;
        }
        let text = clean(line.text);
        if is_category_line(&text) && !text.contains(' ') {
            categories.push(Piece::new(line.text, line.trimmed_span()));
            continue;
        }
        let mut toks = tokens(line);
        let Some(value) = toks
            .first()
            .and_then(|t| anchor_value(&t.text))
            .filter(|v| expected.is_none_or(|e| *v == e))
        else {
            break;
        };
        if !kinds.contains(&Kind::Seq) {
            break;
        }
        if toks.len() > MAX_ROW_PIECES {
            break;
        }
        rows.extend(categories.drain(..).map(RawRow::Category));
        expected = Some(value + 1);
        let anchor = toks.remove(0);
        rows.push(RawRow::Data {
            anchor,
            pieces: toks,
        });
        end = n + 1;
    }
    if rows.is_empty() {
        return None;
    }
    Some(Found {
        layout: Layout::SpacedRows,
        header,
        rows,
        end,
    })
}

/// A line's cells split at spaces: a run of `n` spaces holds `n - 1` empty cells.
fn tokens(line: &Line<'_>) -> Vec<Piece> {
    let is_space = |c: char| c == ' ' || c == '\u{3000}' || c == '\t' || c == '\u{a0}';
    let text = line.text;
    let body = text.trim_end_matches(is_space);
    let lead = body.len() - body.trim_start_matches(is_space).len();
    let mut out = Vec::new();
    let mut at = lead;
    let mut gap = 0;
    for (idx, c) in body[lead..].char_indices().map(|(k, c)| (k + lead, c)) {
        if is_space(c) {
            if gap == 0 && at < idx {
                out.push(Piece::new(
                    &text[at..idx],
                    Span::new(line.start + at, line.start + idx),
                ));
            }
            gap += 1;
            at = idx + c.len_utf8();
        } else if gap > 0 {
            out.extend((1..gap).map(|_| Piece::blank(line.start + idx)));
            gap = 0;
        }
    }
    if at < body.len() {
        out.push(Piece::new(
            &text[at..body.len()],
            Span::new(line.start + at, line.start + body.len()),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tests::read;

    #[test]
    fn spaced_rows_with_blank_cells_and_wrapped_words() {
        let text = "分解表\n序号 类别 主要任务 细化措施 牵头单位 参与单位\n1 加强资源保 护 严守保护红线 落实用途管制，严格控制。 市林业局 市资源局、市发改委等\n2  严守资源 消耗 红线 健全监测体系。 市林业局 市统计局\n3   抓好防火。完善队伍。 市应急局 市林业局\n说明：以上任务按季度调度。\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 分解表",
                "序号|类别|主要任务|细化措施|牵头单位|参与单位 / 1|加强资源保护|严守保护红线|落实用途管制，严格控制。|市林业局|市资源局、市发改委等 / 2||严守资源消耗红线|健全监测体系。|市林业局|市统计局 / 3|||抓好防火。完善队伍。|市应急局|市林业局",
                "P 说明：以上任务按季度调度。",
            ]
        );
        assert!(notes[0].message.contains("split by spaces"), "{}", notes[0]);
    }

    #[test]
    fn spaced_tokens() {
        let line = Line {
            text: "2  甲 乙   丙",
            start: 10,
        };
        let toks: Vec<(String, bool)> = tokens(&line)
            .into_iter()
            .map(|p| (p.text, p.empty))
            .collect();
        assert_eq!(
            toks,
            [
                ("2".to_string(), false),
                (String::new(), true),
                ("甲".to_string(), false),
                ("乙".to_string(), false),
                (String::new(), true),
                (String::new(), true),
                ("丙".to_string(), false),
            ]
        );
    }
}
