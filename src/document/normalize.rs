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
    if is_nfc_quick(body.chars()) == IsNormalized::Yes {
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

#[cfg(test)]
mod tests {
    use super::*;

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
