//! The piece table (the `Pcdt` inside the CLX): which bytes of the
//! `WordDocument` stream hold each run of character positions (CPs), as
//! 8-bit Windows-1252 or 16-bit UTF-16LE text.

use crate::Error;
use crate::bytes::{i16_at, u8_at, u16_at, u32_at};

const CLXT_PRC: u8 = 1;
const CLXT_PCDT: u8 = 2;
/// Bytes of one piece descriptor (`Pcd`).
const PCD_LEN: usize = 8;
const FC_COMPRESSED: u32 = 0x4000_0000;

/// Characters 0x80–0x9F of 8-bit pieces, which Word reads as Windows-1252
/// (the rest of the range is Latin-1).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// One run of CPs stored contiguously.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub(crate) cp_start: u32,
    pub(crate) cp_end: u32,
    /// Byte offset of the piece's first character in `WordDocument`.
    pub(crate) byte_start: u32,
    /// 1 for 8-bit (compressed) text, 2 for UTF-16.
    pub(crate) width: u32,
}

impl Piece {
    /// The stream offset (FC) of character `cp` of this piece.
    pub(crate) fn fc(&self, cp: u32) -> u32 {
        self.byte_start + (cp - self.cp_start) * self.width
    }
}

/// The pieces in CP order, checked against the `WordDocument` stream.
#[derive(Debug)]
pub(crate) struct PieceTable {
    pub(crate) pieces: Vec<Piece>,
}

impl PieceTable {
    /// Parses the CLX. A piece whose bytes lie outside `word_len`, CPs that
    /// go backwards, or more pieces than the text has characters are damage,
    /// refused by name before any text is read.
    pub(crate) fn parse(clx: &[u8], word_len: usize) -> Result<PieceTable, Error> {
        let damaged = |what: String| Error::Damaged { what };
        let mut at = 0usize;
        // Skip the Prc entries (property modifiers of pieces; see `lib.rs`).
        while u8_at(clx, at) == Some(CLXT_PRC) {
            let cb = i16_at(clx, at + 1)
                .ok_or_else(|| damaged("the CLX is cut off inside a Prc".into()))?;
            if cb < 0 {
                return Err(damaged(format!("a Prc in the CLX has size {cb}")));
            }
            at += 3 + cb as usize;
        }
        if u8_at(clx, at) != Some(CLXT_PCDT) {
            return Err(damaged("the CLX has no piece table (Pcdt)".into()));
        }
        let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("the piece table is cut off".into()))?
            as usize;
        let plc = clx
            .get(at + 5..)
            .and_then(|rest| rest.get(..lcb))
            .ok_or_else(|| {
                damaged(format!(
                    "the piece table declares {lcb} bytes, more than the CLX holds"
                ))
            })?;
        if lcb < 4 || !(lcb - 4).is_multiple_of(4 + PCD_LEN) {
            return Err(damaged(format!(
                "the piece table's size {lcb} fits no whole number of pieces"
            )));
        }
        let n = (lcb - 4) / (4 + PCD_LEN);
        let cps_len = (n + 1) * 4;
        let last_cp = u32_at(plc, n * 4).unwrap_or(0);
        if n as u64 > u64::from(last_cp) + 1 {
            return Err(damaged(format!(
                "the piece table has {n} pieces for {last_cp} characters"
            )));
        }
        let mut pieces = Vec::with_capacity(n);
        for i in 0..n {
            let (Some(cp_start), Some(cp_end), Some(fc)) = (
                u32_at(plc, i * 4),
                u32_at(plc, i * 4 + 4),
                u32_at(plc, cps_len + i * PCD_LEN + 2),
            ) else {
                return Err(damaged("the piece table is cut off".into()));
            };
            if cp_end < cp_start || pieces.last().is_some_and(|p: &Piece| p.cp_end > cp_start) {
                return Err(damaged(format!(
                    "piece {i} goes backwards ({cp_start}..{cp_end})"
                )));
            }
            let (byte_start, width) = if fc & FC_COMPRESSED != 0 {
                ((fc & !FC_COMPRESSED) / 2, 1)
            } else {
                (fc, 2)
            };
            let byte_end = u64::from(byte_start) + u64::from(cp_end - cp_start) * u64::from(width);
            if byte_end > word_len as u64 {
                return Err(damaged(format!(
                    "piece {i} ({} characters at byte {byte_start}) lies outside the {word_len} bytes of WordDocument",
                    cp_end - cp_start
                )));
            }
            pieces.push(Piece {
                cp_start,
                cp_end,
                byte_start,
                width,
            });
        }
        Ok(PieceTable { pieces })
    }

    /// The piece holding `cp`, if any.
    pub(crate) fn find(&self, cp: u32) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.cp_end <= cp);
        self.pieces.get(i).filter(|p| p.cp_start <= cp)
    }

    /// CPs `0..end` as UTF-16 code units (8-bit text mapped through
    /// Windows-1252). A CP the pieces do not cover is left out.
    pub(crate) fn text(&self, word: &[u8], end: u32) -> Vec<(u32, u16)> {
        let mut out = Vec::with_capacity(end.min(word.len() as u32) as usize);
        for piece in &self.pieces {
            if piece.cp_start >= end {
                break;
            }
            let stop = piece.cp_end.min(end);
            for cp in piece.cp_start..stop {
                let at = piece.fc(cp) as usize;
                let unit = if piece.width == 1 {
                    u8_at(word, at).map(cp1252)
                } else {
                    u16_at(word, at)
                };
                if let Some(unit) = unit {
                    out.push((cp, unit));
                }
            }
        }
        out
    }
}

fn cp1252(byte: u8) -> u16 {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => u16::from(byte),
    }
}
