//! Unicode NFC normalization of the original text, with the offset map back to it.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::offsets::OffsetMap;

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The text the checks see and how it maps onto the original: `None` when the original is
/// already NFC and has no byte order mark, so the checks read the original itself.
pub fn normalize(original: &str) -> (Option<String>, OffsetMap) {
    let body_start = if original.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };
    let body = &original[body_start..];
    if is_nfc_quick(ascii_runs_folded(body)) == IsNormalized::Yes {
        let map = OffsetMap::identity(body_start, body.len());
        let text = (body_start > 0).then(|| body.to_owned());
        return (text, map);
    }
    // Normalize cluster by cluster, so that every rewritten run is one user-perceived character
    // and a span never splits what a reader sees as a letter.
    let mut text = String::with_capacity(body.len());
    let mut map = OffsetMap::default();
    for (offset, cluster) in body.grapheme_indices(true) {
        let orig_start = body_start + offset;
        if is_nfc(cluster) {
            text.push_str(cluster);
            map.push_verbatim(orig_start, cluster.len());
        } else {
            let before = text.len();
            text.extend(cluster.nfc());
            map.push_rewritten(orig_start..orig_start + cluster.len(), text.len() - before);
        }
    }
    (Some(text), map)
}

/// The characters of `text` with each run of ASCII given as one `a`: ASCII is always NFC and
/// of combining class 0, so the quick check answers the same, without decoding every byte.
fn ascii_runs_folded(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        if ascii > 0 {
            rest = rest.get(ascii..).unwrap_or_default();
            return Some('a');
        }
        let c = rest.chars().next()?;
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        Some(c)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Folding ASCII runs never changes the quick check's answer, around combining marks
        /// of every class and composable pairs.
        #[test]
        fn folded_ascii_runs_keep_the_quick_check(
            text in "(a|e|Z| |\u{301}|\u{316}|\u{327}|\u{338}|é|\u{1100}|\u{1161}|ﬁ|Å|\u{212b}){0,12}"
        ) {
            prop_assert_eq!(is_nfc_quick(ascii_runs_folded(&text)), is_nfc_quick(text.chars()));
        }
    }

    #[test]
    fn nfc_text_is_not_copied() {
        let (text, map) = normalize("Déjà vu");
        assert!(text.is_none());
        assert_eq!(map.to_original(0..3), 0..3);
    }

    #[test]
    fn decomposed_letters_are_composed_and_mapped_back() {
        let original = "Cafe\u{301} au lait";
        let (text, map) = normalize(original);
        let text = text.unwrap();
        assert_eq!(text, "Café au lait");
        let e_acute = text.find('é').unwrap();
        let span = map.to_original(e_acute..e_acute + 'é'.len_utf8());
        assert_eq!(&original[span], "e\u{301}");
        let lait = text.find("lait").unwrap();
        assert_eq!(&original[map.to_original(lait..lait + 4)], "lait");
    }

    #[test]
    fn byte_order_mark_is_dropped_from_the_checked_text() {
        let (text, map) = normalize("\u{feff}Hello");
        assert_eq!(text.as_deref(), Some("Hello"));
        assert_eq!(map.to_original(0..5), 3..8);
    }
}
