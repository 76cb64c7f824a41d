//! The report model and its renderers, one file per format. Renderers see only this model,
//! never the rules or the checks.

mod emitter;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

use serde::Serialize;

use crate::finding::Finding;
use crate::input::InputError;

pub use emitter::Emitter;
pub use human::HumanOptions;

/// The result for one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The path (or `<stdin>`) the document came from.
    pub source: String,
    /// The JSON Lines record id, else null.
    pub id: Option<String>,
    /// Words of prose (EWC).
    pub words: usize,
    /// Absolute penalty total (APT).
    pub penalty: f64,
    /// APT per 1,000 words.
    pub penalty_per_1000_words: f64,
    /// The MQM score, 0 to 100, one decimal.
    pub score: f64,
    /// Whether the document passes the gate.
    pub pass: bool,
    /// The findings, sorted by position.
    pub findings: Vec<Finding>,
    /// Findings silenced by inline suppressions or the baseline: counted, not scored.
    pub suppressed: usize,
    /// The findings the baseline silenced, kept to rewrite the baseline.
    #[serde(skip)]
    pub baselined: Vec<Finding>,
    /// Problems met while reading the document that did not stop it being checked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The original text, for renderers that quote it.
    #[serde(skip)]
    pub text: String,
}

impl DocumentReport {
    /// How the document is named in human output: the path, and the record id if any.
    pub fn display_name(&self) -> String {
        match &self.id {
            Some(id) => format!("{}#{id}", self.source),
            None => self.source.clone(),
        }
    }
}

/// What a report says about a rule: formats that describe rules (SARIF) use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule id.
    pub id: String,
    /// The one-line message.
    pub message: String,
    /// The documentation.
    pub explain: String,
    /// The category.
    pub category: crate::taxonomy::Category,
    /// The default severity.
    pub severity: crate::taxonomy::Severity,
}

/// The result of a run: every document in input order, and the inputs that could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The documents, in input order.
    pub documents: Vec<DocumentReport>,
    /// Inputs that could not be read.
    pub errors: Vec<InputError>,
    /// The rules of the run.
    pub rules: Vec<RuleInfo>,
}

/// The counts at the end of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents checked.
    pub documents: usize,
    /// Documents that passed the gate.
    pub passed: usize,
    /// Documents that failed the gate.
    pub failed: usize,
    /// Findings over all documents.
    pub findings: usize,
    /// Findings silenced by inline suppressions or the baseline.
    pub suppressed: usize,
    /// Inputs that could not be read.
    pub errors: usize,
}

impl Summary {
    /// Counts one more document.
    pub fn add(&mut self, doc: &DocumentReport) {
        self.documents += 1;
        if doc.pass {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        self.findings += doc.findings.len();
        self.suppressed += doc.suppressed;
    }
}

impl Report {
    /// The run's counts.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            errors: self.errors.len(),
            ..Summary::default()
        };
        for doc in &self.documents {
            summary.add(doc);
        }
        summary
    }
}

/// An output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the line and a caret, then a summary per document.
    #[default]
    Human,
    /// The JSON report of the design document (`mtlint-report/1`).
    Json,
    /// JSON Lines: one document object (as in the JSON report) per line, written as each
    /// document is checked.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: one test case per document, failed when the document fails the gate.
    Junit,
    /// reviewdog's rdjson.
    Rdjson,
    /// A self-contained HTML page to review the findings: highlights in the text, filters,
    /// keyboard navigation, and an export of the accepted findings as a baseline.
    Html,
}

/// The 1-based column of a byte offset counted in UTF-8 bytes from the start of its line.
pub fn byte_column(text: &str, offset: usize) -> usize {
    let line_start = text
        .get(..offset)
        .and_then(|before| before.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    offset - line_start + 1
}
