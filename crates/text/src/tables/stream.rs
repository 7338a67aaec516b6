//! The one-cell-per-line layouts: a web page's table copied as text, each
//! cell a line or a paragraph, or a site converter's, each cell closed by
//! ` |` and an empty cell a lone `|`. The cells come as a [`Stream`] read as
//! far as the table goes; [`grouped`] takes the header cells, then cuts the
//! rows at bare sequence numbers that continue the numbering (with the
//! category lines between them), leaving which lines form which cell to
//! [`align`](mod@super::align).

use policy_blocks::Span;

use super::align::last_row_len;
use super::header::{
    Anchor, Kind, anchor, column_kinds, header_run, is_category_line, is_header_cell, kind_of,
};
use super::{Found, Layout, MAX_COLUMNS, MAX_ROW_PIECES, Piece, RawRow};
use crate::forms::{Line, clean};

/// The cells of a one-cell-per-line table, read from the lines as far as
/// they are asked for (a table ends long before the document does).
struct Stream<'l, 'a> {
    lines: &'l [Line<'a>],
    layout: Layout,
    /// Pieces read so far, each with the index of its line.
    pieces: Vec<(Piece, usize)>,
    next_line: usize,
    done: bool,
}

impl<'l, 'a> Stream<'l, 'a> {
    fn new(lines: &'l [Line<'a>], i: usize, layout: Layout) -> Self {
        Stream {
            lines,
            layout,
            pieces: Vec::new(),
            next_line: i,
            done: false,
        }
    }

    fn get(&mut self, k: usize) -> Option<&(Piece, usize)> {
        while self.pieces.len() <= k && !self.done {
            self.pull();
        }
        self.pieces.get(k)
    }

    fn piece(&mut self, k: usize) -> Option<&Piece> {
        self.get(k).map(|(p, _)| p)
    }

    /// Reads the next non-blank line's pieces: the line itself, or for ` |`
    /// cells the text before the bars and one empty cell per further bar.
    fn pull(&mut self) {
        let lines = self.lines;
        let Some((n, line)) = lines
            .iter()
            .enumerate()
            .skip(self.next_line)
            .find(|(n, l)| !l.is_blank() || self.is_blank_cell(*n))
        else {
            self.done = true;
            return;
        };
        self.next_line = n + 1;
        if line.is_blank() {
            self.pieces.push((Piece::blank(line.start), n));
            return;
        }
        if self.layout != Layout::PipeLines {
            self.pieces
                .push((Piece::new(line.text, line.trimmed_span()), n));
            return;
        }
        let t = line.text.trim_end();
        let inner = t.trim_end_matches('|');
        let bars = t.len() - inner.len();
        if bars == 0 {
            self.done = true;
            return;
        }
        let end = line.start + inner.len();
        let text = clean(inner);
        if !text.is_empty() {
            let lead = inner.len() - inner.trim_start().len();
            let span = Span::new(line.start + lead, line.start + inner.trim_end().len());
            self.pieces.push((Piece::new(inner, span), n));
        }
        let blanks = if text.is_empty() { bars } else { bars - 1 };
        self.pieces
            .extend((0..blanks).map(|_| (Piece::blank(end), n)));
    }
}

impl Stream<'_, '_> {
    /// A line of spaces alone between two empty lines, where cells are
    /// paragraphs: a page writes an empty cell so (`&nbsp;`).
    fn is_blank_cell(&self, n: usize) -> bool {
        let empty = |k: usize| self.lines.get(k).is_some_and(|l| l.text.is_empty());
        self.layout == Layout::CellLines
            && self.lines.get(n).is_some_and(|l| !l.text.is_empty())
            && n > 0
            && empty(n - 1)
            && empty(n + 1)
    }
}

pub(super) fn cell_line_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    grouped(Stream::new(lines, i, Layout::CellLines))
}

