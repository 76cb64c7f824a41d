//! `quote-case`: a capital letter right after an opening quote in mid-sentence, on an ordinary
//! word (`exchanges “Frank and direct” with`) — the French habit of capitalizing quotations.
//!
//! ```toml
//! [rule.params]
//! speech_verbs = ["said", "added"]   # a quote after `verb,` may be a full sentence
//! ```
//!
//! Not flagged: a quote that starts a sentence, follows a colon or another quote and a
//! conjunction (`“Islamic” or “Orthodox”`), or follows a speech verb
//! (`he said, “We must…”`, `according to him, “The…”`, `the word “We”`); a quote that ends
//! with its own full stop or comma; names, acronyms and `I` (the word's lower-case form must be an English word);
//! title-case quotes (`“War and Peace”`, `“The Persians”`: another capitalized ordinary word,
//! or an article before a capital); titles listed in parentheses; a title after the word for
//! its kind, however long (`the film “Heat”`, `the play “The long night”`); a headline's quote
//! given to a person with no verb (`Coach Ito “Scoring comes first” (Daily Sports)`); a
//! one-word quote that names something: a nickname or a part of a name (`Earvin “Magic”
//! Johnson`), a term after an article or a possessive (`the “Agreement”`), the label of a
//! control (`click “Accept”`, the “Share” button). The suggestion lower-cases the word.

use std::collections::HashSet;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, Token};
use crate::text::case::{decapitalize, is_all_caps, is_calendar_name, is_capitalized};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::quotes::Group;
use crate::text::words::NAMING_WORDS;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "quote-case",
    aliases: &[],
    summary: "a capital after an opening quote in mid-sentence, on an ordinary word",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteCaseParams {
    speech_verbs: Vec<String>,
}

/// A compiled `quote-case` rule.
#[derive(Debug)]
pub struct QuoteCase {
    speech_verbs: HashSet<String>,
    lexicon: &'static Lexicon,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: QuoteCaseParams = params.parse()?;
    Ok(Box::new(QuoteCase {
        speech_verbs: raw
            .speech_verbs
            .into_iter()
            .map(|v| v.to_lowercase())
            .collect(),
        lexicon: Lexicon::get(Dialect::Us),
    }))
}

impl QuoteCase {
    /// Whether the text before the quote, in its sentence, lets a full sentence start there.
    fn introduces_sentence(&self, doc: &Document, sentence_start: usize, quote: usize) -> bool {
        let text = doc.text();
        let before = text[sentence_start..quote].trim_end();
        // Sentence start, colon, or a parenthesis (`(“Frozen”, “Cats”)` lists titles).
        if before.is_empty()
            || before.ends_with([':', '('])
            || follows_a_quotation(before)
            || lists_quotations_in_brackets(before)
        {
            return true;
        }
        // With a comma, the last few words before it: `he said,`, `she added,`,
        // `according to him,`; without one, the word right before: `the word “We”`.
        let (clause, reach) = match before.strip_suffix(',') {
            Some(clause) => (clause, 4),
            None => (before, 1),
        };
        // `assuring that, “Never ever”, Ukraine…`: after `that` the reported clause goes on.
        let last_word = clause
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default();
        if last_word.eq_ignore_ascii_case("that") {
            return false;
        }
        let speech = clause
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .take(reach)
            .any(|w| self.speech_verbs.contains(&w.to_lowercase()));
        speech || (reach > 1 && clause.to_lowercase().contains("according to"))
    }

    fn flagged_word(
        &self,
        doc: &Document,
        tokens: &[Token],
        open_end: usize,
        close: usize,
    ) -> Option<Token> {
        let text = doc.text();
        let index = tokens.partition_point(|t| t.start() < open_end);
        let first = *tokens.get(index)?;
        if first.start() != open_end || first.end() > close {
            return None;
        }
        let word = &text[first.range()];
        if !is_capitalized(word) || is_all_caps(word) || !self.lexicon.knows_lowercase(word) {
            return None;
        }
        // An utterance of its own: `“We agree.”`, or `“Fund our schools,” and…`.
        let inner = text[open_end..close].trim_end();
        if inner.ends_with(['.', '!', '?', ',']) {
            return None;
        }
        // Title case or a name inside: another capitalized word (`“War and Peace”`,
        // `“Hey Siri”`); a month or a day counts only after a word that is not a preposition
        // or a determiner of time (`“Black Friday”`, `“Bloody Sunday”`, but `“Before March”`).
        let dated_name = !TIME_LEADS.contains(&word.to_lowercase().as_str());
        let title_case = tokens
            .get(index + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|t| t.end() <= close)
            .any(|t| {
                let w = &text[t.range()];
                is_capitalized(w) && (dated_name || !is_calendar_name(w))
            });
        (!title_case).then_some(first)
    }
}

