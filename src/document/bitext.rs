//! The source side of a translated document: the text it translates, the source's language,
//! and which stretch of the source each stretch of the checked text translates.

use std::ops::Range;

use super::lines::{LineColumn, LineIndex};
use super::offsets::{OffsetMap, floor_char_boundary};
use crate::align::{self, Alignment, LinkKind, Side};

/// A source text beside the document that translates it.
#[derive(Debug)]
pub struct Bitext {
    source: String,
    lang: Option<Box<str>>,
    pairs: Vec<SegmentPair>,
    lines: LineIndex,
    /// Where the source was read from a file that holds more than the source (XLIFF, an
    /// HTML or Markdown source article): the map of the source onto the file, the file's
    /// lines, and the file's text when it is not the document's own (a source article).
    origin: Option<(OffsetMap, LineIndex, Option<String>)>,
    /// For a source article aligned with its translation: the alignment the pairs come from.
    alignment: Option<Alignment>,
}

/// Where a span of the source is, for a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSpan {
    /// Byte range: of the file the source was read from, or of the source text.
    pub range: Range<usize>,
    /// 1-based line and column of its start.
    pub start: LineColumn,
    /// The source text of the span.
    pub text: String,
}

/// One source segment and its translation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentPair {
    /// Byte range of the source text.
    pub source: Range<usize>,
    /// Byte range of the document's checked text ([`super::Document::text`]).
    pub target: Range<usize>,
    /// The inline codes of both sides, for a format that has them (XLIFF).
    pub codes: Option<InlineCodes>,
}

/// The inline codes of a segment pair (`<g id="1">`, `<x id="2">`), in order on each side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InlineCodes {
    /// The source's codes.
    pub source: Vec<String>,
    /// The target's codes.
    pub target: Vec<String>,
}

impl SegmentPair {
    /// The pair's translation without the white space around it, as a span of `text` (the
    /// document's checked text); an empty translation gives an empty span where it stands.
    pub fn trimmed_target(&self, text: &str) -> Range<usize> {
        let target = text.get(self.target.clone()).unwrap_or_default();
        let start = self.target.start + (target.len() - target.trim_start().len());
        let end = self.target.start + target.trim_end().len();
        start..end.max(start)
    }
}

impl InlineCodes {
    /// Appends a code to the `source` side, or to the target.
    pub(super) fn push(&mut self, side: super::xliff::Side, code: String) {
        match side {
            super::xliff::Side::Source => self.source.push(code),
            super::xliff::Side::Target => self.target.push(code),
        }
    }
}

impl Bitext {
    /// A source text whose segments `pairs` translate; `lang` is its language tag, when known
    /// (kept as its code, [`language_code`]). Ranges outside either text are clamped to it.
    pub fn new(source: String, lang: Option<&str>, mut pairs: Vec<SegmentPair>) -> Bitext {
        for pair in &mut pairs {
            pair.source = clamp(&source, pair.source.clone());
        }
        Bitext {
            lines: LineIndex::new(&source),
            source,
            lang: lang.and_then(language_code).map(Box::from),
            pairs,
            origin: None,
            alignment: None,
        }
    }

    /// The same source, read from `file` through `map` (the source's text onto the file):
    /// its spans are reported in the file.
    #[must_use]
    pub fn read_from(mut self, file: &str, map: OffsetMap) -> Bitext {
        self.origin = Some((map, LineIndex::new(file), None));
        self
    }

    /// The same source, its prose taken through `map` from `file`, a file of its own (a
    /// source article in Markdown or HTML): its spans are reported in that file.
    #[must_use]
    pub fn read_from_own_file(mut self, file: String, map: OffsetMap) -> Bitext {
        self.origin = Some((map, LineIndex::new(&file), Some(file)));
        self
    }

    /// Where a span of the source is: in the file it was read from, when there is one
    /// (`file` is that file's text, the document's original), else in the source text.
    pub fn locate(&self, span: Range<usize>, file: &str) -> SourceSpan {
        let span = clamp(&self.source, span);
        let text = self.source_text(span.clone()).to_owned();
        match &self.origin {
            Some((map, lines, own)) => {
                let file = own.as_deref().unwrap_or(file);
                let range = map.to_original(span);
                SourceSpan {
                    start: lines.line_column(file, range.start.min(file.len())),
                    range,
                    text,
                }
            }
            None => SourceSpan {
                start: self.line_column(span.start),
                range: span,
                text,
            },
        }
    }

