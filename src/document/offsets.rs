//! The map from byte offsets in the text the checks see back to byte offsets in the original input.
//!
//! The checked text is built from pieces of the original: runs copied verbatim (mapped one to one)
//! and runs that were rewritten (NFC composition, later markup removal), mapped as a whole. A span
//! that starts or ends inside a rewritten run widens to the whole run, so a mapped span always
//! covers the original characters that produced the checked ones and lies on char boundaries.

use std::ops::Range;

/// One run of the checked text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_len: usize,
    orig_start: usize,
    orig_len: usize,
    /// Copied verbatim: offsets inside the piece map one to one.
    verbatim: bool,
}

/// Maps byte offsets of the checked text onto the original input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    text_len: usize,
    orig_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes, starting at `orig_start` in the original (a
    /// byte order mark skipped at the start gives `orig_start = 3`).
    pub fn identity(orig_start: usize, len: usize) -> Self {
        let mut map = OffsetMap::default();
        map.push_verbatim(orig_start, len);
        map
    }

    /// Appends `len` bytes copied verbatim from the original at `orig_start`.
    pub fn push_verbatim(&mut self, orig_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.orig_start + last.orig_len == orig_start
        {
            last.text_len += len;
            last.orig_len += len;
        } else {
            self.pieces.push(Piece {
                text_start: self.text_len,
                text_len: len,
                orig_start,
                orig_len: len,
                verbatim: true,
            });
        }
        self.text_len += len;
        self.orig_len = self.orig_len.max(orig_start + len);
    }

    /// Appends `text_len` bytes of checked text that were produced from the original range
    /// `orig` as a whole.
    pub fn push_rewritten(&mut self, orig: Range<usize>, text_len: usize) {
        self.pieces.push(Piece {
            text_start: self.text_len,
            text_len,
            orig_start: orig.start,
            orig_len: orig.len(),
            verbatim: false,
        });
        self.text_len += text_len;
        self.orig_len = self.orig_len.max(orig.end);
    }

    /// Maps a span of the checked text onto the original, widening it over rewritten runs.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        // A text copied whole (most documents: one verbatim piece) maps by a shift, without a
        // search of the pieces; the offsets every word and finding pass through.
        if let [piece] = self.pieces.as_slice()
            && piece.verbatim
            && piece.text_start == 0
        {
            let map = |offset: usize| piece.orig_start + offset.min(piece.text_len);
            let start = map(span.start);
            return start..map(span.end).max(start);
        }
        let start = self.map_start(span.start);
        let end = self.map_end(span.end).max(start);
        start..end
    }

    /// Maps a span like [`OffsetMap::to_original`], but never across a gap of the original that
    /// produced no text (a tag, a markup delimiter): a span that crosses one keeps its longest
    /// stretch that maps onto one unbroken run of the original.
    pub fn to_original_unbroken(&self, span: Range<usize>) -> Range<usize> {
        if span.is_empty() {
            return self.to_original(span);
        }
        let first = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= span.start);
        let mut best = span.start..span.start;
        let mut run: Option<Range<usize>> = None;
        let mut previous_end: Option<usize> = None;
        for piece in self
            .pieces
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|p| p.text_start < span.end)
        {
            let text =
                piece.text_start.max(span.start)..(piece.text_start + piece.text_len).min(span.end);
            let joined = previous_end.is_none_or(|end| end == piece.orig_start);
            run = match run {
                Some(r) if joined => Some(r.start..text.end),
                _ => Some(text),
            };
            if let Some(r) = &run
                && r.len() > best.len()
            {
                best = r.clone();
            }
            previous_end = Some(piece.orig_start + piece.orig_len);
        }
        if best.is_empty() {
            return self.to_original(span);
        }
        self.to_original(best)
    }

    /// Maps the offset where a span starts: inside a rewritten run it moves to the run's start.
    pub fn map_start(&self, offset: usize) -> usize {
        match self.piece_at(offset) {
            Some(piece) if piece.verbatim => piece.orig_start + (offset - piece.text_start),
            Some(piece) => piece.orig_start,
            None => self.orig_len,
        }
    }

    /// Maps the offset where a span ends: inside a rewritten run it moves to the run's end.
    pub fn map_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.pieces.first().map_or(0, |p| p.orig_start);
        }
        // The end offset belongs to the piece holding the byte just before it.
        match self.piece_at(offset - 1) {
            Some(piece) if piece.verbatim => piece.orig_start + (offset - piece.text_start),
            Some(piece) => piece.orig_start + piece.orig_len,
            None => self.orig_len,
        }
    }

    /// Maps a span of the original back onto the checked text: the inverse of
    /// [`OffsetMap::to_original`] for the pieces a span touches. A span that starts or ends in
    /// markup that produced no text moves to the nearest text after it; one inside a rewritten
    /// run widens to the run's text. Pieces come in the original's order, as every reader
    /// builds them.
    pub fn to_text(&self, span: Range<usize>) -> Range<usize> {
        let start = self.text_offset(span.start, false);
        let end = if span.is_empty() {
            start
        } else {
            self.text_offset(span.end, true).max(start)
        };
        start..end
    }

    /// The checked-text offset of `offset` in the original; `at_end` maps the end of a span
    /// (inside a rewritten run, to the run's end).
    fn text_offset(&self, offset: usize, at_end: bool) -> usize {
        let index = self
            .pieces
            .partition_point(|p| p.orig_start + p.orig_len.max(1) <= offset);
        let Some(piece) = self.pieces.get(index) else {
            return self.text_len;
        };
        if offset <= piece.orig_start {
            return piece.text_start;
        }
        if piece.verbatim {
            piece.text_start + (offset - piece.orig_start).min(piece.text_len)
        } else if at_end {
            piece.text_start + piece.text_len
        } else {
            piece.text_start
        }
    }

    fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let index = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= offset);
        self.pieces
            .get(index)
            .filter(|p| p.text_start <= offset && p.text_len > 0)
    }
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    (0..=offset.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The shift of a text copied whole maps every span as the search of its piece does,
        /// past the text's end too.
        #[test]
        fn a_whole_copy_maps_by_a_shift(
            skipped in 0usize..4,
            len in 1usize..20,
            a in 0usize..25,
            b in 0usize..25,
        ) {
            let map = OffsetMap::identity(skipped, len);
            let span = a.min(b)..a.max(b);
            let start = map.map_start(span.start);
            let searched = start..map.map_end(span.end).max(start);
            prop_assert_eq!(map.to_original(span), searched);
        }
    }

    #[test]
    fn identity_map_is_one_to_one() {
        let map = OffsetMap::identity(0, 10);
        assert_eq!(map.to_original(2..5), 2..5);
        assert_eq!(map.to_original(0..10), 0..10);
    }

    #[test]
    fn skipped_prefix_shifts_every_offset() {
        let map = OffsetMap::identity(3, 4);
        assert_eq!(map.to_original(0..4), 3..7);
        assert_eq!(map.to_original(0..0), 3..3);
    }

    #[test]
    fn rewritten_runs_widen_spans_that_touch_them() {
        // "ab" verbatim, then 3 original bytes rewritten into 2, then "cd" verbatim.
        let mut map = OffsetMap::default();
        map.push_verbatim(0, 2);
        map.push_rewritten(2..5, 2);
        map.push_verbatim(5, 2);
        assert_eq!(map.to_original(0..2), 0..2);
        assert_eq!(map.to_original(2..4), 2..5);
        assert_eq!(map.to_original(3..4), 2..5);
        assert_eq!(map.to_original(4..6), 5..7);
        assert_eq!(map.to_original(1..5), 1..6);
    }

    #[test]
    fn original_spans_map_back_onto_the_text() {
        // Original "ab<i>c&amp;d</i>": "ab" at 0, "c" at 5, "&amp;" (5 bytes) rewritten as "&",
        // "d" at 11; the checked text is "abc&d".
        let mut map = OffsetMap::default();
        map.push_verbatim(0, 2);
        map.push_verbatim(5, 1);
        map.push_rewritten(6..11, 1);
        map.push_verbatim(11, 1);
        assert_eq!(map.to_text(0..2), 0..2);
        assert_eq!(map.to_text(5..12), 2..5);
        assert_eq!(
            map.to_text(7..9),
            3..4,
            "inside an entity widens to its text"
        );
        assert_eq!(map.to_text(2..5), 2..2, "a tag alone maps to no text");
        assert_eq!(map.to_text(12..20), 5..5);
        for span in [0..2, 1..4, 2..5, 0..5] {
            assert_eq!(map.to_text(map.to_original(span.clone())), span);
        }
    }

    #[test]
    fn unbroken_spans_keep_their_longest_run_across_a_gap() {
        // Original "ab<i>cde</i>": "ab" at 0, "cde" at 5; the checked text is "abcde".
        let mut map = OffsetMap::default();
        map.push_verbatim(0, 2);
        map.push_verbatim(5, 3);
        assert_eq!(map.to_original(0..5), 0..8);
        assert_eq!(map.to_original_unbroken(0..5), 5..8);
        assert_eq!(map.to_original_unbroken(0..2), 0..2);
        assert_eq!(map.to_original_unbroken(1..3), 1..2);
    }
}
