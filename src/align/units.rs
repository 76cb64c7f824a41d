//! What the aligner compares: the paragraphs and sentences of each side, each with its length
//! and its anchors (what survives translation: numbers, names, acronyms, question marks).

use std::hash::{BuildHasher, Hash};
use std::ops::Range;

use crate::text::script::is_letter;
use crate::text::transliterate::{is_transliterable, sound_key, to_latin};

/// A paragraph or a sentence of one side.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Byte range of the side's text.
    pub range: Range<usize>,
    /// Its length in characters, white space aside.
    pub len: f64,
    /// Its anchors, sorted (a multiset).
    pub anchors: Vec<u32>,
}

/// One side of a translation: its text split into paragraphs, each into sentences.
#[derive(Clone, Debug)]
pub struct Side {
    /// The paragraphs, in order.
    pub paragraphs: Vec<Unit>,
    /// The sentences of each paragraph, in order.
    pub sentences: Vec<Vec<Unit>>,
}

impl Side {
    /// The units of `text` whose paragraphs and sentences are `paragraphs` and `sentences`
    /// (byte ranges, in order; a sentence belongs to the paragraph it starts in).
    pub fn new(text: &str, paragraphs: &[Range<usize>], sentences: &[Range<usize>]) -> Side {
        let mut next = sentences.iter().peekable();
        let mut grouped = Vec::with_capacity(paragraphs.len());
        let mut units = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            // Sentences before this paragraph (none should be) are dropped.
            while next.next_if(|s| s.start < paragraph.start).is_some() {}
            let mut own = Vec::new();
            while let Some(sentence) = next.next_if(|s| s.start < paragraph.end) {
                own.push(unit(text, sentence.start..sentence.end.min(paragraph.end)));
            }
            if own.is_empty() {
                own.push(unit(text, paragraph.clone()));
            }
            let mut anchors: Vec<u32> = own.iter().flat_map(|u| u.anchors.clone()).collect();
            anchors.sort_unstable();
            units.push(Unit {
                range: paragraph.clone(),
                len: own.iter().map(|u| u.len).sum(),
                anchors,
            });
            grouped.push(own);
        }
        Side {
            paragraphs: units,
            sentences: grouped,
        }
    }

    /// The length of the whole side, in characters.
    pub fn len(&self) -> f64 {
        self.paragraphs.iter().map(|p| p.len).sum()
    }
}

/// The unit of `range` of `text`.
fn unit(text: &str, range: Range<usize>) -> Unit {
    let body = text.get(range.clone()).unwrap_or_default();
    let len = body.chars().filter(|c| !c.is_whitespace()).count() as f64;
    Unit {
        range,
        len,
        anchors: anchors(body),
    }
}

/// The anchors of a text: numbers of two digits or more (any script's digits, separators
/// dropped), and capitalized words and acronyms by the sound key of their first consonants
/// (Cyrillic written in Latin letters first), which a translation keeps however it spells
/// them; and question marks.
pub fn anchors(text: &str) -> Vec<u32> {
    let hasher = foldhash::fast::FixedState::with_seed(0x6d74_6c69);
    let hash = |kind: u8, key: &str| {
        let mut h = hasher.build_hasher();
        (kind, key).hash(&mut h);
        std::hash::Hasher::finish(&h) as u32
    };
    let mut out = Vec::new();
    let mut digits = String::new();
    // Where the word being read starts.
    let mut word: Option<usize> = None;
    let flush_digits = |digits: &mut String, out: &mut Vec<u32>| {
        if digits.len() >= 2 {
            out.push(hash(0, digits));
        }
        digits.clear();
    };
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if let Some(d) = c.to_digit(10).or_else(|| fullwidth_digit(c)) {
            digits.push(char::from(b'0' + d as u8));
        } else {
            flush_digits(&mut digits, &mut out);
        }
        if is_letter(c) {
            word.get_or_insert(at);
        } else if let Some(start) = word.take()
            && let Some(key) = text.get(start..at).and_then(name_key)
        {
            out.push(hash(1, &key));
        }
        if matches!(c, '?' | '？') {
            out.push(hash(2, "?"));
        }
    }
    out.sort_unstable();
    out
}

