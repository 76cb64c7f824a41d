//! Text that a terminal or a page shows as it is: control characters and bidirectional
//! controls, which could move the cursor, hide a line or reorder what a reader sees, replaced
//! with a visible stand-in.
//!
//! C0 controls other than tab and line breaks become their Control Pictures (U+2400…, so NUL
//! shows as `␀`, ESC as `␛`), DEL `␡`; C1 controls and the bidirectional controls
//! (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) show as `⟨U+202E⟩`.

use std::borrow::Cow;
use std::ops::Range;

/// The stand-in for `c`, if it needs one; line breaks count as needing one when `lines`.
fn stand_in(c: char, lines: bool) -> Option<String> {
    match c {
        '\t' => None,
        '\n' | '\r' if !lines => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).map(String::from),
        '\u{7f}' => Some("\u{2421}".to_owned()),
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(format!("\u{27e8}U+{:04X}\u{27e9}", u32::from(c))),
        _ => None,
    }
}

fn needs_stand_in(text: &str, lines: bool) -> bool {
    text.chars().any(|c| stand_in(c, lines).is_some())
}

fn replace(text: &str, lines: bool) -> Cow<'_, str> {
    if !needs_stand_in(text, lines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match stand_in(c, lines) {
            Some(s) => out.push_str(&s),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with its controls made visible; line breaks kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    replace(text, false)
}

/// `text` made visible on one line: line breaks shown as `␊` and `␍` too (for names, ids and
/// messages, which must not start a line of their own).
pub fn visible_line(text: &str) -> Cow<'_, str> {
    replace(text, true)
}

/// [`visible`] for a quoted line, with `span` (byte offsets into `text`) moved to the same
/// characters in the result.
pub fn visible_span(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    if !needs_stand_in(text, false) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (span.start, span.end);
    for (at, c) in text.char_indices() {
        if at == span.start {
            start = out.len();
        }
        if at == span.end {
            end = out.len();
        }
        match stand_in(c, false) {
            Some(s) => out.push_str(&s),
            None => out.push(c),
        }
    }
    if span.start >= text.len() {
        start = out.len();
    }
    if span.end >= text.len() {
        end = out.len();
    }
    (Cow::Owned(out), start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        assert_eq!(visible("a\u{0}b\u{1b}[31mc"), "a\u{2400}b\u{241b}[31mc");
        assert_eq!(
            visible("left\u{202e}right"),
            "left\u{27e8}U+202E\u{27e9}right"
        );
        assert_eq!(visible("tab\tand\nline"), "tab\tand\nline");
        assert_eq!(visible_line("id\n::error::x"), "id\u{240a}::error::x");
        assert!(matches!(visible("plain café"), Cow::Borrowed(_)));
    }

    #[test]
    fn spans_follow_their_characters() {
        let text = "a\u{0}\u{0}bcd";
        let (shown, span) = visible_span(text, 3..5);
        assert_eq!(&shown[span], "bc");
        let (shown, span) = visible_span(text, 1..2);
        assert_eq!(&shown[span], "\u{2400}");
        let (shown, span) = visible_span(text, 6..6);
        assert_eq!(span, shown.len()..shown.len());
    }
}
