//! Word lists: sets of words, one per line, looked up by lower-case words. The lists shipped
//! under `rules/` are in a table built with the binary ([`crate::assets::WORD_TABLE`]),
//! so a list of them is only a mask of its files; a user's files are parsed into a table of the
//! same layout when they load ([`crate::structures::word_table`]). Lines are trimmed; blank lines
//! and `#` comments are skipped; entries are compared lower-cased; a line of 64 KB or more is
//! not an entry.

use std::borrow::Cow;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

use crate::assets::WORD_TABLE;
use crate::structures::word_table::{self, WordTable};

/// The hasher of pair lists: fast on short strings, the same in every run.
const HASHER: FixedState = FixedState::with_seed(0x6d74_6c69_6e74);

/// A set of words: files of the table built with the binary, and a table of the other files.
#[derive(Debug, Default)]
pub struct WordList {
    /// The files of the built table in the list, one bit each.
    built: u32,
    /// The table of the list's other files.
    own: Vec<u8>,
}

impl WordList {
    /// Parses one word list file.
    pub fn parse(text: Cow<'static, str>) -> WordList {
        WordList::new(0, vec![text])
    }

    /// The list of the built table's files in the mask `built`, and of the files `texts`.
    pub fn new(built: u32, texts: Vec<Cow<'static, str>>) -> WordList {
        let own = if texts.is_empty() {
            Vec::new()
        } else {
            word_table::build(
                texts
                    .iter()
                    .flat_map(|text| word_table::entries(text))
                    .map(|entry| (entry, 1)),
            )
        };
        WordList { built, own }
    }

    /// Whether `word` (already lower case) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        let hash = word_table::hash(word.as_bytes());
        (self.built != 0 && WordTable::new(WORD_TABLE).mask_of(word, hash) & self.built != 0)
            || WordTable::new(&self.own).mask_of(word, hash) != 0
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        let built = WordTable::new(WORD_TABLE)
            .entries()
            .filter(|&(_, mask)| mask & self.built != 0)
            .count();
        let own = WordTable::new(&self.own);
        let hash = |word: &str| word_table::hash(word.as_bytes());
        let only_own = own
            .entries()
            .filter(|&(word, _)| {
                self.built == 0
                    || WordTable::new(WORD_TABLE).mask_of(word, hash(word)) & self.built == 0
            })
            .count();
        built + only_own
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `part` trimmed, and where it starts given that `part` starts at `offset`. ASCII white
/// space goes first, byte by byte; only an edge left on a non-ASCII byte needs the Unicode trim.
fn trimmed_at(part: &str, offset: usize) -> (usize, &str) {
    let ascii_trimmed = part.trim_ascii();
    let from_start = if ascii_trimmed
        .as_bytes()
        .first()
        .is_some_and(|b| !b.is_ascii())
    {
        ascii_trimmed.trim_start()
    } else {
        ascii_trimmed
    };
    let trimmed = if from_start.as_bytes().last().is_some_and(|b| !b.is_ascii()) {
        from_start.trim_end()
    } else {
        from_start
    };
    let start = offset + (from_start.as_ptr() as usize - part.as_ptr() as usize);
    (start, trimmed)
}

/// A map of `key => value` lines backed by the text of its file, like [`WordList`]: keys are
/// compared as written (lists keep them lower case), and the first line of a key wins.
#[derive(Debug, Default)]
pub struct PairList {
    text: Cow<'static, str>,
    /// (key start, key end, value start, value end), in file order.
    entries: Vec<[u32; 4]>,
    /// The entries by key: a lookup per unknown word of every document, which a binary search
    /// of seventy thousand keys made a dozen string comparisons.
    by_key: HashTable<u32>,
}

impl PairList {
    /// Parses `key => value` lines; other lines are returned as errors with their 1-based
    /// number.
    pub fn parse(text: Cow<'static, str>) -> Result<PairList, usize> {
        let mut entries = Vec::new();
        let mut offset = 0usize;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            // A byte search: a `str` pattern search sets up a two-way searcher per line.
            let Some(arrow) = line.as_bytes().windows(2).position(|w| w == b"=>") else {
                return Err(number + 1);
            };
            let (key_start, key) = trimmed_at(&line[..arrow], start);
            let (value_start, value) = trimmed_at(&line[arrow + 2..], start + arrow + 2);
            let as_u32 = |n: usize| u32::try_from(n).map_err(|_| number + 1);
            entries.push([
                as_u32(key_start)?,
                as_u32(key_start + key.len())?,
                as_u32(value_start)?,
                as_u32(value_start + value.len())?,
            ]);
        }
        let mut by_key = HashTable::with_capacity(entries.len());
        let key_of = |entry: &[u32; 4]| text.get(entry[0] as usize..entry[1] as usize);
        for (index, entry) in entries.iter().enumerate() {
            let (Some(key), Ok(index)) = (key_of(entry), u32::try_from(index)) else {
                continue;
            };
            let key_at = |i: &u32| entries.get(*i as usize).and_then(key_of);
            if let hashbrown::hash_table::Entry::Vacant(slot) = by_key.entry(
                HASHER.hash_one(key),
                |i| key_at(i) == Some(key),
                |i| HASHER.hash_one(key_at(i).unwrap_or_default()),
            ) {
                slot.insert(index);
            }
        }
        Ok(PairList {
            text,
            entries,
            by_key,
        })
    }

