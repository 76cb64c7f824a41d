//! The document model: built once per input, shared by every check.
//!
//! A [`Document`] holds the original text and the text the checks see (Unicode NFC, without a
//! byte order mark), the map between the two, and the segmentation the checks work on: lines,
//! paragraphs, sentences and word tokens, all as byte ranges of the checked text. Findings are
//! reported as byte ranges of the checked text and mapped back with [`Document::to_original`].

mod bitext;
pub mod blocks;
pub mod html;
mod lines;
pub mod markdown;
mod normalize;
mod offsets;
pub mod prose;
mod segment;
mod sentence_breaks;
mod tokens;
pub mod xliff;

use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::quotes::{self, Group};

pub use bitext::{Bitext, InlineCodes, SegmentPair, SourceSpan, language_code};
pub use lines::{LineColumn, LineIndex, line_ranges};
pub use offsets::{OffsetMap, floor_char_boundary};
pub use tokens::{MAX_TEXT_BYTES, Token, token_ranges, tokenize};

/// The paragraphs of a text that is not a document's (a source article): runs of non-blank
/// lines, as byte ranges.
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_ranges(text).collect();
    segment::paragraphs(text, &lines)
}

/// The sentences of a text that is not a document's (a source article, in any language), as
/// byte ranges trimmed of white space. In scripts without capitals (Devanagari, Arabic…) a
/// full stop before the next word is an abbreviation's (`मि. चेन`), not a sentence's end:
/// those scripts end sentences with their own marks. Nor does a full stop inside brackets
/// end one (`(e. Glee)`, an abbreviation of the source's language).
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for sentence in segment::sentences(text) {
        let caseless_next = text
            .get(sentence.clone())
            .and_then(|s| s.chars().next())
            .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
        // A bracket opened in the last few words and not closed.
        let in_brackets = |prev: &str| {
            prev.rfind(['(', '（', ')', '）']).is_some_and(|at| {
                prev.get(at..)
                    .is_some_and(|rest| rest.starts_with(['(', '（']) && rest.chars().count() <= 24)
            })
        };
        match out.last_mut() {
            Some(prev)
                if text
                    .get(prev.clone())
                    .is_some_and(|p| p.ends_with('.') && (caseless_next || in_brackets(p)))
                    && !text
                        .get(prev.end..sentence.start)
                        .unwrap_or_default()
                        .contains('\n') =>
            {
                prev.end = sentence.end;
            }
            _ => out.push(sentence),
        }
    }
    out
}

/// From this size on, a document's sentences, tokens and lines are found side by side.
const PARALLEL_BUILD_BYTES: usize = 256 << 10;

/// One article, ready to be checked.
#[derive(Debug)]
pub struct Document {
    original: String,
    /// The checked text when it differs from the original.
    normalized: Option<String>,
    /// Checked text → extracted prose (NFC).
    map: OffsetMap,
    /// Extracted prose → original, for documents whose prose was taken out of markup.
    extraction: Option<OffsetMap>,
    original_lines: LineIndex,
    lines: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    tokens: Vec<Token>,
    /// Whether the text is mostly English, computed on first use.
    english: OnceLock<bool>,
    /// The quotation marks of each paragraph, grouped into pairs and strays, on first use.
    quotes: OnceLock<Vec<Vec<Group>>>,
    /// Which paragraphs are written mostly in another script than Latin, on first use.
    foreign: OnceLock<Vec<bool>>,
    /// Analyses that several rules of one check kind share, by key.
    shared: Mutex<Vec<SharedAnalysis>>,
    /// The text the document translates, when the input carried it.
    bitext: Option<Bitext>,
}

/// The name of an analysis of a document that several rules share: a type of its own (so two
/// check kinds never meet by chance) whose value tells its instances apart, and the type of the
/// analysis.
pub trait SharedKey: PartialEq + Send + Sync + 'static {
    /// What the analysis computes.
    type Value: Send + Sync + 'static;
}

/// An analysis of the document computed by one rule and reused by the others: its key (a
/// [`SharedKey`]), and its value once computed.
type SharedAnalysis = (
    Box<dyn Any + Send + Sync>,
    Arc<OnceLock<Arc<dyn Any + Send + Sync>>>,
);

impl Document {
    /// Builds the document for a plain-text original.
    pub fn new(original: impl Into<String>) -> Self {
        Document::build(original.into(), None)
    }

    /// Builds the document for an original whose prose was extracted from markup: `prose` is
    /// the extracted text and `extraction` maps it back onto `original`.
    pub fn from_extracted(original: String, prose: String, extraction: OffsetMap) -> Self {
        Document::build(original, Some((prose, extraction)))
    }

