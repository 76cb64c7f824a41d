//! A prefilter for patterns that hold no literal but need a lower-case letter right before a
//! capital (`HomeWorldNews`, `worldNEWS`): such a pattern can only match in a line that has
//! one, and a scan of bytes finds those lines in about half the time the pattern's automaton
//! takes over the whole text.

use std::sync::{Arc, Mutex};

use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};

/// Two classes of characters, one of which is right before one of the other in every match of
/// a pattern; in ASCII, lower-case letters and capitals.
#[derive(Debug, PartialEq, Eq)]
pub struct CaseChange {
    before: ClassUnicode,
    after: ClassUnicode,
}

impl CaseChange {
    /// The pair every match of `pattern` holds, when there is one (two neighbours of a
    /// concatenation the match cannot skip) and its classes hold no ASCII but lower-case
    /// letters before and capitals after. `None` for an invalid pattern, and whenever this is
    /// not certain.
    pub fn of_pattern(pattern: &str) -> Option<CaseChange> {
        let hir = regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .crlf(true)
            .build()
            .parse(pattern)
            .ok()?;
        required_pair(&hir)
    }

    /// The pair every match of `pattern` holds, as [`CaseChange::of_pattern`] finds it, and
    /// the same `Arc` for every pattern with the same pair in the process: the pattern rules
    /// that share one scan a document's lines for it once, between them.
    pub fn shared_of_pattern(pattern: &str) -> Option<Arc<CaseChange>> {
        static SEEN: Mutex<Vec<Arc<CaseChange>>> = Mutex::new(Vec::new());
        let change = CaseChange::of_pattern(pattern)?;
        let Ok(mut seen) = SEEN.lock() else {
            return Some(Arc::new(change));
        };
        if let Some(same) = seen.iter().find(|seen| ***seen == change) {
            return Some(Arc::clone(same));
        }
        let change = Arc::new(change);
        seen.push(Arc::clone(&change));
        Some(change)
    }

    /// Whether `line` holds a character of the first class right before one of the second,
    /// or (the classes' ASCII part) a lower-case ASCII letter before an ASCII capital. An
    /// ASCII line is read 32 bytes at a time; in another, ASCII is read byte by byte and only
    /// the other characters are decoded and looked up.
    pub fn in_line(&self, line: &str) -> bool {
        if line.is_ascii() {
            return ascii_case_change(line.as_bytes());
        }
        let bytes = line.as_bytes();
        let mut before = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if before && b.is_ascii_uppercase() {
                    return true;
                }
                before = b.is_ascii_lowercase();
                i += 1;
            } else {
                let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if before && contains(&self.after, c) {
                    return true;
                }
                before = contains(&self.before, c);
                i += c.len_utf8();
            }
        }
        false
    }
}

