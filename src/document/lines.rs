//! Line index: byte offset → 1-based line and column, with `\n`, `\r\n` and a lone `\r` all
//! ending a line.

use std::ops::Range;

/// Where each line of a text starts, for turning byte offsets into lines and columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0. Four bytes each: a text is
    /// at most [`crate::document::MAX_TEXT_BYTES`] long, and a file of short lines has as many
    /// lines as a third of its bytes.
    starts: Vec<u32>,
    /// (byte offset, chars before it) about every [`STRIDE`] bytes, so a column on a huge line
    /// costs a bounded count, not a walk from the line start.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two checkpoints of the char count.
const STRIDE: usize = 256;

/// A 1-based line and column; the column counts Unicode scalar values from the line start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in chars.
    pub column: usize,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(line_ranges(text).skip(1).map(|r| offset32(r.start)));
        LineIndex::with_starts(text, starts)
    }

    /// Indexes the lines of `text`, given as found by [`line_ranges`].
    pub fn from_lines(text: &str, lines: &[Range<usize>]) -> Self {
        let mut starts: Vec<u32> = lines.iter().map(|l| offset32(l.start)).collect();
        if starts.is_empty() {
            starts.push(0);
        }
        LineIndex::with_starts(text, starts)
    }

    fn with_starts(text: &str, starts: Vec<u32>) -> Self {
        // A checkpoint at the first char boundary STRIDE bytes or more past the last one; the
        // chars between are counted a stretch at a time (std counts them word by word).
        let mut checkpoints = vec![(0, 0)];
        let (mut last, mut chars) = (0, 0);
        loop {
            let mut next = last + STRIDE;
            while next < text.len() && !text.is_char_boundary(next) {
                next += 1;
            }
            let Some(stretch) = text.get(last..next).filter(|_| next < text.len()) else {
                break;
            };
            chars += stretch.chars().count();
            checkpoints.push((next, chars));
            last = next;
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The number of chars before byte `offset` (a char boundary) of `text`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let at = self.checkpoints.partition_point(|&(o, _)| o <= offset);
        let (from, chars) = self
            .checkpoints
            .get(at.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0));
        chars + text.get(from..offset).map_or(0, |s| s.chars().count())
    }

    /// The number of lines (an empty text has one empty line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Always false: a text has at least one line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where the 0-based line `index` starts.
    pub fn line_start(&self, index: usize) -> usize {
        self.starts.get(index).map_or(0, |&s| s as usize)
    }

    /// The line and column of `offset` in `text` (the text this index was built from).
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let index = self.line_of(offset);
        let start = self.line_start(index);
        // Near the line start, counting the chars between is cheaper than two searches of
        // the checkpoints.
        let column = match text.get(start..offset) {
            Some(stretch) if stretch.len() <= 2 * STRIDE => stretch.chars().count(),
            _ => self.chars_before(text, offset) - self.chars_before(text, start),
        };
        LineColumn {
            line: index + 1,
            column: column + 1,
        }
    }
}

/// An offset of a text of at most [`crate::document::MAX_TEXT_BYTES`] as 32 bits.
fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// At least the number of lines of `text`: one more than its line ends, a CRLF counted twice.
pub fn line_count_bound(text: &str) -> usize {
    memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()).count() + 1
}

/// The byte ranges of the lines of `text`, without their terminators. A text ending in a line
/// break has no empty last line; an empty text has one empty line.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = bytes.get(start..).unwrap_or(&[]);
        match memchr::memchr2(b'\n', b'\r', rest) {
            Some(pos) => {
                let end = start + pos;
                let terminator = if rest.get(pos..pos + 2) == Some(b"\r\n") {
                    2
                } else {
                    1
                };
                let line = start..end;
                start = end + terminator;
                if start >= bytes.len() {
                    done = true;
                }
                Some(line)
            }
            None => {
                done = true;
                Some(start..bytes.len())
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// An index built from the lines already found is the index built from the text, with
        /// every kind of line end, blank lines and an empty text.
        #[test]
        fn an_index_from_lines_equals_one_from_the_text(text in r"(a|é| |\n|\r\n|\r){0,30}") {
            let lines: Vec<Range<usize>> = line_ranges(&text).collect();
            prop_assert_eq!(LineIndex::from_lines(&text, &lines), LineIndex::new(&text));
        }

        /// Columns from the checkpoints equal the chars counted from the line start, on long
        /// lines of mixed-width characters.
        #[test]
        fn checkpoint_columns_equal_counted_columns(
            text in r"([a-z é€𝄞]{0,300}\n?){1,4}",
            picks in prop::collection::vec(any::<prop::sample::Index>(), 1..20)
        ) {
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for pick in picks {
                let offset = boundaries[pick.index(boundaries.len())];
                let start = index.line_start(index.line_of(offset));
                let counted = text[start..offset].chars().count() + 1;
                prop_assert_eq!(index.line_column(&text, offset).column, counted);
            }
        }
    }

    #[test]
    fn columns_on_a_long_line_count_chars() {
        let text = format!("{}\n{}x", "é".repeat(5000), "ü".repeat(9000));
        let index = LineIndex::new(&text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.line_column(&text, x),
            LineColumn {
                line: 2,
                column: 9001
            }
        );
        let mid = "é".len() * 4321;
        assert_eq!(index.line_column(&text, mid).column, 4322);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "one\ntwo\r\nthree\rfour";
        let lines: Vec<&str> = line_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["one", "two", "three", "four"]);
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 4);
        let four = text.find("four").unwrap();
        assert_eq!(
            index.line_column(text, four + 2),
            LineColumn { line: 4, column: 3 }
        );
    }

    #[test]
    fn trailing_newline_adds_no_line_and_empty_text_has_one() {
        assert_eq!(line_ranges("a\n").count(), 1);
        assert_eq!(line_ranges("").collect::<Vec<_>>(), vec![0..0]);
        assert_eq!(line_ranges("\n\n").count(), 2);
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "“Déjà” vu";
        let index = LineIndex::new(text);
        let vu = text.find("vu").unwrap();
        assert_eq!(index.line_column(text, vu).column, 8);
    }
}