    fn build(original: String, extracted: Option<(String, OffsetMap)>) -> Self {
        let (prose, extraction) = match extracted {
            Some((prose, map)) => (Some(prose), Some(map)),
            None => (None, None),
        };
        let source = prose.as_deref().unwrap_or(&original);
        let (normalized, map) = normalize::normalize(source);
        let normalized = match (normalized, prose) {
            (Some(n), _) => Some(n),
            (None, Some(p)) => Some(p),
            (None, None) => None,
        };
        let text = normalized.as_deref().unwrap_or(&original);
        let lines_and_paragraphs = || {
            // Sized once: a file of short lines has millions of them.
            let mut lines: Vec<Range<usize>> = Vec::with_capacity(lines::line_count_bound(text));
            lines.extend(line_ranges(text));
            lines.shrink_to_fit();
            let paragraphs = segment::paragraphs(text, &lines);
            // Unless normalizing changed the text, its lines are the original's.
            let original_lines = if normalized.is_none() {
                LineIndex::from_lines(&original, &lines)
            } else {
                LineIndex::new(&original)
            };
            (lines, paragraphs, original_lines)
        };
        // A large document (a corpus in one file) is segmented on several cores.
        let ((lines, paragraphs, original_lines), (sentences, tokens)) =
            if text.len() >= PARALLEL_BUILD_BYTES {
                rayon::join(lines_and_paragraphs, || {
                    rayon::join(|| segment::sentences(text), || tokenize(text))
                })
            } else {
                (
                    lines_and_paragraphs(),
                    (segment::sentences(text), tokenize(text)),
                )
            };
        Document {
            original,
            normalized,
            map,
            extraction,
            original_lines,
            lines,
            paragraphs,
            sentences,
            tokens,
            english: OnceLock::new(),
            quotes: OnceLock::new(),
            foreign: OnceLock::new(),
            shared: Mutex::new(Vec::new()),
            bitext: None,
        }
    }

    /// Builds the document of the XLIFF file `original`, as `read` (`None`: read here; a file
    /// the reader refuses then gives an empty document, since inputs are read, and refused with
    /// their error, before they are built): its targets are the text checked, each against its
    /// source, in the language the file gives (`default_lang` when it gives none).
    pub fn from_xliff(
        original: String,
        read: Option<xliff::XliffDocument>,
        default_lang: Option<&str>,
    ) -> Self {
        let read = read.unwrap_or_else(|| xliff::read(&original).unwrap_or_default());
        let doc = Document::from_extracted(original, read.targets.prose, read.targets.map);
        // Targets were found in the prose; the checks read its normalized text.
        let pairs = read
            .pairs
            .into_iter()
            .map(|pair| SegmentPair {
                target: doc.prose_to_text(pair.target.clone()),
                ..pair
            })
            .collect();
        let lang = read.lang.as_deref().or(default_lang);
        let bitext = Bitext::new(read.sources.prose, lang, pairs)
            .read_from(doc.original(), read.sources.map);
        doc.with_bitext(bitext)
    }

    /// A span of the prose extracted from markup, as a span of the checked text (they differ
    /// where normalizing changed the prose).
    pub fn prose_to_text(&self, span: Range<usize>) -> Range<usize> {
        self.map.to_text(span)
    }

    /// The same document, checked against the source it translates.
    #[must_use]
    pub fn with_bitext(mut self, bitext: Bitext) -> Self {
        self.bitext = Some(bitext);
        self
    }

    /// The same document, checked against `source`, the article it translates (in `lang`
    /// when known), aligned with it sentence by sentence; `file` is the file the source's
    /// prose was taken from, with the map onto it, for a source in markup.
    #[must_use]
    pub fn aligned_with(
        self,
        source: String,
        lang: Option<&str>,
        file: Option<(String, OffsetMap)>,
    ) -> Self {
        let bitext = Bitext::aligned(
            source,
            lang,
            self.text(),
            self.paragraphs(),
            self.sentences(),
        );
        let bitext = match file {
            Some((file, map)) => bitext.read_from_own_file(file, map),
            None => bitext,
        };
        self.with_bitext(bitext)
    }

    /// The source the document translates, when the input carried one.
    pub fn bitext(&self) -> Option<&Bitext> {
        self.bitext.as_ref()
    }

    /// The original text, as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The original text, taken out of the document once it has been checked.
    pub fn into_original(self) -> String {
        self.original
    }