    /// A source article and its translation `target` (a document's checked text, whose
    /// paragraphs and sentences are given), aligned sentence by sentence ([`crate::align`]):
    /// each run of confident links of a paragraph gives one pair per link, a run with a
    /// doubtful link one pair for the whole run; what is omitted or added pairs with nothing.
    pub fn aligned(
        source: String,
        lang: Option<&str>,
        target: &str,
        paragraphs: &[Range<usize>],
        sentences: &[Range<usize>],
    ) -> Bitext {
        let lang = lang.and_then(language_code);
        let source_side = Side::new(
            &source,
            &super::paragraph_ranges(&source),
            &super::sentence_ranges(&source),
        );
        let target_side = Side::new(target, paragraphs, sentences);
        let alignment = align::align(&source_side, &target_side, lang.as_deref());
        let pairs = pairs_of(&alignment);
        let mut bitext = Bitext::new(source, lang.as_deref(), pairs);
        bitext.alignment = Some(alignment);
        bitext
    }

    /// The map of the source's text onto the file it was read from, when they differ.
    pub fn source_map(&self) -> Option<&OffsetMap> {
        self.origin.as_ref().map(|(map, _, _)| map)
    }

    /// How the source article and its translation align, when they were aligned (not for
    /// inputs that pair their segments themselves, XLIFF).
    pub fn alignment(&self) -> Option<&Alignment> {
        self.alignment.as_ref()
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The source's language, an ISO 639-1 code in lower case, when known.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// The segment pairs, in the document's order.
    pub fn pairs(&self) -> &[SegmentPair] {
        &self.pairs
    }

    /// The text of a source range (empty when the range is not one of the source).
    pub fn source_text(&self, range: Range<usize>) -> &str {
        self.source.get(range).unwrap_or_default()
    }

    /// The line and column of a byte offset of the source.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        self.lines.line_column(&self.source, offset)
    }
}

/// The language of a language tag, as the checks' data is keyed: lower case, a region or
/// script dropped (`fr-CA`, `zh_Hant` → `fr`, `zh`); an empty tag is no language.
pub fn language_code(tag: &str) -> Option<String> {
    tag.split(['-', '_'])
        .next()
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_ascii_lowercase)
}

/// How far a link must be from its sides left unlinked for its pair to be checked alone.
const CONFIDENT_MARGIN: f64 = 2.0;

/// The segment pairs of an alignment: each link of a run of pairs within one paragraph link,
/// or the whole run where one of them is doubtful.
fn pairs_of(alignment: &Alignment) -> Vec<SegmentPair> {
    let mut pairs = Vec::new();
    let mut run: Vec<&align::Link> = Vec::new();
    let mut flush = |run: &mut Vec<&align::Link>| {
        let doubtful = run.iter().any(|l| l.margin < CONFIDENT_MARGIN);
        match (run.first(), run.last()) {
            (Some(first), Some(last)) if doubtful => pairs.push(SegmentPair {
                source: first.source.start..last.source.end,
                target: first.target.start..last.target.end,
                codes: None,
            }),
            _ => pairs.extend(run.iter().map(|l| SegmentPair {
                source: l.source.clone(),
                target: l.target.clone(),
                codes: None,
            })),
        }
        run.clear();
    };
    for link in &alignment.links {
        if link.kind != LinkKind::Pair {
            flush(&mut run);
            continue;
        }
        if run.last().is_some_and(|l| l.paragraph != link.paragraph) {
            flush(&mut run);
        }
        run.push(link);
    }
    flush(&mut run);
    pairs
}

/// `range` within `text`, its ends moved back to char boundaries.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let end = floor_char_boundary(text, range.end);
    floor_char_boundary(text, range.start).min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_past_the_source_is_clamped_to_char_boundaries() {
        let bitext = Bitext::new(
            "née".to_owned(),
            Some("fr"),
            vec![SegmentPair {
                source: 2..40,
                target: 0..3,
                codes: None,
            }],
        );
        assert_eq!(bitext.pairs()[0].source, 1..4);
        assert_eq!(bitext.source_text(bitext.pairs()[0].source.clone()), "ée");
    }

    #[test]
    fn source_offsets_have_lines_and_columns() {
        let bitext = Bitext::new("Un.\nDeux é.".to_owned(), None, Vec::new());
        let place = bitext.line_column(11);
        assert_eq!((place.line, place.column), (2, 7));
    }
}
