//! Bytes to text.

use std::borrow::Cow;

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
