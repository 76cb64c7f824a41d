//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning.
//!
//! One run; `tool.driver.rules` describes every rule of the run (short description: the
//! message; full description and help: the rule's `explain`); each result has the rule, a
//! level (`error` for critical and major, `warning` for minor, `note` for neutral), the
//! message, one location with 1-based lines and columns counted in Unicode code points
//! (`columnKind: unicodeCodePoints`), and a partial fingerprint that survives edits elsewhere
//! in the document. A JSON Lines record's location is `file.jsonl#id`. URIs are
//! percent-encoded (RFC 3986): every byte but the unreserved characters and `/`.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::json::StreamedArray;
use super::{DocumentReport, RuleInfo};
use crate::taxonomy::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "note",
    }
}

/// `text` as a URI reference's path: unreserved characters (RFC 3986) and `/` as they are,
/// every other byte as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF log written as the documents arrive: the results of each document when it is
/// checked, so memory holds one document's results, not the run's.
pub struct SarifWriter {
    array: StreamedArray,
    /// Rule ids and their index in `tool.driver.rules`.
    index: HashMap<String, usize>,
}

impl SarifWriter {
    /// Writes the log up to its results, describing `rules`.
    pub fn start(rules: &[RuleInfo], out: &mut dyn std::io::Write) -> std::io::Result<Self> {
        let described: Vec<Value> = rules
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": rule.message},
                    "fullDescription": {"text": rule.explain.trim()},
                    "help": {"text": rule.explain.trim(), "markdown": rule.explain.trim()},
                    "defaultConfiguration": {"level": level(rule.severity)},
                    "properties": {"tags": [rule.category.as_str()], "category": rule.category.as_str()},
                })
            })
            .collect();
        let shell = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/mtlint",
                    "rules": described,
                }},
                "columnKind": "unicodeCodePoints",
                "results": [],
            }],
        });
        let mut index = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            index.entry(rule.id.clone()).or_insert(i);
        }
        Ok(SarifWriter {
            array: StreamedArray::start(out, &shell, "results", 4)?,
            index,
        })
    }

    /// Writes the results of one document.
    pub fn document(
        &mut self,
        doc: &DocumentReport,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let uri = match &doc.id {
            Some(id) => format!("{}#{}", percent_encode(&doc.source), percent_encode(id)),
            None => percent_encode(&doc.source),
        };
        for finding in &doc.findings {
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": {"text": finding.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": finding.line,
                            "startColumn": finding.column,
                            "endLine": finding.end_line,
                            "endColumn": finding.end_column,
                            "snippet": {"text": finding.text},
                        },
                    },
                }],
                "partialFingerprints": {"mtlintFinding/v1": finding.fingerprint(&doc.text)},
                "properties": {"category": finding.category.as_str(), "severity": finding.severity.as_str()},
            });
            if let (Some(index), Some(object)) =
                (self.index.get(&*finding.rule), result.as_object_mut())
            {
                object.insert("ruleIndex".to_owned(), json!(index));
            }
            self.array.element(out, &result)?;
        }
        Ok(())
    }

    /// Writes the end of the log.
    pub fn finish(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.array.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encode("news/a b#1.txt"), "news/a%20b%231.txt");
        assert_eq!(percent_encode("caf\u{e9}%"), "caf%C3%A9%25");
    }
}
