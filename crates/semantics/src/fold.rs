//! Width folding that keeps a map back to the text as written.

/// Folds full-width ASCII variants (`（` `，` `：` `１` `％`) to half-width and the
/// ideographic space to a space, one character for one, so that offsets map back.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' | '\u{00A0}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹪' => '%',
        _ => c,
    }
}

/// [`fold_char`] over a string.
pub(crate) fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// A folded copy of a text with the byte offsets of every character on both sides.
#[derive(Debug)]
pub(crate) struct Folded<'a> {
    pub orig: &'a str,
    pub text: String,
    /// (folded byte offset, original byte offset) just after each character
    /// whose folded form is shorter; between two of them the offsets differ by
    /// a constant. Most characters fold to themselves, so this stays short.
    shifts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub fn new(orig: &'a str) -> Folded<'a> {
        let bytes = orig.as_bytes();
        let mut text = String::with_capacity(orig.len());
        let mut shifts = Vec::new();
        // Bytes from `copied` to the current character fold to themselves.
        let mut copied = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // The UTF-8 of what folds: U+00A0 (C2 A0), U+3000 (E3 80 80),
            // U+FE6A (EF B9 AA), U+FF01..=U+FF3F (EF BC 81..BF) and
            // U+FF40..=U+FF5E (EF BD 80..9E), read without decoding.
            let next = |k: usize| bytes.get(i + k).copied();
            let (folded, len) = match b {
                0xC2 if next(1) == Some(0xA0) => (b' ', 2),
                0xE3 if next(1) == Some(0x80) && next(2) == Some(0x80) => (b' ', 3),
                0xEF => match (next(1), next(2)) {
                    (Some(0xBC), Some(low @ 0x81..=0xBF)) => (low - 0x80 + 0x20, 3),
                    (Some(0xBD), Some(low @ 0x80..=0x9E)) => (low - 0x80 + 0x60, 3),
                    (Some(0xB9), Some(0xAA)) => (b'%', 3),
                    _ => {
                        i += 3;
                        continue;
                    }
                },
                // whole characters at a time: ideographs are most of the text
                0xE0..=0xEF => {
                    i += 3;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            text.push_str(orig.get(copied..i).unwrap_or(""));
            text.push(char::from(folded));
            copied = i + len;
            shifts.push((text.len(), copied));
            i += len;
        }
        text.push_str(orig.get(copied..).unwrap_or(""));
        Folded { orig, text, shifts }
    }

    /// The original byte offset of a folded byte offset (a character boundary;
    /// an offset inside a character maps to the character's end).
    pub fn orig_offset(&self, folded: usize) -> usize {
        let at = self.shifts.partition_point(|&(f, _)| f <= folded);
        let (f, o) = at
            .checked_sub(1)
            .and_then(|k| self.shifts.get(k))
            .copied()
            .unwrap_or((0, 0));
        let mut offset = (folded - f + o).min(self.orig.len());
        while !self.orig.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    }

    /// The text as written behind a folded byte range.
    pub fn orig_slice(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = (self.orig_offset(start), self.orig_offset(end));
        self.orig.get(s..e.max(s)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_one_char_for_one() {
        assert_eq!(fold("（一）达到１００％，≥３０"), "(一)达到100%,≥30");
        assert_eq!(fold("吉林省　体育局"), "吉林省 体育局");
    }

    #[test]
    fn folds_every_character_as_fold_char_does() {
        let all: String = (0..0x11000u32)
            .filter_map(char::from_u32)
            .chain(['\u{1F600}', '\u{20000}'])
            .collect();
        assert_eq!(Folded::new(&all).text, fold(&all));
        for (i, c) in all.char_indices() {
            let one = &all[i..i + c.len_utf8()];
            assert_eq!(Folded::new(one).text, fold(one), "{c:?}");
        }
    }

    #[test]
    fn maps_offsets_back_to_the_original() {
        let f = Folded::new("达到１００％以上");
        let start = f.text.find("100").unwrap();
        let end = f.text.find("以上").unwrap();
        assert_eq!(f.orig_slice(start, end), "１００％");
        assert_eq!(f.orig_slice(0, f.text.len()), "达到１００％以上");
    }
}
