//! Word automatic numbering in a `.doc`: the list definitions (`PlfLst`: an
//! LSTF per list, then its LVLs) and the list overrides (`PlfLfo`: an LFO per
//! numbering instance, then its LFOData) of the table stream. A paragraph
//! names an LFO with `sprmPIlfo` and a level with `sprmPIlvl`; the labels
//! are counted and rendered by [`policy_blocks::ListCounters`], as the DOCX
//! reader's are, so a list saved as `.doc` reads as it does as DOCX.

use std::collections::HashMap;

use policy_blocks::{LIST_LEVELS, LabelPart, LabelSuffix, ListCounters, ListLevel};

use crate::bytes::{u8_at, u16_at, u32_at};

const LSTF_LEN: usize = 28;
const LVLF_LEN: usize = 28;
const LFO_LEN: usize = 16;
const LFOLVL_LEN: usize = 8;
/// `LSTF.fSimpleList`: the list has one level, not nine.
const F_SIMPLE_LIST: u8 = 0x01;
/// `LVLF` flags: `fLegal`, `fNoRestart`.
const F_LEGAL: u8 = 0x04;
const F_NO_RESTART: u8 = 0x08;

/// The lists of a document and their counters.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    lists: Vec<List>,
    /// `rgLfo`, indexed by `ilfo - 1`.
    lfos: Vec<Lfo>,
    counters: ListCounters<CounterKey>,
}

#[derive(Debug)]
struct List {
    lsid: i32,
    levels: [Option<ListLevel>; LIST_LEVELS],
}

#[derive(Debug)]
struct Lfo {
    /// The list it numbers with: an index into `lists`, found by `lsid`.
    list: Option<usize>,
    /// `LFOLVL`s by level: a start and/or a whole level of its own.
    starts: [Option<u32>; LIST_LEVELS],
    levels: [Option<ListLevel>; LIST_LEVELS],
    overrides: bool,
}

/// As in DOCX: paragraphs of one list continue its numbering whichever LFO
/// they name, unless the LFO overrides a level (how Word restarts a list).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum CounterKey {
    List(i32),
    Lfo(usize),
}

impl Lists {
    /// Reads `PlfLst` (at `plf_lst`, its LVLs after it) and `PlfLfo` (at
    /// `plf_lfo`) from the table stream. An empty `PlfLst` is a document
    /// without lists; a damaged one is named, and the document is read
    /// without labels.
    pub(crate) fn read(
        table: &[u8],
        plf_lst: (u32, u32),
        plf_lfo: (u32, u32),
    ) -> Result<Lists, String> {
        if plf_lst.1 == 0 {
            return Ok(Lists::default());
        }
        let mut at = plf_lst.0 as usize;
        let damaged = |what: &str| format!("the list table (PlfLst) {what}");
        let c_lst = u16_at(table, at).ok_or_else(|| damaged("lies outside the table stream"))?;
        let c_lst = usize::from(c_lst);
        // A signed count: past i16::MAX it is damage; each LSTF must lie in the stream.
        if c_lst > i16::MAX as usize || 2 + c_lst * LSTF_LEN > plf_lst.1 as usize {
            return Err(damaged(&format!(
                "says {c_lst} lists in {} bytes",
                plf_lst.1
            )));
        }
        let lstfs = table
            .get(at + 2..at + 2 + c_lst * LSTF_LEN)
            .ok_or_else(|| damaged("lies outside the table stream"))?;
        at += plf_lst.1 as usize;
        // The LVLs follow PlfLst (lcbPlfLst does not count them), in list order.
        let mut lists = Vec::with_capacity(c_lst);
        for lstf in lstfs.chunks_exact(LSTF_LEN) {
            let lsid = u32_at(lstf, 0).unwrap_or(0) as i32;
            let simple = u8_at(lstf, 26).unwrap_or(0) & F_SIMPLE_LIST != 0;
            let n = if simple { 1 } else { LIST_LEVELS };
            let mut levels: [Option<ListLevel>; LIST_LEVELS] = Default::default();
            for level in levels.iter_mut().take(n) {
                let (lvl, len) = read_lvl(table, at)
                    .ok_or_else(|| damaged("has a level (LVL) cut off by the end of the stream"))?;
                *level = Some(lvl);
                at += len;
            }
            lists.push(List { lsid, levels });
        }
        let by_lsid: HashMap<i32, usize> = lists
            .iter()
            .enumerate()
            .rev()
            .map(|(i, list)| (list.lsid, i))
            .collect();
        let lfos = read_lfos(table, plf_lfo, &by_lsid)?;
        Ok(Lists {
            lists,
            lfos,
            counters: ListCounters::default(),
        })
    }

