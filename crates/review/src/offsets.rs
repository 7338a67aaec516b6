//! Span offsets for the browser: UTF-8 bytes (the model) to UTF-16 code units
//! (what a JavaScript string indexes).

/// The UTF-16 offsets of a fixed set of UTF-8 byte offsets into one text.
///
/// Built in one pass over the text for all offsets at once, so a 30 MB text
/// costs no table per byte. An offset inside a character counts from the start
/// of that character, and one past the end of the text from its end: a span
/// that a buggy reader or a hostile file puts out of place still lands on
/// whole characters of the text.
#[derive(Debug)]
pub struct Utf16Offsets {
    /// (byte offset, UTF-16 offset), sorted by byte offset, no duplicates.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    pub fn new(text: &str, mut bytes: Vec<usize>) -> Utf16Offsets {
        bytes.sort_unstable();
        bytes.dedup();
        let mut pairs = Vec::with_capacity(bytes.len());
        let mut wanted = bytes.into_iter().peekable();
        let mut units = 0;
        for (at, ch) in text.char_indices() {
            // Every wanted offset before the end of this character maps to its start.
            while let Some(&byte) = wanted.peek() {
                if byte >= at + ch.len_utf8() {
                    break;
                }
                pairs.push((byte, units));
                wanted.next();
            }
            units += ch.len_utf16();
        }
        pairs.extend(wanted.map(|byte| (byte, units)));
        Utf16Offsets { pairs }
    }

    /// The UTF-16 offset of `byte`; `byte` must be one of the offsets given to
    /// [`Utf16Offsets::new`] (any other maps to the nearest one below it).
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(idx) => self.pairs[idx].1,
            Err(0) => 0,
            Err(idx) => self.pairs[idx - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Offsets;

    fn check(text: &str, byte: usize, expected: usize) {
        let map = Utf16Offsets::new(text, vec![byte]);
        assert_eq!(map.get(byte), expected, "{text:?} at byte {byte}");
    }

    #[test]
    fn ascii_is_unchanged() {
        check("abc", 0, 0);
        check("abc", 2, 2);
        check("abc", 3, 3);
    }

    #[test]
    fn chinese_is_one_unit_for_three_bytes() {
        check("一、任务", 3, 1);
        check("一、任务", 6, 2);
        check("一、任务", 12, 4);
    }

    #[test]
    fn astral_characters_are_two_units() {
        // 𠀀 is four bytes in UTF-8 and a surrogate pair in UTF-16.
        check("𠀀a", 4, 2);
        check("𠀀a", 5, 3);
    }

    #[test]
    fn inside_a_character_floors_to_its_start() {
        check("一二", 4, 1);
        check("一二", 5, 1);
        check("𠀀a", 3, 0);
    }

    #[test]
    fn past_the_end_is_the_end() {
        check("一二", 100, 2);
        check("", 7, 0);
    }

    #[test]
    fn many_offsets_in_one_pass() {
        let text = "一、a𠀀b";
        let map = Utf16Offsets::new(text, vec![10, 0, 3, 6, 7, 11, 6]);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for byte in [0, 3, 6, 7, 11] {
            let expected = text[..byte].encode_utf16().count();
            assert_eq!(map.get(byte), expected);
        }
        assert_eq!(map.get(10), 3, "inside 𠀀: where it starts");
        assert_eq!(utf16.len(), 6);
    }
}
