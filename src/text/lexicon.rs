//! The English lexicon: the SCOWL-based Hunspell dictionaries shipped in `rules/dict/`, checked
//! with spellbook (Hunspell's affix rules, so `talks`, `talked` and `rethinking` are known).

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::assets::builtin_text;
use crate::structures::memo::Memo;

/// Which English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// American spelling (`color`, `organize`).
    #[default]
    Us,
    /// British spelling (`colour`, `organise`).
    Gb,
}

impl Dialect {
    /// The other spelling.
    pub fn other(self) -> Dialect {
        match self {
            Dialect::Us => Dialect::Gb,
            Dialect::Gb => Dialect::Us,
        }
    }
}

/// An English word list with Hunspell affix rules.
pub struct Lexicon {
    /// `None` only if the shipped files failed to parse (a test guards against it); every word
    /// then counts as known, so no check fires on a broken build.
    dictionary: Option<spellbook::Dictionary>,
    /// Which spelling it holds.
    dialect: Dialect,
    /// The sampled words [`Lexicon::is_mostly_english`] asked about, across the documents of a
    /// run: a corpus of short records asks about the same words over and over.
    sampled: Memo<bool>,
}

/// The most sampled words remembered at once.
const SAMPLED_WORDS: usize = 50_000;

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicon")
    }
}

impl Lexicon {
    /// The lexicon of `dialect`, parsed once per process.
    pub fn get(dialect: Dialect) -> &'static Lexicon {
        static US: OnceLock<Lexicon> = OnceLock::new();
        static GB: OnceLock<Lexicon> = OnceLock::new();
        let (cell, name) = match dialect {
            Dialect::Us => (&US, "en_US"),
            Dialect::Gb => (&GB, "en_GB"),
        };
        cell.get_or_init(|| Lexicon::load(name, dialect))
    }

    fn load(name: &str, dialect: Dialect) -> Lexicon {
        let aff = builtin_text(&format!("dict/{name}.aff")).unwrap_or_default();
        let dic = builtin_text(&format!("dict/{name}.dic")).unwrap_or_default();
        Lexicon {
            dictionary: spellbook::Dictionary::new(aff, dic).ok(),
            dialect,
            sampled: Memo::new(SAMPLED_WORDS),
        }
    }

    /// Whether `word` is English as written: a dictionary word, or a proper noun in its own
    /// case. Accents are tried stripped too (`café`, `naïve`), since the lists store them so.
    pub fn knows(&self, word: &str) -> bool {
        let Some(dictionary) = &self.dictionary else {
            return true;
        };
        let word = normalize_apostrophes(word);
        dictionary.check(&word) || (!word.is_ascii() && dictionary.check(&strip_accents(&word)))
    }

    /// Whether `word` is English exactly as written, accents included: `café` is not (the
    /// lists store it as `cafe`), so a foreign word is not mistaken for English by its letters.
    pub fn knows_as_written(&self, word: &str) -> bool {
        let Some(dictionary) = &self.dictionary else {
            return true;
        };
        dictionary.check(&normalize_apostrophes(word))
    }

    /// Whether the words of `text` (sampled: every third of the first 900 words of two
    /// letters or more; one letter, `a`, `é`, `o`, says little of a language) are mostly
    /// English, in this spelling or the other (`harbour` is English to an American lexicon
    /// here). Texts of fewer than 20 sampled words count as English.
    pub fn is_mostly_english<'t>(&self, words: impl Iterator<Item = &'t str>) -> bool {
        let sample: Vec<&str> = words
            .filter(|w| w.chars().nth(1).is_some())
            .step_by(3)
            .take(300)
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        let total = sample.len();
        if total < 20 {
            return true;
        }
        // Stop as soon as the answer is known: half the sample English, or too few words
        // left to get there. The commonest words need no dictionary.
        let mut english = 0;
        for (seen, word) in sample.iter().enumerate() {
            if english * 2 >= total {
                return true;
            }
            if (english + total - seen) * 2 < total {
                return false;
            }
            let known = || self.knows(word) || Lexicon::get(self.dialect.other()).knows(word);
            if is_common_word(word) || self.sampled.get_or_compute(word, known) {
                english += 1;
            }
        }
        english * 2 >= total
    }

    /// Whether the lower-case form of `word` is an English word: `Significant` yes, `Sherman`
    /// no (only a name).
    pub fn knows_lowercase(&self, word: &str) -> bool {
        self.knows(&word.to_lowercase())
    }
}

