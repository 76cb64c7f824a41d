//! Word tables in one flat layout of bytes: an open-addressing hash table of the entries, each
//! with a mask of the files it comes from. `build.rs` builds one table of the word lists
//! shipped under `rules/` (so loading them costs nothing at run time) and a user's lists are
//! built into the same layout when they load. This file is compiled into both, so it uses only
//! `std`.
//!
//! Layout, little-endian: the number of slot bits `b` and the number of entries (`u32` each);
//! `2^b` slots (`u32`: 0 for an empty slot, else one more than the offset of an entry's record
//! from the end of the slots); then the records: the entry's length (`u16`), its mask (`u32`)
//! and its bytes. Slots outnumber entries at least two to one, so a probe meets an empty slot.

use std::borrow::Cow;
use std::collections::HashMap;

/// Bytes before the slots.
const HEADER: usize = 8;
/// Bytes of a record before its entry's bytes.
const RECORD_HEADER: usize = 6;

/// The entries of a word list file: lines trimmed, blank lines and `#` comments left out, an
/// entry with capitals lower-cased (lists are looked up by lower-case words), and an entry of
/// 64 KB or more left out.
pub fn entries(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let capitals = if line.is_ascii() {
                line.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                line.chars().any(char::is_uppercase)
            };
            if capitals {
                Cow::Owned(line.to_lowercase())
            } else {
                Cow::Borrowed(line)
            }
        })
        .filter(|entry| u16::try_from(entry.len()).is_ok())
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

/// A hash of `bytes` that is the same on every machine and in every build (the table is built
/// on one and read on another): eight bytes at a time, then mixed.
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const MIX: u64 = 0xff51_afd7_ed55_8ccd;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^= h >> 29;
    }
    let mut last = [0u8; 8];
    for (to, from) in last.iter_mut().zip(chunks.remainder()) {
        *to = *from;
    }
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^= h >> 32;
    h = h.wrapping_mul(MIX);
    h ^ (h >> 29)
}

/// Builds the table of `entries` (an entry and the mask of its file); an entry given several
/// times gets the union of its masks. Entries of 64 KB or more are left out.
pub fn build<'e>(entries: impl IntoIterator<Item = (Cow<'e, str>, u32)>) -> Vec<u8> {
    let mut order: Vec<(Cow<'e, str>, u32)> = Vec::new();
    let mut index: HashMap<Cow<'e, str>, usize> = HashMap::new();
    for (entry, mask) in entries {
        if u16::try_from(entry.len()).is_err() {
            continue;
        }
        match index.get(&entry) {
            Some(&i) => {
                if let Some(seen) = order.get_mut(i) {
                    seen.1 |= mask;
                }
            }
            None => {
                index.insert(entry.clone(), order.len());
                order.push((entry, mask));
            }
        }
    }
    let bits = (order.len() * 2)
        .max(2)
        .next_power_of_two()
        .trailing_zeros();
    let slots = 1usize << bits;
    let mut table = Vec::new();
    table.extend_from_slice(&bits.to_le_bytes());
    table.extend_from_slice(&u32::try_from(order.len()).unwrap_or(u32::MAX).to_le_bytes());
    table.resize(HEADER + 4 * slots, 0);
    let mut records = Vec::new();
    for (entry, mask) in &order {
        let Ok(slot_value) = u32::try_from(records.len() + 1) else {
            break;
        };
        let mut i = slot_of(hash(entry.as_bytes()), bits);
        while read_u32(&table, HEADER + 4 * i).is_some_and(|taken| taken != 0) {
            i = (i + 1) & (slots - 1);
        }
        if let Some(slot) = table.get_mut(HEADER + 4 * i..HEADER + 4 * i + 4) {
            slot.copy_from_slice(&slot_value.to_le_bytes());
        }
        let len = u16::try_from(entry.len()).unwrap_or(0);
        records.extend_from_slice(&len.to_le_bytes());
        records.extend_from_slice(&mask.to_le_bytes());
        records.extend_from_slice(entry.as_bytes());
    }
    table.extend_from_slice(&records);
    table
}

/// The slot a hash starts probing at: its top `bits` bits.
fn slot_of(hash: u64, bits: u32) -> usize {
    usize::try_from(hash.checked_shr(64 - bits).unwrap_or(0)).unwrap_or(0)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let mut word = [0u8; 4];
    word.copy_from_slice(bytes.get(at..at + 4)?);
    Some(u32::from_le_bytes(word))
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let mut word = [0u8; 2];
    word.copy_from_slice(bytes.get(at..at + 2)?);
    Some(u16::from_le_bytes(word))
}

/// A table in the layout above, over bytes built by [`build`].
#[derive(Clone, Copy, Debug)]
pub struct WordTable<'t> {
    bytes: &'t [u8],
    bits: u32,
    records: usize,
}

