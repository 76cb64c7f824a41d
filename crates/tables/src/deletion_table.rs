//! The deletion table of the suggestion index (mtlint's `structures::symspell`) in one flat layout
//! of bytes. `build.rs` builds the table of each spelling rule shipped under `rules/`, so that
//! loading it costs nothing at run time; any other list is built into the same layout when its
//! rule loads. This file is compiled into both, so it uses only `std`.
//!
//! Every word is stored under the strings left by deleting up to `max_distance` of its first
//! `prefix_len` bytes; each such string is hashed (FNV-1a, without building it), the top
//! 16 bits of the hash choose its bucket and its low 32 bits are stored beside the
//! rank of the word it came from.
//!
//! Layout, little-endian: the key of the words and settings the table was built from (`u64`,
//! see [`key`]); the start of each bucket's pairs, in pairs, and the end (`2^16 + 1` × `u32`);
//! then the pairs (low bits of a hash, rank of its word; `u32` each), grouped by bucket, in
//! the order they were made within each.

/// The most edits a suggestion of the spelling check is from its word.
pub const MAX_DISTANCE: usize = 2;
/// How many leading bytes of a word the spelling check's index stores deletions of.
pub const PREFIX_LEN: usize = 7;

/// How many of the most frequent words a spelling rule's suggestion index holds when the rule
/// does not say (`index_words`): the loader and `build.rs` both read it here, so a rule that
/// leaves it out finds its table built.
pub const DEFAULT_INDEX_WORDS: usize = 40_000;

/// The top bits of a hash that choose its bucket: with 40,000 words, about 18 hashes a bucket.
const BUCKET_BITS: u32 = 16;
/// Bytes before the bucket starts: the key.
const HEADER: usize = 8;
/// Bytes of the bucket starts and the end.
const STARTS: usize = ((1 << BUCKET_BITS) + 1) * 4;
/// Bytes of a pair.
const PAIR: usize = 8;

/// The FNV-1a offset basis and prime: the hash of deletions and of a table's key.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a from the state `h` over `bytes`: fast and stable; a collision costs nothing but a
/// comparison, since candidates are verified by edit distance.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The bucket of a hash.
fn bucket(hash: u64) -> usize {
    usize::try_from(hash >> (64 - BUCKET_BITS)).unwrap_or(0)
}

/// The bits of a hash kept beside its bucket: with the bucket's, 48 bits tell deletions apart
/// (a collision costs one edit distance, as candidates are verified).
pub fn low_bits(hash: u64) -> u32 {
    hash as u32
}