    /// Whether `ilfo` names a list override the document defines.
    pub(crate) fn defines(&self, ilfo: u16) -> bool {
        self.lfo(ilfo).is_some_and(|lfo| lfo.list.is_some())
    }

    /// Advances the counters for a paragraph numbered (`ilfo`, `ilvl`) and
    /// returns its label, or `None` when the list is unknown or the label
    /// renders to nothing.
    pub(crate) fn next_label(&mut self, ilfo: u16, ilvl: u8) -> Option<(String, LabelSuffix)> {
        let lfo = self.lfos.get(usize::from(ilfo).checked_sub(1)?)?;
        let list = self.lists.get(lfo.list?)?;
        let levels: [Option<&ListLevel>; LIST_LEVELS] =
            std::array::from_fn(|i| lfo.levels[i].as_ref().or(list.levels[i].as_ref()));
        let key = if lfo.overrides {
            CounterKey::Lfo(usize::from(ilfo))
        } else {
            CounterKey::List(list.lsid)
        };
        self.counters.next_label(key, ilvl, &levels, &lfo.starts)
    }

    fn lfo(&self, ilfo: u16) -> Option<&Lfo> {
        self.lfos.get(usize::from(ilfo).checked_sub(1)?)
    }
}

/// `PlfLfo`: `lfoMac`, the LFOs, then one LFOData per LFO (a CP, then the
/// LFO's `clfolvl` LFOLVLs, each with an LVL when it overrides the format).
fn read_lfos(
    table: &[u8],
    (fc, lcb): (u32, u32),
    by_lsid: &HashMap<i32, usize>,
) -> Result<Vec<Lfo>, String> {
    if lcb == 0 {
        return Ok(Vec::new());
    }
    let damaged = |what: &str| format!("the list override table (PlfLfo) {what}");
    let start = fc as usize;
    let plf = start
        .checked_add(lcb as usize)
        .and_then(|end| table.get(start..end))
        .ok_or_else(|| damaged("lies outside the table stream"))?;
    let lfo_mac = u32_at(plf, 0).ok_or_else(|| damaged("is cut off"))? as usize;
    let rg_lfo = lfo_mac
        .checked_mul(LFO_LEN)
        .and_then(|len| plf.get(4..4 + len))
        .ok_or_else(|| damaged(&format!("says {lfo_mac} overrides in {lcb} bytes")))?;
    let mut at = 4 + rg_lfo.len();
    let mut lfos = Vec::with_capacity(lfo_mac);
    for lfo in rg_lfo.chunks_exact(LFO_LEN) {
        let lsid = u32_at(lfo, 0).unwrap_or(0) as i32;
        let clfolvl = usize::from(u8_at(lfo, 12).unwrap_or(0));
        let mut entry = Lfo {
            list: by_lsid.get(&lsid).copied(),
            starts: [None; LIST_LEVELS],
            levels: Default::default(),
            overrides: false,
        };
        if clfolvl > 0 {
            // LFOData: a CP (unused here), then the LFOLVLs.
            at += 4;
            for _ in 0..clfolvl {
                let (Some(start_at), Some(bits)) = (u32_at(plf, at), u32_at(plf, at + 4)) else {
                    return Err(damaged("has an override level (LFOLVL) cut off"));
                };
                at += LFOLVL_LEN;
                let ilvl = (bits & 0x0F) as usize;
                let f_start_at = bits & 0x10 != 0;
                let f_formatting = bits & 0x20 != 0;
                let level = if f_formatting {
                    let (lvl, len) =
                        read_lvl(plf, at).ok_or_else(|| damaged("has a level (LVL) cut off"))?;
                    at += len;
                    Some(lvl)
                } else {
                    None
                };
                if ilvl < LIST_LEVELS {
                    entry.overrides = true;
                    if f_start_at {
                        entry.starts[ilvl] = Some(start_at);
                    }
                    if let Some(level) = level {
                        entry.levels[ilvl] = Some(level);
                    }
                }
            }
        } else {
            // Every LFO has an LFOData; without levels it is a bare CP.
            at += 4;
        }
        lfos.push(entry);
    }
    Ok(lfos)
}

