//! Literals every match of a regular expression must contain, to skip the text that holds none.
//!
//! The regex crate looks for literals a match starts with; a pattern such as `\S[ \t]+([,.;:])`
//! starts with a class of almost every character and gets none, so its automaton reads every
//! byte. Yet every match holds one of ` ,`, ` .`, `\t,`…: a search for those few strings finds
//! the handful of lines worth running the pattern on.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind, packed};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

/// The most literals a set may hold: beyond that the search for them is no faster than the
/// pattern's own automaton.
const MAX_LITERALS: usize = 64;

/// A set of literals one of which every match of `pattern` contains, when the pattern has a
/// set worth searching for: at most `MAX_LITERALS`, none that spans a line break, each of
/// two bytes or more or a single byte rare in prose. No literal of the set holds another, so
/// at most one of them starts at any byte. `None` for an invalid pattern.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let seq = required(&hir)?;
    let mut literals: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
    literals.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    literals.dedup();
    // A literal holding a shorter one adds nothing: the shorter one is found wherever it is.
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for literal in literals {
        if !kept.iter().any(|k| contains(&literal, k)) {
            kept.push(literal);
        }
    }
    Some(kept)
}

/// A search for the leftmost of a set of literals.
///
/// Literals of two bytes or more go to Teddy, the vectorized searcher of aho-corasick's
/// `packed` module, which matches each literal's first bytes together. The automaton's own
/// prefilter looks for rare bytes, and ` ,` or ` '` have none it can use: it stopped at every
/// space, seventeen times slower on the benchmark corpus. A set that mixes a few single bytes
/// with longer literals (`:`, `/`, `19`, `pm`) is split: memchr finds the bytes and Teddy the
/// rest, where the automaton would stop at every letter that starts a literal. Other sets with
/// single bytes stay with the automaton, which finds up to three of them with memchr.
#[derive(Debug)]
pub enum LiteralSearch {
    /// Teddy, for literals of two bytes or more.
    Packed(packed::Searcher),
    /// One to three single bytes, found with memchr, and Teddy for the longer literals.
    Split {
        /// The single-byte literals.
        bytes: Vec<u8>,
        /// The literals of two bytes or more.
        packed: packed::Searcher,
    },
    /// The automaton, for the other sets with a single-byte literal or where Teddy is
    /// unavailable.
    Automaton(AhoCorasick),
}

/// The most single bytes a split search finds with memchr (`memchr3`).
const MAX_SPLIT_BYTES: usize = 3;

impl LiteralSearch {
    /// A leftmost-first search for `literals`; `None` if they cannot be searched for.
    pub fn new(literals: &[Vec<u8>]) -> Option<LiteralSearch> {
        let (singles, longer): (Vec<&Vec<u8>>, Vec<&Vec<u8>>) =
            literals.iter().partition(|l| l.len() == 1);
        let bytes: Vec<u8> = singles.iter().filter_map(|l| l.first().copied()).collect();
        let packed = (!longer.is_empty() && bytes.len() <= MAX_SPLIT_BYTES)
            .then(|| {
                packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&longer)
                    .build()
            })
            .flatten();
        match packed {
            Some(searcher) if bytes.is_empty() => Some(LiteralSearch::Packed(searcher)),
            Some(packed) => Some(LiteralSearch::Split { bytes, packed }),
            None => AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(literals)
                .ok()
                .map(LiteralSearch::Automaton),
        }
    }

    /// The span of the leftmost literal starting at `from` or later in `haystack`.
    pub fn find_from(&self, haystack: &str, from: usize) -> Option<Range<usize>> {
        self.cursor(haystack).find_from(from)
    }

    /// Whether `haystack` holds a literal.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.find_from(haystack, 0).is_some()
    }

    /// A search of `haystack` from positions that only move forward, which reads no byte
    /// twice.
    pub fn cursor<'s, 'h>(&'s self, haystack: &'h str) -> LiteralCursor<'s, 'h> {
        LiteralCursor {
            search: self,
            haystack,
            bytes_ahead: Ahead::default(),
            packed_ahead: Ahead::default(),
        }
    }
}

/// A [`LiteralSearch`] through one haystack, for positions that only move forward. A split
/// search remembers where each half found its next literal: when one half's next literal is
/// far ahead, it is not looked for again until the position passes it.
pub struct LiteralCursor<'s, 'h> {
    search: &'s LiteralSearch,
    haystack: &'h str,
    bytes_ahead: Ahead,
    packed_ahead: Ahead,
}

