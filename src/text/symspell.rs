//! Spelling suggestions by symmetric deletion (the SymSpell method): every word of the index
//! is stored under the strings left by deleting up to `max_distance` of its first
//! `prefix_len` letters; a misspelled word's own deletions meet them. Candidates are then
//! ranked by optimal-string-alignment distance and by frequency.
//!
//! The deletions are kept as a vector of (hash, word) pairs grouped by bucket rather than a
//! map of strings, and hashed without building the shorter strings: one allocation, built in
//! tens of milliseconds for 40,000 words. The top bits of a hash choose its bucket and the low
//! 32 bits are stored, 8 bytes a deletion; a lookup reads its bucket's few pairs through. The
//! index holds ASCII words.

use std::collections::HashMap;

/// A suggestion index over words ranked by frequency.
#[derive(Debug)]
pub struct SuggestionIndex {
    /// The words, most frequent first; a word's index is its rank.
    words: Vec<Box<str>>,
    /// Each word's rank.
    ranks: HashMap<Box<str>, u32>,
    /// (low bits of the hash of a deletion, rank of the word it came from), grouped by
    /// bucket, in the order they were made within each.
    deletions: Vec<(u32, u32)>,
    /// Where the hashes of each value of their top [`BUCKET_BITS`] bits start in
    /// `deletions`, and a last entry for the end.
    buckets: Vec<u32>,
    max_distance: usize,
    prefix_len: usize,
}

/// The top bits of a hash that choose its bucket: with 40,000 words, about 18 hashes a bucket.
const BUCKET_BITS: u32 = 16;

/// The bucket of a hash.
fn bucket(hash: u64) -> usize {
    usize::try_from(hash >> (64 - BUCKET_BITS)).unwrap_or(0)
}

/// The bits of a hash kept beside its bucket: with the bucket's, 48 bits tell deletions apart
/// (a collision costs one edit distance, as candidates are verified).
fn low_bits(hash: u64) -> u32 {
    hash as u32
}

