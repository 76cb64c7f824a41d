//! `boilerplate`: page furniture as blocks — the trailing block after the article, menus before
//! it, a headline repeated with breadcrumbs glued to it. One finding per block.
//!
//! ```toml
//! [rule.params]
//! block = "trailing"     # trailing | leading | teaser-list | repeated-headline | repeated-line
//! prose_words = 8        # a prose line has this many words and ends like a sentence
//! menu_words = 4         # leading: a menu item has at most this many words
//! menu_lines = 2         # leading: this many menu items in a row make a menu
//! markers = ["boilerplate-lines.txt"]  # trailing: lines starting with one of these open the block
//! teaser_words = 5       # teaser-list: a teaser headline has at least this many words
//! teaser_lines = 3       # teaser-list: this many in a row make a list
//! ```
//!
//! The article body runs from the first prose line to the last (a prose line has `prose_words`
//! words or more and ends with `.`, `!` or `?`, maybe inside closing quotes or brackets, but not
//! with an ellipsis: that is a teaser). `trailing` flags, as one finding, everything from the
//! first marker line after the body (`Related`, `Most read`, `Comments are closed.`: a line
//! that starts with an entry of the `markers` lists, case ignored, or a teaser cut with an
//! ellipsis) to the end of the document; paragraphs of several sentences right after the body
//! are its own (a paywall cuts the last one with an ellipsis). `leading` flags runs of
//! short lines without final punctuation before the body (menus, section lists), leaving the
//! line right before the body alone: it is the headline. `teaser-list` flags runs of headline-
//! like lines (`teaser_words` words or more, no final punctuation, or cut with an ellipsis),
//! `teaser_lines` or more in a row, before or after the body: lists of other stories; a line of
//! several sentences not cut with an ellipsis is a paragraph, whatever it ends with (`… the
//! US. PTI`). `repeated-headline`
//! flags a first line that repeats the second, alone or with breadcrumbs glued in front of it
//! (`NewsWorldTalks resume` above `Talks resume`). `repeated-line` flags a line of four words or
//! more, without final punctuation and outside the body, that repeats an earlier line word for
//! word (duplicated captions and headlines). Except for `repeated-headline`, a document without
//! a prose line is left alone: there is no telling its
//! body from its furniture. `teaser-list` and `repeated-line` also leave alone a document whose
//! words are mostly not English: its lists and repetitions follow other conventions.

use std::collections::HashSet;
use std::ops::Range;

use foldhash::fast::FixedState;
use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, SharedKey};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "boilerplate",
    aliases: &[],
    summary: "page furniture blocks around the article body",
    compile,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Block {
    Trailing,
    Leading,
    TeaserList,
    RepeatedHeadline,
    RepeatedLine,
}

fn default_prose_words() -> usize {
    8
}

fn default_menu_words() -> usize {
    4
}

fn default_menu_lines() -> usize {
    2
}

fn default_teaser_words() -> usize {
    5
}

fn default_teaser_lines() -> usize {
    3
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateParams {
    block: Block,
    #[serde(default = "default_prose_words")]
    prose_words: usize,
    #[serde(default = "default_menu_words")]
    menu_words: usize,
    #[serde(default = "default_menu_lines")]
    menu_lines: usize,
    #[serde(default)]
    markers: Vec<Spanned<String>>,
    #[serde(default = "default_teaser_words")]
    teaser_words: usize,
    #[serde(default = "default_teaser_lines")]
    teaser_lines: usize,
}

/// A compiled `boilerplate` rule.
#[derive(Debug)]
pub struct Boilerplate {
    block: Block,
    prose_words: usize,
    menu_words: usize,
    menu_lines: usize,
    /// Lower-cased openings of marker lines.
    markers: Vec<String>,
    teaser_words: usize,
    teaser_lines: usize,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: BoilerplateParams = params.parse()?;
    let mut markers = Vec::new();
    for file in &raw.markers {
        let text = params.read_file(file)?;
        markers.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase),
        );
    }
    if raw.block == Block::Trailing && markers.is_empty() {
        return Err(ParamError::new(
            0..0,
            "block = \"trailing\" needs `markers`: the lists of lines that open the block",
        ));
    }
    Ok(Box::new(Boilerplate {
        block: raw.block,
        prose_words: raw.prose_words,
        menu_words: raw.menu_words,
        menu_lines: raw.menu_lines.max(1),
        markers,
        teaser_words: raw.teaser_words,
        teaser_lines: raw.teaser_lines.max(2),
    }))
}

/// A non-blank line: its trimmed span and its word count, in 32 bits each (a file of short
/// lines has millions of them, and a text is at most 4 GiB).
struct Line {
    start: u32,
    end: u32,
    words: u32,
}

