//! The prose taken out of a marked-up document, built piece by piece with its offset map back to
//! the markup. Shared by the Markdown and HTML readers.

use std::ops::Range;

use super::OffsetMap;

/// A comment of the markup (`<!-- … -->`): its text between the delimiters and where the whole
/// comment sits in the original. Inline suppressions are read from these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text between `<!--` and `-->`.
    pub text: String,
    /// The byte range of the whole comment in the original.
    pub range: Range<usize>,
}

/// What a reader extracted from a marked-up document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The prose: blocks separated by blank lines.
    pub prose: String,
    /// The map from the prose back to the original markup.
    pub map: OffsetMap,
    /// The comments of the markup, in document order.
    pub comments: Vec<Comment>,
    /// The original ranges of text read inside code (HTML's `code`, `pre`, `kbd`, `samp`):
    /// checked, but never fixed.
    pub code: Vec<Range<usize>>,
}

/// Builds an [`Extracted`] text.
#[derive(Debug, Default)]
pub struct ProseBuilder {
    extracted: Extracted,
}

impl ProseBuilder {
    /// The prose so far.
    pub fn prose(&self) -> &str {
        &self.extracted.prose
    }

    /// Appends `text`, which sits verbatim at `orig_start` in the original.
    pub fn verbatim(&mut self, text: &str, orig_start: usize) {
        self.extracted.prose.push_str(text);
        self.extracted.map.push_verbatim(orig_start, text.len());
    }

    /// Appends `text`, produced from the original range `orig` as a whole (an entity, an
    /// escape, collapsed white space, a placeholder).
    pub fn rewritten(&mut self, text: &str, orig: Range<usize>) {
        self.extracted.prose.push_str(text);
        self.extracted.map.push_rewritten(orig, text.len());
    }

    /// Ends a block with a blank line, once; nothing at the very start.
    pub fn end_block(&mut self, at: usize) {
        let prose = &self.extracted.prose;
        if prose.is_empty() || prose.ends_with("\n\n") {
            return;
        }
        let missing = if prose.ends_with('\n') { "\n" } else { "\n\n" };
        self.rewritten(missing, at..at);
    }

    /// Records that the original `range` is text inside code.
    pub fn code(&mut self, range: Range<usize>) {
        self.extracted.code.push(range);
    }

    /// Records a comment of the markup.
    pub fn comment(&mut self, text: &str, range: Range<usize>) {
        self.extracted.comments.push(Comment {
            text: text.to_owned(),
            range,
        });
    }

    /// The extracted text.
    pub fn finish(self) -> Extracted {
        self.extracted
    }
}