/// A fullwidth digit's value (`３` is 3).
fn fullwidth_digit(c: char) -> Option<u32> {
    ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32)
}

/// The key a capitalized word of Latin or Cyrillic letters is matched by: its first three
/// sound classes (`Trump`, `Трампа` both give `476`); `None` for other words.
fn name_key(word: &str) -> Option<String> {
    let first = word.chars().next()?;
    if !first.is_uppercase() || word.chars().count() < 3 {
        return None;
    }
    let latin = if is_transliterable(word) {
        std::borrow::Cow::Owned(to_latin(word))
    } else if word
        .chars()
        .all(|c| c.is_ascii_alphabetic() || is_letter(c) && (c as u32) < 0x250)
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        return None;
    };
    // The classes are ASCII digits: three bytes are three classes.
    let mut key = sound_key(&latin);
    key.truncate(3);
    (key.len() == 3).then_some(key)
}

/// How many anchors two multisets share, each the union of sorted parts (the anchors of a
/// link's units on one side), without building the unions.
pub fn shared<'a>(a: &[&'a [u32]], b: &[&'a [u32]]) -> usize {
    let (mut a, mut b) = (Merged::new(a), Merged::new(b));
    let (mut x, mut y, mut n) = (a.next(), b.next(), 0);
    while let (Some(p), Some(q)) = (x, y) {
        match p.cmp(&q) {
            std::cmp::Ordering::Less => x = a.next(),
            std::cmp::Ordering::Greater => y = b.next(),
            std::cmp::Ordering::Equal => {
                n += 1;
                x = a.next();
                y = b.next();
            }
        }
    }
    n
}

/// The anchors of several sorted parts, in order.
struct Merged<'a, 'p> {
    parts: &'p [&'a [u32]],
    at: [usize; 4],
}

impl<'a, 'p> Merged<'a, 'p> {
    fn new(parts: &'p [&'a [u32]]) -> Self {
        Merged { parts, at: [0; 4] }
    }
}

impl Iterator for Merged<'_, '_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (mut best, mut from) = (None, 0);
        for (k, part) in self.parts.iter().enumerate().take(self.at.len()) {
            let head = self.at.get(k).and_then(|&i| part.get(i)).copied();
            if let Some(head) = head
                && best.is_none_or(|b| head < b)
            {
                best = Some(head);
                from = k;
            }
        }
        if best.is_some()
            && let Some(i) = self.at.get_mut(from)
        {
            *i += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_anchor_across_scripts() {
        let source = anchors("Трамп набрал 41,9 процента.");
        let target = anchors("Trump polled 41.9 percent.");
        assert_eq!(shared(&[&source], &[&target]), 2);
        let japanese = anchors("２５日に開幕した。");
        assert_eq!(
            shared(&[&japanese], &[&anchors("It opened on the 25th.")]),
            1
        );
    }

    #[test]
    fn parts_are_matched_as_one_multiset() {
        // An anchor the target has once is matched once, however many parts repeat it.
        assert_eq!(shared(&[&[1, 5], &[5, 9]], &[&[5, 9]]), 2);
        assert_eq!(shared(&[&[1, 5], &[5, 9]], &[&[5], &[5, 7]]), 2);
    }

    #[test]
    fn common_words_and_single_digits_are_not_anchors() {
        assert!(anchors("it was 5 of them").is_empty());
    }

    #[test]
    fn sentences_are_grouped_by_paragraph() {
        let text = "One. Two.\n\nThree.";
        let side = Side::new(text, &[0..9, 11..17], &[0..4, 5..9, 11..17]);
        assert_eq!(side.sentences.len(), 2);
        assert_eq!(side.sentences[0].len(), 2);
        assert_eq!(side.paragraphs[1].len, 6.0);
    }
}