impl LiteralCursor<'_, '_> {
    /// The span of the leftmost literal starting at `from` or later; `from` is at least the
    /// `from` of the call before.
    pub fn find_from(&mut self, from: usize) -> Option<Range<usize>> {
        let haystack = self.haystack;
        if from > haystack.len() {
            return None;
        }
        let span = aho_corasick::Span::from(from..haystack.len());
        match self.search {
            LiteralSearch::Packed(searcher) => searcher.find_in(haystack, span).map(|m| m.range()),
            LiteralSearch::Automaton(automaton) => automaton
                .find(Input::new(haystack).span(span))
                .map(|m| m.range()),
            LiteralSearch::Split { bytes, packed } => {
                let single = self
                    .bytes_ahead
                    .next(from, |at| find_byte(bytes, haystack.as_bytes(), at));
                let longer = self.packed_ahead.next(from, |at| {
                    packed
                        .find_in(haystack, aho_corasick::Span::from(at..haystack.len()))
                        .map(|m| m.range())
                });
                // No literal holds another, so a byte and a longer literal never start at
                // the same place.
                match (single, longer) {
                    (Some(a), Some(b)) => Some(if a.start < b.start { a } else { b }),
                    (a, b) => a.or(b),
                }
            }
        }
    }
}

/// The last search of one half of a split search: where it started and what it found.
struct Ahead {
    from: usize,
    found: Option<Range<usize>>,
}

impl Default for Ahead {
    /// No search yet: the first call searches.
    fn default() -> Ahead {
        Ahead {
            from: usize::MAX,
            found: None,
        }
    }
}

impl Ahead {
    /// The leftmost match at `from` or later: the remembered one while it still is, else
    /// `search(from)`.
    fn next(
        &mut self,
        from: usize,
        search: impl FnOnce(usize) -> Option<Range<usize>>,
    ) -> Option<Range<usize>> {
        let still_leftmost =
            self.from <= from && self.found.as_ref().is_none_or(|found| found.start >= from);
        if !still_leftmost {
            self.from = from;
            self.found = search(from);
        }
        self.found.clone()
    }
}

/// The first of one to three `bytes` at `from` or later in `haystack`, as a one-byte span.
fn find_byte(bytes: &[u8], haystack: &[u8], from: usize) -> Option<Range<usize>> {
    let rest = haystack.get(from..)?;
    let offset = match *bytes {
        [a] => memchr::memchr(a, rest),
        [a, b] => memchr::memchr2(a, b, rest),
        [a, b, c] => memchr::memchr3(a, b, c, rest),
        _ => None,
    }?;
    Some(from + offset..from + offset + 1)
}

/// Whether `haystack` holds `needle`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Whether searching for `literal` beats reading every byte with the automaton: not a line
/// break, and two bytes or more or a single byte rare in prose (`~`, `|`, `:`, but not a
/// letter, a digit, a space or a full stop).
fn worth_searching(literal: &[u8]) -> bool {
    let rare = |byte: u8| {
        byte.is_ascii()
            && !(byte.is_ascii_alphanumeric() || byte.is_ascii_whitespace())
            && !matches!(byte, b'.' | b',' | b'\'' | b'"' | b'-')
    };
    !literal.contains(&b'\n')
        && !literal.contains(&b'\r')
        && match literal {
            [] => false,
            [byte] => rare(*byte),
            _ => true,
        }
}

/// A finite set of non-empty literals one of which every match of `hir` contains: the best
/// of its [`candidates`].
fn required(hir: &Hir) -> Option<Seq> {
    candidates(hir).into_iter().max_by_key(quality)
}

