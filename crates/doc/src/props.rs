//! Paragraph properties: the PAPX runs of the FKP pages (which paragraphs are
//! in a table, which mark a row end, the row's cell layout and merges, the
//! style and outline level) and the style sheet (which styles are headings).

use crate::Error;
use crate::bytes::{i16_at, u8_at, u16_at, u32_at};
use crate::fib::slice;

const FKP_LEN: usize = 512;

const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_OUT_LVL: u16 = 0x2640;
const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_T_TABLE_HEADER: u16 = 0x3404;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// The most cells a Word row can have.
pub(crate) const MAX_COLUMNS: usize = 63;

/// What the reader uses of one paragraph's properties.
#[derive(Clone, Debug, Default)]
pub(crate) struct Para {
    pub(crate) istd: u16,
    pub(crate) in_table: bool,
    /// The paragraph is a table row's end mark (TTP).
    pub(crate) ttp: bool,
    /// Table nesting depth (0 outside tables).
    pub(crate) itap: u32,
    pub(crate) inner_cell: bool,
    pub(crate) inner_ttp: bool,
    /// `sprmPOutLvl`: 0…8 heading levels 1…9, 9 body text.
    pub(crate) outline: Option<u8>,
    /// Word automatic numbering: the 1-based list override (`sprmPIlfo`;
    /// 0, none) and the level (`sprmPIlvl`).
    pub(crate) ilfo: u16,
    pub(crate) ilvl: u8,
    /// A row end's layout and merges.
    pub(crate) tap: Option<Tap>,
}

impl Para {
    /// Table depth, whichever way the writer said it.
    pub(crate) fn depth(&self) -> u32 {
        if self.itap > 0 {
            self.itap
        } else {
            u32::from(self.in_table)
        }
    }
}

/// A table row's layout from `sprmTDefTable` and later table sprms.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tap {
    /// Cell edges in twips, one more than the cells.
    pub(crate) edges: Vec<i16>,
    /// One per cell: `(horizontal merge, vertical merge)` flags (MS-DOC TC80).
    pub(crate) merges: Vec<(u8, u8)>,
    pub(crate) header: bool,
}

/// Applies a grpprl (a list of sprms) to `para`.
pub(crate) fn apply(grpprl: &[u8], para: &mut Para) {
    for (sprm, operand) in Sprms::new(grpprl) {
        let byte = || u8_at(operand, 0).unwrap_or(0);
        match sprm {
            SPRM_P_F_IN_TABLE => para.in_table = byte() != 0,
            SPRM_P_F_TTP => para.ttp = byte() != 0,
            SPRM_P_ITAP => para.itap = u32_at(operand, 0).unwrap_or(0),
            SPRM_P_F_INNER_TABLE_CELL => para.inner_cell = byte() != 0,
            SPRM_P_F_INNER_TTP => para.inner_ttp = byte() != 0,
            SPRM_P_OUT_LVL => para.outline = Some(byte()),
            // Signed: 0xF801 (negative) removes a style's numbering, as 0 does.
            SPRM_P_ILFO => para.ilfo = i16_at(operand, 0).map_or(0, |v| v.max(0) as u16),
            SPRM_P_ILVL => para.ilvl = byte(),
            SPRM_T_DEF_TABLE => para.tap = def_table(operand, para.tap.take()),
            SPRM_T_TABLE_HEADER => para.tap.get_or_insert_with(Tap::default).header = byte() != 0,
            SPRM_T_VERT_MERGE => {
                if let (Some(itc), Some(flag), Some(tap)) =
                    (u8_at(operand, 1), u8_at(operand, 2), para.tap.as_mut())
                    && let Some(cell) = tap.merges.get_mut(usize::from(itc))
                {
                    cell.1 = flag & 3;
                }
            }
            _ => {}
        }
    }
}

/// `sprmTDefTable`'s operand (without its size): the cell count, the cell
/// edges, then one TC80 per cell (which may be left out at the end).
fn def_table(operand: &[u8], previous: Option<Tap>) -> Option<Tap> {
    let body = operand.get(2..)?;
    let n = usize::from(u8_at(body, 0)?).min(MAX_COLUMNS);
    let edges: Vec<i16> = (0..=n).map_while(|i| i16_at(body, 1 + i * 2)).collect();
    if edges.len() != n + 1 {
        return previous;
    }
    let tcs = 1 + (n + 1) * 2;
    let merges = (0..n)
        .map(|i| {
            u16_at(body, tcs + i * 20)
                .map_or((0, 0), |grf| ((grf & 3) as u8, ((grf >> 5) & 3) as u8))
        })
        .collect();
    Some(Tap {
        edges,
        merges,
        header: previous.is_some_and(|p| p.header),
    })
}

/// The sprms of a grpprl with their operands; stops at a sprm cut off.
pub(crate) struct Sprms<'g> {
    grpprl: &'g [u8],
    at: usize,
}

