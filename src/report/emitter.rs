//! Writing a report as the documents arrive: human, JSON, JSON Lines, SARIF, rdjson, GitLab
//! and Checkstyle reports are written document by document, so memory holds one batch of documents, not the run; the
//! formats that need the whole run first keep what they need until the end: GitHub and JUnit
//! the findings (not the text), HTML the documents.

use std::io::Write;

use super::gitlab::GitlabWriter;
use super::rdjson::RdjsonWriter;
use super::sarif::SarifWriter;
use super::{
    DocumentReport, Format, HumanOptions, Report, RuleInfo, Summary, checkstyle, github, html,
    human, json, junit,
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
    /// The writer of a format written in pieces, once started.
    streamed: Option<Streamed>,
    /// The folder SARIF names files relative to (`%SRCROOT%`).
    root: Option<std::path::PathBuf>,
    started: bool,
}

/// A report written in pieces: its start, each document, its end.
enum Streamed {
    Sarif(SarifWriter),
    Rdjson(RdjsonWriter),
    Gitlab(GitlabWriter),
    Checkstyle,
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
            streamed: None,
            root: None,
            started: false,
        }
    }

    /// Names files relative to `root` where the format can say so (SARIF's `%SRCROOT%`).
    pub fn with_root(mut self, root: Option<std::path::PathBuf>) -> Self {
        self.root = root;
        self
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
            Format::Sarif | Format::Rdjson | Format::Gitlab | Format::Checkstyle => {
                // rdjson places a record's findings itself (in bytes).
                if self.format != Format::Rdjson {
                    doc.place_findings_in_file();
                }
                let out = &mut *self.out;
                match self.streamed.as_mut() {
                    Some(streamed) => streamed.document(&doc, out)?,
                    None => {
                        let mut streamed =
                            Streamed::start(self.format, &self.rules, self.root.as_deref(), out)?;
                        streamed.document(&doc, out)?;
                        self.streamed = Some(streamed);
                    }
                }
            }
            Format::Github | Format::Junit => {
                if self.format == Format::Github {
                    doc.place_findings_in_file();
                }
                // They quote no text: the findings are enough.
                doc.text = String::new();
                doc.baselined = Vec::new();
                self.kept.push(doc);
            }
            Format::Html => self.kept.push(doc),
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
            Format::Sarif | Format::Rdjson | Format::Gitlab | Format::Checkstyle => {
                let streamed = match self.streamed {
                    Some(streamed) => streamed,
                    None => {
                        Streamed::start(self.format, &self.rules, self.root.as_deref(), self.out)?
                    }
                };
                streamed.finish(self.out)?;
            }
            Format::Github => {
                let report = Report::of(self.kept, errors, self.rules);
                github::render(&report, self.out)?;
            }
            Format::Junit => {
                let report = Report::of(self.kept, errors, self.rules);
                junit::render(&report, self.out)?;
            }
            Format::Html => {
                let report = Report::of(self.kept, errors, self.rules);
                html::render(&report, self.out)?;
            }
        }
        self.out.flush()?;
        Ok(summary)
    }
}

impl Streamed {
    /// Writes the start of `format`'s report (SARIF or rdjson).
    fn start(
        format: Format,
        rules: &[RuleInfo],
        root: Option<&std::path::Path>,
        out: &mut dyn Write,
    ) -> std::io::Result<Self> {
        Ok(match format {
            Format::Sarif => Streamed::Sarif(SarifWriter::start(rules, root, out)?),
            Format::Rdjson => Streamed::Rdjson(RdjsonWriter::start(out)?),
            Format::Gitlab => Streamed::Gitlab(GitlabWriter::start(out)?),
            Format::Checkstyle => {
                checkstyle::start(out)?;
                Streamed::Checkstyle
            }
            other @ (Format::Human
            | Format::Json
            | Format::Jsonl
            | Format::Github
            | Format::Junit
            | Format::Html) => {
                return Err(std::io::Error::other(format!(
                    "the {other:?} report is not written in pieces"
                )));
            }
        })
    }

    fn document(&mut self, doc: &DocumentReport, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Streamed::Sarif(writer) => writer.document(doc, out),
            Streamed::Rdjson(writer) => writer.document(doc, out),
            Streamed::Gitlab(writer) => writer.document(doc, out),
            Streamed::Checkstyle => checkstyle::document(doc, out),
        }
    }

    fn finish(self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Streamed::Sarif(writer) => writer.finish(out),
            Streamed::Rdjson(writer) => writer.finish(out),
            Streamed::Gitlab(writer) => writer.finish(out),
            Streamed::Checkstyle => checkstyle::finish(out),
        }
    }
}
