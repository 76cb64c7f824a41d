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
        match self {
            Scope::Sentence => Box::new(doc.sentences().iter().cloned()),
            Scope::Line => Box::new(doc.lines().iter().cloned()),
            Scope::Paragraph => Box::new(doc.paragraphs().iter().cloned()),
            Scope::Document => Box::new(std::iter::once(0..doc.text().len())),
        }
    }
}
