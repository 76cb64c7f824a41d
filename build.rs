//! Build steps for the embedded rule packs:
//! - rebuild when anything under `rules/` changes: `include_dir!` cannot tell cargo about files
//!   added there, so a new rule file would otherwise be missed until `src/` changes;
//! - build the table of the word lists shipped under `rules/`, so that loading them at run time
//!   costs nothing: every `.txt` file whose entries are single words (up to 32 files, by path),
//!   in the layout of `crates/tables/src/word_table.rs`. A list file left out is parsed when it loads;
//! - build the deletion table of each spelling rule's suggestion index, in the layout of
//!   `crates/tables/src/deletion_table.rs`: the rule's `frequency` list and its `index_words`,
//!   read with the loader's own parameter struct (`crates/rule-format`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mtlint_tables::{deletion_table, word_table};

/// How many files the table's masks can tell apart.
const MAX_FILES: usize = 32;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    word_lists(&out);
    suggestion_tables(&out);
}

/// Writes the word table of the single-word `.txt` lists and the list of their files.
fn word_lists(out: &Path) {
    let mut files = Vec::new();
    rule_files(Path::new("rules"), "txt", &mut files);
    files.sort();
    let mut names = Vec::new();
    let mut texts = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        if names.len() < MAX_FILES
            && word_table::entries(&text).all(|e| !e.contains(char::is_whitespace))
        {
            let name = path
                .strip_prefix("rules")
                .expect("walked under rules/")
                .to_str()
                .expect("rule file names are UTF-8")
                .replace('\\', "/");
            names.push(name);
            texts.push(text);
        }
    }
    let table =
        word_table::build(texts.iter().enumerate().flat_map(|(bit, text)| {
            word_table::entries(text).map(move |entry| (entry, 1u32 << bit))
        }));
    std::fs::write(out.join("word-lists.bin"), table).expect("cannot write the word table");
    let mut list = String::from("&[\n");
    for name in &names {
        writeln!(list, "    {name:?},").expect("writing to a string");
    }
    list.push(']');
    std::fs::write(out.join("word-list-files.rs"), list).expect("cannot write the file list");
}

/// Writes the deletion table of each spelling rule under `rules/` (once for rules that share
/// one) and the list of them.
fn suggestion_tables(out: &Path) {
    let mut files = Vec::new();
    rule_files(Path::new("rules"), "toml", &mut files);
    files.sort();
    let mut keys = Vec::new();
    let mut list = String::from("&[\n");
    for path in files {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        // The loader's own parameter struct: a spelling rule without `frequency`, or with a
        // misspelled or renamed parameter, fails the build here as it would fail to load.
        let rules = mtlint_rule_format::spelling_rules(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for params in rules {
            let frequency = params.frequency.get_ref();
            let ranked = path
                .parent()
                .expect("a rule file is in a folder")
                .join(frequency);
            let text = std::fs::read_to_string(&ranked)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", ranked.display()));
            let words: Vec<&str> = word_table::ranked_words(&text)
                .take(params.index_words)
                .collect();
            let (distance, prefix) = (deletion_table::MAX_DISTANCE, deletion_table::PREFIX_LEN);
            let key = deletion_table::key(&words, distance, prefix);
            if keys.contains(&key) {
                continue;
            }
            let file = out.join(format!("suggestion-{}.bin", keys.len()));
            std::fs::write(&file, deletion_table::build(&words, distance, prefix))
                .expect("cannot write a deletion table");
            writeln!(
                list,
                "    include_bytes!({:?}),",
                file.display().to_string()
            )
            .expect("writing to a string");
            keys.push(key);
        }
    }
    list.push(']');
    std::fs::write(out.join("suggestion-tables.rs"), list).expect("cannot write the table list");
}

/// The files under `dir` whose extension is `extension`, licence texts left out.
fn rule_files(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rule_files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension)
            && !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("LICENSE"))
        {
            out.push(path);
        }
    }
}
