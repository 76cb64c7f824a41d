//! A document's report as the protocol's diagnostics.

use std::path::Path;
use std::str::FromStr;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};

use crate::finding::Finding;
use crate::input::Markup;
use crate::report::{DocumentReport, RuleInfo, message_with_suggestion};
use crate::rules::RuleSet;
use crate::taxonomy::{Category, Severity};

use super::position::LineIndex;

/// The `source` of the server's own diagnostics (configuration errors, the score).
pub const SERVER_SOURCE: &str = "mtlint";

/// What the diagnostics of one document are made from.
pub struct Context<'a> {
    /// The document's URI.
    pub uri: &'a Uri,
    /// The text the report is on.
    pub text: &'a str,
    /// Its lines.
    pub index: &'a LineIndex,
    /// The rules that made the report.
    pub rules: &'a RuleSet,
    /// The source file of a translation paired with one.
    pub source_file: Option<&'a Path>,
    /// Whether to add the score as a diagnostic.
    pub show_score: bool,
    /// Where the built-in rules' documentation is published, if the client says.
    pub rules_docs_url: Option<&'a str>,
}

/// The diagnostics of `report`: one a finding, then one a warning met reading the document,
/// then the score when asked for.
pub fn of_report(report: &DocumentReport, context: &Context) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = report
        .findings
        .iter()
        .map(|finding| of_finding(finding, report.markup, context))
        .collect();
    diagnostics.extend(
        report
            .warnings
            .iter()
            .map(|warning| note(format!("mtlint: {warning}"))),
    );
    if context.show_score {
        let verdict = if report.pass { "passes" } else { "fails" };
        diagnostics.push(note(format!(
            "mtlint: score {:.1}, {verdict} the gate ({} finding(s), {:.1} penalty points per \
             1,000 words)",
            report.score,
            report.findings.len(),
            report.penalty_per_1000_words
        )));
    }
    diagnostics
}

/// An information diagnostic at the document's start: what the server says about the whole
/// document.
pub fn note(message: String) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::INFORMATION),
        source: Some(SERVER_SOURCE.to_owned()),
        message,
        ..Diagnostic::default()
    }
}

/// An error diagnostic at the document's start: why it could not be checked.
pub fn failure(message: String) -> Diagnostic {
    Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        ..note(message)
    }
}

/// The protocol's severity of a finding's.
fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Critical | Severity::Major => DiagnosticSeverity::ERROR,
        Severity::Minor => DiagnosticSeverity::WARNING,
        Severity::Neutral => DiagnosticSeverity::INFORMATION,
    }
}

fn of_finding(finding: &Finding, markup: Markup, context: &Context) -> Diagnostic {
    let info = context.rules.get(&finding.rule).map(RuleInfo::from);
    let href = info
        .and_then(|info| match context.rules_docs_url {
            Some(base) if info.builtin => Some(format!("{base}#{}", info.id)),
            Some(_) => None,
            None => info.docs_url(),
        })
        .and_then(|url| Uri::from_str(&url).ok());
    let mut related = Vec::new();
    if let Some(place) = &finding.source {
        let uri = match markup {
            // The source is in the same file.
            Markup::Xliff => Some(context.uri.clone()),
            _ => context.source_file.and_then(file_uri),
        };
        if let Some(uri) = uri {
            let start = Position::new(
                place.line.saturating_sub(1) as u32,
                place.column.saturating_sub(1) as u32,
            );
            let width = place.text.encode_utf16().count() as u32;
            let end = if place.text.contains('\n') {
                start
            } else {
                Position::new(start.line, start.character + width)
            };
            let quoted = place.sentence.as_deref().unwrap_or(&place.text);
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri, Range::new(start, end)),
                message: format!("in the source: {quoted}"),
            });
        }
    }
    if finding.category == Category::FluencyInconsistency
        && let Some(other) = finding.suggestions.first()
        && let Some(at) = other_spelling(context.text, other, finding.start, finding.end)
    {
        related.push(DiagnosticRelatedInformation {
            location: Location::new(
                context.uri.clone(),
                context.index.range(context.text, at, at + other.len()),
            ),
            message: format!("spelled “{other}” here"),
        });
    }
    Diagnostic {
        range: context
            .index
            .range(context.text, finding.start, finding.end),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some(format!("{SERVER_SOURCE} {}", finding.category.as_str())),
        message: message_with_suggestion(finding),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// The first place of `text` outside `start..end` where `word` stands as a whole word.
fn other_spelling(text: &str, word: &str, start: usize, end: usize) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|t| t.chars().next());
        (at + word.len() <= start || at >= end)
            && !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The `file:` URI of `path`.
pub fn file_uri(path: &Path) -> Option<Uri> {
    let absolute = std::path::absolute(path).ok()?;
    let url = url::Url::from_file_path(absolute).ok()?;
    Uri::from_str(url.as_str()).ok()
}

/// The file of a `file:` URI.
pub fn path_of(uri: &Uri) -> Option<std::path::PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    (url.scheme() == "file")
        .then(|| url.to_file_path().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_spelling_is_found_as_a_whole_word() {
        let text = "Sergei spoke. Sergeiev and Sergey met.";
        let start = text.find("Sergey").unwrap();
        assert_eq!(other_spelling(text, "Sergei", start, start + 6), Some(0));
        assert_eq!(other_spelling("Sergeiev only", "Sergei", 20, 26), None);
    }

    #[test]
    fn file_uris_round_trip() {
        let path = std::env::temp_dir().join("a b.md");
        let uri = file_uri(&path).unwrap();
        assert!(uri.as_str().contains("a%20b.md"));
        assert_eq!(path_of(&uri), Some(path));
        assert_eq!(
            path_of(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
