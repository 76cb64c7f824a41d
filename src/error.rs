//! Errors the library returns as types, so that a caller can tell them apart and print them as
//! it likes (the command line prints their `Display`). Mistakes inside rule and configuration
//! files, drawn with a caret, are [`crate::diagnostic::Diagnostic`]s.

use std::fmt;
use std::path::PathBuf;

/// A file mtlint could not use: where (its path, and the line and column when the mistake has
/// one) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file as the user named it.
    pub path: PathBuf,
    /// The 1-based line and column of the mistake, when it has one.
    pub place: Option<(usize, usize)>,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl FileError {
    /// An error about the whole file at `path`.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            place: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some((line, column)) => {
                write!(
                    f,
                    "{}:{line}:{column}: {}",
                    self.path.display(),
                    self.message
                )
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// A name given to select or ignore rules that is neither a rule id, a category nor a family.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    /// The name as given.
    pub name: String,
    /// The closest rule id, when one is close.
    pub closest: Option<String>,
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rule or category `{}` (`mtlint rules list` shows them)",
            self.name
        )?;
        match &self.closest {
            Some(id) => write!(f, "; did you mean `{id}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownRule {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_say_where_and_what() {
        let whole = FileError::new("news/words.txt", "cannot read the vocabulary file: gone");
        assert_eq!(
            whole.to_string(),
            "news/words.txt: cannot read the vocabulary file: gone"
        );
        let placed = FileError {
            place: Some((3, 7)),
            ..FileError::new("base.json", "not a baseline file")
        };
        assert_eq!(placed.to_string(), "base.json:3:7: not a baseline file");
        let unknown = UnknownRule {
            name: "quote-capitals".into(),
            closest: Some("quote-capital".into()),
        };
        assert!(
            unknown
                .to_string()
                .ends_with("; did you mean `quote-capital`?")
        );
    }
}
