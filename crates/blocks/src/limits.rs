/// Bounds every reader enforces, so that a hostile file yields an error that
/// names the limit instead of exhausting memory or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: u64,
    /// Largest total size a container (zip) may decompress to.
    pub max_decompressed_bytes: u64,
    /// Most entries a zip container may hold.
    pub max_zip_entries: usize,
    /// Deepest XML / HTML element nesting.
    pub max_xml_depth: usize,
    /// Most cells one table may have.
    pub max_table_cells: usize,
    /// Most pages read from a PDF.
    pub max_pages: usize,
    /// Largest text a document may decode to, in UTF-8 bytes. Parsing costs
    /// time and memory in proportion to the text (about 13× the text in
    /// memory for a text of nothing but tasks), so this bounds both for a
    /// plain text file as `max_decompressed_bytes` cannot.
    pub max_text_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 100 * 1024 * 1024,
            max_decompressed_bytes: 256 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_xml_depth: 256,
            max_table_cells: 200_000,
            max_pages: 2_000,
            max_text_bytes: 32 * 1024 * 1024,
        }
    }
}

/// A limit a reader hit: which one, its value, and what the input needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitExceeded {
    /// The [`Limits`] field name, e.g. `max_xml_depth`.
    pub limit: &'static str,
    pub allowed: u64,
    pub found: u64,
}

impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "limit {} exceeded: {} allowed, input needs at least {}",
            self.limit, self.allowed, self.found
        )
    }
}

impl std::error::Error for LimitExceeded {}

impl Limits {
    /// `Err` naming `limit` when `found` is over `allowed`.
    pub fn check(limit: &'static str, allowed: u64, found: u64) -> Result<(), LimitExceeded> {
        if found > allowed {
            Err(LimitExceeded {
                limit,
                allowed,
                found,
            })
        } else {
            Ok(())
        }
    }
}