    fn key(&self, entry: &[u32; 4]) -> &str {
        self.text
            .get(entry[0] as usize..entry[1] as usize)
            .unwrap_or("")
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let found = self.by_key.find(HASHER.hash_one(key), |&i| {
            self.entries.get(i as usize).map(|e| self.key(e)) == Some(key)
        })?;
        let entry = self.entries.get(*found as usize)?;
        self.text.get(entry[2] as usize..entry[3] as usize)
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The ASCII-first trim gives what str's Unicode trim gives, and where it starts.
        #[test]
        fn trimmed_at_is_the_unicode_trim(
            part in "[ \t\r\u{a0}\u{2003}\u{3000}ab\u{e9}\u{1f600}]{0,12}",
            offset in 0usize..100,
        ) {
            let (start, trimmed) = trimmed_at(&part, offset);
            prop_assert_eq!(trimmed, part.trim());
            if !trimmed.is_empty() {
                prop_assert_eq!(start, offset + part.len() - part.trim_start().len());
            }
        }
    }

    #[test]
    fn finds_words_without_comments_in_any_order() {
        let sorted = WordList::parse(Cow::Borrowed("# header\napple\nbanana\n\ncherry\n"));
        assert!(sorted.contains("banana") && !sorted.contains("header") && !sorted.contains(""));
        assert_eq!(sorted.len(), 3);
        let unsorted = WordList::parse(Cow::Owned("pear\n  Fig \napple".to_owned()));
        assert!(
            unsorted.contains("apple") && unsorted.contains("pear") && unsorted.contains("fig")
        );
        assert!(!unsorted.contains("Fig"));
    }

    #[test]
    fn several_files_make_one_list() {
        let list = WordList::new(
            0,
            vec![
                Cow::Borrowed("alpha\nbeta\n"),
                Cow::Owned("gamma\nalpha\nDelta\n".to_owned()),
            ],
        );
        for word in ["alpha", "beta", "gamma", "delta"] {
            assert!(list.contains(word), "{word}");
        }
        assert_eq!(list.len(), 4);
        assert!(!list.contains("epsilon"));
    }

    #[test]
    fn a_line_of_64_kb_is_not_an_entry() {
        let long = "x".repeat(1 << 16);
        let longest = "y".repeat((1 << 16) - 1);
        let list = WordList::parse(Cow::Owned(format!("{long}\nshort\n{longest}\n")));
        assert!(list.contains("short") && list.contains(&longest) && !list.contains(&long));
        assert_eq!(list.len(), 2);
    }

    /// The bit of a built-in file in the built table.
    fn bit_of(file: &str) -> u32 {
        let bit = crate::assets::WORD_LIST_FILES
            .iter()
            .position(|f| *f == file)
            .unwrap();
        1 << bit
    }

    #[test]
    fn each_built_list_is_its_file_parsed() {
        for file in crate::assets::WORD_LIST_FILES {
            let text = crate::assets::builtin_text(file).unwrap();
            let parsed = WordList::parse(Cow::Borrowed(text));
            let built = WordList::new(bit_of(file), Vec::new());
            assert_eq!(built.len(), parsed.len(), "{file}");
            for (word, _) in WordTable::new(&parsed.own).entries() {
                assert!(built.contains(word), "{file}: {word}");
            }
        }
    }

    #[test]
    fn built_files_and_a_users_file_make_one_list() {
        let loanwords = crate::assets::builtin_text("en/loanwords.txt").unwrap();
        let first = word_table::entries(loanwords).next().unwrap().into_owned();
        let list = WordList::new(
            bit_of("en/loanwords.txt"),
            vec![Cow::Owned(format!("zzyzx\n{first}\n"))],
        );
        assert!(list.contains("zzyzx") && list.contains(&first));
        assert!(!list.contains("qwxvb"));
        let built = WordList::new(bit_of("en/loanwords.txt"), Vec::new());
        assert_eq!(list.len(), built.len() + 1);
    }

    #[test]
    fn pair_lists_map_keys_to_values_and_report_bad_lines() {
        let pairs =
            PairList::parse(Cow::Borrowed("# c\nthier => their\nacheive =>  achieve \n")).unwrap();
        assert_eq!(pairs.get("thier"), Some("their"));
        assert_eq!(pairs.get("acheive"), Some("achieve"));
        assert_eq!(pairs.get("their"), None);
        assert_eq!(pairs.len(), 2);
        let repeated =
            PairList::parse(Cow::Borrowed("zed => first\nabc => x\nzed => second\n")).unwrap();
        assert_eq!(repeated.get("zed"), Some("first"));
        assert_eq!(repeated.len(), 2);
        assert_eq!(
            PairList::parse(Cow::Borrowed("ok => fine\nbroken\n")).unwrap_err(),
            2
        );
    }
}
