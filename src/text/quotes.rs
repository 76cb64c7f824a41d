//! Double quotation marks: what each mark is meant to do, judged from its neighbours, and how
//! the marks of a paragraph pair up.
//!
//! A mark's glyph says one thing (`“` opens, `”` closes, `"` either) and its place another: a
//! mark with a space before it and a word after it opens, one with a word before it and a space
//! or punctuation after it closes. Pairing follows the place, so `” word “` pairs as a reversed
//! pair rather than as two strays, and two correct pairs never pair across the text between them.

use std::ops::Range;

/// The glyph of a double quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    /// `“`
    CurlyOpen,
    /// `”`
    CurlyClose,
    /// `„` (German and Polish opening mark)
    LowOpen,
    /// `"`
    Straight,
    /// `«`
    GuillemetOpen,
    /// `»`
    GuillemetClose,
}

impl Glyph {
    fn of(c: char) -> Option<Glyph> {
        Some(match c {
            '“' => Glyph::CurlyOpen,
            '”' => Glyph::CurlyClose,
            '„' => Glyph::LowOpen,
            '"' => Glyph::Straight,
            '«' => Glyph::GuillemetOpen,
            '»' => Glyph::GuillemetClose,
            _ => return None,
        })
    }

    /// Whether the glyph is drawn as a closing mark.
    pub fn closes(self) -> bool {
        matches!(self, Glyph::CurlyClose | Glyph::GuillemetClose)
    }

    /// Whether the glyph is drawn as an opening mark.
    pub fn opens(self) -> bool {
        matches!(
            self,
            Glyph::CurlyOpen | Glyph::LowOpen | Glyph::GuillemetOpen
        )
    }

    /// Whether the glyph is a guillemet.
    pub fn is_guillemet(self) -> bool {
        matches!(self, Glyph::GuillemetOpen | Glyph::GuillemetClose)
    }
}

/// What the neighbours of a mark say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flank {
    /// Space (or line start) before, a word after: it opens.
    Opening,
    /// A word or punctuation before, space, punctuation or line end after: it closes.
    Closing,
    /// Space on the inner side as well as the outer: its role depends on the marks around it.
    Spaced,
    /// Letters on both sides, or nothing telling.
    Unclear,
}

/// One double quotation mark in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the mark.
    pub at: usize,
    /// The glyph.
    pub glyph: Glyph,
    /// What its neighbours say.
    pub flank: Flank,
    /// Only white space stands between the start of its line and the mark.
    pub starts_line: bool,
    /// A digit stands right before the mark (`14”`, `55"`): with no quotation open, it is an
    /// inch mark.
    pub after_digit: bool,
}

impl Mark {
    /// The mark's byte range.
    pub fn range(&self, text: &str) -> Range<usize> {
        let len = text[self.at..].chars().next().map_or(1, char::len_utf8);
        self.at..self.at + len
    }
}

/// How the marks of a line group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// An opening and a closing mark.
    Pair(Mark, Mark),
    /// An opening mark never closed on its line.
    Unclosed(Mark),
    /// A closing mark with no opening mark before it.
    Unopened(Mark),
}

fn is_opening_punctuation(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '‘' | '\'' | '—' | '–' | '-' | '/')
}

fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '’' | '\'' | '…'
    )
}

fn flank(before: Option<char>, after: Option<char>) -> Flank {
    let space_before = before.is_none_or(|c| c.is_whitespace() || is_opening_punctuation(c));
    let space_after = after.is_none_or(char::is_whitespace);
    let punct_after = after.is_some_and(is_closing_punctuation);
    let word_after = after.is_some_and(|c| c.is_alphanumeric() || is_opening_punctuation(c));
    let word_before = before.is_some_and(|c| c.is_alphanumeric() || is_closing_punctuation(c));
    if space_before && word_after {
        Flank::Opening
    } else if word_before && (space_after || punct_after) {
        Flank::Closing
    } else if space_before && (space_after || punct_after) {
        Flank::Spaced
    } else {
        Flank::Unclear
    }
}

