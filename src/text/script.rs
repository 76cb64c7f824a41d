//! Writing systems: which letters are Latin.

/// [`char::is_alphabetic`], without its table lookup for the letters of the blocks that hold
/// nothing else (Chinese characters, Hangul syllables, the basic Cyrillic alphabet): the
/// bilingual checks ask it of every character of every source.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{0410}'..='\u{044F}' => true,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_alphanumeric`], the same way as [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{0410}'..='\u{044F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c` is a letter of the Latin script (Basic Latin, Latin-1, Latin Extended A/B and
/// Additional, IPA extensions and the small Latin ligatures).
pub fn is_latin_letter(c: char) -> bool {
    is_letter(c)
        && matches!(c as u32,
            0x41..=0x5A | 0x61..=0x7A | 0xAA | 0xBA | 0xC0..=0x24F | 0x250..=0x2AF
            | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF
            | 0xFB00..=0xFB06 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Whether `c` is a letter of another script (Han, Cyrillic, Arabic, Devanagari…).
pub fn is_foreign_script_letter(c: char) -> bool {
    is_letter(c) && !is_latin_letter(c)
}

/// Whether most letters of `text` belong to another script than Latin: a paragraph or a
/// document that is not English prose, whose punctuation and layout follow other rules.
pub fn mostly_foreign_script(text: &str) -> bool {
    // A letter of another script takes two bytes or more, so there are no more of them than
    // chars outside ASCII (counted by their lead bytes). When ASCII letters alone are as many,
    // the text is not mostly foreign: one pass over the bytes, no char decoded.
    let (ascii_letters, non_ascii) = text.bytes().fold((0usize, 0usize), |(a, n), b| {
        (
            a + usize::from(b.is_ascii_alphabetic()),
            n + usize::from(b >= 0xC0),
        )
    });
    if ascii_letters >= non_ascii {
        return false;
    }
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
        } else if is_latin_letter(c) {
            latin += 1;
        } else if is_letter(c) {
            other += 1;
        }
    }
    other > latin
}

/// The words a text mostly in another script writes in Latin letters, with their byte offsets:
/// names, brands and addresses a translation copies as they are (`ZMapp`, `Xbox`, `krd.ru`).
/// Only words of three letters or more with a lower-case one: acronyms and units are often
/// written out. None in a text mostly in Latin letters.
pub fn copied_latin_words(text: &str) -> Vec<(usize, &str)> {
    if !mostly_foreign_script(text) {
        return Vec::new();
    }
    let word_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut words = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive(|c: char| !word_char(c)) {
        let start = at;
        at += piece.len();
        let word = piece
            .trim_end_matches(|c: char| !word_char(c))
            .trim_end_matches(['.', '-']);
        if word.chars().filter(char::is_ascii_alphabetic).count() >= 3
            && word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word.chars().any(|c| c.is_ascii_lowercase())
        {
            words.push((start, word));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn letters_and_digits_are_the_standard_library_s_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Every char read and classified: the reference for the byte count's early answer.
    fn mostly_foreign_char_by_char(text: &str) -> bool {
        let latin = text.chars().filter(|&c| is_latin_letter(c)).count();
        let other = text
            .chars()
            .filter(|&c| is_foreign_script_letter(c))
            .count();
        other > latin
    }

    proptest! {
        /// The early answer from byte counts never differs from reading every char.
        #[test]
        fn mostly_foreign_equals_the_char_by_char_reading(
            text in r#"([a-zA-Z .,“”é]|[\u{400}-\u{45f}]|[\u{4e00}-\u{4e20}]|\PC){0,60}"#,
        ) {
            prop_assert_eq!(mostly_foreign_script(&text), mostly_foreign_char_by_char(&text));
        }
    }

    #[test]
    fn latin_includes_accented_letters_and_excludes_other_scripts() {
        for c in ['a', 'Z', 'é', 'ł', 'ř', 'ẞ', 'ß'] {
            assert!(is_latin_letter(c), "{c}");
        }
        for c in ['猫', 'д', 'ع', 'क', 'あ', 'Ω'] {
            assert!(is_foreign_script_letter(c), "{c}");
        }
        assert!(!is_foreign_script_letter('1'));
        assert!(mostly_foreign_script("Министр сказал: yes"));
        assert!(!mostly_foreign_script("The minister said: да"));
    }
}
