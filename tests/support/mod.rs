//! What several test files share: finding an outside tool a test drives.

use std::io::Write as _;
use std::path::PathBuf;

/// An outside program a test needs (a browser, an editor).
pub struct Tool {
    /// What the tests that need it are called in messages (`browser test`).
    pub tests: &'static str,
    /// The program's name for people (`Chromium`).
    pub name: &'static str,
    /// The executables looked for on the PATH, in order.
    pub executables: &'static [&'static str],
    /// The Debian package that installs it.
    pub package: &'static str,
    /// The variable naming the program explicitly.
    pub path_var: &'static str,
    /// The variable that skips the tests anywhere.
    pub skip_var: &'static str,
}

impl Tool {
    /// The program: the one `path_var` names, else the first of `executables` on the PATH.
    /// Where there is none, the test skips with a notice on the terminal, except where `CI` is
    /// set, where a missing tool is a failure; `skip_var` skips anywhere.
    pub fn find(&self) -> Option<PathBuf> {
        if std::env::var_os(self.skip_var).is_some() {
            return None;
        }
        if let Some(path) = std::env::var_os(self.path_var) {
            return Some(PathBuf::from(path));
        }
        let found = self.executables.iter().find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        });
        if found.is_none() {
            assert!(
                std::env::var_os("CI").is_none(),
                "no {} found, and CI must run the {}s: install it (apt-get install {}) or name \
                 it with {}",
                self.name,
                self.tests,
                self.package,
                self.path_var
            );
            // Straight to the terminal: libtest captures what the print macros write.
            let _ = writeln!(
                std::io::stderr(),
                "notice: {} skipped: no {} found (apt-get install {}, or name one with {})",
                self.tests,
                self.name,
                self.package,
                self.path_var
            );
        }
        found
    }
}
