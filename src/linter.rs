//! One document in, one scored result out: the engine plus the scoring settings.

use crate::document::Document;
use crate::engine::Engine;
use crate::input::Source;
use crate::report::DocumentReport;
use crate::score::{Gate, Weights, score};
use crate::vocabulary::Vocabulary;

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
}

impl Linter {
    /// Checks and scores one document.
    pub fn lint(&self, source: Source) -> DocumentReport {
        let doc = Document::new(source.text);
        let mut findings = self.engine.check(&doc);
        findings.retain(|f| !self.vocabulary.accepts(f));
        let score = score(&findings, doc.word_count(), &self.weights, &self.gate);
        DocumentReport {
            source: source.name,
            id: source.id,
            words: score.words,
            penalty: score.penalty,
            penalty_per_1000_words: score.penalty_per_1000_words,
            score: score.score,
            pass: score.pass,
            findings,
            warnings: source.warnings,
            text: doc.original().to_owned(),
        }
    }
}
