//! The baseline: findings a reviewer accepted, recorded by fingerprint so that they stay
//! silenced while the rest of the document changes.
//!
//! ```json
//! {"schema": "mtlint-baseline/1",
//!  "findings": [{"source": "articles/a.txt", "rule": "quote-capital",
//!                "fingerprint": "8f1c…", "text": "Historic"}]}
//! ```
//!
//! A document is named by its path relative to the baseline file's folder (`/` between the
//! parts, `#id` after a JSON Lines record), so the same file matches from any working
//! directory; standard input is `<stdin>`. Entries are sorted (source, rule, fingerprint, text)
//! and written one a line, so the file diffs well in version control. A fingerprint (see [`Finding::fingerprint`]) keeps the rule,
//! the flagged text and a little context on its line: inserting a paragraph above leaves it
//! alone, changing the flagged text does not. An entry silences one finding; two identical
//! findings need two entries.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::FileError;
use crate::finding::Finding;
use crate::input::relative_path;
use crate::report::DocumentReport;

/// The schema string of baseline files.
pub const SCHEMA: &str = "mtlint-baseline/1";

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document: its path relative to the baseline's folder (`path#id` for a JSON Lines
    /// record).
    pub source: String,
    /// The rule id.
    pub rule: String,
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// The flagged text, for the reader of the file (matching uses the fingerprint).
    pub text: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema: String,
    findings: Vec<Entry>,
}

/// Accepted findings, by document and fingerprint.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    accepted: HashMap<String, HashMap<String, usize>>,
    /// The folder documents are named relative to (the baseline file's), if known.
    root: Option<PathBuf>,
}

impl Baseline {
    /// Reads a baseline file; the error names the file, and the line and column of a JSON
    /// mistake.
    pub fn read(path: &Path) -> Result<Baseline, FileError> {
        let findings = read_entries(path)?;
        let root = folder_of(path);
        let entries = findings.into_iter().map(|mut entry| {
            entry.source = relative_source(root.as_deref(), &entry.source);
            entry
        });
        let mut baseline = Baseline::from_entries(entries);
        baseline.root = root;
        Ok(baseline)
    }

    /// A baseline accepting `entries`.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Baseline {
        let mut accepted: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for entry in entries {
            *accepted
                .entry(normalize_source(&entry.source).to_owned())
                .or_default()
                .entry(entry.fingerprint)
                .or_default() += 1;
        }
        Baseline {
            accepted,
            root: None,
        }
    }

    /// The matcher of the findings of the document read from `source` (record `id`) against
    /// the entries accepted for it.
    pub fn matcher(&self, source: &str, id: Option<&str>) -> Matcher {
        if self.accepted.is_empty() {
            return Matcher { left: None };
        }
        let key = document_key(self.root.as_deref(), source, id);
        Matcher {
            left: self.accepted.get(&key).cloned(),
        }
    }

    /// Splits `findings` of the document read from `source` (record `id`; original text `text`)
    /// into those still reported and those the baseline accepts, in that order.
    pub fn split(
        &self,
        source: &str,
        id: Option<&str>,
        text: &str,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, Vec<Finding>) {
        self.matcher(source, id).split(text, findings)
    }
}

/// The accepted entries of one document not yet matched: each entry silences as many findings
/// as it was accepted for, across however many calls the document's findings come in.
#[derive(Debug)]
pub struct Matcher {
    /// Fingerprints and how many findings each may still silence; `None`: nothing accepted.
    left: Option<HashMap<String, usize>>,
}

impl Matcher {
    /// Whether nothing was accepted for the document.
    pub fn is_empty(&self) -> bool {
        self.left.is_none()
    }

    /// Splits `findings` (in document order; `text` is the document's original text) into
    /// those still reported and those the baseline accepts, in that order.
    pub fn split(&mut self, text: &str, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
        let Some(left) = &mut self.left else {
            return (findings, Vec::new());
        };
        findings.into_iter().partition(|finding| {
            // A finding of a renamed rule also matches an entry of its former id.
            let former = crate::rules::former_rule_id(&finding.rule)
                .map(|old| finding.fingerprint_as(old, text));
            let fingerprints = std::iter::once(finding.fingerprint(text)).chain(former);
            for fingerprint in fingerprints {
                if let Some(count) = left.get_mut(&fingerprint)
                    && *count > 0
                {
                    *count -= 1;
                    return false;
                }
            }
            true
        })
    }
}

/// A source name without a leading `./`, so `./a.txt` and `a.txt` are one document.
fn normalize_source(source: &str) -> &str {
    source.trim_start_matches("./")
}

/// The folder of the baseline file at `path`, as an absolute path without links.
pub fn folder_of(path: &Path) -> Option<PathBuf> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok()
}

/// How a baseline under `root` names the document read from `source` (record `id`): its path
/// relative to `root`, `/` between the parts; a name that is not a file (`<stdin>`) as it is.
pub fn document_key(root: Option<&Path>, source: &str, id: Option<&str>) -> String {
    let path = match (root, std::fs::canonicalize(source)) {
        (Some(root), Ok(absolute)) => relative_path(&absolute, root),
        _ => normalize_source(source).to_owned(),
    };
    match id {
        Some(id) => format!("{path}#{id}"),
        None => path,
    }
}

