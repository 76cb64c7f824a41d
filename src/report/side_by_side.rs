//! A translated article beside its source for the review page: the two texts cut into rows,
//! one per paragraph link of their alignment, so each translated paragraph stands beside the
//! source paragraph it renders and a paragraph one side lacks stands beside a gap.

use std::ops::Range;

use crate::align::LinkKind;
use crate::document::{Document, OffsetMap};

/// The source of a translated article and the rows that pair its paragraphs with the
/// translation's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideBySide {
    /// The source's text (its prose, for a source in markup).
    pub source: String,
    /// The source's text onto the file findings place their `source` objects in, when they
    /// differ (a source article in Markdown or HTML).
    pub source_map: Option<OffsetMap>,
    /// The rows, in the order of both texts.
    pub rows: Vec<Row>,
}

/// One paragraph link: source paragraphs and the translated paragraphs that render them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Byte range of [`SideBySide::source`]; empty where the translation adds a paragraph.
    pub source: Range<usize>,
    /// Byte range of the document's original text; empty where the translation omits the
    /// paragraph.
    pub target: Range<usize>,
}

impl SideBySide {
    /// The side-by-side view of a document aligned with its source article, if it was.
    pub fn of(doc: &Document) -> Option<SideBySide> {
        let bitext = doc.bitext()?;
        let alignment = bitext.alignment()?;
        let mut rows: Vec<(usize, Row)> = Vec::new();
        for link in &alignment.links {
            let target = if link.kind == LinkKind::Omitted {
                let at = doc.to_original(link.target.clone()).start;
                at..at
            } else {
                doc.to_original(link.target.clone())
            };
            let source = if link.kind == LinkKind::Added {
                link.source.start..link.source.start
            } else {
                link.source.clone()
            };
            match rows.last_mut() {
                Some((paragraph, row)) if *paragraph == link.paragraph => {
                    row.source = join(&row.source, &source);
                    row.target = join(&row.target, &target);
                }
                _ => rows.push((link.paragraph, Row { source, target })),
            }
        }
        Some(SideBySide {
            source: bitext.source().to_owned(),
            source_map: bitext.source_map().cloned(),
            rows: rows.into_iter().map(|(_, row)| row).collect(),
        })
    }

    /// Where a finding's `source` span (of the file the source was read from) lies in
    /// [`SideBySide::source`].
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.source_map {
            Some(map) => map.to_text(span),
            None => span,
        }
    }
}

/// The smallest range holding both, an empty one counting only where the other is empty too.
fn join(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => b.clone(),
        (false, true) => a.clone(),
        _ => a.start.min(b.start)..a.end.max(b.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_pair_up_and_a_lost_one_stands_beside_a_gap() {
        let source = "Premier paragraphe, assez long pour compter.\n\nUn deuxième paragraphe que la traduction a perdu en route, avec bien des mots.\n\nTroisième paragraphe.";
        let doc = Document::new("First paragraph, long enough to count.\n\nThird paragraph.")
            .aligned_with(source.to_owned(), Some("fr"), None);
        let view = SideBySide::of(&doc).unwrap();
        let texts: Vec<(&str, &str)> = view
            .rows
            .iter()
            .map(|r| {
                (
                    &view.source[r.source.clone()],
                    &doc.original()[r.target.clone()],
                )
            })
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[1].0.starts_with("Un deuxième"));
        assert_eq!(texts[1].1, "");
        assert_eq!(texts[2].1, "Third paragraph.");
    }
}
