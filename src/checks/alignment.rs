//! `alignment`: what only aligning a source article with its translation shows — source
//! sentences or paragraphs the translation leaves out, and translated text no source says.
//!
//! ```toml
//! [rule.params]
//! find = "omission"   # omission | addition
//! unit = "sentence"   # sentence | paragraph
//! min-margin = 1.0    # how much likelier the gap must be than joining it to its neighbour
//! ```
//!
//! An omission is placed in the translation where the source's sentence would be (the white
//! space at the gap, else the character before it), widened over a neighbouring sentence when
//! the aligner cannot tell on which side of it the gap is, and quotes the source sentence; an
//! addition covers the translated sentence. Inputs that pair their segments themselves
//! (XLIFF) and documents without a source give nothing.

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::align::{Link, LinkKind};
use crate::document::{Bitext, Document, floor_char_boundary};
use crate::text::excerpt;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "alignment",
    aliases: &[],
    summary: "bilingual: sentences and paragraphs a translated article omits or adds",
    compile,
};

/// What a rule looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Find {
    Omission,
    Addition,
}

/// Which gaps: of sentences within aligned paragraphs, or of whole paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Unit {
    Sentence,
    Paragraph,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AlignmentParams {
    find: Find,
    unit: Unit,
    #[serde(default)]
    min_margin: f64,
}

/// A compiled `alignment` rule.
#[derive(Debug)]
pub struct AlignmentCheck {
    find: Find,
    unit: Unit,
    min_margin: f64,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: AlignmentParams = params.parse()?;
    Ok(Box::new(AlignmentCheck {
        find: raw.find,
        unit: raw.unit,
        min_margin: raw.min_margin,
    }))
}

/// The longest stretch of a source sentence a message quotes, in characters.
const QUOTED_CHARS: usize = 120;

/// Where an omission at byte `at` of `text` is shown: the white space of the gap, or the
/// character before it (after it at the start of the text).
fn gap_span(text: &str, at: usize) -> std::ops::Range<usize> {
    let at = floor_char_boundary(text, at);
    let rest = text.get(at..).unwrap_or_default();
    let space = rest.len() - rest.trim_start().len();
    if space > 0 {
        return at..at + space;
    }
    match text.get(..at).and_then(|before| before.chars().next_back()) {
        Some(c) => at - c.len_utf8()..at,
        None => at..at + rest.chars().next().map_or(0, char::len_utf8),
    }
}

impl AlignmentCheck {
    fn wanted(&self, link: &Link) -> bool {
        let kind = match self.find {
            Find::Omission => LinkKind::Omitted,
            Find::Addition => LinkKind::Added,
        };
        link.kind == kind
            && link.whole_paragraph == (self.unit == Unit::Paragraph)
            && link.margin >= self.min_margin
    }

    fn hit(&self, bitext: &Bitext, text: &str, link: &Link) -> Hit {
        let place = bitext.line_column(link.source.start);
        match self.find {
            Find::Omission => {
                let what = match self.unit {
                    Unit::Sentence if link.shape.0 > 1 => "sentences",
                    Unit::Sentence => "a sentence",
                    Unit::Paragraph => "a paragraph",
                };
                let message = format!(
                    "The translation leaves out {what} of the source (line {}, column {}): “{}”",
                    place.line,
                    place.column,
                    excerpt(bitext.source_text(link.source.clone()), QUOTED_CHARS)
                );
                let gap = gap_span(text, link.target.start);
                let place = gap.start.min(link.around.start)..gap.end.max(link.around.end);
                Hit::new(place)
                    .with_message(message)
                    .with_source(link.source.clone())
            }
            Find::Addition => {
                let what = match self.unit {
                    Unit::Sentence => "sentence",
                    Unit::Paragraph => "paragraph",
                };
                let message = format!(
                    "No part of the source says this {what}: it has no counterpart near line {} of the source",
                    place.line
                );
                Hit::new(link.target.clone())
                    .with_message(message)
                    .with_source(link.source.clone())
            }
        }
    }
}

impl Detector for AlignmentCheck {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        let Some(alignment) = bitext.alignment() else {
            return;
        };
        for link in alignment.links.iter().filter(|l| self.wanted(l)) {
            hits.push(self.hit(bitext, doc.text(), link));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_is_shown_on_its_white_space_or_the_character_before_it() {
        let text = "One.\n\nTwo.";
        assert_eq!(gap_span(text, 4), 4..6);
        assert_eq!(gap_span(text, 10), 9..10);
        assert_eq!(gap_span(text, 0), 0..1);
    }

    #[test]
    fn long_source_sentences_are_cut_in_the_message() {
        let long = "mot ".repeat(60);
        let quote = excerpt(&long, QUOTED_CHARS);
        assert!(quote.ends_with('…'));
        assert!(quote.chars().count() <= QUOTED_CHARS + 1);
    }
}
