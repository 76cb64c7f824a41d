//! `--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult`). Ranges are
//! 1-based lines and columns counted in the input's bytes, as rdjson asks; suggestions carry the
//! replacement text for the flagged range.

use serde_json::{Value, json};

use super::{Report, byte_columns_mapped};
use crate::taxonomy::Severity;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "ERROR",
        Severity::Minor => "WARNING",
        Severity::Neutral => "INFO",
    }
}

/// Writes the rdjson report.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut diagnostics: Vec<Value> = Vec::new();
    for doc in &report.documents {
        let path = doc.display_name();
        let offsets: Vec<usize> = doc.findings.iter().flat_map(|f| [f.start, f.end]).collect();
        let columns = byte_columns_mapped(&doc.text, &offsets, |o| doc.input_offset(o));
        for (f, column) in doc.findings.iter().zip(columns.chunks(2)) {
            let (start, end) = match column {
                [start, end] => (*start, *end),
                _ => (1, 1),
            };
            let range = json!({
                "start": {"line": f.line, "column": start},
                "end": {"line": f.end_line, "column": end},
            });
            let suggestions: Vec<Value> = f
                .suggestions
                .iter()
                .take(1)
                .map(|s| json!({"range": range, "text": s}))
                .collect();
            diagnostics.push(json!({
                "message": f.message,
                "location": {"path": path, "range": range},
                "severity": severity(f.severity),
                "code": {"value": f.rule},
                "suggestions": suggestions,
                "originalOutput": f.text,
            }));
        }
    }
    let result = json!({
        "source": {"name": env!("CARGO_PKG_NAME"), "url": "https://crates.io/crates/mtlint"},
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &result)?;
    writeln!(out)
}
