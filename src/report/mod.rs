//! The report model and its renderers, one file per format. Renderers see only this model,
//! never the rules or the checks.

mod github;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;

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
    /// Findings silenced by inline suppressions or the baseline: counted, not scored.
    pub suppressed: usize,
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

impl Report {
    /// The run's counts.
    pub fn summary(&self) -> Summary {
        let passed = self.documents.iter().filter(|d| d.pass).count();
        Summary {
            documents: self.documents.len(),
            passed,
            failed: self.documents.len() - passed,
            findings: self.documents.iter().map(|d| d.findings.len()).sum(),
            suppressed: self.documents.iter().map(|d| d.suppressed).sum(),
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
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: one test case per document, failed when the document fails the gate.
    Junit,
    /// reviewdog's rdjson.
    Rdjson,
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
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Junit => junit::render(report, out),
        Format::Rdjson => rdjson::render(report, out),
    }
}

/// A finding's fingerprint, stable across runs and across edits elsewhere in the document: the
/// rule, the flagged text and a few letters of normalized context on each side within its
/// line — never its line number or offset. Hex of a 64-bit FNV-1a hash.
pub fn fingerprint(doc: &DocumentReport, finding: &Finding) -> String {
    const CONTEXT: usize = 24;
    let text = doc.text.as_str();
    let line_start = text
        .get(..finding.start)
        .and_then(|b| b.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(finding.end..)
        .and_then(|a| a.find(['\n', '\r']))
        .map_or(text.len(), |i| finding.end + i);
    let normalize = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let before: String = normalize(text.get(line_start..finding.start).unwrap_or(""))
        .chars()
        .rev()
        .take(CONTEXT)
        .collect();
    let after: String = normalize(text.get(finding.end..line_end).unwrap_or(""))
        .chars()
        .take(CONTEXT)
        .collect();
    let key = format!(
        "{}\u{0}{}\u{0}{before}\u{0}{after}",
        finding.rule, finding.text
    );
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The 1-based column of a byte offset counted in UTF-8 bytes from the start of its line.
pub fn byte_column(text: &str, offset: usize) -> usize {
    let line_start = text
        .get(..offset)
        .and_then(|before| before.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    offset - line_start + 1
}
