//! The stretch of a document a check looks at one piece at a time.

use std::ops::Range;

use serde::Deserialize;

use crate::document::Document;

/// Which units of the document a check runs over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Each sentence.
    Sentence,
    /// Each line, without its terminator.
    #[default]
    Line,
    /// Each paragraph: a run of non-blank lines.
    Paragraph,
    /// The whole checked text at once.
    Document,
}

impl Scope {
    /// The byte ranges of the units of `doc` in this scope.
    pub fn units<'d>(self, doc: &'d Document) -> Box<dyn Iterator<Item = Range<usize>> + 'd> {
        match self.segments(doc) {
            Some(units) => Box::new(units.iter().cloned()),
            None => Box::new(std::iter::once(0..doc.text().len())),
        }
    }

    /// The units of `doc` as the document keeps them, sorted and disjoint; `None` for the
    /// document scope, whose one unit is the whole text.
    pub fn segments(self, doc: &Document) -> Option<&[Range<usize>]> {
        match self {
            Scope::Sentence => Some(doc.sentences()),
            Scope::Line => Some(doc.lines()),
            Scope::Paragraph => Some(doc.paragraphs()),
            Scope::Document => None,
        }
    }
}
