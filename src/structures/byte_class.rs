//! Bytes tested in bulk, for scans of every word of a text. Classes of single bytes are
//! tables of 256 entries, one load per byte where the range tests of
//! `u8::is_ascii_alphanumeric` and the like cost several instructions. Eight bytes at a time,
//! read as a `u64`: the end of a run of word bytes (the tokenizer's words, the repetition
//! check's chunks), capitals and small letters, lower-casing, and a word's ending
//! ([`Tail`]). A loop over a word's bytes ends after a different count for each word, a
//! branch the processor often mispredicts; these tests have none.

/// A table of 256 entries, true for the bytes `$byte` for which `$test` holds; built at
/// compile time.
macro_rules! byte_table {
    ($byte:ident => $test:expr) => {{
        let mut table = [false; 256];
        let mut index = 0;
        while index < 256 {
            let $byte = index as u8;
            // In bounds: `index` is below 256, the table's length.
            #[allow(clippy::indexing_slicing)]
            {
                table[index] = $test;
            }
            index += 1;
        }
        table
    }};
}

/// ASCII letters and digits.
const ASCII_ALPHANUMERIC: [bool; 256] = byte_table!(byte => byte.is_ascii_alphanumeric());

/// Whether `byte` is ASCII white space as `char::is_whitespace` has it: a space, or a tab to a
/// carriage return (`\t`, `\n`, vertical tab, form feed, `\r`).
const fn is_space_byte(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// ASCII white space.
const ASCII_SPACE: [bool; 256] = byte_table!(byte => is_space_byte(byte));

/// Bytes that end a run of ASCII other than white space: white space, and the bytes of
/// characters beyond ASCII.
const NOT_ASCII_OR_SPACE: [bool; 256] =
    byte_table!(byte => !byte.is_ascii() || is_space_byte(byte));

/// Whether `byte` is an ASCII letter or digit.
pub fn is_ascii_alphanumeric(byte: u8) -> bool {
    ASCII_ALPHANUMERIC.get(usize::from(byte)) == Some(&true)
}

/// Whether `byte` is ASCII white space as `char::is_whitespace` has it (a space, or a tab to
/// a carriage return), read from a table.
pub fn is_ascii_space(byte: u8) -> bool {
    ASCII_SPACE.get(usize::from(byte)) == Some(&true)
}

/// Whether `byte` is ASCII white space or part of a character beyond ASCII.
fn is_space_or_beyond_ascii(byte: u8) -> bool {
    NOT_ASCII_OR_SPACE.get(usize::from(byte)) == Some(&true)
}

/// Each byte's lowest bit.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// Each byte's highest bit: set in the bytes of characters beyond ASCII.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `ascii` (bytes below 0x80) that is `low` or more. Adding
/// `0x80 - low` to a byte below 0x80 carries into no other byte.
fn at_least(ascii: u64, low: u8) -> u64 {
    ascii.wrapping_add(LOW_BITS * u64::from(0x80 - low)) & HIGH_BITS
}

/// The high bit of each byte of `ascii` (bytes below 0x80) from `low` to `high` (below 0x7f).
fn between(ascii: u64, low: u8, high: u8) -> u64 {
    at_least(ascii, low) & !at_least(ascii, high + 1)
}

/// The high bit of each of eight bytes that is an ASCII capital.
pub fn ascii_capitals_u64(bytes: u64) -> u64 {
    between(bytes & !HIGH_BITS, b'A', b'Z') & !bytes
}

/// The high bit of each of eight bytes that is an ASCII small letter.
pub fn ascii_small_letters_u64(bytes: u64) -> u64 {
    between(bytes & !HIGH_BITS, b'a', b'z') & !bytes
}

/// Eight bytes with their ASCII capitals lowered, as `u8::to_ascii_lowercase` lowers each:
/// a capital's bit of 0x20 is set, other bytes are left as they are.
pub fn ascii_lowercase_u64(bytes: u64) -> u64 {
    bytes | (ascii_capitals_u64(bytes) >> 2)
}

/// Whether none of eight bytes is beyond ASCII.
pub fn is_ascii_u64(bytes: u64) -> bool {
    bytes & HIGH_BITS == 0
}

/// The last eight bytes of a word, read from the text around it, for tests of its ending:
/// `str::ends_with` compares the word's length first, a branch that varies from word to word
/// and is often mispredicted; here the length test and the comparison are both made, with no
/// branch between them.
#[derive(Clone, Copy, Debug)]
pub struct Tail {
    /// The eight bytes that end where the word ends, the last one highest; bytes before the
    /// start of the text are zero.
    bytes: u64,
    /// The word's length in bytes.
    length: usize,
}

impl Tail {
    /// The tail of the word `text[span]`.
    pub fn of(text: &str, span: std::ops::Range<usize>) -> Tail {
        let bytes = text.as_bytes();
        let end = span.end;
        let window = end.checked_sub(8).and_then(|start| bytes.get(start..end));
        let tail = match window {
            Some(window) => {
                let mut block = [0u8; 8];
                block.copy_from_slice(window);
                u64::from_le_bytes(block)
            }
            // Within eight bytes of the text's start: the bytes there, shifted up.
            None => bytes
                .get(..end)
                .unwrap_or_default()
                .iter()
                .fold(0u64, |tail, &b| tail >> 8 | u64::from(b) << 56),
        };
        Tail {
            bytes: tail,
            length: span.len(),
        }
    }

    /// Whether the word ends with `suffix`, of at most eight bytes (a longer one: false).
    #[inline]
    pub fn ends_with(self, suffix: &str) -> bool {
        let suffix = suffix.as_bytes();
        let Some(shift) = 8usize.checked_sub(suffix.len()).map(|free| 8 * free as u32) else {
            return false;
        };
        let wanted = suffix
            .iter()
            .rev()
            .fold(0u64, |value, &b| value << 8 | u64::from(b))
            .checked_shl(shift)
            .unwrap_or(0);
        let mask = u64::MAX.checked_shl(shift).unwrap_or(0);
        (self.length >= suffix.len()) & (self.bytes & mask == wanted)
    }
}

/// The length of the run of bytes at the start of `bytes` for which `stops` finds no stop:
/// eight bytes at a time, `stops` giving the high bit of each stopping byte of a block read
/// as a little-endian number, then byte by byte with `is_stop`. A run ends where a test does,
/// not at a branch taken a different number of times for each word, which the processor
/// cannot predict.
fn run_length(bytes: &[u8], stops: impl Fn(u64) -> u64, is_stop: impl Fn(u8) -> bool) -> usize {
    let mut blocks = bytes.chunks_exact(8);
    let mut length = 0;
    for block in &mut blocks {
        let mut word = [0; 8];
        word.copy_from_slice(block);
        let stop = stops(u64::from_le_bytes(word));
        if stop != 0 {
            return length + (stop.trailing_zeros() / 8) as usize;
        }
        length += 8;
    }
    let rest = blocks.remainder();
    length + rest.iter().position(|&b| is_stop(b)).unwrap_or(rest.len())
}

/// The length of the run of ASCII letters and digits that `bytes` starts with.
pub fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    run_length(
        bytes,
        |word| {
            let ascii = word & !HIGH_BITS;
            // Setting the bit of 0x20 turns capitals into small letters and leaves digits.
            let alphanumeric =
                between(ascii | (LOW_BITS * 0x20), b'a', b'z') | between(ascii, b'0', b'9');
            (word & HIGH_BITS) | (!alphanumeric & HIGH_BITS)
        },
        |b| !is_ascii_alphanumeric(b),
    )
}