/// One LVL at `at`: the LVLF, two grpprls this reader skips, and the number
/// text (`xst`), whose placeholders (`rgbxchNums`) become
/// [`LabelPart::Number`]s. Returns the level and its length in bytes.
fn read_lvl(bytes: &[u8], at: usize) -> Option<(ListLevel, usize)> {
    let lvlf = bytes.get(at..at.checked_add(LVLF_LEN)?)?;
    let start = u32_at(lvlf, 0)?;
    let nfc = u8_at(lvlf, 4)?;
    let flags = u8_at(lvlf, 5)?;
    let placeholders = lvlf.get(6..15)?;
    let follow = u8_at(lvlf, 15)?;
    let cb_chpx = usize::from(u8_at(lvlf, 24)?);
    let cb_papx = usize::from(u8_at(lvlf, 25)?);
    let restart_lim = u8_at(lvlf, 26)?;
    let xst_at = at + LVLF_LEN + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(bytes, xst_at)?);
    let units: Vec<u16> = bytes
        .get(xst_at + 2..xst_at + 2 + cch * 2)?
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect();
    let level = ListLevel {
        // iStartAt is signed; Word allows 0 and up.
        start: if (start as i32) < 0 { 0 } else { start },
        format: nfc_format(nfc).to_string(),
        text: number_text(&units, placeholders),
        legal: flags & F_LEGAL != 0,
        suffix: match follow {
            1 => LabelSuffix::Space,
            2 => LabelSuffix::Nothing,
            _ => LabelSuffix::Tab,
        },
        restart: (flags & F_NO_RESTART != 0).then_some(restart_lim),
    };
    Some((level, LVLF_LEN + cb_papx + cb_chpx + 2 + cch * 2))
}

/// The number text as parts: `rgbxchNums` holds the 1-based positions of
/// the placeholders (up to nine, ended by 0), each a unit whose value is the
/// level it shows; every other unit is text.
fn number_text(units: &[u16], placeholders: &[u8]) -> Vec<LabelPart> {
    let positions: Vec<usize> = placeholders
        .iter()
        .take_while(|&&p| p != 0)
        .map(|&p| usize::from(p) - 1)
        .collect();
    let mut parts = Vec::new();
    let mut literal: Vec<u16> = Vec::new();
    for (i, &unit) in units.iter().enumerate() {
        if unit < LIST_LEVELS as u16 && positions.contains(&i) {
            if !literal.is_empty() {
                parts.push(LabelPart::Text(String::from_utf16_lossy(&literal)));
                literal.clear();
            }
            parts.push(LabelPart::Number(unit as u8));
        } else {
            literal.push(unit);
        }
    }
    if !literal.is_empty() {
        parts.push(LabelPart::Text(String::from_utf16_lossy(&literal)));
    }
    parts
}

