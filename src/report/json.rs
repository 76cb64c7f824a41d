//! `--format json`: the report contract of the design document.
//!
//! ```json
//! {"schema": "mtlint-report/1", "tool": {"name": "mtlint", "version": "…"},
//!  "documents": [{"source", "id", "words", "penalty", "penalty_per_1000_words", "score",
//!                 "pass", "findings": [{"rule", "category", "severity", "message", "start",
//!                 "end", "line", "column", "end_line", "end_column", "text", "suggestions"}],
//!                 "suppressed", "warnings"?}],
//!  "errors": [{"source", "line", "message"}],
//!  "summary": {"documents", "passed", "failed", "findings", "suppressed", "errors"}}
//! ```

use serde::Serialize;

use super::{DocumentReport, Report, Summary};
use crate::input::InputError;

/// The schema string; it changes when a field changes meaning.
pub const SCHEMA: &str = "mtlint-report/1";

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool,
    documents: &'a [DocumentReport],
    errors: &'a [InputError],
    summary: Summary,
}

/// Writes the JSON report.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let json = JsonReport {
        schema: SCHEMA,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        documents: &report.documents,
        errors: &report.errors,
        summary: report.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
