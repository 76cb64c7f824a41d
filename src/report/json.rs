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

use rayon::prelude::*;
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
    serialize_nested(&mut buffered, value, depth)?;
    // Passes the rest on without flushing `out`, which its owner does once at the end.
    buffered.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

/// Serializes a value pretty-printed as it appears `depth` levels deep in the report.
fn serialize_nested(
    out: &mut impl Write,
    value: &impl Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
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

/// From this many findings on, a document's findings are rendered on every core: a corpus
/// in one file has a hundred thousand of them, which one thread takes tens of milliseconds
/// to write.
const PARALLEL_FINDINGS: usize = 8192;

/// Writes one document of the array; `first` for the first one.
pub fn render_document(
    doc: &mut DocumentReport,
    first: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    render_document_from(doc, first, out, PARALLEL_FINDINGS)
}

/// [`render_document`], rendering the findings in parallel from `parallel_from` of them.
fn render_document_from(
    doc: &mut DocumentReport,
    first: bool,
    out: &mut dyn Write,
    parallel_from: usize,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n    " } else { b",\n    " })?;
    if doc.findings.is_empty() || doc.findings.len() < parallel_from {
        return write_nested(out, &*doc, 2);
    }
    // The document without its findings, written as usual, is cut where its empty findings
    // array stands (a raw line break is never inside a JSON string), and the findings,
    // rendered side by side, go in between.
    let findings = std::mem::take(&mut doc.findings);
    let mut shell = Vec::new();
    let written = write_nested(&mut shell, &*doc, 2);
    doc.findings = findings;
    written?;
    const EMPTY_FINDINGS: &[u8] = b"\n      \"findings\": []";
    let Some(at) = memchr::memmem::find(&shell, EMPTY_FINDINGS) else {
        return write_nested(out, &*doc, 2);
    };
    // Up to the `[` and from the `]`.
    let (head, tail) = shell.split_at(at + EMPTY_FINDINGS.len() - 1);
    out.write_all(head)?;
    write_findings_in_parallel(&doc.findings, out)?;
    out.write_all(b"\n      ")?;
    out.write_all(tail)
}

/// Writes findings as the elements of the findings array of a document of the report, each
/// rendered on its own by [`serialize_nested`]. A few slices per core are rendered at a time and
/// written in order, so memory holds a few hundred kilobytes of output, not the whole array.
fn write_findings_in_parallel(
    findings: &[crate::finding::Finding],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // A slice's output (about 450 bytes a finding) stays below the size glibc maps on its
    // own (see `allocator.rs`): a mapped block would cost page faults each time.
    const PER_SLICE: usize = 128;
    let window = PER_SLICE * 2 * rayon::current_num_threads().max(1);
    for (w, group) in findings.chunks(window).enumerate() {
        let rendered: Vec<std::io::Result<Vec<u8>>> = group
            .par_chunks(PER_SLICE)
            .enumerate()
            .map(|(s, slice)| {
                let mut bytes = Vec::with_capacity(PER_SLICE * 512);
                for (i, finding) in slice.iter().enumerate() {
                    let first = w == 0 && s == 0 && i == 0;
                    bytes.extend_from_slice(if first { b"\n        " } else { b",\n        " });
                    serialize_nested(&mut bytes, finding, 4)?;
                }
                Ok(bytes)
            })
            .collect();
        for bytes in rendered {
            out.write_all(&bytes?)?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::Finding;
    use crate::taxonomy::{Category, Severity};

    fn finding(i: usize) -> Finding {
        Finding {
            rule: Arc::from(if i.is_multiple_of(3) {
                "spaced-punctuation"
            } else {
                "quote-capital"
            }),
            category: Category::FluencyPunctuation,
            severity: Severity::Minor,
            message: Arc::from("A \"quoted\" message\twith a tab"),
            start: i * 10,
            end: i * 10 + 3,
            line: i + 1,
            column: 4,
            end_line: i + 1,
            end_column: 7,
            text: format!("«{i}»\n"),
            suggestions: (0..i % 3).map(|k| format!("s{k}")).collect(),
        }
    }

    fn report(findings: usize, warnings: Vec<String>) -> DocumentReport {
        DocumentReport {
            source: "a \"findings\": [] b.txt".to_owned(),
            id: Some("7".to_owned()),
            words: 120,
            penalty: 3.0,
            penalty_per_1000_words: 25.0,
            score: 97.5,
            pass: true,
            findings: (0..findings).map(finding).collect(),
            suppressed: 2,
            baselined: Vec::new(),
            warnings,
            text: String::new(),
        }
    }

    /// Findings rendered side by side, slice by slice, make the bytes one serializer writes,
    /// for any number of findings around the slice and window sizes, with and without the
    /// fields after the findings.
    #[test]
    fn parallel_findings_render_as_the_serial_ones() {
        for count in [0, 1, 2, 511, 512, 513, 1500, 2049, 4100] {
            for warnings in [Vec::new(), vec!["a warning".to_owned()]] {
                for first in [true, false] {
                    let mut doc = report(count, warnings.clone());
                    let mut serial = Vec::new();
                    render_document_from(&mut doc, first, &mut serial, usize::MAX).unwrap();
                    let mut parallel = Vec::new();
                    render_document_from(&mut doc, first, &mut parallel, 0).unwrap();
                    assert_eq!(
                        String::from_utf8(parallel).unwrap(),
                        String::from_utf8(serial).unwrap(),
                        "{count} findings"
                    );
                    assert_eq!(doc.findings.len(), count);
                }
            }
        }
    }
}