/// Groups `pairs` by bucket with a counting pass on the top bits of their hashes, keeping
/// their order within a bucket (a bucket holds about 18 pairs, which a lookup reads through
/// faster than sorting them costs when the index is built); returns the (low bits, rank)
/// pairs and the start of each bucket and the end.
fn group_by_bucket(pairs: Vec<(u64, u32)>) -> (Vec<(u32, u32)>, Vec<u32>) {
    let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
    for &(hash, _) in &pairs {
        if let Some(count) = starts.get_mut(bucket(hash) + 1) {
            *count += 1;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(start) = starts.get_mut(i) {
            *start += before;
        }
    }
    let mut next = starts.clone();
    let mut grouped = vec![(0u32, 0u32); pairs.len()];
    for (hash, rank) in pairs {
        if let Some(at) = next.get_mut(bucket(hash)) {
            if let Some(slot) = grouped.get_mut(*at as usize) {
                *slot = (low_bits(hash), rank);
            }
            *at += 1;
        }
    }
    (grouped, starts)
}

/// FNV-1a over the bytes of `word` except those at `skip_a` and `skip_b`: the hash of a
/// deletion, computed without building the shorter string. Fast and stable; a collision costs
/// nothing but a comparison, since candidates are verified by edit distance.
fn hash_without(word: &[u8], skip_a: usize, skip_b: usize) -> u64 {
    word.iter()
        .enumerate()
        .filter(|&(i, _)| i != skip_a && i != skip_b)
        .fold(0xcbf2_9ce4_8422_2325, |h, (_, &b)| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

/// The hashes of every string obtained by deleting up to `distance` (at most 2) bytes of
/// `word`, `word` included, pushed onto `out` (duplicates included).
fn deletion_hashes(word: &[u8], distance: usize, out: &mut Vec<u64>) {
    let none = usize::MAX;
    out.push(hash_without(word, none, none));
    if distance == 0 {
        return;
    }
    for i in 0..word.len() {
        out.push(hash_without(word, i, none));
        if distance >= 2 {
            for j in i + 1..word.len() {
                out.push(hash_without(word, i, j));
            }
        }
    }
}

/// The first `prefix_len` bytes of an ASCII word.
fn prefix(word: &[u8], prefix_len: usize) -> &[u8] {
    word.get(..prefix_len).unwrap_or(word)
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
        let mut pairs = Vec::with_capacity(words.len() * 30);
        let mut scratch = Vec::new();
        for (rank, word) in words.iter().enumerate() {
            if !word.is_ascii() {
                continue;
            }
            scratch.clear();
            deletion_hashes(
                prefix(word.as_bytes(), prefix_len),
                max_distance,
                &mut scratch,
            );
            // A word doubling a letter (`ee`) repeats some deletions: a search meets the word
            // twice and skips it the second time, so they are left in.
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            pairs.extend(scratch.iter().map(|&h| (h, rank)));
        }
        let (deletions, buckets) = group_by_bucket(pairs);
        let ranks = words
            .iter()
            .enumerate()
            .map(|(rank, w)| (w.clone(), u32::try_from(rank).unwrap_or(u32::MAX)))
            .collect();
        SuggestionIndex {
            words,
            ranks,
            deletions,
            buckets,
            max_distance,
            prefix_len,
        }
    }

    /// The deletions whose hashes share the top bits of `hash`.
    fn bucket_of(&self, hash: u64) -> &[(u32, u32)] {
        let b = bucket(hash);
        let (Some(&from), Some(&to)) = (self.buckets.get(b), self.buckets.get(b + 1)) else {
            return &[];
        };
        self.deletions
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// Up to `limit` words close to `word` (lower case ASCII; other words get none): nearest
    /// first; at one distance, swapped letters before a letter missing or doubled, before a
    /// wrong letter; then most frequent.
    pub fn suggest(&self, word: &str, limit: usize) -> Vec<&str> {
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
        for &key in &scratch {
            let low = low_bits(key);
            for &(_, rank) in self.bucket_of(key).iter().filter(|&&(h, _)| h == low) {
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
            .filter_map(|(_, rank)| self.words.get(rank as usize).map(AsRef::as_ref))
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
        self.suggest(word, 16)
            .into_iter()
            .filter(|w| strsim::osa_distance(word, w) == 1)
            .filter_map(|w| self.rank(w))
            .collect()
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

    /// The frequency rank of an indexed word.
    pub fn rank(&self, word: &str) -> Option<usize> {
        self.ranks.get(word).map(|&r| r as usize)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Grouping keeps every pair once, in its own bucket's range, in the order given
        /// within the bucket.
        #[test]
        fn pairs_are_grouped_by_bucket_in_order(
            pairs in prop::collection::vec((any::<u64>(), any::<u32>()), 0..400),
            shared_buckets in any::<bool>(),
        ) {
            // Hashes that share a few buckets, or spread over all of them.
            let pairs: Vec<(u64, u32)> = if shared_buckets {
                pairs.into_iter().map(|(h, r)| (h & 0xC000_0000_FFFF_FFFF, r)).collect()
            } else {
                pairs
            };
            // A stable sort by bucket is the grouping expected.
            let mut expected: Vec<(usize, u32, u32)> =
                pairs.iter().map(|&(h, r)| (bucket(h), low_bits(h), r)).collect();
            expected.sort_by_key(|&(b, _, _)| b);
            let (grouped, starts) = group_by_bucket(pairs);
            let pairs: Vec<(u32, u32)> = expected.iter().map(|&(_, l, r)| (l, r)).collect();
            prop_assert_eq!(&grouped, &pairs);
            // Bucket starts rise from 0 to the end, and each pair lies in its bucket's range.
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!((starts[0], starts[starts.len() - 1] as usize), (0, grouped.len()));
            for (i, &(b, _, _)) in expected.iter().enumerate() {
                prop_assert!((starts[b] as usize..starts[b + 1] as usize).contains(&i));
            }
        }
    }

    fn index() -> SuggestionIndex {
        let words = [
            "the", "found", "recent", "rent", "their", "response", "research",
        ];
        SuggestionIndex::new(words.iter().map(|w| Box::from(*w)).collect(), 2, 7)
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