/// MSONFC ([MS-DOC] 2.9.x, [MS-OSHARED] 2.2.1.3) as the OOXML format name
/// `policy_blocks::format_number` renders; formats it does not render fall
/// back to decimal there.
fn nfc_format(nfc: u8) -> &'static str {
    match nfc {
        0x00 => "decimal",
        0x01 => "upperRoman",
        0x02 => "lowerRoman",
        0x03 => "upperLetter",
        0x04 => "lowerLetter",
        0x05 => "ordinal",
        0x06 => "cardinalText",
        0x07 => "ordinalText",
        0x08 => "hex",
        0x09 => "chicago",
        0x0A => "ideographDigital",
        0x0B => "japaneseCounting",
        0x0C => "aiueo",
        0x0D => "iroha",
        0x0E => "decimalFullWidth",
        0x0F => "decimalHalfWidth",
        0x10 => "japaneseLegal",
        0x11 => "japaneseDigitalTenThousand",
        0x12 => "decimalEnclosedCircle",
        0x13 => "decimalFullWidth2",
        0x14 => "aiueoFullWidth",
        0x15 => "irohaFullWidth",
        0x16 => "decimalZero",
        0x17 => "bullet",
        0x18 => "ganada",
        0x19 => "chosung",
        0x1A => "decimalEnclosedFullstop",
        0x1B => "decimalEnclosedParen",
        0x1C => "decimalEnclosedCircleChinese",
        0x1D => "ideographEnclosedCircle",
        0x1E => "ideographTraditional",
        0x1F => "ideographZodiac",
        0x20 => "ideographZodiacTraditional",
        0x21 => "taiwaneseCounting",
        0x22 => "ideographLegalTraditional",
        0x23 => "taiwaneseCountingThousand",
        0x24 => "taiwaneseDigital",
        0x25 => "chineseCounting",
        0x26 => "chineseLegalSimplified",
        0x27 => "chineseCountingThousand",
        0x29 => "koreanDigital",
        0x2A => "koreanCounting",
        0x2B => "koreanLegal",
        0x2C => "koreanDigital2",
        0xFF => "none",
        // 0x28 (msonfcChnDbNum4) is decimal, as are the scripts not rendered here.
        _ => "decimal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An LVL: start, nfc, flags, placeholder positions, follow, restart
    /// limit and the number text.
    fn lvl(
        start: u32,
        nfc: u8,
        flags: u8,
        nums: &[u8],
        follow: u8,
        restart: u8,
        text: &[u16],
    ) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&start.to_le_bytes());
        out.push(nfc);
        out.push(flags);
        let mut rgbxch = [0u8; 9];
        rgbxch[..nums.len()].copy_from_slice(nums);
        out.extend_from_slice(&rgbxch);
        out.push(follow);
        out.extend_from_slice(&[0; 8]);
        // One byte of grpprlChpx, two of grpprlPapx: skipped.
        out.extend_from_slice(&[1, 2, restart, 0]);
        out.extend_from_slice(&[0xAA, 0xBB, 0xCC]);
        out.extend_from_slice(&(text.len() as u16).to_le_bytes());
        for unit in text {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    fn units(s: &str) -> Vec<u16> {
        // U+E000…U+E008 stand for the placeholders of levels 0…8.
        s.encode_utf16()
            .map(|u| match u {
                0xE000..=0xE008 => u - 0xE000,
                _ => u,
            })
            .collect()
    }

    /// A table stream holding one nine-level list (lsid 7) and two LFOs:
    /// the first plain, the second restarting level 0 at 5.
    fn table() -> (Vec<u8>, (u32, u32), (u32, u32)) {
        let mut t = vec![0u8; 4];
        let plf_lst = t.len() as u32;
        t.extend_from_slice(&1u16.to_le_bytes());
        let mut lstf = [0u8; 28];
        lstf[..4].copy_from_slice(&7i32.to_le_bytes());
        t.extend_from_slice(&lstf);
        let lcb_lst = t.len() as u32 - plf_lst;
        // "\u{E000}、" has its placeholder (level 0) at position 1.
        t.extend(lvl(1, 0x25, 0, &[1], 2, 0, &units("\u{E000}、")));
        t.extend(lvl(1, 0x25, 0, &[2], 2, 0, &units("（\u{E001}）")));
        // Legal numbering of levels 0 and 2.
        t.extend(lvl(
            1,
            0x00,
            F_LEGAL,
            &[1, 3],
            0,
            0,
            &units("\u{E000}.\u{E002}"),
        ));
        // Never restarts.
        t.extend(lvl(1, 0x04, F_NO_RESTART, &[1], 1, 0, &units("\u{E003})")));
        for _ in 4..9 {
            t.extend(lvl(1, 0x00, 0, &[1], 0, 0, &units("\u{E004}.")));
        }
        let plf_lfo = t.len() as u32;
        t.extend_from_slice(&2u32.to_le_bytes());
        for clfolvl in [0u8, 1] {
            let mut lfo = [0u8; 16];
            lfo[..4].copy_from_slice(&7i32.to_le_bytes());
            lfo[12] = clfolvl;
            t.extend_from_slice(&lfo);
        }
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(&[0; 4]);
        t.extend_from_slice(&5u32.to_le_bytes());
        t.extend_from_slice(&0x10u32.to_le_bytes());
        let lcb_lfo = t.len() as u32 - plf_lfo;
        (t, (plf_lst, lcb_lst), (plf_lfo, lcb_lfo))
    }

    fn labels(steps: &[(u16, u8)]) -> Vec<String> {
        let (t, lst, lfo) = table();
        let mut lists = Lists::read(&t, lst, lfo).expect("the lists read");
        steps
            .iter()
            .map(|&(ilfo, ilvl)| {
                lists
                    .next_label(ilfo, ilvl)
                    .map(|(s, _)| s)
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn levels_count_and_reset_as_in_docx() {
        let got = labels(&[(1, 0), (1, 1), (1, 1), (1, 0), (1, 1), (1, 2), (9, 0)]);
        assert_eq!(
            got,
            ["一、", "（一）", "（二）", "二、", "（一）", "2.1", ""]
        );
    }

    #[test]
    fn an_override_restarts_and_a_no_restart_level_continues() {
        let got = labels(&[(1, 0), (1, 0), (2, 0), (2, 0), (1, 0)]);
        assert_eq!(got, ["一、", "二、", "五、", "六、", "三、"]);
        let got = labels(&[(1, 3), (1, 0), (1, 3)]);
        assert_eq!(got, ["a)", "一、", "b)"]);
    }

    #[test]
    fn chinese_formats_and_suffixes() {
        assert_eq!(nfc_format(0x25), "chineseCounting");
        assert_eq!(nfc_format(0x27), "chineseCountingThousand");
        assert_eq!(nfc_format(0x0A), "ideographDigital");
        assert_eq!(nfc_format(0x26), "chineseLegalSimplified");
        assert_eq!(nfc_format(0x28), "decimal");
        let (t, lst, lfo) = table();
        let mut lists = Lists::read(&t, lst, lfo).expect("the lists read");
        let (_, suffix) = lists.next_label(1, 3).expect("a label");
        assert_eq!(suffix, LabelSuffix::Space);
    }

    #[test]
    fn damage_is_named() {
        let (t, lst, lfo) = table();
        let cut = &t[..t.len() - 200];
        let err = Lists::read(cut, lst, (0, 0)).expect_err("a level cut off");
        assert!(err.contains("cut off"), "{err}");
        let err = Lists::read(&t, (lst.0, 10), lfo).expect_err("too short for its list");
        assert!(err.contains("says 1 lists in 10 bytes"), "{err}");
        let err = Lists::read(&t, lst, (lfo.0, 8)).expect_err("too short for its LFOs");
        assert!(err.contains("says 2 overrides"), "{err}");
    }
}
