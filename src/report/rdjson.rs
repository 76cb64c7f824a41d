//! `--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult`). Ranges are
//! 1-based lines and columns counted in UTF-8 bytes, as rdjson asks; suggestions carry the
//! replacement text for the flagged range.

use serde_json::{Value, json};

use super::{Report, byte_column};
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
        let path = match &doc.id {
            Some(id) => format!("{}#{id}", doc.source),
            None => doc.source.clone(),
        };
        for f in &doc.findings {
            let range = json!({
                "start": {"line": f.line, "column": byte_column(&doc.text, f.start)},
                "end": {"line": f.end_line, "column": byte_column(&doc.text, f.end)},
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
