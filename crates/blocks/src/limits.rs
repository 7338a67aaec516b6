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
    /// Deepest nesting of a document's structure: XML and HTML elements, PDF
    /// arrays and dictionaries.
    pub max_nesting_depth: usize,
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
            max_nesting_depth: 256,
            max_table_cells: 200_000,
            max_pages: 2_000,
            max_text_bytes: 32 * 1024 * 1024,
        }
    }
}

/// Which of the [`Limits`] an input hit. Its [`Display`](std::fmt::Display)
/// is the field's name (`max_nesting_depth`), the name users see in messages
/// and set with the command line's flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    InputBytes,
    DecompressedBytes,
    ZipEntries,
    NestingDepth,
    TableCells,
    Pages,
    TextBytes,
}

impl Limit {
    /// Every limit, in the order of the [`Limits`] fields.
    pub const ALL: [Limit; 7] = [
        Limit::InputBytes,
        Limit::DecompressedBytes,
        Limit::ZipEntries,
        Limit::NestingDepth,
        Limit::TableCells,
        Limit::Pages,
        Limit::TextBytes,
    ];

    /// The [`Limits`] field this limit is, e.g. `max_nesting_depth`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::InputBytes => "max_input_bytes",
            Limit::DecompressedBytes => "max_decompressed_bytes",
            Limit::ZipEntries => "max_zip_entries",
            Limit::NestingDepth => "max_nesting_depth",
            Limit::TableCells => "max_table_cells",
            Limit::Pages => "max_pages",
            Limit::TextBytes => "max_text_bytes",
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A limit a reader hit: which one, its value, and what the input needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitExceeded {
    pub limit: Limit,
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
    /// The value of one limit, by [`Limit`] (for settings given by name, as
    /// Python's `limits={"max_pages": 50}`).
    pub fn get(&self, limit: Limit) -> u64 {
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        match limit {
            Limit::InputBytes => self.max_input_bytes,
            Limit::DecompressedBytes => self.max_decompressed_bytes,
            Limit::ZipEntries => count(self.max_zip_entries),
            Limit::NestingDepth => count(self.max_nesting_depth),
            Limit::TableCells => count(self.max_table_cells),
            Limit::Pages => count(self.max_pages),
            Limit::TextBytes => self.max_text_bytes,
        }
    }

    /// Sets one limit, by [`Limit`]; a count past `usize::MAX` saturates.
    pub fn set(&mut self, limit: Limit, value: u64) {
        let count = usize::try_from(value).unwrap_or(usize::MAX);
        match limit {
            Limit::InputBytes => self.max_input_bytes = value,
            Limit::DecompressedBytes => self.max_decompressed_bytes = value,
            Limit::ZipEntries => self.max_zip_entries = count,
            Limit::NestingDepth => self.max_nesting_depth = count,
            Limit::TableCells => self.max_table_cells = count,
            Limit::Pages => self.max_pages = count,
            Limit::TextBytes => self.max_text_bytes = value,
        }
    }

    /// `Err` naming `limit` when `found` is over `allowed`.
    pub fn check(limit: Limit, allowed: u64, found: u64) -> Result<(), LimitExceeded> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_field_names() {
        let names: Vec<String> = Limit::ALL.iter().map(Limit::to_string).collect();
        assert_eq!(
            names,
            [
                "max_input_bytes",
                "max_decompressed_bytes",
                "max_zip_entries",
                "max_nesting_depth",
                "max_table_cells",
                "max_pages",
                "max_text_bytes"
            ]
        );
        let err = Limits::check(Limit::Pages, 2, 3).expect_err("over");
        assert_eq!(
            err.to_string(),
            "limit max_pages exceeded: 2 allowed, input needs at least 3"
        );
        assert!(Limits::check(Limit::Pages, 3, 3).is_ok());
    }

    #[test]
    fn each_limit_is_set_and_read_in_its_own_field() {
        let defaults = Limits::default();
        for (idx, limit) in Limit::ALL.into_iter().enumerate() {
            let mut limits = defaults;
            let value = 7 + idx as u64;
            limits.set(limit, value);
            assert_eq!(limits.get(limit), value, "{limit}");
            for other in Limit::ALL.into_iter().filter(|&other| other != limit) {
                assert_eq!(
                    limits.get(other),
                    defaults.get(other),
                    "{limit} set {other}"
                );
            }
        }
        assert_eq!(defaults.get(Limit::Pages), 2_000);
    }
}
