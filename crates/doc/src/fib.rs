//! The File Information Block at the start of the `WordDocument` stream: which
//! Word wrote the file, whether it is encrypted, which table stream it uses,
//! how long the main text is, and where the structures the reader needs are.

use crate::Error;
use crate::bytes::{u16_at, u32_at};

/// `wIdent` of every Word 97–2003 document (Word 6/95 files share it too;
/// their `nFib` tells them apart).
const WORD_IDENT: u16 = 0xA5EC;
/// `wIdent` of Word 6/95 files written by some tools.
const WORD95_IDENT: u16 = 0xA5DC;
/// The lowest `nFib` of Word 97.
const NFIB_WORD97: u16 = 0x00C1;
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;
const F_OBFUSCATED: u16 = 0x8000;

/// Indexes of the `FibRgFcLcb97` pairs the reader uses.
const FC_STSHF: usize = 1;
const FC_PLCF_BTE_PAPX: usize = 13;
const FC_CLX: usize = 33;
const FC_PLF_LST: usize = 73;
const FC_PLF_LFO: usize = 74;

/// What the reader needs from the FIB.
#[derive(Clone, Debug)]
pub(crate) struct Fib {
    /// The table stream: `1Table` or `0Table`.
    pub(crate) table_stream: &'static str,
    /// Characters of the main document; headers, footnotes, comments and
    /// text boxes follow it.
    pub(crate) ccp_text: u32,
    /// Characters of main-document text boxes (left out, noted).
    pub(crate) ccp_txbx: u32,
    /// Characters of footnotes and endnotes (left out).
    pub(crate) ccp_ftn: u32,
    pub(crate) ccp_edn: u32,
    pub(crate) stshf: (u32, u32),
    pub(crate) plcf_bte_papx: (u32, u32),
    pub(crate) clx: (u32, u32),
    /// The list definitions and overrides; `(0, 0)` when the FIB has none.
    pub(crate) plf_lst: (u32, u32),
    pub(crate) plf_lfo: (u32, u32),
}

impl Fib {
    pub(crate) fn parse(word: &[u8]) -> Result<Fib, Error> {
        let damaged = |what: &str| Error::Damaged {
            what: format!("the FIB is {what}"),
        };
        let ident = u16_at(word, 0).ok_or_else(|| damaged("missing"))?;
        let nfib = u16_at(word, 2).ok_or_else(|| damaged("cut off"))?;
        if ident == WORD95_IDENT || (ident == WORD_IDENT && nfib < NFIB_WORD97) {
            return Err(Error::PreWord97 { nfib });
        }
        if ident != WORD_IDENT {
            return Err(Error::Damaged {
                what: format!("the WordDocument stream starts with {ident:#06x}, not a Word FIB"),
            });
        }
        let flags = u16_at(word, 0x0A).ok_or_else(|| damaged("cut off"))?;
        if flags & F_ENCRYPTED != 0 {
            return Err(if flags & F_OBFUSCATED != 0 {
                Error::Obfuscated
            } else {
                Error::Encrypted
            });
        }
        let table_stream = if flags & F_WHICH_TBL_STM != 0 {
            "1Table"
        } else {
            "0Table"
        };
        // FibBase (32 bytes), then csw u16 and FibRgW, cslw u16 and FibRgLw,
        // cbRgFcLcb u16 and FibRgFcLcb: each sized by its count.
        let mut at = 32usize;
        let csw = usize::from(u16_at(word, at).ok_or_else(|| damaged("cut off"))?);
        at += 2 + csw * 2;
        let cslw = usize::from(u16_at(word, at).ok_or_else(|| damaged("cut off"))?);
        let rg_lw = at + 2;
        at = rg_lw + cslw * 4;
        let lw = |i: usize| {
            if i < cslw {
                u32_at(word, rg_lw + i * 4)
            } else {
                None
            }
        };
        let ccp_text = lw(3).ok_or_else(|| damaged("cut off before ccpText"))?;
        let cb_rg_fc_lcb = usize::from(u16_at(word, at).ok_or_else(|| damaged("cut off"))?);
        let rg_fc_lcb = at + 2;
        let pair = |i: usize| -> Option<(u32, u32)> {
            if i < cb_rg_fc_lcb {
                Some((
                    u32_at(word, rg_fc_lcb + i * 8)?,
                    u32_at(word, rg_fc_lcb + i * 8 + 4)?,
                ))
            } else {
                None
            }
        };
        let required = |i: usize, name: &str| {
            pair(i).ok_or_else(|| damaged(&format!("cut off before {name}")))
        };
        Ok(Fib {
            table_stream,
            ccp_text,
            ccp_ftn: lw(4).unwrap_or(0),
            ccp_edn: lw(8).unwrap_or(0),
            ccp_txbx: lw(9).unwrap_or(0),
            stshf: required(FC_STSHF, "fcStshf")?,
            plcf_bte_papx: required(FC_PLCF_BTE_PAPX, "fcPlcfBtePapx")?,
            clx: required(FC_CLX, "fcClx")?,
            plf_lst: pair(FC_PLF_LST).unwrap_or((0, 0)),
            plf_lfo: pair(FC_PLF_LFO).unwrap_or((0, 0)),
        })
    }
}

/// `bytes[fc..fc + lcb]` of a table stream, or the damage named.
pub(crate) fn slice<'b>(
    bytes: &'b [u8],
    (fc, lcb): (u32, u32),
    name: &str,
    stream: &str,
) -> Result<&'b [u8], Error> {
    let start = fc as usize;
    start
        .checked_add(lcb as usize)
        .and_then(|end| bytes.get(start..end))
        .ok_or_else(|| Error::Damaged {
            what: format!(
                "{name} ({lcb} bytes at {fc}) lies outside the {} bytes of {stream}",
                bytes.len()
            ),
        })
}
