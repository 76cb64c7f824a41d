//! A dictionary of glosses for a language written without spaces (Chinese, Japanese): each
//! word with the English words its translations use, to tell whether a translation renders
//! any word of its source at all.
//!
//! The file has one word a line, a tab, and its gloss words separated by spaces (`经济⇥economy
//! economic`); lines starting with `#` are comments. A source is cut into words by the longest
//! match the dictionary knows at each place; English words compare by a crude stem (the first
//! six letters once its endings are cut), which is enough to meet `economic` in
//! `economically` and `pet` in `pets`.

use std::borrow::Cow;

/// A dictionary of glosses: its text, and where each entry's word and glosses are in it,
/// sorted by word (a lookup is a binary search: reading the file builds no table of words).
#[derive(Debug, Default)]
pub struct Glosses {
    text: Cow<'static, str>,
    /// Each entry as byte offsets of the text: where its word starts, where its glosses
    /// start (after the tab) and where its line ends.
    entries: Vec<[u32; 3]>,
    /// The most characters a word has.
    longest: usize,
}

/// How a source's words fare in a translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// The source's words the dictionary knows.
    pub words: usize,
    /// Those of them one of whose gloss words the translation has.
    pub rendered: usize,
}

impl Glosses {
    /// Reads a dictionary file (see the module's documentation); lines without a tab are
    /// skipped. Entries are sorted by word if the file is not.
    pub fn new(text: Cow<'static, str>) -> Self {
        let mut entries = Vec::new();
        let mut longest = 0;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            if line.starts_with('#') {
                continue;
            }
            let Some((word, gloss)) = line.split_once('\t') else {
                continue;
            };
            if word.is_empty() || gloss.trim().is_empty() {
                continue;
            }
            // Dictionaries are a few megabytes: offsets past 4 GB are not read.
            let (Ok(word_start), Ok(gloss_start), Ok(end)) = (
                u32::try_from(start),
                u32::try_from(start + word.len() + 1),
                u32::try_from(at),
            ) else {
                break;
            };
            longest = longest.max(word.chars().count());
            entries.push([word_start, gloss_start, end]);
        }
        let word = |entry: &[u32; 3]| entry_word(&text, entry);
        if !entries.is_sorted_by(|a, b| word(a) <= word(b)) {
            entries.sort_by(|a, b| word(a).cmp(word(b)));
        }
        Glosses {
            text,
            entries,
            longest,
        }
    }

    /// The glosses of `word`, if the dictionary has it.
    fn glosses_of(&self, word: &str) -> Option<&str> {
        let text = &*self.text;
        let found = self
            .entries
            .binary_search_by(|entry| entry_word(text, entry).cmp(word))
            .ok()?;
        let &[_, glosses, end] = self.entries.get(found)?;
        text.get(glosses as usize..end as usize)
    }

    /// The glosses of the words of `source` the dictionary knows, longest match first, in
    /// order.
    fn source_words<'s>(&'s self, source: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let starts: Vec<usize> = source
            .char_indices()
            .map(|(at, _)| at)
            .chain(std::iter::once(source.len()))
            .collect();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at + 1 < starts.len() {
                let from = starts.get(at).copied().unwrap_or(source.len());
                let found = (1..=self.longest.min(starts.len() - 1 - at))
                    .rev()
                    .find_map(|len| {
                        let to = starts.get(at + len).copied()?;
                        Some((len, self.glosses_of(source.get(from..to)?)?))
                    });
                match found {
                    Some((len, glosses)) => {
                        at += len;
                        return Some(glosses);
                    }
                    None => at += 1,
                }
            }
            None
        })
    }

    /// How many words of `source` the dictionary knows, and how many of them `translation`
    /// renders by one of their gloss words.
    pub fn coverage(&self, source: &str, translation: &str) -> Coverage {
        let mut rendered_stems: Vec<String> = translation
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(stem)
            .collect();
        rendered_stems.sort_unstable();
        rendered_stems.dedup();
        let mut coverage = Coverage {
            words: 0,
            rendered: 0,
        };
        for glosses in self.source_words(source) {
            coverage.words += 1;
            if glosses
                .split_whitespace()
                .any(|g| rendered_stems.binary_search(&stem(g)).is_ok())
            {
                coverage.rendered += 1;
            }
        }
        coverage
    }
}

/// The word of an entry (see [`Glosses::entries`]).
fn entry_word<'t>(text: &'t str, &[start, glosses, _]: &[u32; 3]) -> &'t str {
    text.get(start as usize..(glosses as usize).saturating_sub(1))
        .unwrap_or_default()
}

/// The crude stem English words are compared by: lower-case, endings (a plural, `-ed`, `-ing`,
/// `-ly`) cut while three letters or more are left (so that `speeds` and `speed` both give
/// `spe`), then the first six letters.
fn stem(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(cut) = ["ing", "ed", "es", "s", "ly"]
        .iter()
        .find_map(|suffix| rest.strip_suffix(suffix).filter(|stem| stem.len() >= 3))
    {
        rest = cut;
    }
    rest.chars().take(6).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any dictionary text and any pair of texts: no panic, and no more words rendered
        /// than known.
        #[test]
        fn coverage_holds_on_any_text(
            dictionary in "([经济新宠物a-z\t \n#]|\\PC){0,80}",
            source in "([经济新宠物，]|\\PC){0,40}",
            translation in "([a-zA-Z ]|\\PC){0,60}",
        ) {
            let glosses = Glosses::new(Cow::Owned(dictionary));
            let coverage = glosses.coverage(&source, &translation);
            prop_assert!(coverage.rendered <= coverage.words);
        }
    }

    const DICTIONARY: &str = "# a comment, and entries out of order\n经济\teconomy economic\n经\tpass through\n济\thelp\n宠物\tpet\n新\tnew\nno tab here\n";

    #[test]
    fn words_are_cut_by_the_longest_match_and_met_by_their_stems() {
        let glosses = Glosses::new(Cow::Borrowed(DICTIONARY));
        assert_eq!(
            glosses.coverage("新经济，宠物", "New pets for an economically strong city"),
            Coverage {
                words: 3,
                rendered: 3
            }
        );
        assert_eq!(
            glosses.coverage("新经济，宠物", "The weather was fine"),
            Coverage {
                words: 3,
                rendered: 0
            }
        );
        assert_eq!(
            glosses.coverage("无关的字", "anything").words,
            0,
            "no word known"
        );
    }

    #[test]
    fn stems_cut_endings_only_from_long_words() {
        assert_eq!(stem("Economies"), stem("economy"));
        assert_eq!(stem("pets"), "pet");
        assert_eq!(stem("speeds"), stem("speed"));
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("reported"), "report");
        assert_eq!(stem("reporting"), "report");
    }
}
