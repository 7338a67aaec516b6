//! The zip container: refuses what is not a DOCX, and reads parts within the limits.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use policy_blocks::{Limit, LimitExceeded, Limits};
use zip::ZipArchive;

use crate::Error;

/// An opened DOCX package.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry index by lowercased part name without a leading `/` (OPC names are case-insensitive).
    names: HashMap<String, usize>,
    max_decompressed: u64,
    decompressed: u64,
}

impl std::fmt::Debug for Package<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("entries", &self.names.len())
            .finish()
    }
}

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, Error> {
        if bytes.is_empty() {
            return Err(Error::Empty);
        }
        Limits::check(
            Limit::InputBytes,
            limits.max_input_bytes,
            bytes.len() as u64,
        )?;
        if bytes.starts_with(OLE_MAGIC) {
            // An encrypted DOCX is an OLE file holding an `EncryptedPackage` stream.
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            let encrypted = bytes.windows(marker.len()).any(|w| w == marker.as_slice());
            return Err(if encrypted {
                Error::Encrypted
            } else {
                Error::LegacyOle
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(Error::NotZip {
                magic: bytes.iter().take(8).copied().collect(),
            });
        }
        if let Some(declared) = declared_entries(bytes) {
            Limits::check(Limit::ZipEntries, limits.max_zip_entries as u64, declared)?;
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(Error::Zip)?;
        Limits::check(
            Limit::ZipEntries,
            limits.max_zip_entries as u64,
            archive.len() as u64,
        )?;
        let names = archive
            .file_names()
            .filter_map(|name| {
                archive
                    .index_for_name(name)
                    .map(|idx| (normalize(name), idx))
            })
            .collect();
        Ok(Package {
            archive,
            names,
            max_decompressed: limits.max_decompressed_bytes,
            decompressed: 0,
        })
    }

    /// The bytes of part `name` (e.g. `word/document.xml`), `None` if absent.
    ///
    /// Every part read counts against `max_decompressed_bytes`: first by the
    /// size its header declares, then by what actually comes out, read through
    /// `take()` so a header that lies cannot inflate past the limit.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(&idx) = self.names.get(&normalize(name)) else {
            return Ok(None);
        };
        let file = match self.archive.by_index(idx) {
            Err(zip::result::ZipError::UnsupportedArchive(msg))
                if msg == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                return Err(Error::Encrypted);
            }
            other => other.map_err(Error::Zip)?,
        };
        let left = self.max_decompressed.saturating_sub(self.decompressed);
        let over = |found: u64| LimitExceeded {
            limit: Limit::DecompressedBytes,
            allowed: self.max_decompressed,
            found,
        };
        let declared = file.size();
        if declared > left {
            return Err(over(self.decompressed.saturating_add(declared)).into());
        }
        let decompress = |source| Error::Decompress {
            part: name.to_string(),
            source,
        };
        // The size the central directory declares is exact in a sound archive,
        // so the buffer is allocated once at that size, and a part that inflates
        // past it is damaged: it is refused there rather than grown into (a
        // lying zip bomb used to inflate to the whole limit, through buffers
        // doubling to 540 MB of memory, before the limit refused it).
        let mut data = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        file.take(declared.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(decompress)?;
        let got = data.len() as u64;
        if got > declared {
            return Err(decompress(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("it inflates past the {declared} bytes its header declares"),
            )));
        }
        self.decompressed += got;
        Ok(Some(data))
    }
}

fn normalize(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_lowercase()
}

/// The entry count the end-of-central-directory record declares, read before
/// the zip library allocates anything per entry. `None` when there is no
/// plain record (the library then reports the damage) or the count is in ZIP64.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail_start = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let tail = bytes.get(tail_start..)?;
    let at = tail.windows(EOCD.len()).rposition(|w| w == EOCD)?;
    let count = tail.get(at + 10..at + 12)?;
    let count = u16::from_le_bytes([*count.first()?, *count.get(1)?]);
    (count != u16::MAX).then_some(u64::from(count))
}
