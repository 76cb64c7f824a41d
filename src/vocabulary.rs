//! The user's accepted words: a filter on findings, not part of any check, so rule examples
//! hold whatever the user accepts.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::error::FileError;
use crate::finding::Finding;
use crate::taxonomy::Category;

/// Words the user accepts: findings of spelling and untranslated words on them are dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Accepted words, lower-cased.
    words: HashSet<String>,
}

impl Vocabulary {
    /// The words of `text`: one a line, `#` starts a comment, blank lines ignored.
    pub fn parse(text: &str) -> Vocabulary {
        let words = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect();
        Vocabulary { words }
    }

    /// The words of every file of `paths`; an unreadable file is an error naming it.
    pub fn from_files(paths: &[PathBuf]) -> Result<Vocabulary, FileError> {
        let mut vocabulary = Vocabulary::default();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| {
                FileError::new(path, format!("cannot read the vocabulary file: {e}"))
            })?;
            vocabulary.words.extend(Vocabulary::parse(&text).words);
        }
        Ok(vocabulary)
    }

    /// Whether the user accepts `word` (case is ignored).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// Whether `finding` is about a word the user accepts.
    pub fn accepts(&self, finding: &Finding) -> bool {
        matches!(
            finding.category,
            Category::FluencySpelling | Category::AccuracyUntranslated
        ) && self.contains(&finding.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Severity;

    fn finding(category: Category, text: &str) -> Finding {
        Finding {
            rule: "r".into(),
            category,
            severity: Severity::Minor,
            message: "".into(),
            start: 0,
            end: text.len(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: text.into(),
            suggestions: vec![],
            source: None,
            block: false,
        }
    }

    #[test]
    fn accepts_listed_words_for_spelling_and_untranslated_text_only() {
        let vocabulary = Vocabulary::parse("# house words\nGlasnost\n\nKomsomol  # a name\n");
        assert!(vocabulary.accepts(&finding(Category::FluencySpelling, "glasnost")));
        assert!(vocabulary.accepts(&finding(Category::AccuracyUntranslated, "Komsomol")));
        assert!(!vocabulary.accepts(&finding(Category::FluencyGrammar, "Komsomol")));
        assert!(!vocabulary.accepts(&finding(Category::FluencySpelling, "perestroika")));
    }
}
