//! One document in, one scored result out: the engine plus the scoring settings.

use rayon::prelude::*;

use crate::baseline::{Baseline, Matcher};
use crate::config::Config;
use crate::document::blocks::{Block, blocks};
use crate::document::prose::{self, Extracted};
use crate::document::{Document, LineIndex, html, markdown};
use crate::engine::Engine;
use crate::finding::Finding;
use crate::input::{ByteMap, Markup, RecordPlace, Source};
use crate::overrides::Overrides;
use crate::report::DocumentReport;
use crate::report::side_by_side::SideBySide;
use crate::rules::RuleSet;
use crate::score::{Gate, Weights, score};
use crate::suppress::Suppressions;
use crate::vocabulary::Vocabulary;

/// A plain-text document longer than this is checked a block at a time (a corpus in one file,
/// not an article): memory then holds the lines, sentences and tokens of one block.
pub const BLOCKWISE_FROM_BYTES: usize = 1 << 20;

/// The size of those blocks.
const BLOCK_BYTES: usize = 256 << 10;

/// The evaluation word count: the words of the document outside the page furniture flagged in
/// it (a page's menus and teasers are not the article the score judges). `doc` starts at byte
/// `shift` of the text the findings point into.
fn prose_words(doc: &Document, findings: &[Finding], shift: usize) -> usize {
    let mut furniture: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.block)
        .map(|f| (f.start.saturating_sub(shift), f.end.saturating_sub(shift)))
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

/// Why a configuration's linter could not be built: the configuration file, a rule file, a
/// rule name or a file the configuration names (a vocabulary, a baseline).
#[derive(Debug)]
pub enum LoadError {
    /// A mistake in a configuration file (`mtlint.toml`, or one it extends).
    Config(crate::diagnostic::Diagnostic),
    /// Mistakes in rule files.
    Rules(crate::diagnostic::Diagnostics),
    /// A rule selected or ignored that does not exist.
    UnknownRule(crate::error::UnknownRule),
    /// A file the configuration names that cannot be used.
    File(crate::error::FileError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Config(d) => d.fmt(f),
            LoadError::Rules(d) => d.fmt(f),
            LoadError::UnknownRule(e) => e.fmt(f),
            LoadError::File(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

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
    /// Whether reports keep a translation beside its aligned source (for the review page;
    /// it copies the source, which other reports do not need).
    pub side_by_side: bool,
}

impl Linter {
    /// The linter of `config` (as `mtlint.toml` and the command line made it), its rules
    /// narrowed by `select` and `ignore` (as `--select` and `--ignore`), with `baseline`'s
    /// accepted findings silenced when that file exists.
    pub fn from_config(
        config: &Config,
        (select, ignore): (&[String], &[String]),
        baseline: Option<&std::path::Path>,
    ) -> Result<Linter, LoadError> {
        let mut rules = RuleSet::load(&config.rule_options()).map_err(LoadError::Rules)?;
        config.apply_rules(&mut rules).map_err(LoadError::Config)?;
        rules
            .select(select, ignore)
            .map_err(LoadError::UnknownRule)?;
        let mut linter = Linter::new(Engine::new(rules));
        linter.vocabulary = Vocabulary::from_files(&config.vocab.value).map_err(LoadError::File)?;
        linter.weights = config.weights.value.clone();
        linter.gate = config.gate();
        linter.overrides = config.overrides();
        if let Some(path) = baseline.filter(|path| path.is_file()) {
            linter.baseline = Baseline::read(path).map_err(LoadError::File)?;
        }
        Ok(linter)
    }

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
            side_by_side: false,
        }
    }
}

/// A document read and built, ready to be checked: everything that needs no rules, so that it
/// can be done while the rules load.
#[derive(Debug)]
pub struct PreparedDocument {
    markup: Markup,
    source: String,
    byte_map: ByteMap,
    record: Option<Box<RecordPlace>>,
    id: Option<String>,
    warnings: Vec<String>,
    body: Body,
    comments: Vec<prose::Comment>,
    /// Original ranges of text inside code: findings there keep no suggestion to apply.
    code: Vec<std::ops::Range<usize>>,
    /// In plain text, the lines that hold a suppression directive: not prose, never flagged.
    directive_lines: Vec<std::ops::Range<usize>>,
}

/// What is checked: a document built whole, or a large plain text built a block at a time.
#[derive(Debug)]
enum Body {
    Whole(Box<Document>),
    Blocks(String),
}