impl<'g> Sprms<'g> {
    pub(crate) fn new(grpprl: &'g [u8]) -> Sprms<'g> {
        Sprms { grpprl, at: 0 }
    }
}

impl<'g> Iterator for Sprms<'g> {
    type Item = (u16, &'g [u8]);

    fn next(&mut self) -> Option<(u16, &'g [u8])> {
        let sprm = u16_at(self.grpprl, self.at)?;
        let at = self.at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // A two-byte size that counts itself minus one.
                SPRM_T_DEF_TABLE => usize::from(u16_at(self.grpprl, at)?) + 1,
                // 255 means a longer form this reader does not need.
                SPRM_P_CHG_TABS if u8_at(self.grpprl, at)? == 255 => return None,
                _ => usize::from(u8_at(self.grpprl, at)?) + 1,
            },
        };
        let operand = self.grpprl.get(at..at.checked_add(len)?)?;
        self.at = at + len;
        Some((sprm, operand))
    }
}

/// The paragraph property runs of the document: `[fc_start, fc_end)` of
/// `WordDocument` and the properties of the paragraph whose mark is there.
#[derive(Debug, Default)]
pub(crate) struct PapxRuns {
    runs: Vec<(u32, u32, Para)>,
}

impl PapxRuns {
    /// Reads the FKP pages that `PlcfBtePapx` lists, styles applied first.
    pub(crate) fn read(
        word: &[u8],
        table: &[u8],
        bte: (u32, u32),
        table_name: &str,
        styles: &Styles,
    ) -> Result<PapxRuns, Error> {
        let plc = slice(table, bte, "PlcfBtePapx", table_name)?;
        if plc.len() < 4 {
            return Ok(PapxRuns::default());
        }
        let n = (plc.len() - 4) / 8;
        let mut runs = Vec::new();
        for i in 0..n {
            let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
                break;
            };
            let start = (pn & 0x003F_FFFF) as usize * FKP_LEN;
            let Some(fkp) = start
                .checked_add(FKP_LEN)
                .and_then(|end| word.get(start..end))
            else {
                return Err(Error::Damaged {
                    what: format!("paragraph property page {pn} lies outside WordDocument"),
                });
            };
            read_fkp(fkp, styles, &mut runs);
        }
        runs.sort_by_key(|r| r.0);
        Ok(PapxRuns { runs })
    }

    /// The run holding stream offset `fc`.
    pub(crate) fn find(&self, fc: u32) -> Option<(u32, &Para)> {
        let i = self.runs.partition_point(|r| r.1 <= fc);
        self.runs
            .get(i)
            .filter(|r| r.0 <= fc)
            .map(|(_, end, para)| (*end, para))
    }
}

/// One FKP page: `crun` FCs and their PAPX.
fn read_fkp(fkp: &[u8], styles: &Styles, runs: &mut Vec<(u32, u32, Para)>) {
    let crun = usize::from(fkp[FKP_LEN - 1]);
    // Each run needs 4 bytes of FC and 13 of BxPap, plus the final FC.
    if crun == 0 || (crun + 1) * 4 + crun * 13 > FKP_LEN - 1 {
        return;
    }
    let bx_start = (crun + 1) * 4;
    for i in 0..crun {
        let (Some(fc_start), Some(fc_end)) = (u32_at(fkp, i * 4), u32_at(fkp, i * 4 + 4)) else {
            return;
        };
        let offset = usize::from(fkp[bx_start + i * 13]) * 2;
        let mut para = Para::default();
        if offset != 0
            && let Some(cb) = u8_at(fkp, offset)
        {
            let (start, len) = if cb == 0 {
                (
                    offset + 2,
                    usize::from(u8_at(fkp, offset + 1).unwrap_or(0)) * 2,
                )
            } else {
                (offset + 1, usize::from(cb) * 2 - 1)
            };
            if let Some(papx) = fkp.get(start..(start + len).min(FKP_LEN - 1)) {
                let istd = u16_at(papx, 0).unwrap_or(0);
                para = styles.para(istd);
                para.istd = istd;
                apply(papx.get(2..).unwrap_or(&[]), &mut para);
            }
        }
        if fc_end > fc_start {
            runs.push((fc_start, fc_end, para));
        }
    }
}

/// The paragraph styles: their heading levels and their own properties.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: Vec<Option<Style>>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    sti: u16,
    base: u16,
    name: String,
    grpprl: Vec<u8>,
}

/// `istdBase` of a style based on no other.
const ISTD_NIL: u16 = 0x0FFF;

impl Styles {
    /// Reads the style sheet (STSH). A damaged one yields no styles (and a
    /// note), not an error: the text is still there.
    pub(crate) fn read(stsh: &[u8]) -> Option<Styles> {
        let cb_stshi = usize::from(u16_at(stsh, 0)?);
        let cstd = usize::from(u16_at(stsh, 2)?);
        let cb_base = usize::from(u16_at(stsh, 4)?);
        let mut at = 2 + cb_stshi;
        let mut styles = Vec::with_capacity(cstd.min(stsh.len() / 2));
        for _ in 0..cstd {
            let cb = usize::from(u16_at(stsh, at)?);
            let std = stsh.get(at + 2..at + 2 + cb)?;
            at += 2 + cb;
            styles.push(if cb == 0 { None } else { style(std, cb_base) });
        }
        Some(Styles { styles })
    }