/// Sets of non-empty literals one of which every match of `hir` contains, each small enough
/// to search for.
fn candidates(hir: &Hir) -> Vec<Seq> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(_) | HirKind::Class(_) => usable(prefixes(hir)).into_iter().collect(),
        HirKind::Capture(capture) => candidates(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => candidates(&repetition.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Alternation(branches) => {
            // One set from each branch: the best ones if their union is small enough, else
            // the smallest ones.
            let mut per_branch = Vec::new();
            for branch in branches {
                let sets = candidates(branch);
                if sets.is_empty() {
                    return Vec::new();
                }
                per_branch.push(sets);
            }
            let union = |pick: fn(&[Seq]) -> Option<&Seq>| {
                let mut all = Seq::empty();
                for sets in &per_branch {
                    all.union(&mut pick(sets)?.clone());
                }
                usable(all)
            };
            let best: fn(&[Seq]) -> Option<&Seq> = |sets| sets.iter().max_by_key(|s| quality(s));
            let smallest: fn(&[Seq]) -> Option<&Seq> = |sets| sets.iter().min_by_key(|s| s.len());
            union(best)
                .or_else(|| union(smallest))
                .into_iter()
                .collect()
        }
        HirKind::Concat(items) => {
            // Every match holds a match of each item, and of each tail of the sequence: the
            // items' own sets and the tails' prefixes. A tail may also start at the last round
            // of a repetition: `[ \t]+` followed by `[,.;:]` always holds ` ,` or another pair.
            let items = flatten(items);
            let mut sets: Vec<Seq> = items.iter().flat_map(candidates).collect();
            for (i, item) in items.iter().enumerate() {
                let rest = items.get(i + 1..).unwrap_or_default();
                let whole = [std::slice::from_ref(item), rest].concat();
                sets.extend(usable(prefixes(&Hir::concat(whole))));
                if let HirKind::Repetition(r) = item.kind()
                    && r.min >= 1
                {
                    let last_round = [std::slice::from_ref(r.sub.as_ref()), rest].concat();
                    sets.extend(usable(prefixes(&Hir::concat(last_round))));
                }
            }
            sets
        }
    }
}

/// The items of a sequence with capture groups and nested sequences opened up: groups do not
/// change what a match contains.
fn flatten(items: &[Hir]) -> Vec<Hir> {
    let mut out = Vec::new();
    for item in items {
        match item.kind() {
            HirKind::Capture(capture) => out.extend(flatten(std::slice::from_ref(&capture.sub))),
            HirKind::Concat(inner) => out.extend(flatten(inner)),
            _ => out.push(item.clone()),
        }
    }
    out
}

/// The literals a match of `hir` starts with (inexact: a match may go on after them).
fn prefixes(hir: &Hir) -> Seq {
    let mut seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    seq.dedup();
    seq
}

/// `seq` if it is finite, small enough and each of its literals worth searching for.
fn usable(seq: Seq) -> Option<Seq> {
    let literals = seq.literals()?;
    (!literals.is_empty()
        && literals.len() <= MAX_LITERALS
        && literals.iter().all(|l| worth_searching(l.as_bytes())))
    .then_some(seq)
}