    /// The text the checks see.
    pub fn text(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.original)
    }

    /// The lines of the checked text, without terminators.
    pub fn lines(&self) -> &[Range<usize>] {
        &self.lines
    }

    /// The paragraphs of the checked text: runs of non-blank lines.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The sentences of the checked text.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// The word tokens of the checked text.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The text of a token.
    pub fn token_text(&self, token: Token) -> &str {
        &self.text()[token.range()]
    }

    /// Maps a span of the checked text onto the original text. In extracted documents the span
    /// may cover the markup between the blocks it spans.
    pub fn to_original(&self, span: Range<usize>) -> Range<usize> {
        let span = self.map.to_original(span);
        match &self.extraction {
            Some(extraction) => extraction.to_original(span),
            None => span,
        }
    }

    /// Maps a span of the checked text onto the original text without ever covering markup: a
    /// span across a tag or a delimiter keeps its longest unbroken stretch, and the flag says
    /// it was cut short. The span of a finding about words; furniture findings, which cover
    /// whole blocks, use [`Document::to_original`].
    pub fn to_original_text(&self, span: Range<usize>) -> (Range<usize>, bool) {
        let span = self.map.to_original(span);
        match &self.extraction {
            Some(extraction) => {
                let text = extraction.to_original_unbroken(span.clone());
                let cut = text != extraction.to_original(span);
                (text, cut)
            }
            None => (span, false),
        }
    }

    /// The line and column of a byte offset of the original text.
    pub fn line_column(&self, original_offset: usize) -> LineColumn {
        self.original_lines
            .line_column(&self.original, original_offset)
    }

    /// The double quotation marks of each paragraph (in the order of [`Document::paragraphs`]),
    /// grouped into pairs and strays; computed once per document for every rule that needs it.
    pub fn quote_groups(&self) -> &[Vec<Group>] {
        self.quotes.get_or_init(|| {
            let text = self.text();
            self.paragraphs
                .iter()
                .map(|p| quotes::group(&quotes::marks(text, p.clone())))
                .collect()
        })
    }

    /// The analysis named by `key`, computed by `compute` for the first rule that asks and
    /// shared with the others: one pass per check kind, however many rules use it. A rule that
    /// asks while another computes it (rules run side by side on a large document) waits for
    /// that value rather than computing it a second time.
    pub fn shared<K: SharedKey>(
        &self,
        key: K,
        compute: impl FnOnce() -> K::Value,
    ) -> Arc<K::Value> {
        let slot = match self.shared.lock() {
            Ok(mut analyses) => {
                let found = analyses
                    .iter()
                    .find(|(k, _)| k.downcast_ref::<K>() == Some(&key));
                match found {
                    Some((_, slot)) => Arc::clone(slot),
                    None => {
                        let slot = Arc::new(OnceLock::new());
                        analyses.push((Box::new(key), Arc::clone(&slot)));
                        slot
                    }
                }
            }
            // A rule panicked while holding the lock: compute without sharing.
            Err(_) => Arc::new(OnceLock::new()),
        };
        let mut fresh = None;
        let value = slot.get_or_init(|| {
            let value = Arc::new(compute());
            fresh = Some(Arc::clone(&value));
            value
        });
        // The value computed here, or the one another rule stored under this key, whose type
        // names the value's.
        fresh.unwrap_or_else(|| {
            Arc::clone(value)
                .downcast::<K::Value>()
                .unwrap_or_else(|_| unreachable!("the key's type names the value's"))
        })
    }

    /// Whether the paragraph holding byte `offset` of the checked text is written mostly in
    /// another script than Latin (a Korean footer, a Russian quotation): English punctuation
    /// and spelling do not apply there. Computed for every paragraph on first use.
    pub fn in_foreign_paragraph(&self, offset: usize) -> bool {
        let foreign = self.foreign.get_or_init(|| {
            let text = self.text();
            self.paragraphs
                .iter()
                .map(|p| {
                    crate::text::script::mostly_foreign_script(
                        text.get(p.clone()).unwrap_or_default(),
                    )
                })
                .collect()
        });
        let index = self.paragraphs.partition_point(|p| p.end <= offset);
        self.paragraphs
            .get(index)
            .is_some_and(|p| p.start <= offset && foreign.get(index) == Some(&true))
    }

    /// Whether most words of the text are English (several checks leave other languages
    /// alone); computed once per document.
    pub fn is_mostly_english(&self) -> bool {
        *self.english.get_or_init(|| {
            let text = self.text();
            let words = self.tokens.iter().map(|t| &text[t.range()]);
            Lexicon::get(Dialect::Us).is_mostly_english(words)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[derive(PartialEq)]
    struct Lengths(u8);

    impl SharedKey for Lengths {
        type Value = Vec<usize>;
    }

    #[derive(PartialEq)]
    struct Count(u8);

    impl SharedKey for Count {
        type Value = usize;
    }

    #[test]
    fn a_full_stop_inside_fresh_brackets_ends_no_source_sentence() {
        let text = "Þáttaröðin (e. Series) var vinsæl. Hún hætti árið 2015.";
        let sentences: Vec<&str> = sentence_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            sentences,
            ["Þáttaröðin (e. Series) var vinsæl.", "Hún hætti árið 2015."]
        );
    }

    #[test]
    fn a_shared_analysis_is_computed_once_per_key_and_keys_of_two_types_never_meet() {
        let doc = Document::new("One two three.");
        let runs = AtomicUsize::new(0);
        let lengths = || {
            runs.fetch_add(1, Ordering::Relaxed);
            doc.tokens().iter().map(|t| t.range().len()).collect()
        };
        let first = doc.shared(Lengths(1), lengths);
        let again = doc.shared(Lengths(1), || unreachable!("computed once"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(*first, [3, 3, 5]);
        // Another key of the same type, and a key of another type holding the same number.
        assert_eq!(*doc.shared(Lengths(2), Vec::new), Vec::<usize>::new());
        assert_eq!(*doc.shared(Count(1), || 7), 7);
        assert_eq!(runs.load(Ordering::Relaxed), 1);
    }
}