impl<'t> WordTable<'t> {
    /// Reads the header of a table built by [`build`]; bytes too short for one give an empty
    /// table.
    pub fn new(bytes: &'t [u8]) -> WordTable<'t> {
        let bits = read_u32(bytes, 0)
            .filter(|&b| (1..32).contains(&b))
            .unwrap_or(0);
        let records = if bits == 0 {
            bytes.len()
        } else {
            HEADER + 4 * (1usize << bits)
        };
        WordTable {
            bytes,
            bits,
            records,
        }
    }

    /// The mask of the files `word` is an entry of (0 when it is in none), probing from the
    /// slot of `hash`, which is [`hash`] of the word (computed once for several tables).
    pub fn mask_of(&self, word: &str, hash: u64) -> u32 {
        if self.bits == 0 {
            return 0;
        }
        let slots = 1usize << self.bits;
        let mut i = slot_of(hash, self.bits);
        for _ in 0..slots {
            let Some(value) = read_u32(self.bytes, HEADER + 4 * i).filter(|&v| v != 0) else {
                return 0;
            };
            let at = self.records + value as usize - 1;
            let len = read_u16(self.bytes, at).map_or(0, usize::from);
            let start = at + RECORD_HEADER;
            if self.bytes.get(start..start + len) == Some(word.as_bytes()) {
                return read_u32(self.bytes, at + 2).unwrap_or(0);
            }
            i = (i + 1) & (slots - 1);
        }
        0
    }

    /// Each entry with its mask, in the order they were built.
    pub fn entries(&self) -> impl Iterator<Item = (&'t str, u32)> + 't {
        let bytes = self.bytes;
        let count = read_u32(bytes, 4).unwrap_or(0);
        let mut at = self.records;
        (0..count).map_while(move |_| {
            let len = usize::from(read_u16(bytes, at)?);
            let mask = read_u32(bytes, at + 2)?;
            let start = at + RECORD_HEADER;
            let entry = std::str::from_utf8(bytes.get(start..start + len)?).ok()?;
            at = start + len;
            Some((entry, mask))
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A table finds each entry with the union of its masks, and nothing else.
        #[test]
        fn tables_find_their_entries_and_nothing_else(
            entries in prop::collection::vec(("[a-dé]{0,6}", 0u32..4), 0..60),
            probes in prop::collection::vec("[a-dé]{0,6}", 0..20),
        ) {
            let mut expected: BTreeMap<String, u32> = BTreeMap::new();
            for (entry, bit) in &entries {
                *expected.entry(entry.clone()).or_default() |= 1 << bit;
            }
            let bytes = build(entries.iter().map(|(e, bit)| (Cow::Borrowed(e.as_str()), 1 << bit)));
            let table = WordTable::new(&bytes);
            for word in expected.keys().chain(&probes) {
                let mask = expected.get(word).copied().unwrap_or(0);
                prop_assert_eq!(table.mask_of(word, hash(word.as_bytes())), mask, "{}", word);
            }
            let listed: BTreeMap<String, u32> =
                table.entries().map(|(e, m)| (e.to_owned(), m)).collect();
            prop_assert_eq!(listed, expected);
        }
    }

    #[test]
    fn ranked_words_keep_the_lower_case_words_in_order() {
        let text = "# counts\nthe 100\n\n  of 90\nParis 80\ncafé 70\nand\n";
        assert_eq!(ranked_words(text).collect::<Vec<_>>(), ["the", "of", "and"]);
    }

    #[test]
    fn entries_are_trimmed_lower_case_lines_without_comments() {
        let text = "# a comment\n  Paris \n\nrue\n\u{c9}T\u{c9}\r\n";
        let found: Vec<Cow<'_, str>> = entries(text).collect();
        assert_eq!(found, ["paris", "rue", "\u{e9}t\u{e9}"]);
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let bytes = build(std::iter::empty());
        assert_eq!(WordTable::new(&bytes).mask_of("a", hash(b"a")), 0);
        assert_eq!(WordTable::new(&[]).mask_of("a", hash(b"a")), 0);
        assert_eq!(WordTable::new(&[]).entries().count(), 0);
    }
}
