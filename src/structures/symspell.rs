//! Spelling suggestions by symmetric deletion (the SymSpell method): every word of the index
//! is stored under the strings left by deleting up to `max_distance` of its first
//! `prefix_len` letters; a misspelled word's own deletions meet them. Candidates are then
//! ranked by optimal-string-alignment distance and by frequency.
//!
//! The deletions are a table of (hash, word) pairs grouped by bucket
//! ([`crate::structures::deletion_table`]) rather than a map of strings. The table of the spelling
//! rule shipped under `rules/` is built with the binary; another is built when its rule loads,
//! in tens of milliseconds for 40,000 words. The index holds ASCII words.

use std::borrow::Cow;

use crate::assets::SUGGESTION_TABLES;
use crate::structures::deletion_table::{self, DeletionTable, deletion_hashes, low_bits, prefix};

/// A suggestion index over words ranked by frequency.
#[derive(Debug)]
pub struct SuggestionIndex {
    /// The words, most frequent first; a word's index is its rank.
    words: Vec<Box<str>>,
    /// The deletion table of `words`: one built with the binary, or built when the index was.
    table: Cow<'static, [u8]>,
    max_distance: usize,
    prefix_len: usize,
}

/// How a candidate differs from the word, as people mistype: 0 two letters swapped, 1 a letter
/// left out or added, 2 a letter replaced.
fn edit_kind(word: &str, candidate: &str) -> usize {
    let (a, b) = (word.chars().count(), candidate.chars().count());
    if a != b {
        1
    } else {
        let mut sorted_word: Vec<char> = word.chars().collect();
        let mut sorted_candidate: Vec<char> = candidate.chars().collect();
        sorted_word.sort_unstable();
        sorted_candidate.sort_unstable();
        if sorted_word == sorted_candidate {
            0
        } else {
            2
        }
    }
}

impl SuggestionIndex {
    /// Indexes `words` (ASCII; others are left out), most frequent first. `max_distance` is
    /// at most 2.
    pub fn new(words: Vec<Box<str>>, max_distance: usize, prefix_len: usize) -> Self {
        let max_distance = max_distance.min(2);
        // A word doubling a letter (`ee`) repeats some deletions: a search meets the word
        // twice and skips it the second time, so they are left in.
        let key = deletion_table::key(&words, max_distance, prefix_len);
        let table = match SUGGESTION_TABLES
            .iter()
            .find(|built| DeletionTable::new(built).key() == Some(key))
        {
            Some(built) => Cow::Borrowed(*built),
            None => Cow::Owned(deletion_table::build(&words, max_distance, prefix_len)),
        };
        SuggestionIndex {
            words,
            table,
            max_distance,
            prefix_len,
        }
    }

    /// Up to `limit` words close to `word` (lower case ASCII; other words get none): nearest
    /// first; at one distance, swapped letters before a letter missing or doubled, before a
    /// wrong letter; then most frequent.
    pub fn suggest(&self, word: &str, limit: usize) -> Vec<&str> {
        self.suggested_ranks(word, limit)
            .into_iter()
            .filter_map(|rank| self.word(rank))
            .collect()
    }

    /// The frequency ranks of what [`SuggestionIndex::suggest`] gives, in its order.
    fn suggested_ranks(&self, word: &str, limit: usize) -> Vec<usize> {
        if !word.is_ascii() {
            return Vec::new();
        }
        let mut scratch = Vec::new();
        deletion_hashes(
            prefix(word.as_bytes(), self.prefix_len),
            self.max_distance,
            &mut scratch,
        );
        scratch.sort_unstable();
        scratch.dedup();
        let mut candidates: Vec<(usize, u32)> = Vec::new();
        let table = DeletionTable::new(&self.table);
        for &key in &scratch {
            let low = low_bits(key);
            for (_, rank) in table.bucket(key).filter(|&(h, _)| h == low) {
                if candidates.iter().any(|&(_, r)| r == rank) {
                    continue;
                }
                let Some(candidate) = self.words.get(rank as usize) else {
                    continue;
                };
                let distance = strsim::osa_distance(word, candidate);
                if distance <= self.max_distance && candidate.as_ref() != word {
                    candidates.push((distance * 4 + edit_kind(word, candidate), rank));
                }
            }
        }
        candidates.sort_unstable();
        candidates
            .into_iter()
            .take(limit)
            .map(|(_, rank)| rank as usize)
            .collect()
    }

    /// Whether some indexed word one edit from `word` passes `accept`, which sees the word
    /// and its frequency rank (0 for the most frequent).
    pub fn has_neighbour(&self, word: &str, accept: impl Fn(&str, usize) -> bool) -> bool {
        self.neighbours(word)
            .into_iter()
            .any(|rank| self.word(rank).is_some_and(|w| accept(w, rank)))
    }

    /// The frequency ranks of the indexed words one edit from `word`, among its 16 best
    /// suggestions: what [`SuggestionIndex::has_neighbour`] tests, for callers that keep it.
    pub fn neighbours(&self, word: &str) -> Vec<usize> {
        self.suggested_ranks(word, 16)
            .into_iter()
            .filter(|&rank| {
                self.word(rank)
                    .is_some_and(|w| strsim::osa_distance(word, w) == 1)
            })
            .collect()
    }

    /// Whether the index reads a deletion table built with the binary.
    #[cfg(test)]
    pub fn uses_built_table(&self) -> bool {
        matches!(self.table, Cow::Borrowed(_))
    }

    /// The indexed word of frequency rank `rank`.
    pub fn word(&self, rank: usize) -> Option<&str> {
        self.words.get(rank).map(AsRef::as_ref)
    }

    /// Whether some indexed word is near `word`: one edit away, or two for a word of eight
    /// letters or more.
    pub fn has_near(&self, word: &str) -> bool {
        let reach = if word.chars().count() >= 8 { 2 } else { 1 };
        self.suggest(word, 1)
            .first()
            .is_some_and(|w| strsim::osa_distance(word, w) <= reach)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SuggestionIndex {
        let words = [
            "the", "found", "recent", "rent", "their", "response", "research",
        ];
        SuggestionIndex::new(words.iter().map(|w| Box::from(*w)).collect(), 2, 7)
    }

    #[test]
    fn an_index_of_words_no_shipped_rule_has_builds_its_own_table() {
        assert!(!index().uses_built_table());
    }

    #[test]
    fn suggests_by_distance_then_frequency() {
        let index = index();
        assert_eq!(index.suggest("foudn", 3), ["found"]);
        assert_eq!(index.suggest("responnse", 3), ["response"]);
        assert_eq!(index.suggest("thier", 1), ["their"]);
        // `rcent` is one edit from both; the more frequent comes first.
        assert_eq!(index.suggest("rcent", 2), ["recent", "rent"]);
        assert!(index.suggest("xyzzyq", 3).is_empty());
    }

    #[test]
    fn long_words_match_on_their_prefix_and_are_verified_in_full() {
        let index = index();
        assert_eq!(index.suggest("reasearch", 3), ["research"]);
        assert!(index.has_neighbour("rsearch", |_, _| true));
        assert!(index.has_neighbour("thr", |w, rank| w == "the" && rank == 0));
    }
}