/// The commonest words of English, sorted: every dictionary knows them, lower-case or with a
/// capital, so the sampling of [`Lexicon::is_mostly_english`] counts them without a lookup.
const COMMON_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but",
    "by", "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "if", "in",
    "into", "is", "it", "its", "more", "new", "no", "not", "of", "on", "one", "or", "other", "our",
    "over", "said", "she", "so", "some", "than", "that", "the", "their", "them", "there", "they",
    "this", "to", "two", "up", "was", "we", "were", "what", "when", "which", "who", "will", "with",
    "would", "year", "you",
];

/// [`COMMON_WORDS`] as numbers (see [`packed`]), in the same order: a lookup compares numbers,
/// not strings (a comparison of byte strings is a call to `memcmp`).
const COMMON_KEYS: [u64; COMMON_WORDS.len()] = {
    let mut keys = [0; COMMON_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        // In bounds: `i` is below the length of both, which is the same.
        #[allow(clippy::indexing_slicing)]
        {
            keys[i] = packed(COMMON_WORDS[i].as_bytes());
        }
        i += 1;
    }
    keys
};

/// The first eight bytes of a word read as a big-endian number, zero-padded: words of up to
/// eight letters sort as their numbers do.
const fn packed(mut bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if let [first, rest @ ..] = bytes {
            key |= *first as u64;
            bytes = rest;
        }
        i += 1;
    }
    key
}

/// Whether `word` is one of [`COMMON_WORDS`], lower-case or capitalized.
fn is_common_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    let Some((first, rest)) = bytes.split_first() else {
        return false;
    };
    if bytes.len() > 8 || !rest.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let key = rest
        .iter()
        .fold(u64::from(first.to_ascii_lowercase()), |key, &b| {
            key << 8 | u64::from(b)
        });
    let key = key << (8 * (8 - bytes.len()));
    COMMON_KEYS.binary_search(&key).is_ok()
}

fn normalize_apostrophes(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        word.replace('’', "'").into()
    } else {
        word.into()
    }
}

/// `word` without diacritics: `plötzlich` → `plotzlich`.
pub fn strip_accents(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_sorted_and_known_as_written_and_capitalized() {
        assert!(
            COMMON_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert!(
            COMMON_KEYS.windows(2).all(|k| k[0] < k[1]),
            "keys sorted alike"
        );
        assert!(
            COMMON_WORDS.iter().all(|w| w.len() <= 8),
            "eight letters at most"
        );
        for dialect in [Dialect::Us, Dialect::Gb] {
            let lexicon = Lexicon::get(dialect);
            for word in COMMON_WORDS {
                let capital = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
                assert!(lexicon.knows(word) && lexicon.knows(&capital), "{word}");
                assert!(is_common_word(word) && is_common_word(&capital), "{word}");
            }
        }
        for word in ["THE", "tHe", "thee", "", "Äbout", "aboutness"] {
            assert!(!is_common_word(word), "{word}");
        }
    }

    #[test]
    fn mostly_english_by_a_sample_of_words() {
        let en = Lexicon::get(Dialect::Us);
        let english = "the council said that it would meet the unions again next week ".repeat(9);
        let german = "der Rat sagte dass er die Gewerkschaften erneut treffen werde ".repeat(9);
        assert!(en.is_mostly_english(english.split_whitespace()));
        assert!(!en.is_mostly_english(german.split_whitespace()));
        assert!(
            en.is_mostly_english("zu kurz".split_whitespace()),
            "too few words"
        );
    }

    #[test]
    fn shipped_dictionaries_parse() {
        assert!(Lexicon::get(Dialect::Us).dictionary.is_some());
        assert!(Lexicon::get(Dialect::Gb).dictionary.is_some());
    }

    #[test]
    fn knows_words_with_affixes_names_and_accents() {
        let en = Lexicon::get(Dialect::Us);
        for word in [
            "talks",
            "rethinking",
            "Significant",
            "Russia",
            "café",
            "don’t",
            "doesn't",
        ] {
            assert!(en.knows(word), "{word}");
        }
        for word in ["responnse", "plötzlich", "selon"] {
            assert!(!en.knows(word), "{word}");
        }
        assert!(en.knows_lowercase("Huge"));
        assert!(!en.knows_lowercase("Sherman"));
    }

    #[test]
    fn dialects_differ_in_spelling() {
        assert!(Lexicon::get(Dialect::Gb).knows("colour"));
        assert!(!Lexicon::get(Dialect::Us).knows("colour"));
        assert!(Lexicon::get(Dialect::Us).knows("color"));
    }
}
