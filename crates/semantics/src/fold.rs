//! Width folding that keeps a map back to the text as written. The table of what
//! folds to what is `policy_grammar::chars::fold_char`, the one the grammar reads
//! text with.

use policy_grammar::chars::fold_char;

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
        let mut text = String::with_capacity(orig.len());
        let mut shifts = Vec::new();
        // Bytes from `copied` to the current character fold to themselves.
        let mut copied = 0;
        for (i, c) in orig.char_indices() {
            let folded = fold_char(c);
            if folded == c {
                continue;
            }
            text.push_str(orig.get(copied..i).unwrap_or(""));
            text.push(folded);
            copied = i + c.len_utf8();
            if folded.len_utf8() != c.len_utf8() {
                shifts.push((text.len(), copied));
            }
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
    use policy_grammar::chars::fold_width;

    #[test]
    fn folds_width_one_char_for_one() {
        assert_eq!(fold_width("（一）达到１００％，≥３０"), "(一)达到100%,≥30");
        assert_eq!(fold_width("吉林省　体育局"), "吉林省 体育局");
    }

    #[test]
    fn folds_every_character_as_fold_char_does() {
        let all: String = (0..0x11000u32)
            .filter_map(char::from_u32)
            .chain(['\u{1F600}', '\u{20000}'])
            .collect();
        assert_eq!(Folded::new(&all).text, fold_width(&all));
        for (i, c) in all.char_indices() {
            let one = &all[i..i + c.len_utf8()];
            assert_eq!(Folded::new(one).text, fold_width(one), "{c:?}");
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
