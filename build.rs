//! Build steps for the embedded rule packs:
//! - rebuild when anything under `rules/` changes: `include_dir!` cannot tell cargo about files
//!   added there, so a new rule file would otherwise be missed until `src/` changes;
//! - build the table of the word lists shipped under `rules/`, so that loading them at run time
//!   costs nothing: every `.txt` file whose entries are single words (up to 32 files, by path),
//!   in the layout of `src/text/word_table.rs`. A list file left out is parsed when it loads.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The reading half of the module is the library's.
#[allow(dead_code)]
#[path = "src/text/word_table.rs"]
mod word_table;

/// How many files the table's masks can tell apart.
const MAX_FILES: usize = 32;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/text/word_table.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    text_files(Path::new("rules"), &mut files);
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

/// The `.txt` files under `dir`, licence texts left out.
fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            text_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt")
            && !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("LICENSE"))
        {
            out.push(path);
        }
    }
}
