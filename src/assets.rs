//! The data embedded in the binary: the files under `rules/` (rule packs, word lists,
//! dictionaries) and the tables `build.rs` builds from them. A leaf: it depends on no other
//! module, and every module that needs shipped data reads it here.

use include_dir::{Dir, File, include_dir};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The table of the word lists under `rules/`, built by `build.rs` (see
/// [`crate::structures::word_table`]): entry masks have bit `i` for file `i` of [`WORD_LIST_FILES`].
pub static WORD_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/word-lists.bin"));

/// The files of [`WORD_TABLE`], as paths inside `rules/`, by bit.
pub const WORD_LIST_FILES: &[&str] = include!(concat!(env!("OUT_DIR"), "/word-list-files.rs"));

/// The deletion tables of the spelling rules under `rules/`, built by `build.rs` (see
/// [`crate::structures::deletion_table`]); a suggestion index whose key matches one uses it.
pub static SUGGESTION_TABLES: &[&[u8]] =
    include!(concat!(env!("OUT_DIR"), "/suggestion-tables.rs"));

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

/// The text of the embedded file `path` (relative to `rules/`, resolved), or why there is none.
pub fn embedded_text(path: &str) -> Result<&'static str, String> {
    let file = BUILTIN
        .get_file(path)
        .ok_or_else(|| format!("no built-in file `{path}`"))?;
    file.contents_utf8()
        .ok_or_else(|| format!("built-in file `{path}` is not UTF-8"))
}

/// The text of the embedded file `path` (relative to `rules/`), if it exists and is UTF-8.
pub fn builtin_text(path: &str) -> Option<&'static str> {
    BUILTIN.get_file(path).and_then(File::contents_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let single_words = crate::structures::word_table::entries(text)
                .all(|e| !e.contains(char::is_whitespace));
            let path = file.path().to_str().unwrap();
            assert_eq!(WORD_LIST_FILES.contains(&path), single_words, "{path}");
            lists += usize::from(single_words);
        }
        assert!(
            lists >= 10,
            "the dictionary, the untranslated-text lists and the allow-lists"
        );
    }
}
