//! Positions as the client counts them (a line and a character offset in UTF-16 code units, or
//! in bytes when the client accepts UTF-8) to byte offsets into the text and back, and the
//! text edits of incremental synchronization.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// What a position's `character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default, which every client supports.
    #[default]
    Utf16,
    /// Bytes of UTF-8: when the client offers it, no conversion along a line.
    Utf8,
}

impl Encoding {
    /// The units `c` takes.
    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf8 => c.len_utf8() as u32,
        }
    }
}

/// The line starts of one text: byte offsets of each line's first byte. A line ends at `\n`,
/// `\r\n` or a lone `\r`, as the protocol says.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    /// The lines of `text`, positions counted in `encoding`.
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', bytes.get(at..).unwrap_or(&[])) {
            let end = at + found;
            let next = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            };
            starts.push(next);
            at = next;
        }
        LineIndex { starts, encoding }
    }

    /// The position of the byte offset `offset` of `text` (clamped to the text, and to a
    /// character boundary before it).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = crate::document::floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position::new(line as u32, character)
    }

    /// The range of the byte span `start..end` of `text`.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of `position` in `text`: a line past the end is the end of the text; a
    /// character past the end of its line is the line's end (before its line break), and one
    /// inside a character (half of a UTF-16 surrogate pair) the character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = text.get(start..end).unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']);
        let mut units = 0;
        for (at, c) in content.char_indices() {
            let width = self.encoding.width(c);
            if units + width > position.character {
                return start + at;
            }
            units += width;
        }
        start + content.len()
    }
}

/// Applies the changes of one `didChange` notification to `text`, in order: a change with a
/// range replaces that range, one without replaces the whole text.
pub fn apply_changes(
    text: &mut String,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) {
    for change in changes {
        match change.range {
            Some(range) => {
                let index = LineIndex::new(text, encoding);
                let start = index.offset(text, range.start);
                let end = index.offset(text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
            None => *text = change.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_by_default() {
        let text = "a😀b\r\nsecond\rthird\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        let b = text.find('b').unwrap();
        assert_eq!(index.position(text, b), Position::new(0, 3));
        assert_eq!(index.offset(text, Position::new(0, 3)), b);
        let third = text.find("third").unwrap();
        assert_eq!(index.position(text, third), Position::new(2, 0));
        assert_eq!(
            index.offset(text, Position::new(1, 99)),
            "a😀b\r\nsecond".len()
        );
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        // Half of the surrogate pair: the emoji's start.
        assert_eq!(index.offset(text, Position::new(0, 2)), 1);
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let text = "é and e";
        let index = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(index.position(text, 3), Position::new(0, 3));
        assert_eq!(index.offset(text, Position::new(0, 2)), 2);
    }

    #[test]
    fn incremental_changes_edit_in_order() {
        let mut text = "The cat sat.\nOn the mat.".to_owned();
        let change = |range: Option<Range>, new: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: new.to_owned(),
        };
        let changes = vec![
            change(
                Some(Range::new(Position::new(0, 4), Position::new(0, 7))),
                "dog",
            ),
            change(
                Some(Range::new(Position::new(1, 11), Position::new(1, 11))),
                " Then",
            ),
        ];
        apply_changes(&mut text, changes, Encoding::Utf16);
        assert_eq!(text, "The dog sat.\nOn the mat. Then");
        apply_changes(&mut text, vec![change(None, "new")], Encoding::Utf16);
        assert_eq!(text, "new");
    }
}
