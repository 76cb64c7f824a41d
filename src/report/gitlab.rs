//! `--format gitlab`: GitLab's Code Quality report, a JSON array of issues that merge requests
//! show beside the diff. Each finding is one issue: `description` (the message, and the
//! suggestion), `check_name` (the rule), `fingerprint` (unique in the report, stable across
//! edits elsewhere in the file), `severity` (`info`, `minor`, `major` or `critical`) and
//! `location.path` with `location.lines.begin`. Written document by document.

use std::collections::HashMap;
use std::io::Write;

use serde_json::json;
use sha2::{Digest, Sha256};

use super::DocumentReport;
use crate::taxonomy::Severity;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::Major => "major",
        Severity::Minor => "minor",
        Severity::Neutral => "info",
    }
}

/// A Code Quality report written as the documents arrive.
#[derive(Default)]
pub struct GitlabWriter {
    /// Issues written so far.
    written: usize,
    /// How often each (path, rule, finding fingerprint) came, so identical findings in one
    /// file still get fingerprints of their own.
    seen: HashMap<String, usize>,
}

impl GitlabWriter {
    /// Writes the start of the report.
    pub fn start(out: &mut dyn Write) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(GitlabWriter::default())
    }

    /// Writes the issues of one document (its findings placed in the file, for a record).
    pub fn document(&mut self, doc: &DocumentReport, out: &mut dyn Write) -> std::io::Result<()> {
        let path = doc.source.trim_start_matches("./");
        for finding in &doc.findings {
            let key = format!(
                "{path}\0{}\0{}",
                finding.rule,
                finding.fingerprint(&doc.text)
            );
            let occurrence = self.seen.entry(key.clone()).or_default();
            *occurrence += 1;
            let digest = Sha256::digest(format!("{key}\0{occurrence}").as_bytes());
            let fingerprint: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
            let description = super::message_with_suggestion(finding);
            let issue = json!({
                "description": description,
                "check_name": finding.rule,
                "fingerprint": fingerprint,
                "severity": severity(finding.severity),
                "location": {"path": path, "lines": {"begin": finding.line}},
            });
            out.write_all(if self.written == 0 { b"\n  " } else { b",\n  " })?;
            serde_json::to_writer(&mut *out, &issue).map_err(std::io::Error::other)?;
            self.written += 1;
        }
        Ok(())
    }

    /// Writes the end of the report.
    pub fn finish(self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })
    }
}