    /// The properties a paragraph of style `istd` starts from: its style's
    /// and those it is based on (at most 11 levels: Word allows 10).
    fn para(&self, istd: u16) -> Para {
        let mut chain = Vec::new();
        let mut at = istd;
        while chain.len() < 11 {
            let Some(Some(style)) = self.styles.get(usize::from(at)) else {
                break;
            };
            chain.push(style);
            if style.base == ISTD_NIL || style.base == at {
                break;
            }
            at = style.base;
        }
        let mut para = Para::default();
        for style in chain.iter().rev() {
            apply(&style.grpprl, &mut para);
        }
        // Table properties belong to rows, not styles.
        para.tap = None;
        para
    }

    /// The heading level (1 = outermost) that style `istd` gives: a built-in
    /// heading (`sti` 1–9), a name `heading N` / `标题 N`, or an outline
    /// level, along the `istdBase` chain.
    pub(crate) fn heading_level(&self, istd: u16) -> Option<u8> {
        let mut at = istd;
        for _ in 0..11 {
            let style = self.styles.get(usize::from(at))?.as_ref()?;
            if (1..=9).contains(&style.sti) {
                return Some(style.sti as u8);
            }
            if let Some(level) = heading_name_level(&style.name) {
                return Some(level);
            }
            let mut para = Para::default();
            apply(&style.grpprl, &mut para);
            if let Some(lvl) = para.outline {
                return outline_to_level(lvl);
            }
            if style.base == ISTD_NIL || style.base == at {
                return None;
            }
            at = style.base;
        }
        None
    }
}

/// One STD: `sti`, `istdBase`, the name, and for a paragraph style the
/// grpprl of its paragraph UPX.
fn style(std: &[u8], cb_base: usize) -> Option<Style> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_base = u16_at(std, 2)?;
    let stk = kind_base & 0x000F;
    let base = kind_base >> 4;
    let cch = usize::from(u16_at(std, cb_base)?);
    let name_units: Vec<u16> = (0..cch)
        .map_while(|i| u16_at(std, cb_base + 2 + i * 2))
        .collect();
    let name = String::from_utf16_lossy(&name_units);
    // The name ends with a NUL; the UPXs start at an even offset.
    let mut at = cb_base + 2 + (cch + 1) * 2;
    at += at % 2;
    let mut grpprl = Vec::new();
    if stk == 1
        && let Some(cb_upx) = u16_at(std, at)
        && let Some(upx) = std.get(at + 2..at + 2 + usize::from(cb_upx))
    {
        // A paragraph UPX starts with the style's own istd.
        grpprl = upx.get(2..).unwrap_or(&[]).to_vec();
    }
    Some(Style {
        sti,
        base,
        name,
        grpprl,
    })
}

/// `heading 2`, `Heading 2`, `标题 2`, `标题2` → 2.
fn heading_name_level(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

/// Outline levels 0…8 are heading levels 1…9; 9 is body text.
pub(crate) fn outline_to_level(lvl: u8) -> Option<u8> {
    (lvl <= 8).then_some(lvl + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_are_sized_by_their_spra_and_stop_when_cut_off() {
        // sprmPFInTable 1, sprmPItap 1, sprmPOutLvl cut off.
        let grpprl = [0x16, 0x24, 1, 0x49, 0x66, 1, 0, 0, 0, 0x40, 0x26];
        let sprms: Vec<(u16, Vec<u8>)> =
            Sprms::new(&grpprl).map(|(s, o)| (s, o.to_vec())).collect();
        assert_eq!(sprms, vec![(0x2416, vec![1]), (0x6649, vec![1, 0, 0, 0])]);
    }

    #[test]
    fn def_table_reads_edges_and_merge_flags() {
        // Two cells: edges 0, 100, 300; the second cell continues a vertical merge.
        let mut operand = vec![0, 0, 2];
        for edge in [0i16, 100, 300] {
            operand.extend_from_slice(&edge.to_le_bytes());
        }
        operand.extend_from_slice(&[0; 20]);
        let mut tc = [0u8; 20];
        tc[0] = 0x20;
        operand.extend_from_slice(&tc);
        let len = (operand.len() - 1) as u16;
        operand[..2].copy_from_slice(&len.to_le_bytes());
        let tap = def_table(&operand, None).expect("a layout");
        assert_eq!(tap.edges, vec![0, 100, 300]);
        assert_eq!(tap.merges, vec![(0, 0), (0, 1)]);
    }

    #[test]
    fn heading_names() {
        assert_eq!(heading_name_level("heading 3"), Some(3));
        assert_eq!(heading_name_level("标题 1"), Some(1));
        assert_eq!(heading_name_level("标题"), None);
        assert_eq!(heading_name_level("Normal"), None);
    }
}
