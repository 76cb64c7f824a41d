//! One document in, one scored result out: the engine plus the scoring settings.

use crate::baseline::Baseline;
use crate::document::prose::{self, Extracted};
use crate::document::{Document, html, markdown};
use crate::engine::Engine;
use crate::finding::Finding;
use crate::input::{ByteMap, Markup, RecordPlace, Source};
use crate::overrides::Overrides;
use crate::report::DocumentReport;
use crate::score::{Gate, Weights, score};
use crate::suppress::Suppressions;
use crate::taxonomy::Category;
use crate::vocabulary::Vocabulary;

/// The evaluation word count: the words of the document outside the page furniture flagged in
/// it (a page's menus and teasers are not the article the score judges).
fn prose_words(doc: &Document, findings: &[Finding]) -> usize {
    let mut furniture: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.category == Category::DesignBoilerplate)
        .map(|f| (f.start, f.end))
        .collect();
    if furniture.is_empty() {
        return doc.tokens().len();
    }
    furniture.sort_unstable();
    // Tokens come in order, and so, nearly always, do their starts in the original: the
    // blocks starting at or before a word are counted by moving one cursor forward, and
    // searched for only when a word maps back before the one before it.
    let mut started = 0;
    let mut previous = 0;
    doc.tokens()
        .iter()
        .filter(|t| {
            let start = doc.to_original(t.start()..t.start()).start;
            if start < previous {
                started = furniture.partition_point(|&(s, _)| s <= start);
            }
            previous = start;
            while furniture.get(started).is_some_and(|&(s, _)| s <= start) {
                started += 1;
            }
            // Furniture blocks never nest (the engine keeps the outer one): the block that
            // could hold the word is the last one starting before it.
            started
                .checked_sub(1)
                .and_then(|i| furniture.get(i))
                .is_none_or(|&(_, end)| end <= start)
        })
        .count()
}

/// Checks and scores documents with one set of rules and scoring settings.
#[derive(Debug)]
pub struct Linter {
    /// The compiled rules.
    pub engine: Engine,
    /// Words the user accepts.
    pub vocabulary: Vocabulary,
    /// Penalty weights.
    pub weights: Weights,
    /// The pass/fail gate.
    pub gate: Gate,
    /// Findings accepted in review: silenced, counted as suppressed.
    pub baseline: Baseline,
    /// Rule settings for some paths (`[[overrides]]`).
    pub overrides: Overrides,
}

impl Linter {
    /// A linter running `engine`'s rules with the default scoring, gate and no vocabulary,
    /// baseline or overrides; set the fields to change them.
    pub fn new(engine: Engine) -> Linter {
        Linter {
            engine,
            vocabulary: Vocabulary::default(),
            weights: Weights::default(),
            gate: Gate::default(),
            baseline: Baseline::default(),
            overrides: Overrides::default(),
        }
    }
}

/// A document read and built, ready to be checked: everything that needs no rules, so that it
/// can be done while the rules load.
#[derive(Debug)]
pub struct Prepared {
    markup: Markup,
    source: String,
    byte_map: ByteMap,
    record: Option<Box<RecordPlace>>,
    id: Option<String>,
    warnings: Vec<String>,
    doc: Document,
    comments: Vec<prose::Comment>,
    /// Original ranges of text inside code: findings there keep no suggestion to apply.
    code: Vec<std::ops::Range<usize>>,
    /// In plain text, the lines that hold a suppression directive: not prose, never flagged.
    directive_lines: Vec<std::ops::Range<usize>>,
}

impl Prepared {
    /// Extracts the prose of `source` from its markup and builds its document.
    pub fn new(source: Source) -> Self {
        let extracted = match source.markup {
            Markup::Plain => None,
            Markup::Markdown => Some(markdown::extract(&source.text)),
            Markup::Html => Some(html::extract(&source.text)),
        };
        let (doc, comments, code) = match extracted {
            None => {
                let directives = crate::suppress::plain_text_directives(&source.text);
                (Document::new(source.text), directives, Vec::new())
            }
            Some(Extracted {
                prose,
                map,
                comments,
                code,
            }) => (
                Document::from_extracted(source.text, prose, map),
                comments,
                code,
            ),
        };
        let directive_lines = match source.markup {
            Markup::Plain => comments.iter().map(|c| c.range.clone()).collect(),
            Markup::Markdown | Markup::Html => Vec::new(),
        };
        Prepared {
            markup: source.markup,
            source: source.name,
            byte_map: source.byte_map,
            record: source.record,
            id: source.id,
            warnings: source.warnings,
            doc,
            comments,
            code,
            directive_lines,
        }
    }
}

impl Linter {
    /// Checks and scores one document.
    pub fn lint(&self, source: Source) -> DocumentReport {
        self.lint_prepared(Prepared::new(source))
    }

    /// Checks and scores one document already built.
    pub fn lint_prepared(&self, prepared: Prepared) -> DocumentReport {
        let Prepared {
            markup,
            source,
            byte_map,
            record,
            id,
            mut warnings,
            doc,
            comments,
            code,
            directive_lines,
        } = prepared;
        let mut findings = self.engine.check(&doc);
        self.overrides.apply(&source, &mut findings);
        if !directive_lines.is_empty() {
            findings.retain(|f| {
                !directive_lines
                    .iter()
                    .any(|line| line.start <= f.start && f.start < line.end.max(line.start + 1))
            });
        }
        // Code is checked, never rewritten. Code ranges come in document order and never
        // overlap: the one a finding could touch is the first that ends after its start.
        if !code.is_empty() {
            for finding in &mut findings {
                let first = code.partition_point(|c| c.end <= finding.start);
                let touches_code = code
                    .get(first)
                    .is_some_and(|c| c.start < finding.end.max(finding.start + 1));
                if touches_code {
                    finding.suggestions.clear();
                }
            }
        }
        findings.retain(|f| !self.vocabulary.accepts(f));
        let (suppressions, suppression_warnings) = Suppressions::read(
            &comments,
            |offset| {
                let place = doc.line_column(offset);
                (place.line, place.column)
            },
            |name| self.engine.rules().knows(name),
        );
        warnings.extend(suppression_warnings);
        let before = findings.len();
        if !suppressions.is_empty() {
            findings.retain(|f| !suppressions.suppresses(f));
        }
        let (findings, baselined) =
            self.baseline
                .split(&source, id.as_deref(), doc.original(), findings);
        let suppressed = before - findings.len();
        let score = score(
            &findings,
            prose_words(&doc, &findings),
            &self.weights,
            &self.gate,
        );
        DocumentReport {
            source,
            id,
            words: score.words,
            penalty: score.penalty,
            penalty_per_1000_words: score.penalty_per_1000_words,
            score: score.score,
            pass: score.pass,
            findings,
            suppressed,
            baselined,
            warnings,
            text: doc.into_original(),
            byte_map,
            record,
            markup,
        }
    }
}