impl Line {
    fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    fn words(&self) -> usize {
        self.words as usize
    }
}

fn content_lines(doc: &Document) -> Vec<Line> {
    let text = doc.text();
    let tokens = doc.tokens();
    // Lines and tokens both come in order: two cursors move forward over the tokens, to the
    // first that starts in a line and past the last that ends in it.
    let (mut from, mut to) = (0, 0);
    let mut lines = doc
        .lines()
        .iter()
        .filter_map(|line| {
            let content = &text[line.clone()];
            let trimmed = content.trim();
            if trimmed.is_empty() {
                return None;
            }
            let start = line.start + (content.len() - content.trim_start().len());
            let span = start..start + trimmed.len();
            while tokens.get(from).is_some_and(|t| t.start() < span.start) {
                from += 1;
            }
            while tokens.get(to).is_some_and(|t| t.end() <= span.end) {
                to += 1;
            }
            Some(Line {
                start: u32::try_from(span.start).unwrap_or(u32::MAX),
                end: u32::try_from(span.end).unwrap_or(u32::MAX),
                words: u32::try_from(to.saturating_sub(from)).unwrap_or(u32::MAX),
            })
        })
        .collect::<Vec<Line>>();
    // Kept while the document is checked: no room left over.
    lines.shrink_to_fit();
    lines
}

/// Whether a line ends like a sentence: `.`, `!` or `?`, maybe inside closing quotes or
/// brackets, and not an ellipsis.
fn ends_like_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['”', '"', '’', '\'', ')', ']', '»']);
    end.ends_with(['.', '!', '?']) && !end.ends_with("..") && !end.ends_with('…')
}

/// Whether a line holds a full sentence before its last one: a full stop, `!` or `?` and a
/// space before a capital (`… a concussion. Still, …`), the stop not a title's (`St. Croix`,
/// `Mr. Lee`: a capital and at most two more letters). Headlines and teasers are one sentence.
fn has_inner_sentence(line: &str) -> bool {
    line.match_indices(['.', '!', '?']).any(|(at, _)| {
        let before = line.get(..at).unwrap_or_default();
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        let title = word.starts_with(char::is_uppercase)
            && word.chars().count() <= 3
            && word.chars().skip(1).all(char::is_lowercase);
        let mut after = line.get(at + 1..).unwrap_or_default().chars();
        !title && after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
    })
}

impl Boilerplate {
    fn is_prose(&self, text: &str, line: &Line) -> bool {
        line.words() >= self.prose_words && ends_like_sentence(&text[line.span()])
    }

    /// A paragraph of several sentences without a sentence's end (a paywall cuts the last
    /// one with an ellipsis): right after the article, it is the article's last paragraph.
    fn is_cut_paragraph(&self, text: &str, line: &Line) -> bool {
        line.words() >= 2 * self.prose_words && has_inner_sentence(&text[line.span()])
    }

    fn is_marker(&self, line: &str) -> bool {
        let lower = line.to_lowercase();
        let teaser = {
            let end = line.trim_end();
            end.ends_with("...") || end.ends_with('…')
        };
        teaser
            || self.markers.iter().any(|m| {
                lower.starts_with(m.as_str())
                    && !lower[m.len()..].starts_with(char::is_alphanumeric)
            })
    }

    fn trailing(&self, text: &str, lines: &[Line], hits: &mut Vec<Hit>) {
        let Some(mut last) = lines.iter().rposition(|l| self.is_prose(text, l)) else {
            return;
        };
        while lines
            .get(last + 1)
            .is_some_and(|l| self.is_cut_paragraph(text, l))
        {
            last += 1;
        }
        let tail = lines.get(last + 1..).unwrap_or_default();
        let Some(first) = tail.iter().find(|l| self.is_marker(&text[l.span()])) else {
            return;
        };
        if let Some(end) = tail.last() {
            hits.push(Hit::new(first.span().start..end.span().end));
        }
    }

    fn leading(&self, text: &str, lines: &[Line], hits: &mut Vec<Hit>) {
        let Some(body) = lines.iter().position(|l| self.is_prose(text, l)) else {
            return;
        };
        // The line right before the body is its headline.
        let before = lines.get(..body.saturating_sub(1)).unwrap_or_default();
        let is_menu_item =
            |l: &Line| l.words() <= self.menu_words && !ends_like_sentence(&text[l.span()]);
        for run in before.chunk_by(|a, b| is_menu_item(a) == is_menu_item(b)) {
            if let (Some(first), Some(last)) = (run.first(), run.last())
                && is_menu_item(first)
                && run.len() >= self.menu_lines
            {
                hits.push(Hit::new(first.span().start..last.span().end));
            }
        }
    }

