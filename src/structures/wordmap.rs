//! A map from words to values for lookups made once per token: a word of up to 15 bytes is
//! its own key, held inline in the table, so looking it up reads the table alone and never a
//! string stored elsewhere (which, in a table of tens of thousands of words, is a cache miss
//! per lookup). Longer words go to a side table.

use std::collections::HashMap;
use std::ops::Range;

use foldhash::fast::FixedState;

use crate::structures::byte_class::{
    ascii_capitals_u64, ascii_lowercase_u64, ascii_small_letters_u64, is_ascii_u64,
};

/// The longest word held inline, in bytes: the sixteenth byte of a key is the length.
const INLINE_BYTES: usize = 15;

/// Words and their values.
#[derive(Debug)]
pub struct WordMap<V> {
    short: HashMap<u128, V, FixedState>,
    long: HashMap<Box<str>, V, FixedState>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: HashMap::with_hasher(FixedState::default()),
            long: HashMap::with_hasher(FixedState::default()),
        }
    }
}

impl<V> WordMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        WordMap::default()
    }

    /// Sets the value of `word`, replacing any value it had.
    pub fn insert(&mut self, word: &str, value: V) {
        match inline_key(word) {
            Some(key) => {
                self.short.insert(key, value);
            }
            None => {
                self.long.insert(word.into(), value);
            }
        }
    }

    /// The value of `word`, compared byte for byte.
    pub fn get(&self, word: &str) -> Option<&V> {
        match inline_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// Whether `word` has a value.
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The value of `word` lower-cased, for an ASCII word: no lower-case copy is made for a
    /// word short enough to be its own key.
    pub fn get_ascii_lowercase(&self, word: &str) -> Option<&V> {
        match inline_key(word) {
            Some(key) => self.short.get(&lowercase_key(key)),
            None => self.long.get(word.to_ascii_lowercase().as_str()),
        }
    }

    /// Whether the word `text[span]` lower-cased (every letter, as `char::to_lowercase` has
    /// it) has a value. A short ASCII word is lowered in its key (see [`WordKey::in_text`]),
    /// which also tells whether it is ASCII; another word is lowered into `scratch`.
    pub fn contains_lowercase_in(
        &self,
        text: &str,
        span: Range<usize>,
        scratch: &mut String,
    ) -> bool {
        match WordKey::in_text(text, span.clone()) {
            Some(key) if key.is_ascii() => self.get_key(key.lowercase()).is_some(),
            _ => {
                let word = text.get(span).unwrap_or_default();
                scratch.clear();
                if word.is_ascii() {
                    scratch.push_str(word);
                    scratch.make_ascii_lowercase();
                } else {
                    scratch.extend(word.chars().flat_map(char::to_lowercase));
                }
                self.contains(scratch)
            }
        }
    }

    /// The value of the word whose key is `key`.
    pub fn get_key(&self, key: WordKey) -> Option<&V> {
        self.short.get(&key.0)
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether the map holds no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The key of a word of up to 15 bytes, read once for several lookups (as written,
/// lower-cased) and tests of the word's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordKey(u128);

impl WordKey {
    /// The key of the word `text[span]`; `None` for a word longer than 15 bytes. It is read
    /// with one load of the sixteen bytes the word starts, masked to the word's length. A key
    /// built from the word alone branches on the word's length, which varies from word to
    /// word, so the branch is often mispredicted. Near the end of the text, where sixteen
    /// bytes are not there, the key is built from the word alone.
    pub fn in_text(text: &str, span: Range<usize>) -> Option<WordKey> {
        let length = span.len();
        if length > INLINE_BYTES {
            return None;
        }
        let bytes = text.as_bytes();
        let window = span
            .start
            .checked_add(16)
            .and_then(|end| bytes.get(span.start..end));
        let key = match window {
            Some(window) => {
                let mut block = [0u8; 16];
                block.copy_from_slice(window);
                let word = u128::from_le_bytes(block) & ((1u128 << (8 * length)) - 1);
                word | (length as u128) << (8 * INLINE_BYTES)
            }
            None => key_of(bytes.get(span)?)?,
        };
        Some(WordKey(key))
    }

    /// The key of the word with its ASCII capitals lowered.
    pub fn lowercase(self) -> WordKey {
        WordKey(lowercase_key(self.0))
    }

    /// Whether the word is ASCII.
    pub fn is_ascii(self) -> bool {
        is_ascii_key(self.0)
    }

    /// Whether the word is an ASCII capital followed by one ASCII small letter or more
    /// (`Paris`, not `PARIS`, `P` or `McCain`).
    pub fn is_capitalized_ascii(self) -> bool {
        let (low, high) = (self.0 as u64, (self.0 >> 64) as u64);
        let length = (high >> 56) as u32;
        let capitals =
            u128::from(ascii_capitals_u64(high)) << 64 | u128::from(ascii_capitals_u64(low));
        let small = u128::from(ascii_small_letters_u64(high)) << 64
            | u128::from(ascii_small_letters_u64(low));
        // The high bit of each of the word's bytes after the first.
        let rest = ((1u128 << (8 * length)) - 1) & (u128::MAX / 0xff * 0x80) & !0xff;
        length >= 2 && capitals == 0x80 && small == rest
    }
}

/// The inline key of a word of up to [`INLINE_BYTES`] bytes: its bytes, zero-padded, and its
/// length in the last byte, so that no two words share a key.
fn inline_key(word: &str) -> Option<u128> {
    key_of(word.as_bytes())
}

/// A key with its word's ASCII capitals lowered, eight bytes at a time: a loop over the
/// word's bytes ends after a different count for each word, a branch the processor often
/// mispredicts. The length byte (at most 15) is no capital.
fn lowercase_key(key: u128) -> u128 {
    let low = ascii_lowercase_u64(key as u64);
    let high = ascii_lowercase_u64((key >> 64) as u64);
    u128::from(high) << 64 | u128::from(low)
}

/// Whether a key's word is ASCII (its length byte is).
fn is_ascii_key(key: u128) -> bool {
    is_ascii_u64(key as u64 | (key >> 64) as u64)
}

/// The length of a word short enough to be held inline, as its key's last byte.
fn inline_length(bytes: &[u8]) -> Option<u8> {
    u8::try_from(bytes.len())
        .ok()
        .filter(|&n| usize::from(n) <= INLINE_BYTES)
}

/// The inline key of a word given as bytes. Read as two overlapping loads rather than copied
/// into a buffer: a copy of a length known only at run time is a call to `memcpy`, which cost
/// more than the lookup it prepared (one per token, in the spelling and untranslated-text rules).
fn key_of(bytes: &[u8]) -> Option<u128> {
    let length = inline_length(bytes)?;
    let len = bytes.len();
    let (low, high) = if len >= 8 {
        let first = read_u64(bytes, 0)?;
        // The last eight bytes, shifted down past the ones `first` holds.
        let last = read_u64(bytes, len - 8)?;
        (first, last.checked_shr(8 * (16 - len as u32)).unwrap_or(0))
    } else if len >= 4 {
        let first = u64::from(read_u32(bytes, 0)?);
        let last = u64::from(read_u32(bytes, len - 4)?);
        (first | last << (8 * (len - 4)), 0)
    } else {
        let low = bytes
            .iter()
            .enumerate()
            .fold(0u64, |low, (i, &b)| low | u64::from(b) << (8 * i));
        (low, 0)
    };
    let high = high | u64::from(length) << 56;
    Some(u128::from(high) << 64 | u128::from(low))
}

/// The eight bytes of `bytes` from `at`, little-endian.
fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The four bytes of `bytes` from `at`, little-endian.
fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let chunk: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(chunk))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_and_long_words_are_found_and_others_are_not() {
        let mut map = WordMap::new();
        map.insert("the", 1);
        map.insert("internationalization", 2);
        map.insert("", 3);
        assert_eq!(map.get("the"), Some(&1));
        assert_eq!(map.get("internationalization"), Some(&2));
        assert_eq!(map.get(""), Some(&3));
        assert_eq!(map.get("The"), None);
        assert_eq!(map.get("th"), None);
        assert_eq!(map.get("internationalisation"), None);
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn a_trailing_zero_byte_makes_another_word() {
        let mut map = WordMap::new();
        map.insert("ab", ());
        assert!(map.contains("ab"));
        assert!(!map.contains("ab\0"));
        assert!(!map.contains("ab\0\0"));
    }

    #[test]
    fn the_longest_inline_word_and_the_shortest_long_one_are_kept_apart() {
        let fifteen = "abcdefghijklmno";
        let sixteen = "abcdefghijklmnop";
        let mut map = WordMap::new();
        map.insert(fifteen, 15);
        map.insert(sixteen, 16);
        assert_eq!(map.get(fifteen), Some(&15));
        assert_eq!(map.get(sixteen), Some(&16));
        assert_eq!(map.short.len(), 1);
        assert_eq!(map.long.len(), 1);
    }

    #[test]
    fn ascii_words_are_found_lower_cased_short_or_long() {
        let mut map = WordMap::new();
        map.insert("nato", ());
        map.insert("internationalization", ());
        let mut scratch = String::new();
        for found in [
            "NATO",
            "Nato",
            "Internationalization",
            "NATO’s".trim_end_matches("’s"),
        ] {
            assert!(map.get_ascii_lowercase(found).is_some(), "{found}");
            assert!(
                map.contains_lowercase_in(found, 0..found.len(), &mut scratch),
                "{found}"
            );
        }
        assert!(map.get_ascii_lowercase("Natos").is_none());
        assert!(!map.contains_lowercase_in("Natos", 0..5, &mut scratch));
        map.insert("élan", ());
        assert!(map.contains_lowercase_in("ÉLAN", 0.."ÉLAN".len(), &mut scratch));
    }

    #[test]
    fn capitalized_words_are_a_capital_then_small_letters() {
        let text = "Paris PARIS P McCain paris Élan Ab Zurich-born";
        let is_capitalized = |word: &str| {
            let start = text.find(word).unwrap();
            WordKey::in_text(text, start..start + word.len()).map(WordKey::is_capitalized_ascii)
        };
        assert_eq!(is_capitalized("Paris"), Some(true));
        assert_eq!(is_capitalized("Ab"), Some(true));
        assert_eq!(is_capitalized("Zurich"), Some(true));
        for word in ["PARIS", "P", "McCain", "paris", "Élan", "Zurich-born"] {
            assert_eq!(is_capitalized(word), Some(false), "{word}");
        }
    }

    proptest! {
        /// A key is the word's bytes, zero-padded to 15, then its length, as a little-endian
        /// number; lower-cased, the same of the word with its ASCII letters lowered.
        #[test]
        fn keys_are_the_padded_bytes_and_the_length(word in proptest::collection::vec(any::<u8>(), 0..18)) {
            let expected = (word.len() <= INLINE_BYTES).then(|| {
                let mut key = [0u8; 16];
                key[..word.len()].copy_from_slice(&word);
                key[INLINE_BYTES] = word.len() as u8;
                u128::from_le_bytes(key)
            });
            prop_assert_eq!(key_of(&word), expected);
            if let Ok(text) = std::str::from_utf8(&word) {
                prop_assert_eq!(inline_key(text), expected);
                prop_assert_eq!(
                    inline_key(text).map(lowercase_key),
                    key_of(text.to_ascii_lowercase().as_bytes())
                );
                prop_assert_eq!(inline_key(text).map(is_ascii_key), expected.map(|_| text.is_ascii()));
            }
        }

        /// A key read from the text around a word is the word's own key, wherever the word
        /// is (near the end of the text too), and tells a capitalized ASCII word as its
        /// letters do.
        #[test]
        fn keys_read_in_the_text_are_the_words_keys(
            text in "([a-zA-Z]|[A-Z][a-z]{1,16}|.| ){0,12}",
            from in 0usize..200,
            length in 0usize..20,
        ) {
            let start = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (start..=(start + length).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(start);
            let word = &text[start..end];
            let key = WordKey::in_text(&text, start..end);
            prop_assert_eq!(key.map(|k| k.0), inline_key(word));
            if let Some(key) = key {
                let bytes = word.as_bytes();
                let capitalized = bytes.len() >= 2
                    && bytes[0].is_ascii_uppercase()
                    && bytes[1..].iter().all(u8::is_ascii_lowercase);
                prop_assert_eq!(key.is_capitalized_ascii(), capitalized, "{:?}", word);
                prop_assert_eq!(key.is_ascii(), word.is_ascii());
                prop_assert_eq!(Some(key.lowercase().0), inline_key(&word.to_ascii_lowercase()));
            }
        }

        /// The map answers like a std map of strings, for any words (any bytes, any length).
        #[test]
        fn answers_like_a_map_of_strings(
            words in proptest::collection::vec("([a-zA-Z]|.){0,20}", 0..40),
            probes in proptest::collection::vec("([a-zA-Z]|.){0,20}", 0..40),
        ) {
            let mut map = WordMap::new();
            let mut reference = std::collections::HashMap::new();
            for (i, word) in words.iter().enumerate() {
                map.insert(word, i);
                reference.insert(word.clone(), i);
            }
            prop_assert_eq!(map.len(), reference.len());
            for word in words.iter().chain(&probes) {
                prop_assert_eq!(map.get(word), reference.get(word));
                if word.is_ascii() {
                    prop_assert_eq!(
                        map.get_ascii_lowercase(word),
                        reference.get(&word.to_ascii_lowercase())
                    );
                }
                let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
                prop_assert_eq!(
                    map.contains_lowercase_in(word, 0..word.len(), &mut String::new()),
                    reference.contains_key(&lowered)
                );
            }
        }
    }
}
