//! The rule packs under `rules/`, embedded in the binary at build time.

use std::borrow::Cow;

use include_dir::{Dir, File, include_dir};

use crate::checks::RuleFiles;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The table of the word lists under `rules/`, built by `build.rs` (see
/// [`crate::text::word_table`]): entry masks have bit `i` for file `i` of [`WORD_LIST_FILES`].
pub static WORD_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/word-lists.bin"));

/// The files of [`WORD_TABLE`], as paths inside `rules/`, by bit.
pub const WORD_LIST_FILES: &[&str] = include!(concat!(env!("OUT_DIR"), "/word-list-files.rs"));

/// The deletion tables of the spelling rules under `rules/`, built by `build.rs` (see
/// [`crate::text::deletion_table`]); a suggestion index whose key matches one uses it.
pub static SUGGESTION_TABLES: &[&[u8]] =
    include!(concat!(env!("OUT_DIR"), "/suggestion-tables.rs"));

/// The folder of target-side English rules, always loaded.
pub const ENGLISH_PACK: &str = "en";

/// The embedded rule files of the pack `folder` (`en`, `fr-en`…), sorted by path.
pub fn rule_files(folder: &str) -> Vec<&'static File<'static>> {
    let mut files: Vec<&File<'static>> = BUILTIN
        .get_dir(folder)
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|f| f.path());
    files
}

/// The names of the embedded packs: the folders of `rules/` that hold rule files.
pub fn packs() -> Vec<&'static str> {
    let mut packs: Vec<&'static str> = BUILTIN
        .dirs()
        .filter(|dir| {
            dir.files()
                .any(|f| f.path().extension().is_some_and(|e| e == "toml"))
        })
        .filter_map(|dir| dir.path().to_str())
        .collect();
    packs.sort_unstable();
    packs
}

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
        let file = BUILTIN
            .get_file(&path)
            .ok_or_else(|| format!("no built-in file `{path}`"))?;
        file.contents_utf8()
            .map(Cow::Borrowed)
            .ok_or_else(|| format!("built-in file `{path}` is not UTF-8"))
    }

    fn built_word_list(&self, name: &str) -> Option<u32> {
        let path = resolve(self.folder, name);
        let bit = WORD_LIST_FILES.iter().position(|file| *file == path)?;
        1u32.checked_shl(u32::try_from(bit).ok()?)
    }
}

/// The text of the embedded file `path` (relative to `rules/`), if it exists and is UTF-8.
pub fn builtin_text(path: &str) -> Option<&'static str> {
    BUILTIN.get_file(path).and_then(File::contents_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped spelling rule finds the deletion table of its words built with the binary,
    /// and that table is the one built at run time from the same words.
    #[test]
    fn every_shipped_spelling_rule_has_its_deletion_table_built() {
        use crate::text::deletion_table::{self, MAX_DISTANCE, PREFIX_LEN};
        use crate::text::symspell::SuggestionIndex;
        let mut rules = 0;
        for pack in packs() {
            for file in rule_files(pack) {
                let table: toml::Table = file.contents_utf8().unwrap().parse().unwrap();
                let folder = file.path().parent().unwrap().to_str().unwrap();
                for rule in table["rule"].as_array().unwrap() {
                    if rule["check"].as_str() != Some("spelling") {
                        continue;
                    }
                    let params = &rule["params"];
                    let frequency = resolve(folder, params["frequency"].as_str().unwrap());
                    let count = params["index_words"].as_integer().unwrap();
                    let words: Vec<Box<str>> =
                        crate::text::word_table::ranked_words(builtin_text(&frequency).unwrap())
                            .take(usize::try_from(count).unwrap())
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

    /// Every shipped file whose entries are single words is in the built table: a list left
    /// out (more than 32 files) would be parsed at every start.
    #[test]
    fn every_shipped_word_list_is_in_the_built_table() {
        fn text_files(dir: &'static Dir<'static>, out: &mut Vec<&'static File<'static>>) {
            out.extend(dir.files().filter(|f| {
                f.path().extension().is_some_and(|e| e == "txt")
                    && !f.path().to_string_lossy().contains("LICENSE")
            }));
            for sub in dir.dirs() {
                text_files(sub, out);
            }
        }
        let mut files = Vec::new();
        text_files(&BUILTIN, &mut files);
        let mut lists = 0;
        for file in files {
            let text = file.contents_utf8().unwrap();
            let single_words =
                crate::text::word_table::entries(text).all(|e| !e.contains(char::is_whitespace));
            let path = file.path().to_str().unwrap();
            assert_eq!(WORD_LIST_FILES.contains(&path), single_words, "{path}");
            lists += usize::from(single_words);
        }
        assert!(
            lists >= 10,
            "the dictionary, the leftovers lists and the allow-lists"
        );
    }

    #[test]
    fn relative_names_resolve_inside_the_rules_folder() {
        assert_eq!(resolve("en", "furniture.txt"), "en/furniture.txt");
        assert_eq!(resolve("fr-en", "../leftovers/fr.txt"), "leftovers/fr.txt");
        assert_eq!(resolve("en", "./a/../b.txt"), "en/b.txt");
    }
}