/// Longer literals first (rarer in text), then fewer of them.
fn quality(seq: &Seq) -> (usize, std::cmp::Reverse<usize>) {
    (
        seq.min_literal_len().unwrap_or(0),
        std::cmp::Reverse(seq.len().unwrap_or(usize::MAX)),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Patterns of the shapes the built-in rules use: classes before and after the literal
    /// part, repetitions, alternatives, groups, anchors and case folding.
    const SHAPES: &[&str] = &[
        r"\S([ \t\u00A0]+([,.;:!?]+))(?:[\s”’]|$)",
        r"\p{L}( (n[\x27’]t|[\x27’](?:s|re|ll)))(?-u:\b)",
        r"\(([ \t]+)[^\s)]|[^\s(]([ \t]+)\)",
        r"[\p{L}\d,)]([~^_@|]+)(?:[\s,.;:!?]|$)",
        r"^[ \t]*((?:\S+[ \t]+){2,}.*[\p{L}\d](?:\.{3}|…))[ \t]*$",
        r"\p{L}(:)[ ]+(?:by|of|to)(?-u:\b)|(?i)(?-u:\b)(?:the|an)([:;])[ ]",
        r",[ ]?(,)|(?-u:\b)(?:the|my)(,)[ ]",
        r"^[ \t]*((?:[Bb]y|Text:)[ \t]+\p{Lu}\p{L}*)[ \t]*$",
    ];

    proptest! {
        /// Every match of every shape holds one of the shape's literals.
        #[test]
        fn every_match_holds_a_required_literal(
            text in r"([a-zA-Z ,.;:!?()~|'’”…\t\n]|n't| 's|the|by |Text: |An;|\.\.\.){0,40}"
        ) {
            for shape in SHAPES {
                let literals = required_literals(shape).unwrap_or_default();
                prop_assert!(!literals.is_empty(), "{shape} has no literals");
                let regex = regex::RegexBuilder::new(shape).multi_line(true).build().unwrap();
                for m in regex.find_iter(&text) {
                    let found = literals.iter().any(|l| contains(m.as_str().as_bytes(), l));
                    prop_assert!(found, "{shape}: {:?} holds none of {literals:?}", m.as_str());
                }
            }
        }
    }

    fn strings(pattern: &str) -> Option<Vec<String>> {
        required_literals(pattern).map(|set| {
            let mut out: Vec<String> = set
                .into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect();
            out.sort();
            out
        })
    }

    proptest! {
        /// Every searcher finds the leftmost literal from any position, as a plain scan does,
        /// and a cursor does so for positions that move forward.
        #[test]
        fn literal_searches_find_the_leftmost_literal(
            haystack in "[ab ,.:'\n]{0,80}",
            mut froms in proptest::collection::vec(0usize..90, 1..8),
            set in 0usize..3,
        ) {
            let literals: Vec<Vec<u8>> = match set {
                // Two bytes or more: Teddy.
                0 => vec![b" ,".to_vec(), b"a.".to_vec(), b" 'b".to_vec()],
                // A few single bytes and longer literals: memchr and Teddy.
                1 => vec![b",".to_vec(), b":".to_vec(), b" '".to_vec(), b"ab".to_vec()],
                // More single bytes than memchr takes: the automaton.
                _ => vec![b",".to_vec(), b":".to_vec(), b".".to_vec(), b"'".to_vec(), b"ba".to_vec()],
            };
            let search = LiteralSearch::new(&literals).unwrap();
            if cfg!(target_arch = "x86_64") {
                let kind = match search {
                    LiteralSearch::Packed(_) => 0,
                    LiteralSearch::Split { .. } => 1,
                    LiteralSearch::Automaton(_) => 2,
                };
                prop_assert_eq!(kind, set);
            }
            let expected = |from: usize| {
                (from..haystack.len()).find_map(|at| {
                    let rest = haystack.as_bytes().get(at..)?;
                    literals
                        .iter()
                        .find(|l| rest.starts_with(l))
                        .map(|l| at..at + l.len())
                })
            };
            for &from in &froms {
                prop_assert_eq!(search.find_from(&haystack, from), expected(from));
            }
            froms.sort_unstable();
            let mut cursor = search.cursor(&haystack);
            for from in froms {
                prop_assert_eq!(cursor.find_from(from), expected(from), "from {}", from);
            }
        }
    }

    #[test]
    fn a_space_before_punctuation_needs_the_pair() {
        assert_eq!(
            strings(r"\S([ \t]+([,;]+))(?:\s|$)"),
            Some(vec!["\t,".into(), "\t;".into(), " ,".into(), " ;".into()])
        );
    }

    #[test]
    fn alternatives_need_one_literal_each() {
        assert_eq!(
            strings(r"^(?:Photo|Image) \d+|\(credit: [^)]+\)"),
            Some(vec!["(credit: ".into(), "Image ".into(), "Photo ".into()])
        );
    }

    #[test]
    fn a_rare_symbol_is_enough_but_a_letter_or_a_full_stop_is_not() {
        assert_eq!(strings(r"\w([~|]+)\s"), Some(vec!["|".into(), "~".into()]));
        assert_eq!(strings(r"\p{Lu}\p{Ll}+\p{Lu}"), None);
        assert_eq!(strings(r"\w\.\s+[a-z]"), None);
        assert_eq!(strings(r"[a-z]x"), None);
    }

    #[test]
    fn optional_parts_and_bare_anchors_require_nothing() {
        assert_eq!(strings(r"(?:ab)?c*"), None);
        assert_eq!(strings(r"^$"), None);
        assert_eq!(strings(r"(?:foo|\w+)bar"), Some(vec!["bar".into()]));
    }

    #[test]
    fn case_insensitive_words_expand_to_their_spellings() {
        let set = strings(r"(?i)\bof:").unwrap_or_default();
        assert!(
            set.contains(&"of:".to_owned()) && set.contains(&"OF:".to_owned()),
            "{set:?}"
        );
    }
}
