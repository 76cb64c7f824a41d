//! The rule packs under `rules/` as the loader reads them: their files, and the files their
//! rules refer to (the embedded data itself is in [`crate::assets`]).

use std::borrow::Cow;

use crate::assets::{WORD_LIST_FILES, embedded_text};
use crate::checks::RuleFiles;

pub use crate::assets::{packs, rule_files};

/// The folder of target-side English rules, always loaded.
pub const ENGLISH_PACK: &str = "en";

/// Reads the files an embedded rule refers to, relative to its folder.
pub struct EmbeddedFiles {
    /// The folder of the rule file inside `rules/`.
    pub folder: &'static str,
}

/// `folder/name` with `.` and `..` resolved, as a path inside `rules/`.
fn resolve(folder: &str, name: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

impl RuleFiles for EmbeddedFiles {
    fn read(&self, name: &str) -> Result<Cow<'static, str>, String> {
        let path = resolve(self.folder, name);
        embedded_text(&path).map(Cow::Borrowed)
    }

    fn built_word_list(&self, name: &str) -> Option<u32> {
        let path = resolve(self.folder, name);
        let bit = WORD_LIST_FILES.iter().position(|file| *file == path)?;
        1u32.checked_shl(u32::try_from(bit).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::{SUGGESTION_TABLES, builtin_text};

    /// Every shipped spelling rule finds the deletion table of its words built with the binary,
    /// and that table is the one built at run time from the same words.
    #[test]
    fn every_shipped_spelling_rule_has_its_deletion_table_built() {
        use crate::structures::deletion_table::{self, MAX_DISTANCE, PREFIX_LEN};
        use crate::structures::symspell::SuggestionIndex;
        let mut rules = 0;
        for pack in packs() {
            for file in rule_files(pack) {
                let text = file.contents_utf8().unwrap();
                let folder = file.path().parent().unwrap().to_str().unwrap();
                for params in mtlint_rule_format::spelling_rules(text).unwrap() {
                    let frequency = resolve(folder, params.frequency.get_ref());
                    let words: Vec<Box<str>> = crate::structures::word_table::ranked_words(
                        builtin_text(&frequency).unwrap(),
                    )
                    .take(params.index_words)
                    .map(Box::from)
                    .collect();
                    let built = deletion_table::build(&words, MAX_DISTANCE, PREFIX_LEN);
                    assert!(SUGGESTION_TABLES.contains(&built.as_slice()));
                    let index = SuggestionIndex::new(words, MAX_DISTANCE, PREFIX_LEN);
                    assert!(index.uses_built_table(), "{}", file.path().display());
                    rules += 1;
                }
            }
        }
        assert!(rules >= 1, "the English spelling rule");
    }

    #[test]
    fn relative_names_resolve_inside_the_rules_folder() {
        assert_eq!(
            resolve("en", "boilerplate-lines.txt"),
            "en/boilerplate-lines.txt"
        );
        assert_eq!(
            resolve("fr-en", "../untranslated/fr.txt"),
            "untranslated/fr.txt"
        );
        assert_eq!(resolve("en", "./a/../b.txt"), "en/b.txt");
    }
}
