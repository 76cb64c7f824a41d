//! One check of an open document, run off the message loop: the document as it was when the
//! check was asked for, checked with its configuration's linter.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::input::{Markup, Source};
use crate::report::DocumentReport;

use super::workspace::{Loaded, Workspace};

/// The largest document the server checks: a larger one gets one diagnostic saying so.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// What to check: a snapshot of an open document.
#[derive(Debug)]
pub struct Job {
    /// The document's URI, as the client sent it.
    pub uri: String,
    /// The generation of the document this snapshot is (bumped on every change).
    pub generation: u64,
    /// The document's latest generation: the job is dropped unchecked when a newer one exists.
    pub latest: Arc<AtomicU64>,
    /// The text.
    pub text: String,
    /// How it is written.
    pub markup: Markup,
    /// The file, for a `file:` URI.
    pub path: Option<PathBuf>,
}

/// A finished check.
#[derive(Debug)]
pub struct Outcome {
    /// The document's URI.
    pub uri: String,
    /// The generation checked.
    pub generation: u64,
    /// The report and the configuration that made it, or why there is none.
    pub result: Result<Checked, String>,
}

/// A document's report, with what made it.
#[derive(Debug)]
pub struct Checked {
    /// The report.
    pub report: DocumentReport,
    /// The configuration (its linter gives the rules, for fixes and hovers).
    pub loaded: Arc<Loaded>,
    /// The source file of a translation paired with one.
    pub source_file: Option<PathBuf>,
}

impl Job {
    /// Whether a newer version of the document has arrived since this job was made.
    pub fn is_stale(&self) -> bool {
        self.latest.load(Ordering::Acquire) != self.generation
    }

    /// Checks the snapshot; `None` when a newer version arrived first (the check is
    /// cancelled before it starts).
    pub fn run(self, workspace: &Workspace) -> Option<Outcome> {
        if self.is_stale() {
            return None;
        }
        let Job {
            uri,
            generation,
            latest,
            text,
            markup,
            path,
        } = self;
        let result = check(&uri, text, markup, path.as_deref(), workspace);
        if latest.load(Ordering::Acquire) != generation {
            return None;
        }
        Some(Outcome {
            uri,
            generation,
            result,
        })
    }
}

fn check(
    uri: &str,
    text: String,
    markup: Markup,
    path: Option<&Path>,
    workspace: &Workspace,
) -> Result<Checked, String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "the document is {} MB, over the {} MB mtlint checks in the editor: check it with \
             `mtlint check`",
            text.len() / (1024 * 1024),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    let loaded = workspace.loaded_for(path)?;
    let name = path.map_or_else(|| uri.to_owned(), |path| path.display().to_string());
    let mut warnings = Vec::new();
    let (source_text, source_file) = match path {
        Some(path) => match loaded.source_of(path, &name) {
            Ok(Some((text, file))) => (Some(text), Some(file)),
            Ok(None) => (None, None),
            Err(message) => {
                warnings.push(format!("{message}: checked as English alone"));
                (None, None)
            }
        },
        None => (None, None),
    };
    let source = Source {
        name,
        text,
        markup,
        warnings,
        source_text,
        default_source_lang: loaded.config.source_lang.value.clone(),
        ..Source::default()
    };
    let report = loaded.linter.lint(source);
    Ok(Checked {
        report,
        loaded,
        source_file,
    })
}

/// How a document is written, from its file's extension, else the client's language id.
pub fn markup_of(path: Option<&Path>, language_id: &str) -> Markup {
    let by_extension = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .and_then(|e| match e.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Markup::Markdown),
            "html" | "htm" => Some(Markup::Html),
            "xlf" | "xliff" => Some(Markup::Xliff),
            "txt" | "text" => Some(Markup::Plain),
            _ => None,
        });
    by_extension.unwrap_or(match language_id {
        "markdown" => Markup::Markdown,
        "html" => Markup::Html,
        "xliff" => Markup::Xliff,
        _ => Markup::Plain,
    })
}
