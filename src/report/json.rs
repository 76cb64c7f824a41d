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

use std::io::{BufWriter, Write};

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

/// Writes a value pretty-printed as it appears `depth` levels deep in the report. serde_json
/// writes a few bytes at a time; they are gathered 32 KB at a time in front of `out`, a
/// `dyn Write` that each small write would otherwise go through.
fn write_nested(out: &mut dyn Write, value: &impl Serialize, depth: usize) -> std::io::Result<()> {
    let mut buffered = BufWriter::with_capacity(32 << 10, out);
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)?;
    // Passes the rest on without flushing `out`, which its owner does once at the end.
    buffered.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

/// serde_json's pretty layout (two spaces a level) starting `depth` levels in, so a document
/// can be written on its own inside the report's array.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn new_line<W: ?Sized + Write>(&self, out: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: [u8; 64] = [b' '; 64];
        out.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            out.write_all(SPACES.get(..n).unwrap_or_default())?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.new_line(out, false)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
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
