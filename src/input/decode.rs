//! Bytes to text: UTF-8 (invalid sequences replaced), UTF-16 with a byte order mark, and a map
//! from offsets in the decoded text back to the bytes of the input.

use std::borrow::Cow;

/// How offsets into a decoded text map back to the bytes it was decoded from. Reports give
/// byte offsets into the input as it is on disk, not into the text mtlint checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ByteMap {
    /// The text is the input's bytes: valid UTF-8.
    #[default]
    Identity,
    /// UTF-8 with invalid sequences, each replaced by U+FFFD: the (text, input) offsets just
    /// after each replacement; between two of them, offsets move together.
    Replaced(Vec<(usize, usize)>),
    /// UTF-16 (either byte order): (text, input) offsets at char boundaries every few
    /// kilobytes; from one of them, each char counts its UTF-16 length twice.
    Utf16(Vec<(usize, usize)>),
}

/// How far apart the checkpoints of a UTF-16 map are, in bytes of text.
const UTF16_CHECKPOINT: usize = 4096;

impl ByteMap {
    /// The offset in the input's bytes of `offset`, a byte offset into `text` (the text this
    /// map was built with).
    pub fn to_input(&self, text: &str, offset: usize) -> usize {
        let anchors = match self {
            ByteMap::Identity => return offset,
            ByteMap::Replaced(anchors) | ByteMap::Utf16(anchors) => anchors,
        };
        let before = anchors.partition_point(|&(at, _)| at <= offset);
        let (text_at, input_at) = before
            .checked_sub(1)
            .and_then(|i| anchors.get(i))
            .copied()
            .unwrap_or((0, 0));
        match self {
            ByteMap::Utf16(_) => {
                let stretch = text.get(text_at..offset.min(text.len())).unwrap_or("");
                input_at + stretch.chars().map(|c| 2 * c.len_utf16()).sum::<usize>()
            }
            _ => input_at + (offset - text_at),
        }
    }
}

/// A decoded input: its text, the warnings decoding gave, and the map back to its bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// What was replaced or how the bytes were read, when it is not plain UTF-8.
    pub warning: Option<String>,
    /// Offsets in `text` to offsets in the bytes.
    pub byte_map: ByteMap,
}

/// Decodes a file's bytes: UTF-16 when they start with its byte order mark, else UTF-8 with
/// invalid sequences replaced by U+FFFD.
pub fn decode_input(bytes: Vec<u8>) -> Decoded {
    let utf16 = match bytes.get(..2) {
        Some([0xff, 0xfe]) => Some((false, "UTF-16LE")),
        Some([0xfe, 0xff]) => Some((true, "UTF-16BE")),
        _ => None,
    };
    if let Some((big_endian, name)) = utf16 {
        return decode_utf16(&bytes, big_endian, name);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            ..Decoded::default()
        },
        Err(e) => {
            let bytes = e.into_bytes();
            let mut text = String::with_capacity(bytes.len() + 16);
            let mut anchors = Vec::new();
            let mut input = 0;
            let mut first_invalid = None;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                input += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    first_invalid.get_or_insert(input);
                    text.push(char::REPLACEMENT_CHARACTER);
                    input += chunk.invalid().len();
                    anchors.push((text.len(), input));
                }
            }
            Decoded {
                text,
                warning: Some(format!(
                    "invalid UTF-8 at byte {}: replaced with U+FFFD",
                    first_invalid.unwrap_or(0)
                )),
                byte_map: ByteMap::Replaced(anchors),
            }
        }
    }
}

/// Decodes UTF-16 (its byte order mark kept as U+FEFF, which the checks pass over); unpaired
/// surrogates and an odd last byte become U+FFFD.
fn decode_utf16(bytes: &[u8], big_endian: bool, name: &str) -> Decoded {
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0xfffd,
    });
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut anchors = vec![(0, 0)];
    let (mut input, mut replaced) = (0, false);
    for c in char::decode_utf16(units) {
        // An unpaired surrogate, one unit long, becomes one U+FFFD, also one unit long.
        let c = c.unwrap_or_else(|_| {
            replaced = true;
            char::REPLACEMENT_CHARACTER
        });
        if text.len() >= anchors.last().map_or(0, |&(at, _)| at) + UTF16_CHECKPOINT {
            anchors.push((text.len(), input));
        }
        text.push(c);
        input += 2 * c.len_utf16();
    }
    if bytes.len() % 2 == 1 {
        replaced = true;
        text.push(char::REPLACEMENT_CHARACTER);
    }
    let mut warning = format!("read as {name} (byte order mark)");
    if replaced {
        warning.push_str(" (invalid sequences replaced with U+FFFD)");
    }
    Decoded {
        text,
        warning: Some(warning),
        byte_map: ByteMap::Utf16(anchors),
    }
}

