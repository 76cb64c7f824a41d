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

use std::io::Write;

use serde::Serialize;

use super::{DocumentReport, Summary};
use crate::input::InputError;

/// The schema string; it changes when a field changes meaning.
pub const SCHEMA: &str = "mtlint-report/1";

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Writes a value pretty-printed as it appears `depth` levels deep in the report.
fn write_nested(out: &mut dyn Write, value: &impl Serialize, depth: usize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    let indent = "  ".repeat(depth);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            write!(out, "\n{indent}")?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes the start of the report, up to the opening of the documents array. The report is
/// written document by document, so its size never has to fit in memory.
pub fn render_start(out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{{\n  \"schema\": \"{SCHEMA}\",\n  \"tool\": ")?;
    let tool = Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    write_nested(out, &tool, 1)?;
    out.write_all(b",\n  \"documents\": [")
}

/// Writes one document of the array; `first` for the first one.
pub fn render_document(
    doc: &DocumentReport,
    first: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n    " } else { b",\n    " })?;
    write_nested(out, doc, 2)
}

/// Writes the end of the report: the errors and the summary. `any` says whether a document was
/// written.
pub fn render_end(
    summary: &Summary,
    errors: &[InputError],
    any: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(if any {
        b"\n  ],\n  \"errors\": "
    } else {
        b"],\n  \"errors\": "
    })?;
    write_nested(out, &errors, 1)?;
    out.write_all(b",\n  \"summary\": ")?;
    write_nested(out, summary, 1)?;
    out.write_all(b"\n}\n")
}
