//! Word lists loaded without copying: the entries are ranges of the files' text, found through
//! one hash table however many files make the list. A list embedded in the binary is borrowed,
//! not copied; a user's file is kept whole. Lines are trimmed; blank lines and `#` comments are
//! skipped; entries are compared lower-cased. An entry is packed in 8 bytes (file, offset,
//! length), so a line of 64 KB or more is not an entry.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// The hasher of word tables: fast on short strings, the same in every run.
const HASHER: FixedState = FixedState::with_seed(0x6d74_6c69_6e74);

/// A set of words backed by the text of its files.
#[derive(Debug, Default)]
pub struct WordList {
    texts: Vec<Cow<'static, str>>,
    /// The entries' byte ranges in `texts`, packed by [`pack`].
    entries: HashTable<u64>,
    /// Entries written with capitals, lower-cased (copied).
    lower: HashSet<String, FixedState>,
}

impl WordList {
    /// Parses one word list file.
    pub fn parse(text: Cow<'static, str>) -> WordList {
        WordList::parse_all(vec![text])
    }

    /// Parses several word list files into one list.
    pub fn parse_all(texts: Vec<Cow<'static, str>>) -> WordList {
        let mut lower = HashSet::with_hasher(HASHER);
        // One table sized for every line of every file: no growth while inserting, and each
        // entry goes in as its line is read, while the line is in cache.
        let lines: usize = texts
            .iter()
            .map(|text| memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1)
            .sum();
        let mut entries = HashTable::with_capacity(lines);
        let word_of = |&e: &u64| entry(&texts, e);
        for (file, text) in texts.iter().enumerate() {
            let Ok(file) = u16::try_from(file) else {
                break;
            };
            read_entries(file, text, &mut lower, |range, word| {
                let hash = HASHER.hash_one(word);
                if let hashbrown::hash_table::Entry::Vacant(slot) = entries.entry(
                    hash,
                    |e| word_of(e) == word,
                    |e| HASHER.hash_one(word_of(e)),
                ) {
                    slot.insert(range);
                }
            });
        }
        WordList {
            texts,
            entries,
            lower,
        }
    }

    /// Whether `word` (already lower case) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.entries
            .find(HASHER.hash_one(word), |&e| entry(&self.texts, e) == word)
            .is_some()
            || self.lower.contains(word)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len() + self.lower.len()
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The words of a frequency list (`word count` lines, most frequent first; blank lines and `#`
/// comments skipped) that are lower-case ASCII, in rank order.
pub fn ranked_words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|word| word.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Reads the entries of word list `file`, whose text is `text`: entries in lower case go to
/// `add` as packed ranges with their text, entries with capitals lower-cased into `lower`.
fn read_entries(
    file: u16,
    text: &str,
    lower: &mut HashSet<String, FixedState>,
    mut add: impl FnMut(u64, &str),
) {
    let bytes = text.as_bytes();
    let mut offset = 0usize;
    while offset < bytes.len() {
        // Lines of a word list are a few bytes long: a plain scan finds their ends sooner than
        // a vectorized search set up for each.
        let rest = bytes.get(offset..).unwrap_or_default();
        let length = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let end = offset + length;
        let line = text.get(offset..end).unwrap_or_default();
        let (start, trimmed) = trimmed_at(line, offset);
        offset = end + 1;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let capitals = if trimmed.is_ascii() {
            trimmed.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            trimmed.chars().any(char::is_uppercase)
        };
        if capitals {
            lower.insert(trimmed.to_lowercase());
        } else if let Some(range) = pack(file, start, trimmed.len()) {
            add(range, trimmed);
        }
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

/// An entry's file, start and length in one word: 16, 32 and 16 bits; `None` when one does
/// not fit.
fn pack(file: u16, start: usize, len: usize) -> Option<u64> {
    let start = u32::try_from(start).ok()?;
    let len = u16::try_from(len).ok()?;
    Some(u64::from(file) << 48 | u64::from(start) << 16 | u64::from(len))
}

/// The text of a packed entry.
fn entry<'t>(texts: &'t [Cow<'static, str>], packed: u64) -> &'t str {
    let file = (packed >> 48) as usize;
    let start = (packed >> 16) as u32 as usize;
    let len = (packed & 0xFFFF) as usize;
    texts
        .get(file)
        .and_then(|text| text.get(start..start + len))
        .unwrap_or("")
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
    fn ranked_words_keep_the_lower_case_words_in_order() {
        let text = "# counts\nthe 100\n\n  of 90\nParis 80\ncafé 70\nand\n";
        assert_eq!(ranked_words(text).collect::<Vec<_>>(), ["the", "of", "and"]);
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
        let list = WordList::parse_all(vec![
            Cow::Borrowed("alpha\nbeta\n"),
            Cow::Owned("gamma\nalpha\nDelta\n".to_owned()),
        ]);
        for word in ["alpha", "beta", "gamma", "delta"] {
            assert!(list.contains(word), "{word}");
        }
        assert_eq!(list.len(), 4);
        assert!(!list.contains("epsilon"));
    }

    #[test]
    fn entries_pack_their_place_and_a_line_of_64_kb_is_not_an_entry() {
        let texts = [Cow::Borrowed("zero"), Cow::Borrowed("one two three")];
        let packed = pack(1, 4, 3).unwrap();
        assert_eq!(entry(&texts, packed), "two");
        assert_eq!(pack(1, 4, 1 << 16), None);
        let long = "x".repeat(1 << 16);
        let list = WordList::parse(Cow::Owned(format!("{long}\nshort\n")));
        assert!(list.contains("short") && !list.contains(&long));
        assert_eq!(list.len(), 1);
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