/// Decodes `bytes` as UTF-8, borrowing them when they are valid; invalid sequences become
/// U+FFFD and a warning says where the first one was.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(e) => (
            String::from_utf8_lossy(bytes),
            Some(format!(
                "invalid UTF-8 at byte {}: replaced with U+FFFD",
                e.valid_up_to()
            )),
        ),
    }
}

/// [`decode`] for bytes the caller gives up: valid text keeps their buffer, uncopied.
pub fn decode_owned(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let (text, warning) = decode(e.as_bytes());
            (text.into_owned(), warning)
        }
    }
}

/// How much of a file is looked at to tell binary from text.
const SAMPLE: usize = 8 * 1024;

/// Why `bytes` look like a binary file rather than text, if they do: judged on the first
/// 8 KB, by NUL bytes (more than four and more than 1 in 100), other control bytes (more than
/// 1 in 10, tab, line breaks and form feed aside) or bytes that are not UTF-8 (more than 1 in
/// 10). A text with a stray NUL or a few bad bytes is still text.
pub fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    let sample = bytes.get(..SAMPLE).unwrap_or(bytes);
    if sample.is_empty() {
        return None;
    }
    let (nul, control) = sample.iter().fold((0usize, 0usize), |(nul, control), &b| {
        let other_control = b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0);
        (
            nul + usize::from(b == 0),
            control + usize::from(other_control),
        )
    });
    // Valid UTF-8 (the usual case) is checked without building a replaced copy.
    let invalid = match std::str::from_utf8(sample) {
        Ok(_) => 0,
        Err(_) => String::from_utf8_lossy(sample)
            .chars()
            .filter(|&c| c == char::REPLACEMENT_CHARACTER)
            .count(),
    };
    if nul > 4 && nul * 100 > sample.len() {
        Some("NUL bytes")
    } else if control * 10 > sample.len() {
        Some("control bytes")
    } else if invalid * 10 > sample.len() {
        Some("mostly not UTF-8")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_told_from_text_with_a_few_odd_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        assert_eq!(binary_reason(png), Some("NUL bytes"));
        let random: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
            .collect();
        assert_eq!(binary_reason(&random), Some("mostly not UTF-8"));
        let text = "The council met on Monday to approve the budget for the port, the ferries and \
                    the roads.\0 A stray NUL and caf\u{e9} are still text.\n"
            .repeat(20);
        assert_eq!(binary_reason(text.as_bytes()), None);
        assert_eq!(binary_reason(b""), None);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text_and_offsets_map_back() {
        let text = "\u{feff}Caf\u{e9} \u{1f600} ok\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let decoded = decode_input(bytes.clone());
            assert_eq!(decoded.text, text);
            assert!(decoded.warning.unwrap().contains(name));
            let ok = decoded.text.find("ok").unwrap();
            // BOM 2, "Café " 10, the emoji 4, the space 2.
            assert_eq!(decoded.byte_map.to_input(&decoded.text, ok), 18);
            assert_eq!(
                decoded.byte_map.to_input(&decoded.text, text.len()),
                bytes.len()
            );
        }
        assert_eq!(
            binary_reason(
                &text
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>()
            ),
            Some("NUL bytes")
        );
    }

    #[test]
    fn replaced_bytes_map_back_to_the_input() {
        let decoded = decode_input(b"a\xff\xfeb caf\xe9 end".to_vec());
        assert_eq!(decoded.text, "a\u{fffd}\u{fffd}b caf\u{fffd} end");
        let map = |s: &str| {
            decoded
                .byte_map
                .to_input(&decoded.text, decoded.text.find(s).unwrap())
        };
        assert_eq!(map("b caf"), 3);
        assert_eq!(map(" end"), 9);
        assert!(decoded.warning.unwrap().contains("byte 1"));
        let clean = decode_input(b"plain".to_vec());
        assert_eq!((clean.byte_map, clean.warning), (ByteMap::Identity, None));
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, warning) = decode(b"caf\xe9 noir");
        assert_eq!(text, "caf\u{fffd} noir");
        assert!(warning.unwrap().contains("byte 3"));
        assert_eq!(decode("ok".as_bytes()), (Cow::Borrowed("ok"), None));
        let (text, warning) = decode_owned(b"caf\xe9 noir".to_vec());
        assert_eq!(text, "caf\u{fffd} noir");
        assert!(warning.unwrap().contains("byte 3"));
        assert_eq!(decode_owned(b"ok".to_vec()), ("ok".to_owned(), None));
    }
}