/// Whether a class holds `c` (its ranges are sorted and apart).
fn contains(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|range| {
            if range.end() < c {
                std::cmp::Ordering::Less
            } else if range.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The pair of [`CaseChange`] in every match of `hir`.
fn required_pair(hir: &Hir) -> Option<CaseChange> {
    match hir.kind() {
        HirKind::Concat(items) => items
            .windows(2)
            .find_map(|pair| match pair {
                [a, b] => {
                    let before = last_class(a)?;
                    let after = first_class(b)?;
                    let ascii_fits =
                        ascii_within(&before, b'a'..=b'z') && ascii_within(&after, b'A'..=b'Z');
                    ascii_fits.then_some(CaseChange { before, after })
                }
                _ => None,
            })
            .or_else(|| items.iter().find_map(required_pair)),
        HirKind::Capture(capture) => required_pair(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required_pair(&repetition.sub),
        // Each alternative holds its own pair: every match holds one of the union's.
        HirKind::Alternation(alternatives) => {
            let mut pairs = alternatives.iter().map(required_pair);
            let mut union = pairs.next()??;
            for pair in pairs {
                let pair = pair?;
                union.before.union(&pair.before);
                union.after.union(&pair.after);
            }
            Some(union)
        }
        _ => None,
    }
}

/// The class of the first character of every match of `hir`, when it has one.
fn first_class(hir: &Hir) -> Option<ClassUnicode> {
    end_class(hir, <[Hir]>::first)
}

/// The class of the last character of every match of `hir`, when it has one.
fn last_class(hir: &Hir) -> Option<ClassUnicode> {
    end_class(hir, <[Hir]>::last)
}

/// The class of the character at one end of every match of `hir`, when it has one: `end`
/// picks that end's part of a concatenation.
fn end_class(hir: &Hir, end: fn(&[Hir]) -> Option<&Hir>) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        HirKind::Capture(capture) => end_class(&capture.sub, end),
        HirKind::Repetition(repetition) if repetition.min >= 1 => end_class(&repetition.sub, end),
        HirKind::Concat(items) => end(items).and_then(|item| end_class(item, end)),
        _ => None,
    }
}

/// Whether the ASCII characters of `class` are all in `allowed`.
fn ascii_within(class: &ClassUnicode, allowed: std::ops::RangeInclusive<u8>) -> bool {
    class.ranges().iter().all(|range| {
        let (start, end) = (u32::from(range.start()), u32::from(range.end()).min(0x7f));
        start > 0x7f || (start..=end).all(|c| u8::try_from(c).is_ok_and(|b| allowed.contains(&b)))
    })
}

/// An ASCII line's case change: for each block of 32 bytes, a mask of its lower-case letters
/// and one of its capitals (loops the compiler turns into vector instructions); a lower-case
/// letter's bit shifted onto a capital's is a change, the last byte carried to the next block.
fn ascii_case_change(bytes: &[u8]) -> bool {
    let mut lower_carry = false;
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        let mut lower = 0u32;
        let mut upper = 0u32;
        for (j, &b) in block.iter().enumerate() {
            lower |= u32::from(b.is_ascii_lowercase()) << j;
            upper |= u32::from(b.is_ascii_uppercase()) << j;
        }
        if ((lower << 1) | u32::from(lower_carry)) & upper != 0 {
            return true;
        }
        lower_carry = lower >> 31 != 0;
    }
    let mut lower_before = lower_carry;
    for &b in blocks.remainder() {
        if lower_before && b.is_ascii_uppercase() {
            return true;
        }
        lower_before = b.is_ascii_lowercase();
    }
    false
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const GLUED_TITLE: &str = r"(?:^|[^\p{L}\p{N}_])(\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+){2,})";
    const GLUED_CAPS: &str = r"(?:^|[^\p{L}\p{N}_])((\p{Ll}{2,})(\p{Lu}{2,}))(?:[^\p{L}\p{N}_]|$)";

    #[test]
    fn patterns_that_need_the_same_pair_share_one() {
        let title = CaseChange::shared_of_pattern(GLUED_TITLE).unwrap();
        let caps = CaseChange::shared_of_pattern(GLUED_CAPS).unwrap();
        assert!(Arc::ptr_eq(&title, &caps));
        let ascii = CaseChange::shared_of_pattern(r"[a-z][A-Z]").unwrap();
        assert!(!Arc::ptr_eq(&title, &ascii));
        assert_eq!(
            *ascii,
            *CaseChange::shared_of_pattern(r"x[a-z][A-Z]").unwrap()
        );
        assert!(CaseChange::shared_of_pattern(r"\p{Ll}\p{L}").is_none());
    }

    #[test]
    fn patterns_that_need_a_case_change_are_told_apart() {
        for pattern in [
            GLUED_TITLE,
            GLUED_CAPS,
            r"[a-z][A-Z]",
            r"x(?:[a-z]+[A-Z]|\p{Ll}[A-Z]+)",
        ] {
            assert!(CaseChange::of_pattern(pattern).is_some(), "{pattern}");
        }
        for pattern in [
            r"\p{Ll}\p{L}",
            r"(?i)[a-z][A-Z]",
            r"[a-z]?[A-Z]",
            r"[a-z]\b[A-Z]",
            r"(?:[a-z][A-Z])?x",
            r"[a-z][A-Z]|x",
            r"[a-z]*[A-Z]",
            r"[a-z1][A-Z]",
            r"(",
        ] {
            assert!(CaseChange::of_pattern(pattern).is_none(), "{pattern}");
        }
    }

    proptest! {
        /// The scan agrees with a walk over the characters with the pattern's classes, in any
        /// script, and in ASCII lines across the blocks of 32 bytes.
        #[test]
        fn case_changes_are_found_in_any_text(
            line in r"[a-zA-Z .é\u{c9}ß\u{1e9e}ǅ\u{2160}\u{2170}ª1]{0,16}|[a-z @\[`{A-Z]{0,100}",
        ) {
            let change = CaseChange::of_pattern(r"\p{Ll}\p{Lu}").unwrap();
            let chars: Vec<char> = line.chars().collect();
            let before = |c: char| c.is_ascii_lowercase() || contains(&change.before, c);
            let after = |c: char| c.is_ascii_uppercase() || contains(&change.after, c);
            let expected = chars.windows(2).any(|w| before(w[0]) && after(w[1]));
            prop_assert_eq!(change.in_line(&line), expected);
        }

        /// A line the scan passes over holds no match of the pattern.
        #[test]
        fn no_match_in_a_line_passed_over(line in r"[a-zA-Z é\u{c9}\u{1e9e}ǅ\u{2160}]{0,40}") {
            for pattern in [GLUED_TITLE, GLUED_CAPS] {
                let change = CaseChange::of_pattern(pattern).unwrap();
                if !change.in_line(&line) {
                    prop_assert!(!regex::Regex::new(pattern).unwrap().is_match(&line));
                }
            }
        }
    }
}