    /// The index range of the body: from the first prose line to the last.
    fn body(&self, text: &str, lines: &[Line]) -> Option<Range<usize>> {
        let first = lines.iter().position(|l| self.is_prose(text, l))?;
        let last = lines.iter().rposition(|l| self.is_prose(text, l))?;
        Some(first..last + 1)
    }

    fn teaser_list(&self, text: &str, lines: &[Line], hits: &mut Vec<Hit>) {
        let Some(body) = self.body(text, lines) else {
            return;
        };
        let is_teaser = |l: &Line| {
            let line = &text[l.span()];
            let cut = line.ends_with("...") || line.ends_with('…');
            // Headlines start with a capital, a digit or a quote; not with a dash, a bracket
            // or a bullet (embedded posts, captions, notes), and do not end with a colon.
            let opens_like_headline = line.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '‘' | '“' | '\'' | '"')
            });
            // A paragraph of several sentences that is not cut is the article's (`… to the
            // US. PTI`), however it ends.
            let paragraph = !cut && self.is_cut_paragraph(text, l);
            l.words() >= self.teaser_words
                && !paragraph
                && opens_like_headline
                && !line.ends_with(':')
                && !line.contains("(@")
                && (cut || !ends_like_sentence(line))
        };
        // Outside the body only: inside it, runs of such lines are lists and tables.
        for part in [0..body.start, body.end..lines.len()] {
            let part = lines.get(part).unwrap_or_default();
            for run in part.chunk_by(|a, b| is_teaser(a) == is_teaser(b)) {
                if let (Some(first), Some(last)) = (run.first(), run.last())
                    && is_teaser(first)
                    && run.len() >= self.teaser_lines
                {
                    hits.push(Hit::new(first.span().start..last.span().end));
                }
            }
        }
    }

    fn repeated_lines(&self, text: &str, lines: &[Line], hits: &mut Vec<Hit>) {
        // Inside the body, repeated lines are list items and refrains; outside it, copies of
        // captions and headlines.
        let body = self.body(text, lines).unwrap_or(0..0);
        let mut seen: HashSet<&str, FixedState> = HashSet::default();
        for (index, line) in lines.iter().enumerate() {
            let content = &text[line.span()];
            let outside = !body.contains(&index);
            if line.words() >= 4 && !ends_like_sentence(content) && !seen.insert(content) && outside
            {
                hits.push(Hit::new(line.span()));
            }
        }
    }

    fn repeated_headline(text: &str, lines: &[Line], hits: &mut Vec<Hit>) {
        let [first, second, ..] = lines else {
            return;
        };
        let (a, b) = (&text[first.span()], &text[second.span()]);
        if second.words() >= 3 && a.ends_with(b) {
            let span = if a == b { second.span() } else { first.span() };
            hits.push(Hit::new(span));
        }
    }
}

/// The lines every furniture rule reads.
#[derive(PartialEq)]
struct ContentLines;

impl SharedKey for ContentLines {
    type Value = Vec<Line>;
}

impl Detector for Boilerplate {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        // Every furniture rule reads the same lines: found once per document.
        let lines = doc.shared(ContentLines, || content_lines(doc));
        // Headline-shaped and repeated lines are a sign of furniture in English prose only.
        let english = || doc.is_mostly_english();
        match self.block {
            Block::Trailing => self.trailing(text, &lines, hits),
            Block::Leading => self.leading(text, &lines, hits),
            Block::TeaserList if english() => self.teaser_list(text, &lines, hits),
            Block::RepeatedHeadline => Self::repeated_headline(text, &lines, hits),
            Block::RepeatedLine if english() => self.repeated_lines(text, &lines, hits),
            Block::TeaserList | Block::RepeatedLine => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn inner_sentences_are_told_from_titles_and_dates() {
        assert!(has_inner_sentence(
            "Fares did not change. Still, the owners…"
        ));
        assert!(has_inner_sentence("They flew back to the US. PTI"));
        assert!(!has_inner_sentence(
            "Boat frozen in St. Croix River gets good news"
        ));
        assert!(!has_inner_sentence("On Sunday, Nov. 10, Mr. Lee spoke"));
    }

    proptest! {
        /// A line's word count is the number of tokens inside its trimmed span, as two binary
        /// searches over the tokens count them.
        #[test]
        fn lines_count_the_tokens_inside_them(
            text in r"([a-zé’]{1,6}|[ \t\u{A0}]|[.,…]|\n|\r\n|\r){0,60}",
        ) {
            let doc = Document::new(text);
            let tokens = doc.tokens();
            for line in content_lines(&doc) {
                let from = tokens.partition_point(|t| t.start() < line.span().start);
                let to = tokens.partition_point(|t| t.end() <= line.span().end);
                prop_assert_eq!(line.words(), to.saturating_sub(from));
            }
        }
    }
}