/// The hashes of every string obtained by deleting up to `distance` (at most 2) bytes of
/// `word`, `word` included, pushed onto `out` (duplicates included): the whole word, then for
/// each `i` the word without byte `i` followed by the word without `i` and each later `j`.
/// FNV runs left to right, so the state before a deleted byte is computed once and carried on,
/// rather than hashing each shorter string from its start.
pub fn deletion_hashes(word: &[u8], distance: usize, out: &mut Vec<u64>) {
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
pub fn prefix(word: &[u8], prefix_len: usize) -> &[u8] {
    word.get(..prefix_len).unwrap_or(word)
}

/// The key of a table of `words` (in rank order) with these settings: a table built elsewhere
/// serves a rule whose words and settings give the same key.
pub fn key<W: AsRef<str>>(words: &[W], max_distance: usize, prefix_len: usize) -> u64 {
    let mut h = FNV_START;
    for word in words {
        // 0xFF is in no UTF-8 text: it ends each word.
        h = fnv(fnv(h, word.as_ref().as_bytes()), &[0xFF]);
    }
    for setting in [words.len(), max_distance, prefix_len] {
        h = fnv(h, &(setting as u64).to_le_bytes());
    }
    h
}

/// Builds the table of `words` (in rank order; only ASCII words are stored). `max_distance`
/// is at most 2.
pub fn build<W: AsRef<str>>(words: &[W], max_distance: usize, prefix_len: usize) -> Vec<u8> {
    let max_distance = max_distance.min(2);
    let deletions = |word: &str, out: &mut Vec<u64>| {
        if word.is_ascii() {
            deletion_hashes(prefix(word.as_bytes(), prefix_len), max_distance, out);
        }
    };
    let (pairs, starts) = group_by_bucket(words, deletions);
    let mut table = Vec::with_capacity(HEADER + STARTS + pairs.len() * PAIR);
    table.extend_from_slice(&key(words, max_distance, prefix_len).to_le_bytes());
    for start in starts {
        table.extend_from_slice(&start.to_le_bytes());
    }
    for (low, rank) in pairs {
        table.extend_from_slice(&low.to_le_bytes());
        table.extend_from_slice(&rank.to_le_bytes());
    }
    table
}

/// Groups the deletion hashes of `words` (those `deletions` gives for each; a word's index is
/// its rank) by bucket, keeping their order within a bucket (a bucket holds about 18
/// pairs, which a lookup reads through faster than sorting them costs when the index is
/// built): a counting pass, then a pass that places each; returns the (low bits, rank) pairs
/// and the start of each bucket and the end. Hashing twice costs less than keeping a million
/// hashes in between.
fn group_by_bucket<W: AsRef<str>>(
    words: &[W],
    deletions: impl Fn(&str, &mut Vec<u64>),
) -> (Vec<(u32, u32)>, Vec<u32>) {
    let mut scratch = Vec::new();
    let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
    for word in words {
        scratch.clear();
        deletions(word.as_ref(), &mut scratch);
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
        deletions(word.as_ref(), &mut scratch);
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

/// Reads a little-endian `u32` at `at`.
fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let mut word = [0u8; 4];
    word.copy_from_slice(bytes.get(at..at + 4)?);
    Some(u32::from_le_bytes(word))
}

/// A table in the layout above, read in place.
pub struct DeletionTable<'t> {
    bytes: &'t [u8],
}

impl<'t> DeletionTable<'t> {
    /// The table whose bytes are `bytes` (bytes in another layout read as an empty table).
    pub fn new(bytes: &'t [u8]) -> DeletionTable<'t> {
        DeletionTable { bytes }
    }

    /// The key the table was built for.
    pub fn key(&self) -> Option<u64> {
        let mut key = [0u8; HEADER];
        key.copy_from_slice(self.bytes.get(..HEADER)?);
        Some(u64::from_le_bytes(key))
    }

    /// The (low bits, rank) pairs of the deletions whose hashes share the top bits of `hash`.
    pub fn bucket(&self, hash: u64) -> impl Iterator<Item = (u32, u32)> + 't {
        let at = HEADER + bucket(hash) * 4;
        let range = read_u32(self.bytes, at)
            .zip(read_u32(self.bytes, at + 4))
            .map_or(0..0, |(from, to)| {
                HEADER + STARTS + from as usize * PAIR..HEADER + STARTS + to as usize * PAIR
            });
        self.bytes
            .get(range)
            .unwrap_or_default()
            .chunks_exact(PAIR)
            .filter_map(|pair| Some((read_u32(pair, 0)?, read_u32(pair, 4)?)))
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

        /// A built table reads back, bucket by bucket, the pairs grouping gives; its key is
        /// that of its words and settings.
        #[test]
        fn a_built_table_reads_back_its_pairs(
            words in prop::collection::vec("[a-zé]{0,9}", 0..40),
            max_distance in 0usize..3,
            prefix_len in 1usize..9,
        ) {
            let table_bytes = build(&words, max_distance, prefix_len);
            let table = DeletionTable::new(&table_bytes);
            prop_assert_eq!(table.key(), Some(key(&words, max_distance, prefix_len)));
            let (pairs, starts) = group_by_bucket(&words, |word, out| {
                if word.is_ascii() {
                    deletion_hashes(prefix(word.as_bytes(), prefix_len), max_distance, out);
                }
            });
            for b in 0..1usize << BUCKET_BITS {
                let read: Vec<(u32, u32)> = table.bucket((b as u64) << (64 - BUCKET_BITS)).collect();
                prop_assert_eq!(&read[..], &pairs[starts[b] as usize..starts[b + 1] as usize]);
            }
        }
    }

    #[test]
    fn keys_tell_words_order_and_settings_apart() {
        let base = key(&["the", "of"], 2, 7);
        assert_ne!(base, key(&["of", "the"], 2, 7));
        assert_ne!(base, key(&["theof"], 2, 7));
        assert_ne!(base, key(&["the", "of"], 1, 7));
        assert_ne!(base, key(&["the", "of"], 2, 6));
        assert_eq!(base, key(&[String::from("the"), String::from("of")], 2, 7));
    }

    #[test]
    fn bytes_in_another_layout_read_as_an_empty_table() {
        let table = DeletionTable::new(&[1, 2, 3]);
        assert_eq!(table.key(), None);
        assert_eq!(table.bucket(u64::MAX).count(), 0);
    }
}
