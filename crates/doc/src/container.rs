//! The OLE compound file around a Word document: which kind of file it is,
//! and its streams read within [`Limits`].
//!
//! The `cfb` crate walks the sector chains (it refuses chains that loop and
//! FAT or directory entries that point outside the file); here every stream
//! is sized against the file and the limits before a byte of it is read.

use std::io::{Cursor, Read};

use policy_blocks::{Limit, Limits};

use crate::Error;

/// The OLE compound file signature.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An opened compound file and what reading it has cost so far.
pub(crate) struct Container<'a> {
    file: cfb::CompoundFile<Cursor<&'a [u8]>>,
    file_len: u64,
    budget: u64,
    max_decompressed_bytes: u64,
}

impl<'a> Container<'a> {
    /// Opens the compound file and checks that it holds a Word document,
    /// naming what it holds otherwise.
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Container<'a>, Error> {
        if bytes.is_empty() {
            return Err(Error::Empty);
        }
        if !bytes.starts_with(&OLE_MAGIC) {
            return Err(Error::NotOle {
                magic: bytes[..bytes.len().min(8)].to_vec(),
            });
        }
        let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(Error::Container)?;
        let container = Container {
            file,
            file_len: bytes.len() as u64,
            budget: 0,
            max_decompressed_bytes: limits.max_decompressed_bytes,
        };
        container.check_kind()?;
        Ok(container)
    }

    /// `Err` naming the kind of document when the root storage is not a
    /// Word document's.
    fn check_kind(&self) -> Result<(), Error> {
        let names: Vec<String> = self
            .file
            .read_root_storage()
            .map(|entry| entry.name().to_string())
            .collect();
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        if has("WordDocument") {
            return Ok(());
        }
        if has("EncryptionInfo") && has("EncryptedPackage") {
            return Err(Error::EncryptedOoxml);
        }
        let what = if has("Workbook") || has("Book") {
            "an Excel workbook (.xls)"
        } else if has("PowerPoint Document") {
            "a PowerPoint presentation (.ppt)"
        } else if has("VisioDocument") {
            "a Visio drawing (.vsd)"
        } else if has("MatOST") || has("CONTENTS") {
            "a Microsoft Works document (.wps)"
        } else if names.iter().any(|n| n.starts_with("__substg1.0_")) {
            "an Outlook message (.msg)"
        } else if has("\u{5}HwpSummaryInformation") || has("FileHeader") {
            "a Hangul word processor document (.hwp)"
        } else {
            "no Word document (no WordDocument stream)"
        };
        Err(Error::NotWord { what })
    }

    /// Whether the root storage has a stream called `name`.
    pub(crate) fn has_stream(&self, name: &str) -> bool {
        self.file.is_stream(format!("/{name}"))
    }

    /// The whole of stream `name`, counted against `max_decompressed_bytes`.
    /// A stream that declares more bytes than the file holds is damage,
    /// refused before anything is allocated.
    pub(crate) fn stream(&mut self, name: &str) -> Result<Vec<u8>, Error> {
        let path = format!("/{name}");
        let entry = self.file.entry(&path).map_err(|_| Error::MissingStream {
            stream: name.to_string(),
        })?;
        if !entry.is_stream() {
            return Err(Error::MissingStream {
                stream: name.to_string(),
            });
        }
        let declared = entry.len();
        if declared > self.file_len {
            return Err(Error::Damaged {
                what: format!(
                    "stream {name} declares {declared} bytes, more than the {} bytes of the whole file",
                    self.file_len
                ),
            });
        }
        self.budget = self.budget.saturating_add(declared);
        Limits::check(
            Limit::DecompressedBytes,
            self.max_decompressed_bytes,
            self.budget,
        )?;
        let stream = self.file.open_stream(&path).map_err(Error::Container)?;
        let mut out = Vec::with_capacity(declared as usize);
        // `take` keeps a stream to its declared length whatever its chain says.
        stream
            .take(declared)
            .read_to_end(&mut out)
            .map_err(Error::Container)?;
        if (out.len() as u64) < declared {
            return Err(Error::Damaged {
                what: format!(
                    "stream {name} declares {declared} bytes but its sector chain holds {}",
                    out.len()
                ),
            });
        }
        Ok(out)
    }
}
