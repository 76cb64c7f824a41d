//! The report model and its renderers, one file per format. Renderers see only this model,
//! never the rules or the checks.

mod checkstyle;
mod emitter;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
mod junit;
mod rdjson;
mod sarif;
pub mod side_by_side;
mod visible;

use crate::document::floor_char_boundary;
use serde::Serialize;

use crate::finding::Finding;
use crate::input::{ByteMap, FilePlace, InputError, Markup, RecordPlace};

pub use emitter::Emitter;
pub use human::HumanOptions;
pub use json::render_line as render_json_line;
pub use visible::{visible, visible_line};

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
    /// Offsets in `text` to offsets in the input's bytes (they differ when the input was not
    /// valid UTF-8): the JSON reports' `start` and `end` and rdjson's columns count the input's
    /// bytes.
    #[serde(skip)]
    pub byte_map: ByteMap,
    /// For a JSON Lines record, where its text sits in the file (when the run asked for it).
    #[serde(skip)]
    pub record: Option<Box<RecordPlace>>,
    /// How `text` is written: the review page shows an HTML document as its reader sees it.
    #[serde(skip)]
    pub markup: Markup,
    /// For a translation aligned with its source article: the two side by side, for the
    /// review page.
    #[serde(skip)]
    pub side_by_side: Option<Box<side_by_side::SideBySide>>,
}

impl DocumentReport {
    /// The offset in the input's bytes of `offset`, a byte offset into `text`.
    pub fn input_offset(&self, offset: usize) -> usize {
        self.byte_map.to_input(&self.text, offset)
    }

