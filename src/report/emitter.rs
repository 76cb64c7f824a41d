//! Writing a report as the documents arrive: human, JSON and JSON Lines reports are written
//! document by document, so memory holds one batch of documents, not the run; the formats that
//! need the whole run first (SARIF, GitHub, JUnit, rdjson, HTML) keep the documents until the
//! end.

use std::io::Write;

use super::{
    DocumentReport, Format, HumanOptions, Report, RuleInfo, Summary, github, html, human, json,
    junit, rdjson, sarif,
};
use crate::input::InputError;

/// Receives the documents of a run in order and writes the report.
pub struct Emitter<'w> {
    format: Format,
    options: HumanOptions,
    rules: Vec<RuleInfo>,
    out: &'w mut dyn Write,
    summary: Summary,
    /// The documents kept for a format that renders the whole run at the end.
    kept: Vec<DocumentReport>,
    started: bool,
}

impl<'w> Emitter<'w> {
    /// An emitter writing `format` to `out`.
    pub fn new(
        format: Format,
        options: HumanOptions,
        rules: Vec<RuleInfo>,
        out: &'w mut dyn Write,
    ) -> Self {
        Emitter {
            format,
            options,
            rules,
            out,
            summary: Summary::default(),
            kept: Vec::new(),
            started: false,
        }
    }

    /// Writes (or keeps) the next document.
    pub fn document(&mut self, mut doc: DocumentReport) -> std::io::Result<()> {
        self.summary.add(&doc);
        match self.format {
            Format::Human => human::render_document(&doc, &self.options, self.out)?,
            Format::Json => {
                if !self.started {
                    json::render_start(self.out)?;
                }
                doc.map_spans_to_input();
                json::render_document(&mut doc, !self.started, self.out)?;
            }
            Format::Jsonl => {
                doc.map_spans_to_input();
                json::render_line(&mut doc, self.out)?;
            }
            Format::Sarif | Format::Github | Format::Junit | Format::Rdjson | Format::Html => {
                self.kept.push(doc);
            }
        }
        self.started = true;
        Ok(())
    }

    /// Writes the end of the report, with the inputs that could not be read, and returns the
    /// run's counts.
    pub fn finish(self, errors: &[InputError]) -> std::io::Result<Summary> {
        let summary = Summary {
            errors: errors.len(),
            ..self.summary
        };
        match self.format {
            Format::Human => human::render_end(&summary, errors, self.out)?,
            Format::Json => {
                if !self.started {
                    json::render_start(self.out)?;
                }
                json::render_end(&summary, errors, self.started, self.out)?;
            }
            Format::Jsonl => {}
            Format::Sarif | Format::Github | Format::Junit | Format::Rdjson | Format::Html => {
                let report = Report {
                    documents: self.kept,
                    errors: errors.to_vec(),
                    rules: self.rules,
                };
                let render = match self.format {
                    Format::Sarif => sarif::render,
                    Format::Github => github::render,
                    Format::Junit => junit::render,
                    Format::Rdjson => rdjson::render,
                    _ => html::render,
                };
                render(&report, self.out)?;
            }
        }
        self.out.flush()?;
        Ok(summary)
    }
}
