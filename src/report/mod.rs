//! The report model and its renderers, one file per format. Renderers see only this model,
//! never the rules or the checks.

mod human;
mod json;

use serde::Serialize;

use crate::finding::Finding;
use crate::input::InputError;

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

/// The result of a run: every document in input order, and the inputs that could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The documents, in input order.
    pub documents: Vec<DocumentReport>,
    /// Inputs that could not be read.
    pub errors: Vec<InputError>,
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
    /// Inputs that could not be read.
    pub errors: usize,
}

impl Report {
    /// The run's counts.
    pub fn summary(&self) -> Summary {
        let passed = self.documents.iter().filter(|d| d.pass).count();
        Summary {
            documents: self.documents.len(),
            passed,
            failed: self.documents.len() - passed,
            findings: self.documents.iter().map(|d| d.findings.len()).sum(),
            errors: self.errors.len(),
        }
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
}

/// Renders `report` in `format` into `out`.
pub fn render(
    report: &Report,
    format: Format,
    options: &HumanOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::render(report, options, out),
        Format::Json => json::render(report, out),
    }
}