impl PreparedDocument {
    /// The document built, unless the text is checked a block at a time (over 1 MB).
    pub fn document(&self) -> Option<&Document> {
        match &self.body {
            Body::Whole(doc) => Some(doc),
            Body::Blocks(_) => None,
        }
    }

    /// Extracts the prose of `source` from its markup and builds its document (a large plain
    /// text is built a block at a time when it is checked).
    pub fn new(source: Source) -> Self {
        let extracted = match source.markup {
            Markup::Plain | Markup::Xliff => None,
            Markup::Markdown => Some(markdown::extract(&source.text)),
            Markup::Html => Some(html::extract(&source.text)),
        };
        let (body, comments, code) = match extracted {
            None if source.markup == Markup::Xliff => (
                Body::Whole(Box::new(Document::from_xliff(
                    source.text,
                    source.xliff.map(|read| *read),
                    source.default_source_lang.as_deref(),
                ))),
                Vec::new(),
                Vec::new(),
            ),
            None => {
                let directives = crate::suppress::plain_text_directives(&source.text);
                let body = if source.text.len() > BLOCKWISE_FROM_BYTES {
                    Body::Blocks(source.text)
                } else {
                    Body::Whole(Box::new(Document::new(source.text)))
                };
                (body, directives, Vec::new())
            }
            Some(Extracted {
                prose,
                map,
                comments,
                code,
            }) => (
                Body::Whole(Box::new(Document::from_extracted(source.text, prose, map))),
                comments,
                code,
            ),
        };
        let mut warnings = source.warnings;
        let body = match (body, source.source_text) {
            (Body::Whole(doc), Some(source_text)) => {
                let file = source_text.file.map(|f| (f.original, f.map));
                let doc = doc.aligned_with(source_text.text, source_text.lang.as_deref(), file);
                Body::Whole(Box::new(doc))
            }
            (Body::Blocks(text), Some(_)) => {
                warnings.push(
                    "the text is over 1 MB and is checked a block at a time: it is not compared with its source"
                        .to_owned(),
                );
                Body::Blocks(text)
            }
            (body, None) => body,
        };
        let directive_lines = match source.markup {
            Markup::Plain => comments.iter().map(|c| c.range.clone()).collect(),
            Markup::Markdown | Markup::Html | Markup::Xliff => Vec::new(),
        };
        PreparedDocument {
            markup: source.markup,
            source: source.name,
            byte_map: source.byte_map,
            record: source.record,
            id: source.id,
            warnings,
            body,
            comments,
            code,
            directive_lines,
        }
    }
}

impl Linter {
    /// Checks and scores one document.
    pub fn lint(&self, source: Source) -> DocumentReport {
        self.lint_prepared(PreparedDocument::new(source))
    }

    /// Checks and scores one document already built.
    pub fn lint_prepared(&self, prepared: PreparedDocument) -> DocumentReport {
        let PreparedDocument {
            markup,
            source,
            byte_map,
            record,
            id,
            mut warnings,
            body,
            comments,
            code,
            directive_lines,
        } = prepared;
        let knows = |name: &str| self.engine.rules().knows(name);
        let (suppressions, suppression_warnings) = match &body {
            Body::Whole(doc) => Suppressions::read(
                &comments,
                |offset| {
                    let place = doc.line_column(offset);
                    (place.line, place.column)
                },
                knows,
            ),
            Body::Blocks(text) => {
                let index = (!comments.is_empty()).then(|| LineIndex::new(text));
                Suppressions::read(
                    &comments,
                    |offset| {
                        index.as_ref().map_or((1, 1), |index| {
                            let place = index.line_column(text, offset);
                            (place.line, place.column)
                        })
                    },
                    knows,
                )
            }
        };
        warnings.extend(suppression_warnings);
        let filters = Filters {
            source: &source,
            directive_lines: &directive_lines,
            code: &code,
            suppressions: &suppressions,
        };
        let mut baseline = self.baseline.matcher(&source, id.as_deref());
        let (mut findings, mut baselined) = (Vec::new(), Vec::new());
        let (mut words, mut suppressed): (usize, usize) = (0, 0);
        let mut side_by_side = None;
        let text = match body {
            Body::Whole(doc) => {
                if self.side_by_side {
                    side_by_side = SideBySide::of(&doc).map(Box::new);
                }
                let found = self.engine.run(&doc);
                let matching = Some((&mut baseline, &mut baselined));
                (findings, words, suppressed) =
                    self.judged(&doc, found, 0, doc.original(), &filters, matching);
                doc.into_original()
            }
            Body::Blocks(text) => {
                let blocks = blocks(&text, BLOCK_BYTES);
                // Without a baseline to match in order, the blocks are checked on every core.
                let checked: Vec<(Vec<Finding>, usize, usize)> = if baseline.is_empty() {
                    blocks
                        .par_iter()
                        .map(|block| self.check_block(&text, block, &filters, None))
                        .collect()
                } else {
                    blocks
                        .iter()
                        .map(|block| {
                            let matching = Some((&mut baseline, &mut baselined));
                            self.check_block(&text, block, &filters, matching)
                        })
                        .collect()
                };
                for (mut kept, block_words, block_suppressed) in checked {
                    words += block_words;
                    suppressed += block_suppressed;
                    findings.append(&mut kept);
                }
                text
            }
        };
        let score = score(&findings, words, &self.weights, &self.gate);
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
            text,
            byte_map,
            record,
            markup,
            side_by_side,
        }
    }
}