/// The length of the run of ASCII other than white space that `bytes` starts with.
pub fn ascii_non_space_run(bytes: &[u8]) -> usize {
    run_length(
        bytes,
        |word| {
            let ascii = word & !HIGH_BITS;
            let space = between(ascii, b'\t', b'\r') | between(ascii, b' ', b' ');
            (word & HIGH_BITS) | space
        },
        is_space_or_beyond_ascii,
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn scanned_alphanumeric_run(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len())
    }

    fn scanned_non_space_run(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| !b.is_ascii() || matches!(b, b' ' | b'\t'..=b'\r'))
            .unwrap_or(bytes.len())
    }

    proptest! {
        /// The runs read eight bytes at a time end where a byte-by-byte scan ends them.
        #[test]
        fn runs_end_where_a_byte_scan_ends_them(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(ascii_alphanumeric_run(&bytes), scanned_alphanumeric_run(&bytes));
            prop_assert_eq!(ascii_non_space_run(&bytes), scanned_non_space_run(&bytes));
        }

        /// So they do after long runs of letters and digits, followed by any byte.
        #[test]
        fn long_runs_end_where_a_byte_scan_ends_them(
            word in "[a-zA-Z0-9.,'-]{0,30}",
            after in any::<u8>(),
            tail in "[a-z ]{0,9}",
        ) {
            let mut bytes = word.into_bytes();
            bytes.push(after);
            bytes.extend_from_slice(tail.as_bytes());
            prop_assert_eq!(ascii_alphanumeric_run(&bytes), scanned_alphanumeric_run(&bytes));
            prop_assert_eq!(ascii_non_space_run(&bytes), scanned_non_space_run(&bytes));
        }
    }

    proptest! {
        /// Eight bytes lowered together are the bytes lowered one by one.
        #[test]
        fn eight_bytes_lower_as_each_byte_does(bytes in any::<[u8; 8]>()) {
            let lowered = bytes.map(|b| b.to_ascii_lowercase());
            prop_assert_eq!(ascii_lowercase_u64(u64::from_le_bytes(bytes)), u64::from_le_bytes(lowered));
            prop_assert_eq!(is_ascii_u64(u64::from_le_bytes(bytes)), bytes.is_ascii());
            let high_bits = |test: fn(&u8) -> bool| {
                u64::from_le_bytes(bytes.map(|b| if test(&b) { 0x80 } else { 0 }))
            };
            prop_assert_eq!(
                ascii_capitals_u64(u64::from_le_bytes(bytes)),
                high_bits(u8::is_ascii_uppercase)
            );
            prop_assert_eq!(
                ascii_small_letters_u64(u64::from_le_bytes(bytes)),
                high_bits(u8::is_ascii_lowercase)
            );
        }
    }

    proptest! {
        /// A word's tail ends with a suffix as the word does, wherever the word is.
        #[test]
        fn tails_end_as_their_words_do(
            text in "([a-z]|n't|n’t|'s|’s|'|’| ){0,12}",
            from in 0usize..60,
            length in 0usize..12,
            suffix in "(n't|n’t|'s|’s|'|’|t|s)",
        ) {
            let start = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (start..=(start + length).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(start);
            let word = &text[start..end];
            prop_assert_eq!(Tail::of(&text, start..end).ends_with(&suffix), word.ends_with(suffix.as_str()), "{:?}", word);
        }
    }

    #[test]
    fn tables_agree_with_the_tests_they_replace() {
        for byte in 0..=u8::MAX {
            let space = matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
            assert_eq!(
                is_ascii_alphanumeric(byte),
                byte.is_ascii_alphanumeric(),
                "{byte}"
            );
            assert_eq!(is_ascii_space(byte), space, "{byte}");
            assert_eq!(
                is_space_or_beyond_ascii(byte),
                space || !byte.is_ascii(),
                "{byte}"
            );
        }
    }
}