/// The double quotation marks in `range` of `text`, in order. Only the bytes that can start
/// one (`"`, and the lead bytes of `“ ” „` and `« »`) are looked at, with memchr.
pub fn marks(text: &str, range: Range<usize>) -> Vec<Mark> {
    let slice = text.as_bytes().get(range.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for offset in memchr::memchr3_iter(b'"', 0xE2, 0xC2, slice) {
        let at = range.start + offset;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let Some(glyph) = Glyph::of(c) else {
            continue;
        };
        let before = text.get(..at).and_then(|head| head.chars().next_back());
        let after = text
            .get(at + c.len_utf8()..range.end)
            .and_then(|rest| rest.chars().next());
        // A guillemet between spaces with no partner on its line (`Home » News`, `» Read
        // more`) is a menu's separator or a bullet, not a quotation mark; French spacing
        // (`« non »`) keeps both marks of the pair on the line.
        let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
        // A run of guillemets (`Read more »»`) is one separator: its neighbours are the run's.
        let (outer_before, outer_after) = if glyph.is_guillemet() {
            let head = text.get(..at).unwrap_or_default();
            let tail = text.get(at..range.end).unwrap_or_default();
            (
                head.chars().rev().find(|&x| x != c),
                tail.chars().find(|&x| x != c),
            )
        } else {
            (before, after)
        };
        if spaced(outer_before) && spaced(outer_after) && lone_guillemet(text, at, glyph) {
            continue;
        }
        out.push(Mark {
            at,
            glyph,
            flank: flank(before, after),
            starts_line: starts_line(text, at),
            after_digit: before.is_some_and(|c| c.is_ascii_digit()),
        });
    }
    out
}

/// Whether the guillemet at byte `at` has no partner on its line: no `«` before a `»`, no `»`
/// after a `«` (other glyphs are never lone guillemets).
fn lone_guillemet(text: &str, at: usize, glyph: Glyph) -> bool {
    let line_start = text
        .get(..at)
        .and_then(|h| h.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    match glyph {
        Glyph::GuillemetClose => !text.get(line_start..at).unwrap_or_default().contains('«'),
        Glyph::GuillemetOpen => !text.get(at..line_end).unwrap_or_default().contains('»'),
        _ => false,
    }
}

/// Whether only white space stands between the start of the line and byte `at`. The scan back
/// stops at the first other character, so all the marks of a text cost one pass.
fn starts_line(text: &str, at: usize) -> bool {
    text.get(..at).is_none_or(|head| {
        head.chars()
            .rev()
            .take_while(|&c| c != '\n' && c != '\r')
            .all(char::is_whitespace)
    })
}

/// Whether the mark means to open, given whether a quote is open already.
fn opens(mark: &Mark, open_pending: bool) -> bool {
    match mark.flank {
        Flank::Opening => true,
        Flank::Closing => false,
        Flank::Spaced => !open_pending,
        Flank::Unclear => match mark.glyph {
            Glyph::Straight => !open_pending,
            glyph => !glyph.closes(),
        },
    }
}

/// Groups marks into pairs and strays. A quotation that runs over several lines opens again
/// at the start of each line and closes only at the end: an opening mark that starts a line
/// while a quotation is open continues it. A mark that plainly opens (a space before it, a
/// word after) inside an open quotation opens a quotation within it (`"the "new" plan"`), which
/// the next closing mark closes; one level deep. A mark right after a digit with no quotation
/// open is an inch or second sign and is left out.
pub fn group(marks: &[Mark]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut pending: Option<Mark> = None;
    let mut inner: Option<Mark> = None;
    for mark in marks {
        // `a 14” screen`, `a 55" TV`, `5"x7"`: with no quotation open, a mark right after a
        // digit is an inch or second sign, not a quotation mark.
        if pending.is_none() && mark.after_digit && !mark.glyph.is_guillemet() {
            continue;
        }
        if opens(mark, pending.is_some()) {
            out.extend(inner.take().map(Group::Unclosed));
            if pending.is_some() && !mark.starts_line && mark.flank == Flank::Opening {
                inner = Some(*mark);
            } else if let Some(previous) = pending.replace(*mark)
                && !mark.starts_line
            {
                out.push(Group::Unclosed(previous));
            }
        } else if let Some(open) = inner.take() {
            out.push(Group::Pair(open, *mark));
        } else {
            match pending.take() {
                Some(open) => out.push(Group::Pair(open, *mark)),
                None => out.push(Group::Unopened(*mark)),
            }
        }
    }
    out.extend(inner.map(Group::Unclosed));
    out.extend(pending.map(Group::Unclosed));
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The marks found by reading every character, as a reference for the fast search.
    fn marks_char_by_char(text: &str, range: Range<usize>) -> Vec<Mark> {
        let mut out = Vec::new();
        let mut before = text[..range.start].chars().next_back();
        let mut line_start = text[..range.start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n' && c != '\r')
            .all(char::is_whitespace);
        let mut chars = text[range.clone()].char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            if let Some(glyph) = Glyph::of(c) {
                let after = chars.peek().map(|&(_, n)| n);
                out.push(Mark {
                    at: range.start + offset,
                    glyph,
                    flank: flank(before, after),
                    starts_line: line_start,
                    after_digit: before.is_some_and(|b| b.is_ascii_digit()),
                });
            }
            line_start = if c == '\n' || c == '\r' {
                true
            } else {
                line_start && c.is_whitespace()
            };
            before = Some(c);
        }
        out
    }

    proptest! {
        /// The fast search finds the marks, flanks and line starts that reading every
        /// character finds, in any stretch of any text.
        #[test]
        fn marks_equal_the_char_by_char_reading(
            text in r#"([a-z .,\n\t"“”„«»‘’'—é€]|\PC){0,80}"#,
            from in any::<prop::sample::Index>(),
            to in any::<prop::sample::Index>(),
        ) {
            let boundaries: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (from.get(&boundaries), to.get(&boundaries));
            let range = *a.min(b)..*a.max(b);
            prop_assert_eq!(marks(&text, range.clone()), marks_char_by_char(&text, range));
        }
    }

    fn groups(text: &str) -> Vec<Group> {
        group(&marks(text, 0..text.len()))
    }

    #[test]
    fn correct_pairs_never_pair_across_the_text_between_them() {
        let text = "Judging “Possible” a deal, despite views “Far apart”, he left.";
        let found = groups(text);
        assert_eq!(found.len(), 2);
        for g in found {
            let Group::Pair(open, close) = g else {
                panic!("{g:?}")
            };
            assert_eq!(
                (open.glyph, close.glyph),
                (Glyph::CurlyOpen, Glyph::CurlyClose)
            );
        }
    }

    #[test]
    fn reversed_spaced_marks_pair_with_each_other() {
        let text = "gave no ” answer “ to the ” plea “, she said.";
        let found = groups(text);
        assert_eq!(found.len(), 2);
        for g in found {
            let Group::Pair(open, close) = g else {
                panic!("{g:?}")
            };
            assert!(open.glyph.closes() && close.glyph.opens());
        }
    }

    #[test]
    fn straight_quotes_pair_by_position_and_strays_are_reported() {
        assert!(matches!(
            groups("He said \"yes\" twice.")[..],
            [Group::Pair(..)]
        ));
        assert!(matches!(
            groups("Best Director,\" Best Film")[..],
            [Group::Unopened(_)]
        ));
        assert!(matches!(
            groups("She wrote “never")[..],
            [Group::Unclosed(_)]
        ));
    }

    #[test]
    fn a_quotation_inside_a_quotation_pairs_within_it() {
        let found = groups("A \"bold and \"fresh\" idea\" won.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|g| matches!(g, Group::Pair(..))));
        // An opening mark never closed is still reported, after the pair inside it.
        assert!(matches!(
            groups("He said \"we wait for \"news\" now.")[..],
            [Group::Pair(..), Group::Unclosed(_)]
        ));
    }

    #[test]
    fn inch_marks_and_runs_of_guillemets_are_not_quotation_marks() {
        assert!(groups("A 13” laptop beside a 55\" TV and a 27” screen.").is_empty());
        assert!(groups("Read more »» \n«« Back").is_empty());
        // Inside a quotation a mark after a digit still closes it.
        assert!(matches!(
            groups("He said “the score was 3-1” and left.")[..],
            [Group::Pair(..)]
        ));
    }
}