/// What decides which findings a document keeps, besides the rules.
struct Filters<'a> {
    source: &'a str,
    /// In plain text, the lines that hold a suppression directive.
    directive_lines: &'a [std::ops::Range<usize>],
    /// Original ranges of text inside code.
    code: &'a [std::ops::Range<usize>],
    suppressions: &'a Suppressions,
}

impl Linter {
    /// The findings the configuration keeps: `[[overrides]]` applied, directive lines and the
    /// vocabulary's words left out, code left unfixed.
    fn kept(&self, mut findings: Vec<Finding>, filters: &Filters<'_>) -> Vec<Finding> {
        self.overrides.apply(filters.source, &mut findings);
        let directive_lines = filters.directive_lines;
        if !directive_lines.is_empty() {
            findings.retain(|f| {
                !directive_lines
                    .iter()
                    .any(|line| line.start <= f.start && f.start < line.end.max(line.start + 1))
            });
        }
        // Code is checked, never rewritten. Code ranges come in document order and never
        // overlap: the one a finding could touch is the first that ends after its start.
        let code = filters.code;
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
        findings
    }
}

impl Linter {
    /// Checks one block of a large text: its findings placed in the whole text and kept as the
    /// configuration, the suppressions and `baseline` (when there is one) say, its words, and
    /// how many findings were silenced; the ones the baseline accepts go to `baselined`.
    fn check_block(
        &self,
        text: &str,
        block: &Block,
        filters: &Filters<'_>,
        baseline: Option<(&mut Matcher, &mut Vec<Finding>)>,
    ) -> (Vec<Finding>, usize, usize) {
        let doc = Document::new(text.get(block.range.clone()).unwrap_or_default());
        let mut found = self.engine.run(&doc);
        for finding in &mut found {
            place_in_whole(finding, block);
        }
        self.judged(&doc, found, block.range.start, text, filters, baseline)
    }

    /// What becomes of the findings `found` in `doc`, which starts at byte `shift` of `text`
    /// (the document's original text): those the configuration, the suppressions and
    /// `baseline` (when there is one) keep, the words they leave to score, and how many were
    /// silenced; the ones the baseline accepts go to its vector.
    fn judged(
        &self,
        doc: &Document,
        found: Vec<Finding>,
        shift: usize,
        text: &str,
        filters: &Filters<'_>,
        baseline: Option<(&mut Matcher, &mut Vec<Finding>)>,
    ) -> (Vec<Finding>, usize, usize) {
        let checked = self.kept(found, filters);
        let before = checked.len();
        let mut kept = filters.unsuppressed(checked);
        if let Some((matcher, baselined)) = baseline {
            let accepted;
            (kept, accepted) = matcher.split(text, kept);
            baselined.extend(accepted);
        }
        let words = prose_words(doc, &kept, shift);
        let suppressed = before - kept.len();
        (kept, words, suppressed)
    }
}

impl Filters<'_> {
    /// `findings` without the ones inline suppressions silence.
    fn unsuppressed(&self, mut findings: Vec<Finding>) -> Vec<Finding> {
        if !self.suppressions.is_empty() {
            findings.retain(|f| !self.suppressions.suppresses(f));
        }
        findings
    }
}

/// Moves a finding of `block` to its place in the whole text.
fn place_in_whole(finding: &mut Finding, block: &Block) {
    if finding.line == 1 {
        finding.column += block.column_offset;
    }
    if finding.end_line == 1 {
        finding.end_column += block.column_offset;
    }
    finding.line += block.lines_before;
    finding.end_line += block.lines_before;
    finding.start += block.range.start;
    finding.end += block.range.start;
}
