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

/// A suggestion index over words ranked by frequency.
#[derive(Debug)]
pub struct SuggestionIndex {
    /// The words, most frequent first; a word's index is its rank.
    words: Vec<Box<str>>,
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

/// Groups the deletion hashes of `words` (those `deletions` gives for each; a word's index is
/// its rank) by bucket, keeping their order within a bucket (a bucket holds about 18
/// pairs, which a lookup reads through faster than sorting them costs when the index is
/// built): a counting pass, then a pass that places each; returns the (low bits, rank) pairs
/// and the start of each bucket and the end. Hashing twice costs less than keeping a million
/// hashes in between.
fn group_by_bucket(
    words: &[Box<str>],
    deletions: impl Fn(&str, &mut Vec<u64>),
) -> (Vec<(u32, u32)>, Vec<u32>) {
    let mut scratch = Vec::new();
    let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
    for word in words {
        scratch.clear();
        deletions(word, &mut scratch);
        for &hash in &scratch {
            if let Some(count) = starts.get_mut(bucket(hash) + 1) {
                *count += 1;
            }
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(start) = starts.get_mut(i) {
            *start += before;
        }
    }
    let mut next = starts.clone();
    let total = starts.last().copied().unwrap_or(0) as usize;
    let mut grouped = vec![(0u32, 0u32); total];
    for (rank, word) in words.iter().enumerate() {
        let rank = u32::try_from(rank).unwrap_or(u32::MAX);
        scratch.clear();
        deletions(word, &mut scratch);
        for &hash in &scratch {
            if let Some(at) = next.get_mut(bucket(hash)) {
                if let Some(slot) = grouped.get_mut(*at as usize) {
                    *slot = (low_bits(hash), rank);
                }
                *at += 1;
            }
        }
    }
    (grouped, starts)
}

/// The FNV-1a offset basis and prime: the hash of deletions.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a from the state `h` over `bytes`: fast and stable; a collision costs nothing but a
/// comparison, since candidates are verified by edit distance.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The hashes of every string obtained by deleting up to `distance` (at most 2) bytes of
/// `word`, `word` included, pushed onto `out` (duplicates included): the whole word, then for
/// each `i` the word without byte `i` followed by the word without `i` and each later `j`.
/// FNV runs left to right, so the state before a deleted byte is computed once and carried on,
/// rather than hashing each shorter string from its start.
fn deletion_hashes(word: &[u8], distance: usize, out: &mut Vec<u64>) {
    out.push(fnv(FNV_START, word));
    if distance == 0 {
        return;
    }
    // The state after the bytes before `i`, none deleted.
    let mut before_i = FNV_START;
    for (i, &byte_i) in word.iter().enumerate() {
        let after_i = word.get(i + 1..).unwrap_or_default();
        out.push(fnv(before_i, after_i));
        if distance >= 2 {
            // The state after the bytes before `j`, `i` deleted.
            let mut before_j = before_i;
            for (j, &byte_j) in after_i.iter().enumerate() {
                out.push(fnv(before_j, after_i.get(j + 1..).unwrap_or_default()));
                before_j = fnv(before_j, &[byte_j]);
            }
        }
        before_i = fnv(before_i, &[byte_i]);
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
        // A word doubling a letter (`ee`) repeats some deletions: a search meets the word
        // twice and skips it the second time, so they are left in.
        let (deletions, buckets) = group_by_bucket(&words, |word, out| {
            if word.is_ascii() {
                deletion_hashes(prefix(word.as_bytes(), prefix_len), max_distance, out);
            }
        });
        SuggestionIndex {
            words,
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
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Grouping keeps every (hash, rank) pair once, in its own bucket's range, in the
        /// order the words and their hashes come within the bucket.
        #[test]
        fn pairs_are_grouped_by_bucket_in_order(
            words in prop::collection::vec("[a-z]{0,5}", 0..80),
            shared_buckets in any::<bool>(),
        ) {
            // A few hashes a word, from its bytes: sharing a few buckets, or spread over all.
            let deletions = |word: &str, out: &mut Vec<u64>| {
                for (i, b) in word.bytes().enumerate() {
                    let h = (u64::from(b) << 40 | i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    out.push(if shared_buckets { h & 0xC000_0000_FFFF_FFFF } else { h });
                }
            };
            let words: Vec<Box<str>> = words.into_iter().map(Box::from).collect();
            // A stable sort by bucket of the pairs in word order is the grouping expected.
            let mut expected: Vec<(usize, u32, u32)> = Vec::new();
            for (rank, word) in words.iter().enumerate() {
                let mut hashes = Vec::new();
                deletions(word, &mut hashes);
                expected.extend(hashes.iter().map(|&h| (bucket(h), low_bits(h), rank as u32)));
            }
            expected.sort_by_key(|&(b, _, _)| b);
            let (grouped, starts) = group_by_bucket(&words, deletions);
            let pairs: Vec<(u32, u32)> = expected.iter().map(|&(_, l, r)| (l, r)).collect();
            prop_assert_eq!(&grouped, &pairs);
            // Bucket starts rise from 0 to the end, and each pair lies in its bucket's range.
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!((starts[0], starts[starts.len() - 1] as usize), (0, grouped.len()));
            for (i, &(b, _, _)) in expected.iter().enumerate() {
                prop_assert!((starts[b] as usize..starts[b + 1] as usize).contains(&i));
            }
        }

        /// The carried hashes are those of each shorter string hashed from its start, in the
        /// same order.
        #[test]
        fn deletion_hashes_are_the_hashes_of_the_shorter_strings(
            word in "[a-z]{0,9}",
            distance in 0usize..3,
        ) {
            let bytes = word.as_bytes();
            let without = |skip: &[usize]| -> u64 {
                let kept: Vec<u8> = bytes
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !skip.contains(i))
                    .map(|(_, &b)| b)
                    .collect();
                fnv(FNV_START, &kept)
            };
            let mut expected = vec![without(&[])];
            if distance > 0 {
                for i in 0..bytes.len() {
                    expected.push(without(&[i]));
                    if distance > 1 {
                        for j in i + 1..bytes.len() {
                            expected.push(without(&[i, j]));
                        }
                    }
                }
            }
            let mut found = Vec::new();
            deletion_hashes(bytes, distance, &mut found);
            prop_assert_eq!(found, expected);
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