    /// Where each finding starts and ends in the file, for a JSON Lines record whose place was
    /// kept: the record's line, and columns of that line.
    pub fn file_places(&self) -> Option<Vec<(FilePlace, FilePlace)>> {
        let record = self.record.as_ref()?;
        let offsets: Vec<usize> = self
            .findings
            .iter()
            .flat_map(|f| [f.start, f.end])
            .collect();
        let places = record.locate(&offsets);
        Some(
            places
                .chunks(2)
                .filter_map(|pair| match pair {
                    [start, end] => Some((*start, *end)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// Moves the findings' lines and columns onto the file's lines, for a JSON Lines record
    /// whose place was kept (reports that annotate the file: SARIF, GitHub).
    pub fn place_findings_in_file(&mut self) {
        let Some(places) = self.file_places() else {
            return;
        };
        for (finding, (start, end)) in self.findings.iter_mut().zip(places) {
            finding.line = start.line;
            finding.column = start.column;
            finding.end_line = end.line;
            finding.end_column = end.column;
        }
    }

    /// Turns the findings' `start` and `end` into offsets in the input's bytes, for reports
    /// that give byte offsets and quote no text.
    pub fn map_spans_to_input(&mut self) {
        if self.byte_map == ByteMap::Identity {
            return;
        }
        let (map, text) = (&self.byte_map, &self.text);
        for finding in &mut self.findings {
            finding.start = map.to_input(text, finding.start);
            finding.end = map.to_input(text, finding.end);
        }
    }

    /// How the document is named in human output: the path, and the record id if any.
    pub fn display_name(&self) -> String {
        crate::input::display_name(&self.source, self.id.as_deref())
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
    /// Whether the rule's first suggestion is safe to apply without review (SARIF gives such
    /// suggestions as fixes).
    pub safe_fix: bool,
    /// Whether the rule ships with mtlint (its documentation is in `docs/rules.md`).
    pub builtin: bool,
}

impl From<&crate::rules::Rule> for RuleInfo {
    fn from(rule: &crate::rules::Rule) -> Self {
        RuleInfo {
            id: rule.id.to_string(),
            message: rule.message.to_string(),
            explain: rule.explain.clone(),
            category: rule.category,
            severity: rule.severity,
            safe_fix: rule.fix_safety == crate::rules::FixSafety::Safe,
            builtin: rule.origin.starts_with("builtin:"),
        }
    }
}

impl RuleInfo {
    /// Where the rule's documentation is published (its entry in `docs/rules.md` at this
    /// version's tag of the repository `Cargo.toml` names): none for a user's own rule, or
    /// while no repository is set.
    pub fn docs_url(&self) -> Option<String> {
        sarif::help_uri(sarif::REPOSITORY, self)
    }
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
    /// The report of `documents`, the inputs that could not be read and the run's rules.
    pub fn of(documents: Vec<DocumentReport>, errors: &[InputError], rules: Vec<RuleInfo>) -> Self {
        Report {
            documents,
            errors: errors.to_vec(),
            rules,
        }
    }

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
    /// rustc-style diagnostics with the line and a caret, and a summary line after each
    /// document.
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
    /// GitLab's Code Quality report: findings beside the diff of a merge request.
    Gitlab,
    /// Checkstyle XML, for Jenkins, reviewdog and other CI dashboards.
    Checkstyle,
    /// A self-contained HTML page to review the findings: highlights in the text, filters,
    /// keyboard navigation, and an export of the accepted findings as a baseline.
    Html,
}

/// The message of `finding` with its first suggestion, for formats with one text per finding:
/// `MESSAGE (suggestion: TEXT)`, `delete it` for an empty suggestion.
pub fn message_with_suggestion(finding: &Finding) -> String {
    match finding.suggestions.first().map(String::as_str) {
        Some("") => format!("{} (suggestion: delete it)", finding.message),
        Some(s) => format!("{} (suggestion: {s})", finding.message),
        None => finding.message.to_string(),
    }
}

/// The 1-based columns, counted in UTF-8 bytes from the start of their line, of `offsets`
/// (char boundaries of `text`, in any order): one pass over the text for all of them.
pub fn byte_columns(text: &str, offsets: &[usize]) -> Vec<usize> {
    byte_columns_mapped(text, offsets, |offset| offset)
}

/// [`byte_columns`], counting the bytes of the input the text was decoded from: `to_input`
/// maps an offset in `text` to one in the input.
pub fn byte_columns_mapped(
    text: &str,
    offsets: &[usize],
    to_input: impl Fn(usize) -> usize,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
    let mut columns = vec![1; offsets.len()];
    let (mut scanned, mut line_start) = (0, 0);
    for i in order {
        let offset = offsets.get(i).copied().unwrap_or(0).min(text.len());
        if let Some(newline) = text
            .get(scanned..offset)
            .and_then(|gap| gap.rfind(['\n', '\r']))
        {
            line_start = scanned + newline + 1;
        }
        scanned = scanned.max(offset);
        if let Some(column) = columns.get_mut(i) {
            *column = to_input(offset).saturating_sub(to_input(line_start)) + 1;
        }
    }
    columns
}

/// The line around `start..end` of `text`, if it reaches at most `limit` bytes beyond the span on
/// each side; `None` for a longer line (renderers then quote the span alone).
pub fn line_around(
    text: &str,
    start: usize,
    end: usize,
    limit: usize,
) -> Option<std::ops::Range<usize>> {
    let floor = floor_char_boundary(text, start.saturating_sub(limit));
    let before = text.get(floor..start)?;
    let line_start = match before.rfind(['\n', '\r']) {
        Some(i) => floor + i + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    let ceiling = floor_char_boundary(text, end.saturating_add(limit).min(text.len()));
    let after = text.get(end..ceiling)?;
    let line_end = match after.find(['\n', '\r']) {
        Some(i) => end + i,
        None if ceiling == text.len() => text.len(),
        None => return None,
    };
    Some(line_start..line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_columns_in_any_order() {
        let text = "ab\ncdé\r\nfg";
        assert_eq!(byte_columns(text, &[7, 0, 3, 10]), [5, 1, 1, 2]);
    }

    #[test]
    fn lines_around_spans_are_bounded() {
        let text = "one\ntwo three\nfour";
        assert_eq!(line_around(text, 8, 13, 100), Some(4..13));
        assert_eq!(line_around(text, 8, 13, 2), None);
        let long = "x".repeat(10_000);
        assert_eq!(line_around(&long, 5000, 5001, 100), None);
        assert_eq!(line_around(&long, 5, 6, 100), None);
        assert_eq!(line_around("short", 1, 2, 100), Some(0..5));
    }
}
