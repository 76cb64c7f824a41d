//! `check --fix` and `--diff`: fixing a document, then writing the file or printing the diff.

use std::io::Write;

use mtlint::atomic::{self, Expected, WriteError};
use mtlint::fix;
use mtlint::input::{FileOrigin, Source};
use mtlint::linter::Linter;
use mtlint::report::DocumentReport;

use super::print_error;

/// One checked document, and what fixing changed.
pub struct Checked {
    /// The report on the document (after fixing, if it was fixed).
    pub report: DocumentReport,
    /// The original text and the fixed one, when fixing changed the document.
    pub change: Option<(String, String)>,
    /// The file the document was read from, as it was then.
    pub file: Option<FileOrigin>,
    /// Fixes applied.
    pub applied: usize,
    /// Bytes of text checked, for the progress bar.
    pub bytes: usize,
}

/// Checks one document, fixing it first when asked and when it is a whole file (or standard
/// input, for --diff) whose text was read without loss.
pub fn check_one(linter: &Linter, source: Source, fixing: bool, unsafe_fixes: bool) -> Checked {
    let bytes = source.text.len();
    let file = source.file.clone();
    let fixable = fixing && source.id.is_none() && source.warnings.is_empty();
    if !fixable {
        return Checked {
            report: linter.lint(source),
            change: None,
            file,
            applied: 0,
            bytes,
        };
    }
    let original = source.text.clone();
    let fixed = fix::fix(linter, source, unsafe_fixes);
    Checked {
        report: fixed.report,
        change: fixed.text.map(|text| (original, text)),
        file,
        applied: fixed.applied,
        bytes,
    }
}

/// Counts of a fixing run.
#[derive(Default)]
pub struct FixTally {
    /// Files changed (or that a diff would change).
    pub files: usize,
    /// Fixes applied.
    pub applied: usize,
    /// Files with fixes that were not written.
    pub not_written: usize,
    /// A file could not be written.
    pub failed: bool,
    /// Rewrite read-only files and files with several hard links too.
    force: bool,
}

impl FixTally {
    /// A tally for a run that rewrites read-only and hard-linked files only when `force`.
    pub fn new(force: bool) -> FixTally {
        FixTally {
            force,
            ..FixTally::default()
        }
    }

    /// Appends the change of `checked` to `out` as a unified diff.
    pub fn diff(&mut self, checked: &Checked, out: &mut Vec<u8>) {
        let Some((old, new)) = &checked.change else {
            return;
        };
        let name = &checked.report.source;
        let diff = similar::TextDiff::from_lines(old, new);
        // Writing to memory cannot fail.
        let _ = write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&format!("a/{name}"), &format!("b/{name}"))
        );
        self.files += 1;
        self.applied += checked.applied;
    }

    /// Prints the text of `checked` after fixing (the text as it was when nothing applied) on
    /// standard output: `--fix` on standard input.
    pub fn print_to_stdout(&mut self, checked: &Checked) {
        let mut out = std::io::stdout().lock();
        let written = out
            .write_all(checked.report.text.as_bytes())
            .and_then(|()| out.flush());
        if let Err(e) = written {
            print_error(&format!("cannot write the fixed text: {e}"));
            self.not_written += 1;
            self.failed = true;
            return;
        }
        if checked.change.is_some() {
            self.files += 1;
            self.applied += checked.applied;
        }
    }

    /// Says on standard error what the fixing did, and what it did not do.
    pub fn print_summary(&self) {
        let mut line = format!(
            "mtlint: applied {} fix(es) to {} file(s)",
            self.applied, self.files
        );
        if self.not_written > 0 {
            line.push_str(&format!(
                "; {} file(s) with fixes left unchanged (see above)",
                self.not_written
            ));
        }
        eprintln!("{line}");
    }

    /// Writes the fixed text of `checked` over its file, atomically, if the file is still as it
    /// was read. Symbolic links are not rewritten (the fix would land outside the paths given);
    /// nor, without `--force`, read-only files and files with several hard links.
    pub fn write(&mut self, checked: &Checked) {
        let (Some((old, new)), Some(file)) = (&checked.change, &checked.file) else {
            return;
        };
        let path = &file.path;
        let refusal = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                Some("a symbolic link (fix the file it points to)".to_owned())
            }
            Ok(m) if !self.force && m.permissions().readonly() => {
                Some("the file is read-only (--force rewrites it)".to_owned())
            }
            Ok(m) if !self.force && link_count(&m) > 1 => Some(format!(
                "the file has {} hard links, which a rewrite would separate (--force rewrites it)",
                link_count(&m)
            )),
            Ok(_) => None,
            Err(e) => Some(format!("cannot read its metadata: {e}")),
        };
        if let Some(refusal) = refusal {
            print_error(&format!("{}: not fixed: {refusal}", path.display()));
            self.not_written += 1;
            self.failed = true;
            return;
        }
        let expected = Expected {
            len: file.len,
            modified: file.modified,
            content: old.as_bytes(),
        };
        match atomic::replace(path, new.as_bytes(), Some(&expected)) {
            Ok(()) => {
                self.files += 1;
                self.applied += checked.applied;
            }
            Err(WriteError::Changed) => {
                print_error(&format!(
                    "{}: not fixed: the file changed while mtlint checked it; run again",
                    path.display()
                ));
                self.not_written += 1;
                self.failed = true;
            }
            Err(e) => {
                print_error(&format!("{}: cannot write the fixes: {e}", path.display()));
                self.not_written += 1;
                self.failed = true;
            }
        }
    }
}

/// How many hard links the file has (1 where the platform does not say).
fn link_count(metadata: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}