/// The entries of a baseline file, as written; the error names the file, and the line and
/// column of a JSON mistake.
pub fn read_entries(path: &Path) -> Result<Vec<Entry>, FileError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| FileError::new(path, format!("cannot read the baseline: {e}")))?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| FileError {
        path: path.to_path_buf(),
        place: Some((e.line(), e.column())),
        message: format!(
            "not a baseline file: {e} (expected {{\"schema\": \"{SCHEMA}\", \"findings\": [{{\"source\", \"rule\", \"fingerprint\", \"text\"}}…]}})"
        ),
    })?;
    if file.schema != SCHEMA {
        return Err(FileError::new(
            path,
            format!("baseline schema `{}` is not `{SCHEMA}`", file.schema),
        ));
    }
    Ok(file.findings)
}

/// An entry's document as this baseline names it: an absolute path (the HTML report exports
/// them so) made relative to `root`; any other name as it is.
fn relative_source(root: Option<&Path>, source: &str) -> String {
    let Some(root) = root else {
        return source.to_owned();
    };
    let absolute = |path: &str| {
        Path::new(path)
            .is_absolute()
            .then(|| std::fs::canonicalize(path).ok())
            .flatten()
    };
    if let Some(file) = absolute(source) {
        return relative_path(&file, root);
    }
    // `path#id`: a path or an id may hold `#` too; the path is the part that names a file.
    for (at, _) in source.match_indices('#') {
        let path = source.get(..at).and_then(absolute);
        if let (Some(file), Some(id)) = (path, source.get(at + 1..)) {
            return format!("{}#{id}", relative_path(&file, root));
        }
    }
    source.to_owned()
}

/// The entries recording every finding of `doc`, reported or already accepted, naming it
/// relative to `root` (the folder of the baseline file written).
pub fn entries_of(doc: &DocumentReport, root: Option<&Path>) -> Vec<Entry> {
    let source = document_key(root, &doc.source, doc.id.as_deref());
    doc.findings
        .iter()
        .chain(&doc.baselined)
        .map(|f| Entry {
            source: source.clone(),
            rule: f.rule.to_string(),
            fingerprint: f.fingerprint(&doc.text),
            text: f.text.clone(),
        })
        .collect()
}

/// Writes `entries` (sorted by the caller) as a baseline file, one entry a line.
pub fn write(path: &Path, entries: &[Entry]) -> std::io::Result<()> {
    let mut out = format!("{{\n  \"schema\": \"{SCHEMA}\",\n  \"findings\": [");
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(entry).map_err(std::io::Error::other)?);
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    crate::atomic::write(path, out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_relative_to_the_baseline_folder() {
        let root = Path::new("/repo");
        assert_eq!(
            relative_path(Path::new("/repo/news/a.txt"), root),
            "news/a.txt"
        );
        assert_eq!(
            relative_path(Path::new("/other/a.txt"), root),
            "../other/a.txt"
        );
        assert_eq!(document_key(Some(root), "<stdin>", None), "<stdin>");
        assert_eq!(document_key(None, "./a.jsonl", Some("7")), "a.jsonl#7");
    }

    #[test]
    fn absolute_entries_are_named_relative_to_the_baseline_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(root.join("news")).unwrap();
        std::fs::write(root.join("news/a.jsonl"), "").unwrap();
        let file = root.join("news/a.jsonl").to_string_lossy().into_owned();
        assert_eq!(relative_source(Some(&root), &file), "news/a.jsonl");
        assert_eq!(
            relative_source(Some(&root), &format!("{file}#r#1")),
            "news/a.jsonl#r#1"
        );
        assert_eq!(relative_source(Some(&root), "news/b.txt"), "news/b.txt");
    }
    use crate::taxonomy::{Category, Severity};

    fn finding(rule: &str, text: &str, start: usize) -> Finding {
        Finding {
            rule: rule.into(),
            category: Category::FluencyCapitalization,
            severity: Severity::Minor,
            message: "".into(),
            start,
            end: start + text.len(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: text.to_owned(),
            suggestions: Vec::new(),
            source: None,
            block: false,
        }
    }

    #[test]
    fn an_entry_accepts_one_matching_finding_of_its_document() {
        let text = "He said “Yes” twice: “Yes”.";
        let first = finding("quote-capital", "Yes", text.find("Yes").unwrap());
        let entry = Entry {
            source: "./a.txt".into(),
            rule: first.rule.to_string(),
            fingerprint: first.fingerprint(text),
            text: "Yes".into(),
        };
        let baseline = Baseline::from_entries([entry]);
        let second = finding("quote-capital", "Yes", text.rfind("Yes").unwrap());
        let (kept, accepted) =
            baseline.split("a.txt", None, text, vec![first.clone(), second.clone()]);
        assert_eq!(accepted, std::slice::from_ref(&first));
        assert_eq!(kept, [second]);
        let (kept, accepted) = baseline.split("b.txt", None, text, vec![first.clone()]);
        assert_eq!((kept.len(), accepted.len()), (1, 0));
    }

    #[test]
    fn an_entry_written_under_a_rules_former_id_still_accepts_its_finding() {
        let text = "Latest news\nThe harbour was calm.";
        let found = finding("boilerplate-line", "Latest news", 0);
        let entry = Entry {
            source: "a.txt".into(),
            rule: "furniture-line".into(),
            fingerprint: found.fingerprint_as("furniture-line", text),
            text: "Latest news".into(),
        };
        assert_ne!(entry.fingerprint, found.fingerprint(text));
        let baseline = Baseline::from_entries([entry]);
        let (kept, accepted) = baseline.split("a.txt", None, text, vec![found.clone()]);
        assert_eq!((kept, accepted), (vec![], vec![found]));
    }
}
