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
    /// (folded byte offset, original byte offset) of each character, plus the end.
    map: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    pub fn new(orig: &'a str) -> Folded<'a> {
        let mut text = String::with_capacity(orig.len());
        let mut map = Vec::with_capacity(orig.len() / 2 + 1);
        for (i, c) in orig.char_indices() {
            map.push((text.len(), i));
            text.push(fold_char(c));
        }
        map.push((text.len(), orig.len()));
        Folded { orig, text, map }
    }

    /// The original byte offset of a folded byte offset (a character boundary).
    pub fn orig_offset(&self, folded: usize) -> usize {
        match self.map.binary_search_by_key(&folded, |&(f, _)| f) {
            Ok(i) => self.map.get(i).map_or(self.orig.len(), |&(_, o)| o),
            Err(i) => self.map.get(i).map_or(self.orig.len(), |&(_, o)| o),
        }
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
    fn maps_offsets_back_to_the_original() {
        let f = Folded::new("达到１００％以上");
        let start = f.text.find("100").unwrap();
        let end = f.text.find("以上").unwrap();
        assert_eq!(f.orig_slice(start, end), "１００％");
        assert_eq!(f.orig_slice(0, f.text.len()), "达到１００％以上");
    }
}