pub(super) fn pipe_table(lines: &[Line<'_>], i: usize) -> Option<Found> {
    grouped(Stream::new(lines, i, Layout::PipeLines))
}

/// Header cells, then rows anchored at bare sequence numbers, from a stream
/// of cell pieces.
fn grouped(mut stream: Stream<'_, '_>) -> Option<Found> {
    let layout = stream.layout;
    let mut head = Vec::new();
    while let Some(p) = stream.piece(head.len()) {
        if p.empty || !is_header_cell(&p.text) || head.len() > MAX_COLUMNS {
            break;
        }
        head.push(p.clone());
    }
    let (header, mut at) = header_run(head.iter())?;
    let has_seq = column_kinds(&header)?.contains(&Kind::Seq);
    let columns: Vec<Kind> = header
        .iter()
        .map(|p| kind_of(&p.text))
        .filter(|k| *k != Kind::Seq)
        .collect();
    let mut rows = Vec::new();
    let mut expected: Option<Anchor> = None;
    let mut end_piece = at;
    loop {
        // Category lines, each right before a row that continues the numbering.
        let mut categories = Vec::new();
        let mut k = at;
        while let Some(p) = stream.piece(k)
            && is_category_line(&p.text)
        {
            categories.push(p.clone());
            k += 1;
        }
        let Some(number) =
            stream
                .piece(k)
                .and_then(|p| anchor(&p.text))
                .filter(|a| match expected {
                    Some(e) => *a == e,
                    // Without a 序号 column only an enumerator numbers rows.
                    None => has_seq || a.kind.is_some(),
                })
        else {
            break;
        };
        rows.extend(categories.into_iter().map(RawRow::Category));
        let anchor = stream.pieces[k].0.clone();
        expected = Some(number.next());
        let start = k + 1;
        let mut stop = start;
        let mut next_row = false;
        while stop - start <= MAX_ROW_PIECES && stream.get(stop).is_some() {
            if row_starts_at(&mut stream, stop, number.next()) {
                next_row = true;
                break;
            }
            stop += 1;
        }
        if stop - start > MAX_ROW_PIECES {
            break;
        }
        let mut pieces: Vec<Piece> = stream.pieces[start..stop]
            .iter()
            .map(|(p, _)| p.clone())
            .collect();
        if !next_row {
            // The last row: keep the lines that still fit its columns.
            let keep = last_row_len(&columns, &pieces, layout);
            pieces.truncate(keep);
            rows.push(RawRow::Data { anchor, pieces });
            end_piece = start + keep;
            break;
        }
        rows.push(RawRow::Data { anchor, pieces });
        at = stop;
        end_piece = stop;
    }
    // A header whose rows hold nothing is not a table's.
    if !rows
        .iter()
        .any(|r| matches!(r, RawRow::Data { pieces, .. } if !pieces.is_empty()))
    {
        return None;
    }
    // The table ends after the line of its last piece.
    let end = stream
        .pieces
        .get(end_piece.checked_sub(1)?)
        .map_or(stream.next_line, |(_, line)| line + 1);
    Some(Found {
        layout,
        header,
        rows,
        end,
    })
}

/// Whether a row (perhaps after category lines) starts at `k` with number `value`.
fn row_starts_at(stream: &mut Stream<'_, '_>, k: usize, number: Anchor) -> bool {
    let mut k = k;
    while stream.piece(k).is_some_and(|p| is_category_line(&p.text)) {
        k += 1;
    }
    stream
        .piece(k)
        .is_some_and(|p| anchor(&p.text) == Some(number))
}

#[cfg(test)]
mod tests {
    use policy_blocks::{BlockKind, Limits, Span};

    use crate::forms::lines_with_offsets;
    use crate::tables::prose_blocks;
    use crate::tables::tests::read;

    #[test]
    fn cells_one_per_line_become_rows_by_their_numbers() {
        let text = "通知正文。\n\n分解表\n\n序号\n\n工作任务\n\n责任单位\n\n完成时限\n\n1\n\n新建停车场2处。\n\n县住建局\n\n县交通局\n\n12月底前\n\n2\n\n建设养老中心。\n\n县民政局\n\n6月底前\n\n开工建设老年大学。\n\n12月底前\n\n3\n\n改造公路30公里。\n\n县交通局\n\n分享到：\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 通知正文。",
                "P 分解表",
                "序号|工作任务|责任单位|完成时限 / 1|新建停车场2处。|县住建局⏎县交通局|12月底前 / 2|建设养老中心。|县民政局|6月底前 / ^|开工建设老年大学。|^|12月底前 / 3|改造公路30公里。|县交通局|^",
                "P 分享到：",
            ]
        );
        assert_eq!(notes.len(), 1);
        let note = &notes[0];
        assert!(note.message.contains("one cell per line"), "{note}");
        assert!(note.message.contains("4 columns"), "{note}");
        assert!(note.message.contains("3 rows"), "{note}");
        assert!(note.message.contains("2 cells not written"), "{note}");
        assert!(note.message.contains("1 rows without a number"), "{note}");
        let span = note.span.expect("the note points at the table");
        assert!(text[span.start..span.end].starts_with("序号"));
        assert!(text[span.start..span.end].ends_with("县交通局"));
    }

    #[test]
    fn cell_spans_point_at_their_lines() {
        let text = "序号\n工作任务\n责任单位\n完成时限\n1\n任务甲。\n县住建局\n县交通局\n年底前\n";
        let lines = lines_with_offsets(text);
        let blocks = prose_blocks(&lines, &Limits::default(), &mut Vec::new()).expect("fits");
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!("a table: {blocks:?}");
        };
        let owners = &table.rows[1].cells[2];
        assert_eq!(
            &text[owners.span.start..owners.span.end],
            "县住建局\n县交通局"
        );
        assert_eq!(blocks[0].span, Span::new(0, text.len() - 1));
    }

    #[test]
    fn pipe_closed_cells_with_empty_cells_and_wrap_spaces() {
        let text = "清单\n序号 |\n重点工作 |\n责任领导 |\n牵头 单位 |\n配合单位 |\n完成时限 |\n1 |\n优化工作机 制，完成5公里。 |\n王某 |\n规划局 |\n财政局、环境分局 |\n10月 |\n2 |\n盘活用地200亩。 |\n李某 |\n资源局 |\n招商中心 |\n||\n3 |\n开展专项整治。 |\n王某 |\n应急局 |\n|\n持续推进 |\n";
        let (blocks, notes) = read(text);
        assert_eq!(
            blocks,
            [
                "P 清单",
                "序号|重点工作|责任领导|牵头 单位|配合单位|完成时限 / 1|优化工作机制，完成5公里。|王某|规划局|财政局、环境分局|10月 / 2|盘活用地200亩。|李某|资源局|招商中心| / 3|开展专项整治。|王某|应急局||持续推进"
            ]
        );
        assert!(notes[0].message.contains("closed by"), "{}", notes[0]);
    }

    #[test]
    fn category_lines_between_rows_span_the_table() {
        let text = "序号\n目标任务\n牵头单位\n完成时限\n一、经济发展目标\n1\n生产总值增长7%。\n区发改局\n年底前\n二、民生工作目标\n2\n新增就业5000人。\n区人社局\n年底前\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|目标任务|牵头单位|完成时限 / 一、经济发展目标|<|<|< / 1|生产总值增长7%。|区发改局|年底前 / 二、民生工作目标|<|<|< / 2|新增就业5000人。|区人社局|年底前"
            ]
        );
    }

    #[test]
    fn without_a_seq_column_enumerators_number_the_rows() {
        // A progress table: 项目名称 merged over its sub-rows, each sub-row a
        // target, its owners and its progress.
        let text = "项目名称\n项目内容\n责任单位\n进展情况\n（一）\n发展目标\n生产总值增长6.5%以上\n区发改局、各街道\n正常进行中\n研发经费支出增长15%\n区科技局、各街道\n已辅导企业233家，推广管理系统。\n（二）\n支持企业发展\n落实减税降费政策\n区财政局\n正常进行中\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "项目名称|项目内容|责任单位|进展情况 / （一）⏎发展目标|生产总值增长6.5%以上|区发改局、各街道|正常进行中 / ^|研发经费支出增长15%|区科技局、各街道|已辅导企业233家，推广管理系统。 / （二）⏎支持企业发展|落实减税降费政策|区财政局|正常进行中"
            ]
        );
        // Without a 序号 column a bare number does not start rows.
        let (blocks, _) = read("项目名称\n项目内容\n责任单位\n进展情况\n1\n目标\n内容\n区财政局\n");
        assert!(blocks.iter().all(|b| b.starts_with("P ")), "{blocks:?}");
    }

    #[test]
    fn a_line_of_spaces_between_empty_lines_is_an_empty_cell() {
        let text = "序号\n\n工作任务\n\n配合单位\n\n牵头单位\n\n1\n\n任务甲。\n\n \n\n县民政局\n\n2\n\n任务乙。\n\n县财政局\n\n县民政局\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            [
                "序号|工作任务|配合单位|牵头单位 / 1|任务甲。||县民政局 / 2|任务乙。|县财政局|县民政局"
            ]
        );
    }

    #[test]
    fn a_number_off_the_sequence_is_a_cell() {
        let text = "序号\n工作任务\n数量\n责任单位\n1\n新建公园。\n5\n区住建局\n2\n新建广场。\n8\n区城管局\n";
        let (blocks, _) = read(text);
        assert_eq!(
            blocks,
            ["序号|工作任务|数量|责任单位 / 1|新建公园。|5|区住建局 / 2|新建广场。|8|区城管局"]
        );
    }
}
