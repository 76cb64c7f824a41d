//! MQM-style scoring and the publication gate.
//!
//! APT (absolute penalty total) = Σ severity weight × category weight over the findings;
//! EWC (evaluation word count) = words of prose, not counting flagged page furniture; score = 100 × max(0, 1 − APT / EWC), with one
//! decimal. A document fails the gate when its score is under `min_score` or when it has a
//! finding at or above `fail_on`.

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::taxonomy::{Category, Severity};

/// Penalty weights (MQM 2.0 / Freitag et al. 2021).
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Weight of a neutral finding.
    pub neutral: f64,
    /// Weight of a minor finding.
    pub minor: f64,
    /// Weight of a major finding.
    pub major: f64,
    /// Weight of a critical finding.
    pub critical: f64,
    /// Category multiplier of a minor punctuation finding (typography weighs little).
    pub minor_punctuation: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            neutral: 0.0,
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
            minor_punctuation: 0.1,
        }
    }
}

impl Weights {
    /// The penalty of one finding of `severity` in `category`.
    pub fn penalty(&self, severity: Severity, category: Category) -> f64 {
        let base = match severity {
            Severity::Neutral => self.neutral,
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        };
        let category_weight =
            if severity == Severity::Minor && category == Category::FluencyPunctuation {
                self.minor_punctuation
            } else {
                1.0
            };
        base * category_weight
    }
}

/// The severity at or above which a finding fails its document, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any finding, even a neutral one.
    Neutral,
    /// Minor findings and worse.
    Minor,
    /// Major findings and worse.
    Major,
    /// Critical findings only.
    Critical,
    /// Only the score decides.
    None,
}

impl FailOn {
    /// The severity threshold, if any.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Neutral => Some(Severity::Neutral),
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::None => None,
        }
    }

    /// The name, as the configuration file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Neutral => "neutral",
            FailOn::Minor => "minor",
            FailOn::Major => "major",
            FailOn::Critical => "critical",
            FailOn::None => "none",
        }
    }
}

/// When a document fails.
#[derive(Clone, Debug, PartialEq)]
pub struct Gate {
    /// The lowest passing score.
    pub min_score: f64,
    /// Any finding at or above this severity fails the document; `None`: severity alone never
    /// fails it.
    pub fail_on: Option<Severity>,
}

impl Default for Gate {
    /// The defaults documented in the README: clean professional news passes, heavily flawed
    /// machine translation fails.
    fn default() -> Self {
        Gate {
            min_score: DEFAULT_MIN_SCORE,
            fail_on: Some(Severity::Critical),
        }
    }
}

/// The default lowest passing score.
pub const DEFAULT_MIN_SCORE: f64 = 97.0;

/// The MQM figures of one document and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// Words of prose (EWC).
    pub words: usize,
    /// Absolute penalty total (APT).
    pub penalty: f64,
    /// APT per 1,000 words.
    pub penalty_per_1000_words: f64,
    /// 100 × max(0, 1 − APT / EWC), one decimal.
    pub score: f64,
    /// Whether the document passes the gate.
    pub pass: bool,
}

fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let scaled = value * factor;
    if scaled.is_finite() {
        scaled.round() / factor
    } else {
        value
    }
}

/// Scores `findings` of a document of `words` words and applies `gate`.
pub fn score(findings: &[Finding], words: usize, weights: &Weights, gate: &Gate) -> Score {
    // `+ 0.0` turns the empty sum's negative zero into zero.
    let penalty: f64 = findings
        .iter()
        .map(|f| weights.penalty(f.severity, f.category))
        .sum::<f64>()
        + 0.0;
    // Configured weights are finite and at least 0; a penalty that is not (weights built by a
    // library user) scores 0 rather than above 100 or NaN.
    let penalty = if penalty.is_finite() && penalty >= 0.0 {
        penalty
    } else {
        f64::MAX
    };
    let raw = if words == 0 {
        if penalty > 0.0 { 0.0 } else { 100.0 }
    } else {
        100.0 * (1.0 - penalty / words as f64).clamp(0.0, 1.0)
    };
    let score = round_to(raw, 1);
    let per_1000 = if words == 0 {
        0.0
    } else {
        1000.0 * penalty / words as f64
    };
    let blocked = gate
        .fail_on
        .is_some_and(|limit| findings.iter().any(|f| f.severity >= limit));
    Score {
        words,
        penalty: round_to(penalty, 2),
        penalty_per_1000_words: round_to(per_1000, 2),
        score,
        pass: score >= gate.min_score && !blocked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, category: Category) -> Finding {
        Finding {
            rule: "r".into(),
            category,
            severity,
            message: "".into(),
            start: 0,
            end: 1,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            text: "x".into(),
            suggestions: vec![],
            source: None,
            block: false,
        }
    }

    #[test]
    fn score_follows_the_mqm_formula() {
        let findings = vec![
            finding(Severity::Major, Category::DesignBoilerplate),
            finding(Severity::Minor, Category::FluencySpelling),
            finding(Severity::Minor, Category::FluencyPunctuation),
        ];
        let s = score(&findings, 200, &Weights::default(), &Gate::default());
        assert_eq!(s.penalty, 6.1);
        assert_eq!(s.score, 97.0);
        assert_eq!(s.penalty_per_1000_words, 30.5);
        assert!(s.pass);
    }

    #[test]
    fn a_critical_finding_fails_whatever_the_score() {
        let findings = vec![finding(Severity::Critical, Category::AccuracyUntranslated)];
        let s = score(&findings, 100_000, &Weights::default(), &Gate::default());
        assert!(s.score > 99.9);
        assert!(!s.pass);
    }

    #[test]
    fn scores_stay_within_0_and_100_whatever_the_weights() {
        let findings = vec![finding(Severity::Major, Category::FluencyGrammar)];
        for major in [-5.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let weights = Weights {
                major,
                ..Weights::default()
            };
            let s = score(&findings, 100, &weights, &Gate::default());
            assert!((0.0..=100.0).contains(&s.score), "{major}: {}", s.score);
            assert!(s.penalty.is_finite(), "{major}: {}", s.penalty);
            assert!(!s.pass, "{major}");
        }
    }

    #[test]
    fn empty_documents_score_full_marks_and_never_go_negative() {
        let s = score(&[], 0, &Weights::default(), &Gate::default());
        assert_eq!(s.score, 100.0);
        assert!(s.penalty.is_sign_positive(), "no negative zero in reports");
        let many = vec![finding(Severity::Major, Category::FluencyGrammar); 10];
        assert_eq!(
            score(&many, 5, &Weights::default(), &Gate::default()).score,
            0.0
        );
    }
}
