//! Bytes to text.

/// Decodes `bytes` as UTF-8; invalid sequences become U+FFFD and a warning says where the first
/// one was.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(format!(
                "invalid UTF-8 at byte {}: replaced with U+FFFD",
                e.valid_up_to()
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, warning) = decode(b"caf\xe9 noir");
        assert_eq!(text, "caf\u{fffd} noir");
        assert!(warning.unwrap().contains("byte 3"));
        assert_eq!(decode("ok".as_bytes()), ("ok".to_owned(), None));
    }
}
