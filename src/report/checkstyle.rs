//! `--format checkstyle`: Checkstyle's XML, which Jenkins (warnings-ng), reviewdog and many CI
//! dashboards read. One `<file>` per document that has findings (a JSON Lines record's findings
//! under its file, on the file's lines), one `<error>` per finding with its line, column,
//! severity (`error` for critical and major, `warning` for minor, `info` for neutral), message
//! and `source` (`mtlint.RULE`). Written document by document; every value is escaped, and
//! characters XML cannot hold are replaced.

use std::io::Write;

use super::DocumentReport;
use super::junit::escape;
use crate::taxonomy::Severity;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "info",
    }
}

/// Writes the start of the report.
pub fn start(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)
}

/// Writes the findings of one document.
pub fn document(doc: &DocumentReport, out: &mut dyn Write) -> std::io::Result<()> {
    if doc.findings.is_empty() {
        return Ok(());
    }
    writeln!(out, r#"  <file name="{}">"#, escape(&doc.source))?;
    for f in &doc.findings {
        let message = super::message_with_suggestion(f);
        writeln!(
            out,
            r#"    <error line="{}" column="{}" severity="{}" message="{}" source="mtlint.{}"/>"#,
            f.line,
            f.column,
            severity(f.severity),
            escape(&message),
            escape(&f.rule)
        )?;
    }
    writeln!(out, "  </file>")
}

/// Writes the end of the report.
pub fn finish(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "</checkstyle>")
}