/// Whether the text before a quotation ends with another one and `and` or `or`: quoted terms
/// listed (`no “Islamic” or “Orthodox” ones`) each start as the first did.
fn follows_a_quotation(before: &str) -> bool {
    [" and", " or"].iter().any(|conjunction| {
        before
            .trim_end()
            .strip_suffix(conjunction)
            .is_some_and(|head| {
                head.trim_end()
                    .trim_end_matches(',')
                    .ends_with(['”', '"', '»'])
            })
    })
}

/// Whether the text before a quotation ends with quotations listed in brackets since the
/// opening one (`(“Frozen,” “Cats”`): titles listed, each starting as the first did.
fn lists_quotations_in_brackets(before: &str) -> bool {
    let Some((_, inside)) = before.rsplit_once('(') else {
        return false;
    };
    let inside = inside.trim_end().trim_end_matches(',');
    inside.starts_with(['“', '"', '«', '‘'])
        && inside.ends_with(['”', '"', '»', '’'])
        && !inside.contains(')')
}

/// Words that lead a phrase of time rather than name a day (`“Before March”`, `“Next
/// Monday”`).
const TIME_LEADS: [&str; 22] = [
    "after", "around", "before", "by", "during", "each", "early", "every", "for", "from", "in",
    "last", "late", "mid", "next", "on", "since", "that", "this", "through", "till", "until",
];

/// Whether a quotation with a capital names something rather than starts a fragment: a
/// title after a word that names a work, a group or a name, however long (`the film “Heat”`,
/// `the production “The lost coat”`, `a party called “Greens”`); a quotation a headline
/// gives to a person, with no verb (`Coach Ito “Scoring comes first” (Daily Sports)`); or a
/// one-word quotation that is a nickname or a part of a name (`Earvin “Magic” Johnson`, the
/// “Greens” Union), a term or title after an article or a possessive (`the “Agreement”`,
/// `Russia's “Proton”`) or the label of a control (`click “Accept”`, a “Share” button).
fn names_something(
    text: &str,
    open: usize,
    close_end: usize,
    word: Token,
    tokens: &[Token],
) -> bool {
    let before = text.get(..open).unwrap_or_default().trim_end();
    let previous = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    let lower = previous.to_lowercase();
    if NAMING_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let after = text.get(close_end..).unwrap_or_default();
    let headline_end =
        after.starts_with(['\n', '\r']) || after.is_empty() || after.starts_with(" (");
    if headline_end && is_capitalized(previous) && !ARTICLES.contains(&lower.as_str()) {
        return true;
    }
    let index = tokens.partition_point(|t| t.start() < word.start());
    let one_word = tokens
        .get(index + 1)
        .is_none_or(|next| next.start() >= close_end);
    if !one_word {
        return false;
    }
    let next_is_capital = after
        .strip_prefix(' ')
        .and_then(|a| a.chars().next())
        .is_some_and(char::is_uppercase);
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    next_is_capital
        || CONTROL_NOUNS.contains(&next_word)
        || ARTICLES.contains(&lower.as_str())
        || ["its", "their", "our", "his", "her", "this", "that"].contains(&lower.as_str())
        || previous.ends_with("'s")
        || previous.ends_with("’s")
}

/// Nouns after which a quoted word is the label of a control (`the “Promote” button`).
const CONTROL_NOUNS: [&str; 8] = [
    "button", "icon", "key", "link", "menu", "option", "setting", "tab",
];

/// Articles, which a title may follow but a speaker's name does not.
const ARTICLES: [&str; 3] = ["the", "a", "an"];

impl Detector for QuoteCase {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let sentences = doc.sentences();
        for (paragraph, groups) in doc.paragraphs().iter().zip(doc.quote_groups()) {
            for &g in groups {
                let Group::Pair(open, close) = g else {
                    continue;
                };
                let open_end = open.range(text).end;
                let Some(word) = self.flagged_word(doc, tokens, open_end, close.at) else {
                    continue;
                };
                let index = sentences.partition_point(|s| s.end <= open.at);
                let sentence_start = sentences
                    .get(index)
                    .map_or(paragraph.start, |s| s.start.min(open.at));
                if self.introduces_sentence(doc, sentence_start, open.at)
                    || names_something(text, open.at, close.range(text).end, word, tokens)
                {
                    continue;
                }
                let lower = decapitalize(&text[word.range()]);
                hits.push(Hit::with_suggestion(word.range(), lower));
            }
        }
    }
}
