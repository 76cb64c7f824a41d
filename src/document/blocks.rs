//! Cutting a large plain text into blocks that are checked one at a time, so that memory holds
//! the tables (lines, sentences, tokens) of one block, never those of a whole corpus file.
//!
//! A block ends after a blank line where it can, else after a line break, else (one line longer
//! than a block) after a space, else at a char boundary. Each block knows where it starts in
//! lines and columns, so its findings are placed in the whole text.

use std::ops::Range;

/// One block of a text: its byte range and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Lines of the text before the block's first line (0 for the first block).
    pub lines_before: usize,
    /// Chars between the start of the block's first line and the block (0 unless the block
    /// was cut inside a line).
    pub column_offset: usize,
}

/// The blocks of `text`, each about `size` bytes (at least half of it, at most `size`, but the
/// last), in order, covering the text.
pub fn blocks(text: &str, size: usize) -> Vec<Block> {
    let size = size.max(2);
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let (mut start, mut lines_before, mut column_offset) = (0, 0, 0);
    while start < text.len() {
        let end = if text.len() - start <= size {
            text.len()
        } else {
            cut(text, start + size / 2, start + size)
        };
        let block = bytes.get(start..end).unwrap_or_default();
        blocks.push(Block {
            range: start..end,
            lines_before,
            column_offset,
        });
        // Line breaks inside the block: LF, CR and CRLF (one break).
        let breaks = memchr::memchr2_iter(b'\n', b'\r', block)
            .filter(|&i| !(block.get(i) == Some(&b'\r') && block.get(i + 1) == Some(&b'\n')))
            .count();
        let last_break = memchr::memrchr2(b'\n', b'\r', block);
        column_offset = match last_break {
            Some(at) => text
                .get(start + at + 1..end)
                .map_or(0, |s| s.chars().count()),
            None => column_offset + text.get(start..end).map_or(0, |s| s.chars().count()),
        };
        lines_before += breaks;
        start = end;
    }
    blocks
}

/// Where to end a block that may end anywhere in `from..to`: after the last blank line, else
/// the last line break, else the last space, else at the last char boundary.
fn cut(text: &str, from: usize, to: usize) -> usize {
    let window = text.as_bytes().get(from..to).unwrap_or_default();
    let after = |at: usize, len: usize| from + at + len;
    if let Some(at) = memchr::memmem::rfind(window, b"\n\n") {
        return after(at, 2);
    }
    if let Some(at) = memchr::memrchr(b'\n', window) {
        return after(at, 1);
    }
    if let Some(at) = memchr::memrchr(b' ', window) {
        return after(at, 1);
    }
    let mut end = to;
    while end > from && !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == from {
        // No char boundary in the window: the char that straddles it ends the block.
        end = to;
        while !text.is_char_boundary(end) {
            end += 1;
        }
    }
    // Never between the CR and the LF of one line break.
    if text.as_bytes().get(end - 1..=end) == Some(b"\r\n") {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::document::LineIndex;

    proptest! {
        /// Blocks cover the text in order, end on char boundaries, stay within their size (but
        /// the last) and know the line and column where they start.
        #[test]
        fn blocks_cover_the_text_and_know_where_they_start(
            text in "(ab|é|漢|\n|\r\n|\r| |\n\n|xyz ){0,120}",
            size in 2usize..40,
        ) {
            let blocks = blocks(&text, size);
            let index = LineIndex::new(&text);
            let mut expected_start = 0;
            for (i, block) in blocks.iter().enumerate() {
                prop_assert_eq!(block.range.start, expected_start);
                prop_assert!(block.range.end > block.range.start);
                prop_assert!(text.is_char_boundary(block.range.end));
                if i + 1 < blocks.len() {
                    prop_assert!(block.range.len() <= size + 3, "{:?}", block);
                    let before = &text.as_bytes()[..block.range.end];
                    prop_assert!(!(before.ends_with(b"\r") && text[block.range.end..].starts_with('\n')));
                }
                let place = index.line_column(&text, block.range.start);
                prop_assert_eq!(block.lines_before + 1, place.line, "{:?} in {:?}", block, text);
                prop_assert_eq!(block.column_offset + 1, place.column, "{:?} in {:?}", block, text);
                expected_start = block.range.end;
            }
            prop_assert_eq!(expected_start, text.len());
        }
    }

    #[test]
    fn blocks_end_after_a_blank_line_where_they_can() {
        let text = "one two three\n\nfour five\nsix seven\n";
        let cut: Vec<&str> = blocks(text, 24)
            .iter()
            .map(|b| &text[b.range.clone()])
            .collect();
        assert_eq!(cut, ["one two three\n\n", "four five\nsix seven\n"]);
    }

    #[test]
    fn a_long_line_is_cut_after_a_space_and_keeps_its_columns() {
        let text = "aaaa bbbb cccc dddd";
        let blocks = blocks(text, 8);
        let cut: Vec<&str> = blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(cut, ["aaaa ", "bbbb ", "cccc ", "dddd"]);
        assert_eq!(blocks[2].lines_before, 0);
        assert_eq!(blocks[2].column_offset, 10);
    }
}
