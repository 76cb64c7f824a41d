//! `--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult`). Ranges are
//! 1-based lines and columns counted in the input's bytes, as rdjson asks; suggestions carry the
//! replacement text for the flagged range.

use serde_json::{Value, json};

use super::json::StreamedArray;
use super::{DocumentReport, byte_columns_mapped};
use crate::input::FilePlace;
use crate::taxonomy::Severity;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "ERROR",
        Severity::Minor => "WARNING",
        Severity::Neutral => "INFO",
    }
}

/// An rdjson report written as the documents arrive, one document's diagnostics at a time.
pub struct RdjsonWriter {
    array: StreamedArray,
}

impl RdjsonWriter {
    /// Writes the report up to its diagnostics.
    pub fn start(out: &mut dyn std::io::Write) -> std::io::Result<Self> {
        let shell = json!({
            "source": {"name": env!("CARGO_PKG_NAME"), "url": "https://crates.io/crates/mtlint"},
            "diagnostics": [],
        });
        Ok(RdjsonWriter {
            array: StreamedArray::start(out, &shell, "diagnostics", 2)?,
        })
    }

    /// Writes the diagnostics of one document.
    pub fn document(
        &mut self,
        doc: &DocumentReport,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        // A JSON Lines record whose place was kept is located in its file.
        let (path, places) = match doc.file_places() {
            Some(places) => (doc.source.clone(), places),
            None => {
                let offsets: Vec<usize> =
                    doc.findings.iter().flat_map(|f| [f.start, f.end]).collect();
                let columns = byte_columns_mapped(&doc.text, &offsets, |o| doc.input_offset(o));
                let places = doc
                    .findings
                    .iter()
                    .zip(columns.chunks(2))
                    .map(|(f, column)| {
                        let (start, end) = match column {
                            [start, end] => (*start, *end),
                            _ => (1, 1),
                        };
                        let place = |line, byte_column| FilePlace {
                            line,
                            column: 0,
                            byte_column,
                        };
                        (place(f.line, start), place(f.end_line, end))
                    })
                    .collect();
                (doc.display_name(), places)
            }
        };
        for (f, (start, end)) in doc.findings.iter().zip(places) {
            let range = json!({
                "start": {"line": start.line, "column": start.byte_column},
                "end": {"line": end.line, "column": end.byte_column},
            });
            let suggestions: Vec<Value> = f
                .suggestions
                .iter()
                .take(1)
                .map(|s| json!({"range": range, "text": s}))
                .collect();
            let diagnostic = json!({
                "message": f.message,
                "location": {"path": path, "range": range},
                "severity": severity(f.severity),
                "code": {"value": f.rule},
                "suggestions": suggestions,
                "originalOutput": f.text,
            });
            self.array.element(out, &diagnostic)?;
        }
        Ok(())
    }

    /// Writes the end of the report.
    pub fn finish(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.array.finish(out)
    }
}
