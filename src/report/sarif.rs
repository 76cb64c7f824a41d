//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning.
//!
//! One run; `tool.driver.rules` describes every rule of the run (short description: the
//! message; full description and help: the rule's `explain`); each result has the rule, a
//! level (`error` for critical and major, `warning` for minor, `note` for neutral), the
//! message, one location with 1-based lines and columns counted in Unicode code points
//! (`columnKind: unicodeCodePoints`), and a partial fingerprint that survives edits elsewhere
//! in the document. A file under the run's root (the folder of `mtlint.toml`, else the working
//! directory) is named relative to `%SRCROOT%`, which `originalUriBaseIds` gives as a `file://`
//! URI; a file elsewhere by its own `file://` URI. A JSON Lines record's location is its file,
//! the record id in the result's properties. URIs are percent-encoded (RFC 3986): every byte but
//! the unreserved characters and `/`. A finding whose rule's fix is safe carries it as a SARIF
//! fix (the replacement of its region). A built-in rule links to its entry in `docs/rules.md`
//! (`helpUri`) once `Cargo.toml` names the repository mtlint is published from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::json::StreamedArray;
use super::{DocumentReport, RuleInfo};
use crate::input::relative_path;
use crate::taxonomy::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The repository mtlint is published from (`package.repository` in `Cargo.toml`; empty until
/// it is set).
pub(super) const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where a built-in rule's documentation is published: its entry in `docs/rules.md` at this
/// version's tag of `repository`. None for a user's own rules, or while no repository is set.
pub(super) fn help_uri(repository: &str, rule: &RuleInfo) -> Option<String> {
    if repository.is_empty() || !rule.builtin {
        return None;
    }
    Some(format!(
        "{}/blob/v{}/docs/rules.md#{}",
        repository.trim_end_matches('/'),
        env!("CARGO_PKG_VERSION"),
        percent_encode(&rule.id)
    ))
}

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
    /// Whether each rule's fix is safe, by index.
    safe_fix: Vec<bool>,
    /// The folder `%SRCROOT%` stands for.
    root: Option<PathBuf>,
}

/// The `file://` URI of an absolute path.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    let slash = if text.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", percent_encode(&text.replace('\\', "/")))
}

impl SarifWriter {
    /// Writes the log up to its results, describing `rules`.
    pub fn start(
        rules: &[RuleInfo],
        root: Option<&Path>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<Self> {
        let described: Vec<Value> = rules
            .iter()
            .map(|rule| {
                let mut described = json!({
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": {"text": rule.message},
                    "fullDescription": {"text": rule.explain.trim()},
                    "help": {"text": rule.explain.trim(), "markdown": rule.explain.trim()},
                    "defaultConfiguration": {"level": level(rule.severity)},
                    "properties": {"tags": [rule.category.as_str()], "category": rule.category.as_str()},
                });
                if let (Some(uri), Some(fields)) =
                    (help_uri(REPOSITORY, rule), described.as_object_mut())
                {
                    fields.insert("helpUri".to_owned(), Value::String(uri));
                }
                described
            })
            .collect();
        let mut shell = json!({
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
        if let (Some(root), Some(run)) = (root, shell.pointer_mut("/runs/0")) {
            run["originalUriBaseIds"] =
                json!({"%SRCROOT%": {"uri": format!("{}/", file_uri(root).trim_end_matches('/'))}});
        }
        let mut index = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            index.entry(rule.id.clone()).or_insert(i);
        }
        Ok(SarifWriter {
            array: StreamedArray::start(out, &shell, "results", 4)?,
            index,
            safe_fix: rules.iter().map(|r| r.safe_fix).collect(),
            root: root.map(Path::to_path_buf),
        })
    }

    /// Where the document read from `source` is: relative to `%SRCROOT%` when it lies under
    /// it, else its `file://` URI (standard input: its name).
    fn artifact_location(&self, source: &str) -> Value {
        match (&self.root, std::fs::canonicalize(source)) {
            (Some(root), Ok(absolute)) if absolute.starts_with(root) => json!({
                "uri": percent_encode(&relative_path(&absolute, root)),
                "uriBaseId": "%SRCROOT%",
            }),
            (_, Ok(absolute)) => json!({"uri": file_uri(&absolute)}),
            _ => json!({"uri": percent_encode(source)}),
        }
    }

    /// Writes the results of one document.
    pub fn document(
        &mut self,
        doc: &DocumentReport,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let location = self.artifact_location(&doc.source);
        for finding in &doc.findings {
            let region = json!({
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
            });
            // A bilingual finding names its source in the message, where every viewer shows it.
            let message = match &finding.source {
                Some(source) => format!(
                    "{} (source, line {}: {})",
                    finding.message, source.line, source.text
                ),
                None => finding.message.to_string(),
            };
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
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
            let index = self.index.get(&*finding.rule).copied();
            if let (Some(index), Some(object)) = (index, result.as_object_mut()) {
                object.insert("ruleIndex".to_owned(), json!(index));
                let safe = self.safe_fix.get(index).copied().unwrap_or(false);
                if let Some(suggestion) = finding.suggestions.first().filter(|_| safe) {
                    let description = if suggestion.is_empty() {
                        "Delete it".to_owned()
                    } else {
                        format!("Replace with `{suggestion}`")
                    };
                    object.insert(
                        "fixes".to_owned(),
                        json!([{
                            "description": {"text": description},
                            "artifactChanges": [{
                                "artifactLocation": location,
                                "replacements": [{
                                    "deletedRegion": region,
                                    "insertedContent": {"text": suggestion},
                                }],
                            }],
                        }]),
                    );
                }
            }
            if let (Some(id), Some(properties)) = (&doc.id, result.get_mut("properties")) {
                properties["record"] = json!(id);
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

    #[test]
    fn built_in_rules_link_to_their_entry_in_the_rules_reference() {
        let mut rule = RuleInfo {
            id: "quote-capital".to_owned(),
            message: String::new(),
            explain: String::new(),
            category: crate::taxonomy::Category::FluencyCapitalization,
            severity: Severity::Minor,
            safe_fix: true,
            builtin: true,
        };
        let uri = help_uri("https://example.org/news/mtlint/", &rule).unwrap();
        assert_eq!(
            uri,
            format!(
                "https://example.org/news/mtlint/blob/v{}/docs/rules.md#quote-capital",
                env!("CARGO_PKG_VERSION")
            )
        );
        assert_eq!(help_uri("", &rule), None, "no repository, no link");
        rule.builtin = false;
        assert_eq!(
            help_uri("https://example.org/m", &rule),
            None,
            "a house rule"
        );
    }
}
