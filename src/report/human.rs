//! `--format human`: rustc-style diagnostics — the severity and rule, the place, the line with a
//! caret under the span, the suggestion — and a summary line after each document, then one for
//! the run. Written document by document, as the documents are checked.

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::visible::{visible_line, visible_span};
use super::{DocumentReport, Summary};
use crate::finding::Finding;
use crate::input::InputError;
use crate::taxonomy::Severity;

/// How human output looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HumanOptions {
    /// Emit ANSI colours (the CLI strips them again where the terminal or `NO_COLOR` says so).
    pub color: bool,
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "note",
    }
}

fn level(severity: Severity) -> Level<'static> {
    match level_name(severity) {
        "error" => Level::ERROR,
        "warning" => Level::WARNING,
        _ => Level::NOTE,
    }
}

/// How far a line may reach beyond a finding for the line to be shown whole.
const SHOWN_LINE: usize = 2_000;

/// The original lines a finding spans, and the finding's span relative to them; `None` when
/// the line is too long to show.
fn snippet_of<'t>(
    doc: &'t DocumentReport,
    finding: &Finding,
) -> Option<(&'t str, std::ops::Range<usize>)> {
    let line = super::line_around(&doc.text, finding.start, finding.end, SHOWN_LINE)?;
    let source = doc.text.get(line.clone())?;
    Some((source, finding.start - line.start..finding.end - line.start))
}

/// How a document is named in the report, its controls made visible.
fn name_of(doc: &DocumentReport) -> String {
    visible_line(&doc.display_name()).into_owned()
}

fn help_of(finding: &Finding) -> Option<String> {
    finding.suggestions.first().map(|suggestion| {
        if suggestion.is_empty() {
            "delete it".to_owned()
        } else {
            format!("replace with `{}`", visible_line(suggestion))
        }
    })
}

/// For a bilingual finding: the source text it is about, and where; then the source
/// sentence it is in, when that says more.
fn source_notes(finding: &Finding) -> Vec<String> {
    let Some(source) = finding.source.as_ref() else {
        return Vec::new();
    };
    let mut notes = vec![format!(
        "source (line {}, column {}): {}",
        source.line,
        source.column,
        cut_to(&source.text, 300)
    )];
    if let Some(sentence) = &source.sentence {
        notes.push(format!("source sentence: {}", cut_to(sentence, 300)));
    }
    notes
}

/// `text` on one line, cut to `chars` characters with an ellipsis.
fn cut_to(text: &str, chars: usize) -> String {
    let kept: String = text.chars().take(chars).collect();
    let cut = if kept.len() < text.len() { "…" } else { "" };
    format!("{}{cut}", visible_line(&kept))
}

fn render_finding(renderer: &Renderer, doc: &DocumentReport, finding: &Finding) -> String {
    let path = name_of(doc);
    let title = format!("{} ({})", visible_line(&finding.message), finding.severity);
    let Some((source, span)) = snippet_of(doc, finding) else {
        // A huge line: the place and the flagged text, without the line.
        let mut text = format!(
            "{}[{}]: {title}\n --> {path}:{}:{}\n  = note: flagged `{}` (the line is too long to show)",
            level_name(finding.severity),
            finding.rule,
            finding.line,
            finding.column,
            visible_line(&finding.text.chars().take(200).collect::<String>())
        );
        for note in source_notes(finding) {
            text.push_str(&format!("\n  = note: {note}"));
        }
        if let Some(help) = help_of(finding) {
            text.push_str(&format!("\n  = help: {help}"));
        }
        return text;
    };
    let (source, span) = visible_span(source, span);
    let mut group = level(finding.severity)
        .primary_title(title)
        .id(&*finding.rule)
        .element(
            Snippet::source(&*source)
                .line_start(finding.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(span)),
        );
    for note in source_notes(finding) {
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(help) = help_of(finding) {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report).to_string()
}

fn document_summary(doc: &DocumentReport) -> String {
    let by_severity: Vec<String> = [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Neutral,
    ]
    .into_iter()
    .filter_map(|severity| {
        let count = doc
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        (count > 0).then(|| format!("{count} {severity}"))
    })
    .collect();
    let findings = match doc.findings.len() {
        0 => "no findings".to_owned(),
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    let mut detail = if by_severity.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_severity.join(", "))
    };
    if doc.suppressed > 0 {
        detail.push_str(&format!(", {} suppressed", doc.suppressed));
    }
    let verdict = if doc.pass { "pass" } else { "FAIL" };
    let words = if doc.words == 1 { "word" } else { "words" };
    format!(
        "{}: {} {words}, {findings}{detail}, penalty {} ({} per 1,000 words), score {:.1}: {verdict}",
        name_of(doc),
        doc.words,
        doc.penalty,
        doc.penalty_per_1000_words,
        doc.score
    )
}

fn renderer(options: &HumanOptions) -> Renderer {
    if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// Writes one document: its warnings, its findings, its summary line.
pub fn render_document(
    doc: &DocumentReport,
    options: &HumanOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let renderer = renderer(options);
    for warning in &doc.warnings {
        // A warning about a place starts with its `line:column: `, which follows the name.
        let separator = if warning.starts_with(|c: char| c.is_ascii_digit()) {
            ":"
        } else {
            ": "
        };
        writeln!(
            out,
            "warning: {}{separator}{}",
            name_of(doc),
            visible_line(warning)
        )?;
    }
    for finding in &doc.findings {
        writeln!(out, "{}\n", render_finding(&renderer, doc, finding))?;
    }
    writeln!(out, "{}", document_summary(doc))?;
    if !doc.findings.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the end of the report: the inputs that could not be read and the run's summary.
pub fn render_end(
    summary: &Summary,
    errors: &[InputError],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for error in errors {
        let (source, message) = (visible_line(&error.source), visible_line(&error.message));
        writeln!(out, "error: {source}{}: {message}", error.place())?;
    }
    let mut tail = if summary.suppressed > 0 {
        format!(", {} suppressed", summary.suppressed)
    } else {
        String::new()
    };
    if summary.errors > 0 {
        tail.push_str(&format!(", {} unreadable", summary.errors));
    }
    writeln!(
        out,
        "{} document(s): {} passed, {} failed, {} finding(s){tail}",
        summary.documents, summary.passed, summary.failed, summary.findings
    )
}
