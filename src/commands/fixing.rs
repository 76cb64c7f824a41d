//! `check --fix` and `--diff`: fixing a document, then writing the file or printing the diff.

use std::io::Write;
use std::path::Path;

use mtlint::atomic;
use mtlint::fix;
use mtlint::input::Source;
use mtlint::linter::Linter;
use mtlint::report::DocumentReport;

use super::print_error;

/// One checked document, and what fixing changed.
pub struct Checked {
    /// The report on the document (after fixing, if it was fixed).
    pub report: DocumentReport,
    /// The original text and the fixed one, when fixing changed the document.
    pub change: Option<(String, String)>,
    /// Fixes applied.
    pub applied: usize,
    /// Bytes of text checked, for the progress bar.
    pub bytes: usize,
}

/// Checks one document, fixing it first when asked and when it is a whole file (or standard
/// input, for --diff) whose text was read without loss.
pub fn check_one(linter: &Linter, source: Source, fixing: bool, unsafe_fixes: bool) -> Checked {
    let bytes = source.text.len();
    let fixable = fixing && source.id.is_none() && source.warnings.is_empty();
    if !fixable {
        return Checked {
            report: linter.lint(source),
            change: None,
            applied: 0,
            bytes,
        };
    }
    let original = source.text.clone();
    let fixed = fix::fix(linter, source, unsafe_fixes);
    Checked {
        report: fixed.report,
        change: fixed.text.map(|text| (original, text)),
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
    /// A file could not be written.
    pub failed: bool,
}

impl FixTally {
    /// Prints the change of `checked` as a unified diff.
    pub fn diff(&mut self, checked: &Checked, out: &mut dyn Write) -> std::io::Result<()> {
        let Some((old, new)) = &checked.change else {
            return Ok(());
        };
        let name = &checked.report.source;
        let diff = similar::TextDiff::from_lines(old, new);
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(2)
                .header(&format!("a/{name}"), &format!("b/{name}"))
        )?;
        self.files += 1;
        self.applied += checked.applied;
        Ok(())
    }

    /// Writes the fixed text of `checked` over its file, atomically. Symbolic links are not
    /// rewritten (the fix would land outside the paths given).
    pub fn write(&mut self, checked: &Checked) {
        let Some((_, new)) = &checked.change else {
            return;
        };
        let path = Path::new(&checked.report.source);
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            print_error(&format!(
                "{}: not fixed: a symbolic link (fix the file it points to)",
                path.display()
            ));
            self.failed = true;
            return;
        }
        match atomic::write(path, new.as_bytes()) {
            Ok(()) => {
                self.files += 1;
                self.applied += checked.applied;
            }
            Err(e) => {
                print_error(&format!("{}: cannot write the fixes: {e}", path.display()));
                self.failed = true;
            }
        }
    }
}
