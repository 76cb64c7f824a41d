//! The source article of a translation, read from its own file (`--source`): a file beside
//! one translation, or a folder that mirrors the translation folder by relative path.

use std::path::{Path, PathBuf};

use super::decode::decode_owned;
use super::walk::{is_html, is_markdown};
use super::{InputError, SourceFile, SourceText};
use crate::document::{html, markdown};

/// Where the source articles of a run are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePairing {
    /// A source file (for one translation) or a folder mirroring the translations'.
    pub path: PathBuf,
    /// The language of the sources, when known (`--source-lang`).
    pub lang: Option<String>,
}

impl SourcePairing {
    /// The source of the translation at `translation`, found under `root` when it was found
    /// by walking that folder (`None`: named on its own): the pairing's file itself, or the
    /// same relative path under the pairing's folder (the file name alone for a translation
    /// named on its own).
    pub fn source_of(&self, translation: &Path, root: Option<&Path>) -> PathBuf {
        if !self.path.is_dir() {
            return self.path.clone();
        }
        let relative = root
            .and_then(|root| translation.strip_prefix(root).ok())
            .map(Path::to_path_buf)
            .or_else(|| translation.file_name().map(PathBuf::from))
            .unwrap_or_else(|| translation.to_path_buf());
        self.path.join(relative)
    }

    /// Reads the source of the translation `name` (its path as reported) from `path`: its
    /// prose, taken out of Markdown or HTML by extension, with the way back to the file.
    pub fn read(&self, path: &Path, name: &str) -> Result<SourceText, InputError> {
        let bytes = std::fs::read(path).map_err(|e| InputError {
            source: name.to_owned(),
            line: None,
            column: None,
            message: if e.kind() == std::io::ErrorKind::NotFound {
                format!("its source {} does not exist (--source)", path.display())
            } else {
                format!("cannot read its source {}: {e}", path.display())
            },
        })?;
        let (text, _) = decode_owned(bytes);
        let extracted = if is_markdown(path) {
            Some(markdown::extract(&text))
        } else if is_html(path) {
            Some(html::extract(&text))
        } else {
            None
        };
        Ok(match extracted {
            Some(extracted) => SourceText {
                file: Some(Box::new(SourceFile {
                    original: text,
                    map: extracted.map,
                })),
                ..SourceText::new(extracted.prose, self.lang.as_deref())
            },
            None => SourceText::new(text, self.lang.as_deref()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_mirrors_the_translations_by_relative_path() {
        let dir = tempfile::tempdir().unwrap();
        let pairing = SourcePairing {
            path: dir.path().to_path_buf(),
            lang: None,
        };
        let found = pairing.source_of(Path::new("en/news/a.md"), Some(Path::new("en")));
        assert_eq!(found, dir.path().join("news/a.md"));
        let alone = pairing.source_of(Path::new("elsewhere/b.txt"), None);
        assert_eq!(alone, dir.path().join("b.txt"));
    }

    #[test]
    fn a_missing_source_names_both_files() {
        let pairing = SourcePairing {
            path: PathBuf::from("no/such/source.txt"),
            lang: Some("fr".to_owned()),
        };
        let error = pairing
            .read(&pairing.source_of(Path::new("a.txt"), None), "a.txt")
            .unwrap_err();
        assert_eq!(error.source, "a.txt");
        assert!(
            error.message.contains("no/such/source.txt"),
            "{}",
            error.message
        );
    }
}
