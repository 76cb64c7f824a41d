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
    let mut indented = Indented {
        out,
        indent: depth * 2,
        pending: Vec::with_capacity(Indented::CHUNK + 1024),
    };
    serde_json::to_writer_pretty(&mut indented, value).map_err(std::io::Error::other)?;
    indented.drain()
}

/// A writer that indents every line after the first by `indent` spaces. serde_json writes in
/// small pieces; they are gathered here and passed on in chunks.
struct Indented<'w> {
    out: &'w mut dyn Write,
    indent: usize,
    pending: Vec<u8>,
}

impl Indented<'_> {
    /// How much is gathered before it is passed on.
    const CHUNK: usize = 32 << 10;

    fn drain(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        Ok(())
    }
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.pending.extend_from_slice(first);
        }
        for line in lines {
            self.pending.push(b'\n');
            self.pending.resize(self.pending.len() + self.indent, b' ');
            self.pending.extend_from_slice(line);
        }
        if self.pending.len() >= Self::CHUNK {
            self.drain()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()?;
        self.out.flush()
    }
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
