//! `untranslated`: untranslated text — words in another script, and words of the source
//! languages left in English prose.
//!
//! ```toml
//! [rule.params]
//! unit = "words"              # words: runs of foreign words; sentence: wholly foreign sentences
//! languages = { fr = "../untranslated/fr.txt", de = "../untranslated/de.txt" }
//! english = ["../untranslated/en.txt", "loanwords.txt"]  # words English uses: never foreign alone
//! language_names = "language-names.txt"   # languages named in their own script (`Русский`,
//!                                         # `日本語` in a language menu): never foreign
//! min_length = 4              # a lone Latin-script foreign word needs this many letters
//! sentence_share = 0.8        # sentence unit: share of source-language words (shared included)
//! foreign_share = 0.3         # sentence unit: share of words that are not English at all
//! frequency = "../dict/frequency-en.txt"  # English words, most frequent first (optional)
//! common_words = 10000        # this many of them are classified once, when the rule loads
//! ```
//!
//! A word is foreign when it is written in another script, or when it is in a source-language
//! list and neither the English lexicons (American and British, accents as written) nor the
//! `english` lists know it. Words both languages have (`a`, `son`) count towards a foreign
//! sentence and may stand inside a run, but are never flagged alone. A capitalized word is a
//! name unless a lower-case foreign word stands beside it (`eine Kutsche`); a lower-case word
//! with letters English does not use (`ł`, `ř`, `ö`) is foreign when English does not know it,
//! listed or not. Digits, acronyms and web addresses are never foreign, nor is a name's
//! original spelling in brackets after it (`the Hwajeontae Dance (花前態舞)`), nor a title
//! kept in its language after the word that names it (`a show called Čau lidi`, `the program
//! “Brandenburg aktuell”`). A lone foreign
//! word must have `min_length` letters (or another script); two or more in a row are flagged
//! whatever their length. A document in which English words are not the majority is not
//! English prose: nothing in it is flagged here (the `language` check says so once).
//!
//! Classifying a word asks tables of half a million words; the commonest English words, which
//! make most of a text, are classified once when the rule loads and then found in a small table.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, SharedKey, Token, token_ranges};
use crate::structures::word_table::ranked_words;
use crate::structures::wordmap::{WordKey, WordMap};
use crate::text::case::{eq_ignore_case, is_all_caps, is_capitalized};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::script::{
    is_foreign_script_letter, is_latin_letter, is_letter, is_letter_or_digit,
};
use crate::text::wordlist::WordList;
use crate::text::words::NAMING_WORDS;

/// A word copied from the document's source is flagged from this many letters (`que`, `und`).
const COPIED_MIN_LENGTH: usize = 3;

/// A copied word this short is flagged even when English corpora use it (`und`).
const COPIED_SHORT_WORD: usize = 4;

/// A lower-case word copied from the source that no English dictionary knows is foreign from
/// this many letters even when no source-language list has it (`involucraban`, `poukazovali`).
const COPIED_UNLISTED_LENGTH: usize = 5;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "untranslated",
    aliases: &["leftovers"],
    summary: "untranslated words: other scripts and source-language words",
    compile,
};

/// What a rule flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Unit {
    /// Runs of foreign words inside English sentences.
    #[default]
    Words,
    /// Sentences that are mostly foreign.
    Sentence,
}

fn default_min_length() -> usize {
    4
}

fn default_sentence_share() -> f64 {
    0.8
}

fn default_foreign_share() -> f64 {
    0.3
}

fn default_common_words() -> usize {
    10_000
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UntranslatedParams {
    #[serde(default)]
    unit: Unit,
    #[serde(default)]
    languages: HashMap<String, Spanned<String>>,
    #[serde(default)]
    english: Vec<Spanned<String>>,
    #[serde(default)]
    language_names: Option<Spanned<String>>,
    #[serde(default = "default_min_length")]
    min_length: usize,
    #[serde(default = "default_sentence_share")]
    sentence_share: f64,
    #[serde(default = "default_foreign_share")]
    foreign_share: f64,
    #[serde(default)]
    frequency: Option<Spanned<String>>,
    #[serde(default = "default_common_words")]
    common_words: usize,
}

/// A compiled `untranslated` rule.
#[derive(Debug)]
pub struct Untranslated {
    unit: Unit,
    /// Source-language words.
    foreign: Arc<WordList>,
    /// Words English uses beyond its dictionaries.
    english: Arc<WordList>,
    /// Languages named in their own script, in lower case.
    language_names: Option<Arc<WordList>>,
    min_length: usize,
    sentence_share: f64,
    foreign_share: f64,
    lexicons: [&'static Lexicon; 2],
    /// The classes of the commonest lower-case words, computed when the rule loads.
    common: WordMap<Class>,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: UntranslatedParams = params.parse()?;
    let mut languages: Vec<_> = raw.languages.iter().collect();
    languages.sort_by_key(|(code, _)| code.as_str());
    let foreign = params.word_lists(languages.into_iter().map(|(_, file)| file))?;
    let english = params.word_lists(&raw.english)?;
    let language_names = match &raw.language_names {
        Some(file) => Some(params.word_lists(std::slice::from_ref(file))?),
        None => None,
    };
    for share in [raw.sentence_share, raw.foreign_share] {
        if !(0.0..=1.0).contains(&share) {
            return Err(ParamError::new(
                0..0,
                "sentence_share and foreign_share must be between 0 and 1",
            ));
        }
    }
    let mut rule = Untranslated {
        unit: raw.unit,
        foreign,
        english,
        language_names,
        min_length: raw.min_length,
        sentence_share: raw.sentence_share,
        foreign_share: raw.foreign_share,
        lexicons: [Lexicon::get(Dialect::Us), Lexicon::get(Dialect::Gb)],
        common: WordMap::new(),
    };
    if let Some(file) = &raw.frequency {
        let text = params.read_file(file)?;
        let common: Vec<&str> = ranked_words(&text).take(raw.common_words).collect();
        let classes: Vec<Class> = common.iter().map(|w| rule.classify(w, false)).collect();
        for (word, class) in common.into_iter().zip(classes) {
            rule.common.insert(word, class);
        }
    }
    Ok(Box::new(rule))
}

/// Whether a word is an ASCII capital followed by one ASCII small letter or more (`Paris`),
/// for a word too long for a [`WordKey`], which tells it for the others.
fn is_capitalized_ascii(bytes: &[u8]) -> bool {
    bytes.len() >= 2
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().skip(1).all(u8::is_ascii_lowercase)
}

/// What one word is, for this check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// English, a name, a number: not untranslated.
    English,
    /// Written in another script.
    OtherScript,
    /// A source-language word (Latin script), with its length in letters.
    Foreign(u16),
    /// Capitalized, unknown to English, of a source language: a noun of that language when a
    /// lower-case foreign word stands beside it (`eine Kutsche`), else a name.
    ForeignIfBeside(u16),
    /// A word both English and of a source language (`a`, `son`, `questions`): it counts
    /// towards a foreign sentence but is never flagged.
    Shared,
}

impl Class {
    fn is_foreign(self) -> bool {
        matches!(self, Class::OtherScript | Class::Foreign(_))
    }
}

impl Untranslated {
    /// The class of a common word, as written or capitalized (`The`), when the table decides
    /// it: a capitalized word whose lower-case form is foreign may still be a name English
    /// knows (`Paris`), which only the full classification tells.
    ///
    /// The word `text[span]` is looked up by its key, read from the text around it (see
    /// [`WordKey::in_text`]); a word too long for a key, by its letters.
    fn common_class(&self, text: &str, span: std::ops::Range<usize>) -> Option<Class> {
        let word = &text[span.clone()];
        let key = WordKey::in_text(text, span);
        let as_written = match key {
            Some(key) => self.common.get_key(key),
            None => self.common.get(word),
        };
        if let Some(&class) = as_written {
            return Some(class);
        }
        let lowered = match key {
            Some(key) if key.is_capitalized_ascii() => self.common.get_key(key.lowercase()),
            Some(_) => None,
            None if is_capitalized_ascii(word.as_bytes()) => self.common.get_ascii_lowercase(word),
            None => None,
        };
        lowered
            .copied()
            .filter(|class| matches!(class, Class::English | Class::Shared))
    }

    /// The class of a word from the lists and dictionaries, without the common words' table
    /// (which this fills when the rule loads, and which decides most words of a document).
    fn classify(&self, word: &str, web_address: bool) -> Class {
        // `стопкоронавирус.рф`: an address is copied as it is, whatever its script.
        if web_address {
            return Class::English;
        }
        if !word.is_ascii() && word.chars().any(is_foreign_script_letter) {
            // `Сolumn` with a Cyrillic `С`: an English word typed with a look-alike letter,
            // not a foreign one.
            if is_latin_with_look_alikes(word) {
                return Class::English;
            }
            // A language named in its own script (`Русский`, `日本語` in a language menu),
            // also glued to the other links of the menu (`العربيةespрусde`).
            // (The word has a letter outside ASCII, so at least one part to look up.)
            let named = |names: &Arc<WordList>| {
                word.split(|c: char| c.is_ascii())
                    .filter(|part| !part.is_empty())
                    .all(|part| names.contains(&part.to_lowercase()))
            };
            if self.language_names.as_ref().is_some_and(named) {
                return Class::English;
            }
            return Class::OtherScript;
        }
        if !word
            .chars()
            .all(|c| is_latin_letter(c) || c == '\'' || c == '’' || c == '-')
            || is_all_caps(word)
        {
            return Class::English;
        }
        // Most words are lower-case ASCII already: no copy for them.
        let lower: std::borrow::Cow<'_, str> = if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
        {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.to_lowercase().replace('’', "'"))
        };
        let listed = self.foreign.contains(&lower);
        // Letters English does not use (`ł`, `ř`, `ß`, `ö`…) on an unknown lower-case word.
        let accented = word.chars().any(|c| is_letter(c) && !c.is_ascii()) && !is_capitalized(word);
        if !listed && !accented {
            return Class::English;
        }
        // `protégés`: the plural of an accented loanword the list has.
        let english = self.english.contains(&lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|singular| !singular.is_ascii() && self.english.contains(singular))
            || self
                .lexicons
                .iter()
                .any(|l| l.knows_as_written(word) || l.knows_as_written(&lower));
        let letters = word.chars().filter(|c| is_letter(*c)).count();
        // A length fits in 16 bits (a longer word counts as long enough): a class a word is
        // kept for every word of the document, so it stays small.
        let letters = u16::try_from(letters).unwrap_or(u16::MAX);
        match (english, listed) {
            (true, true) => Class::Shared,
            (true, false) => Class::English,
            (false, _) if is_capitalized(word) => Class::ForeignIfBeside(letters),
            (false, _) => Class::Foreign(letters),
        }
    }

    /// Appends the classes of a sentence's tokens to `out`. A capitalized foreign word turns
    /// foreign or English by its neighbours in the same sentence. `seen` keeps the classes of
    /// the document's uncommon words: a name or a foreign word recurs in an article, and its
    /// classification looks it up in several lists and dictionaries.
    fn classify_sentence(
        &self,
        text: &str,
        tokens: &[Token],
        seen: &mut WordMap<Class>,
        out: &mut Vec<Class>,
    ) {
        let from = out.len();
        out.extend(tokens.iter().map(|t| {
            let word = &text[t.range()];
            // `Aktuálně.cz`, `site.com/path`: part of a web address.
            let after = &text[t.end()..];
            let before = &text[..t.start()];
            let web = (after.starts_with('.') && after[1..].starts_with(is_letter_or_digit))
                || before
                    .strip_suffix('.')
                    .is_some_and(|b| b.ends_with(is_letter_or_digit));
            if web {
                return self.classify(word, true);
            }
            if let Some(class) = self
                .common_class(text, t.range())
                .or_else(|| seen.get(word).copied())
            {
                return class;
            }
            let class = self.classify(word, false);
            seen.insert(word, class);
            class
        }));
        let sentence = out.get_mut(from..).unwrap_or_default();
        // Neighbours count as first classified: one resolved foreign here does not make the
        // next one foreign.
        let mut previous_foreign = false;
        for i in 0..sentence.len() {
            let Some(class) = sentence.get(i).copied() else {
                break;
            };
            if let Class::ForeignIfBeside(letters) = class {
                let next_foreign = sentence.get(i + 1).is_some_and(|c| c.is_foreign());
                if let Some(slot) = sentence.get_mut(i) {
                    *slot = if previous_foreign || next_foreign {
                        Class::Foreign(letters)
                    } else {
                        Class::English
                    };
                }
            }
            previous_foreign = class.is_foreign();
        }
    }

    fn flag_runs(&self, text: &str, tokens: &[Token], classes: &[Class], hits: &mut Vec<Hit>) {
        // Words and their classes, side by side (a sentence's tokens and classes match).
        let word = |i: usize| Some((*tokens.get(i)?, *classes.get(i)?));
        // Only space, hyphens or apostrophes between two words.
        let joined = |a: &Token, b: &Token| {
            text.get(a.end()..b.start()).is_some_and(|gap| {
                gap.chars()
                    .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
            })
        };
        let mut i = 0;
        while let Some((token, class)) = word(i) {
            if !class.is_foreign() {
                i += 1;
                continue;
            }
            // Extend over foreign words, and over shared words followed by a foreign one.
            let mut end = (i, token);
            let mut previous = token;
            let mut next = i + 1;
            while let Some((next_token, next_class)) = word(next) {
                if !joined(&previous, &next_token) {
                    break;
                }
                match next_class {
                    c if c.is_foreign() => end = (next, next_token),
                    Class::Shared => {}
                    _ => break,
                }
                previous = next_token;
                next += 1;
            }
            let long_enough = match class {
                Class::Foreign(letters) => usize::from(letters) >= self.min_length,
                _ => true,
            };
            let span = token.start()..end.1.end();
            if (end.0 > i || long_enough)
                && !is_gloss(text, span.clone(), class)
                && !names_a_title(text, span.start)
            {
                hits.push(Hit::new(span));
            }
            i = end.0 + 1;
        }
    }
}

/// Whether a run of words in another script is the original spelling of the name before it
/// (a capitalized word of Latin letters), in brackets: `the Hwajeontae Dance (花前態舞)`,
/// `Kim Ji-young (김지영)`.
fn is_gloss(text: &str, run: std::ops::Range<usize>, first: Class) -> bool {
    let before = text.get(..run.start).unwrap_or_default().trim_end();
    let after = text.get(run.end..).unwrap_or_default();
    first == Class::OtherScript
        && after.starts_with(')')
        && before.strip_suffix('(').is_some_and(|head| {
            let name = head.rsplit(char::is_whitespace).find(|w| !w.is_empty());
            name.is_some_and(|name| {
                name.starts_with(char::is_uppercase)
                    && name
                        .chars()
                        .all(|c| is_latin_letter(c) || matches!(c, '-' | '\'' | '’'))
            })
        })
}

/// Whether a run starting at byte `start` is (part of) the title of what the word before it
/// names, kept in its language: `the event called Poslední kapka`, `the show Čau lidi`, `the
/// program “Brandenburg aktuell”`. Going back from the run over capitalized words and an
/// opening quotation mark, which must leave the run capitalized or quoted, the word reached
/// is one of [`NAMING_WORDS`].
fn names_a_title(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or_default();
    let run_capitalized = text
        .get(start..)
        .and_then(|run| run.chars().next())
        .is_some_and(char::is_uppercase);
    let mut words = before.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
    let mut marked = run_capitalized;
    for word in words.by_ref() {
        let bare = word.trim_start_matches(['“', '"', '„', '«']);
        if bare.len() < word.len() {
            marked = true;
        }
        if bare.is_empty() {
            continue;
        }
        if bare.starts_with(char::is_uppercase) {
            if bare.len() == word.len() {
                continue;
            }
            // A quotation opening on a capitalized word: the word before it names it.
            return marked && words.next().is_some_and(is_naming_word);
        }
        return marked && bare.len() == word.len() && is_naming_word(bare);
    }
    false
}

/// Whether a word (its trailing punctuation aside) names what follows it.
fn is_naming_word(word: &str) -> bool {
    let word = word.trim_end_matches([',', ':']).to_lowercase();
    NAMING_WORDS.contains(&word.as_str())
}

impl Untranslated {
    /// Where the document's source is known: a lower-case word copied from it that the English
    /// dictionaries do not know is foreign even where the lists alone leave it English or too
    /// short to flag alone (`found que`), when a source-language list has it and the list of
    /// words English uses does not (or it is as short as a function word). Capitalized copies
    /// are names; unlisted ones new words (`lockdowns`).
    fn mark_copied(&self, text: &str, tokens: &[Token], source: &str, classes: &mut [Class]) {
        // The source's words, gathered when a word of the translation may be one of them
        // (a few words of a segment are looked up: no index is built).
        let mut source_words: Option<Vec<&str>> = None;
        for (token, class) in tokens.iter().zip(classes.iter_mut()) {
            // Foreign already, or a common English word (most words of a text).
            if matches!(*class, Class::OtherScript | Class::Foreign(_))
                || self.common_class(text, token.range()) == Some(Class::English)
            {
                continue;
            }
            let Some(word) = text.get(token.range()) else {
                continue;
            };
            // A French or Italian elided article or pronoun (`d'admirer`, `l'anno`) is part of
            // the copy.
            let word = elided(word);
            let letters = word.chars().count();
            if letters < COPIED_MIN_LENGTH
                || is_all_caps(word)
                || !word.chars().all(is_latin_letter)
            {
                continue;
            }
            // Part of an address (`rus.err.ee`, `str@kd.ru`) or a credit line (`(dpa)`).
            let before = text
                .get(..token.start())
                .and_then(|b| b.chars().next_back());
            let after = text.get(token.end()..).and_then(|a| a.chars().next());
            if matches!(before, Some('@' | '.' | '/' | '(' | '#'))
                || matches!(after, Some('@' | '.' | '/' | ')')) && {
                    let rest = text.get(token.end() + 1..).unwrap_or_default();
                    after == Some(')') || rest.starts_with(is_letter_or_digit)
                }
            {
                continue;
            }
            // A capitalized word copied from the source is a name far more often than not.
            // Short function words (`que`, `und`) are in the list of words English uses, from
            // the foreign text English corpora quote.
            let lower = word.to_lowercase();
            let listed = self.foreign.contains(&lower);
            if is_capitalized(word)
                || !(listed || letters >= COPIED_UNLISTED_LENGTH)
                || (letters > COPIED_SHORT_WORD && self.english.contains(&lower))
            {
                continue;
            }
            let source_words = source_words.get_or_insert_with(|| {
                crate::document::tokenize(source)
                    .into_iter()
                    .filter_map(|t| source.get(t.range()))
                    .map(elided)
                    .filter(|w| w.chars().all(is_letter))
                    .collect()
            });
            // Whether the source has the word, and whether in lower case as well (a
            // capitalized German noun copied in lower case is more often an English loan).
            let Some(lower_in_source) = in_source(source_words, &lower) else {
                continue;
            };
            if self
                .lexicons
                .iter()
                .any(|l| l.knows_as_written(word) || l.knows_as_written(&lower))
            {
                continue;
            }
            if listed || lower_in_source {
                // Copied words are flagged whatever their length.
                *class = Class::Foreign(u16::MAX);
            }
        }
    }
}

/// Whether `words` have a word whose lower case is `lower`: `Some(true)` when one is written
/// so, `Some(false)` when only with capitals.
fn in_source(words: &[&str], lower: &str) -> Option<bool> {
    let mut found = None;
    for &word in words {
        if word == lower {
            return Some(true);
        }
        if found.is_none() && eq_ignore_case(word, lower) {
            found = Some(false);
        }
    }
    found
}

/// A word without a leading elided article or pronoun (`d'`, `l’`, `qu'`), as French and
/// Italian write them.
fn elided(word: &str) -> &str {
    let Some(at) = word.find(['\'', '’']) else {
        return word;
    };
    let (head, tail) = word.split_at(at);
    let rest = tail
        .get(tail.chars().next().map_or(0, char::len_utf8)..)
        .unwrap_or_default();
    let elision = matches!(
        head.to_lowercase().as_str(),
        "l" | "d"
            | "s"
            | "n"
            | "j"
            | "c"
            | "m"
            | "t"
            | "qu"
            | "dell"
            | "all"
            | "nell"
            | "sull"
            | "un"
    );
    if elision && !rest.is_empty() {
        rest
    } else {
        word
    }
}

/// The classes of a document's words, sentence by sentence: both untranslated-text rules classify the
/// same words with the same lists, once per document.
struct SentenceClasses {
    /// Each sentence's tokens, as a range of the document's tokens; its classes are the same
    /// range of `classes`.
    /// The token range of each sentence, in 32 bits (a file of short lines has millions).
    bounds: Vec<std::ops::Range<u32>>,
    classes: Vec<Class>,
}

/// The classes of a document's words for the untranslated-text rules that read the same word lists
/// (the same lists, not equal ones: compared by address).
struct WordClasses(Arc<WordList>, Arc<WordList>);

impl PartialEq for WordClasses {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) && Arc::ptr_eq(&self.1, &other.1)
    }
}

impl SharedKey for WordClasses {
    type Value = SentenceClasses;
}

impl Detector for Untranslated {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        if !doc.is_mostly_english() {
            return;
        }
        let tokens = doc.tokens();
        let key = WordClasses(Arc::clone(&self.foreign), Arc::clone(&self.english));
        let analysis = doc.shared(key, || {
            let mut bounds: Vec<std::ops::Range<u32>> = Vec::with_capacity(doc.sentences().len());
            bounds.extend(
                token_ranges(tokens, doc.sentences().iter().cloned()).map(|r| {
                    u32::try_from(r.start).unwrap_or(u32::MAX)
                        ..u32::try_from(r.end).unwrap_or(u32::MAX)
                }),
            );
            // Sentences do not overlap, so their token ranges follow one another: the classes
            // line up with the tokens they cover.
            let mut classes = Vec::with_capacity(tokens.len());
            let mut seen = WordMap::new();
            for range in &bounds {
                let range = range.start as usize..range.end as usize;
                classes.resize(range.start, Class::English);
                let sentence_tokens = tokens.get(range).unwrap_or_default();
                self.classify_sentence(text, sentence_tokens, &mut seen, &mut classes);
            }
            if let Some(bitext) = doc.bitext() {
                self.mark_copied(text, tokens, bitext.source(), &mut classes);
            }
            SentenceClasses { bounds, classes }
        });
        for (sentence, range) in doc.sentences().iter().zip(&analysis.bounds) {
            let range = range.start as usize..range.end as usize;
            let sentence_tokens = tokens.get(range.clone()).unwrap_or_default();
            let classes = analysis.classes.get(range).unwrap_or_default();
            let words = classes.len() as f64;
            let foreign = classes.iter().filter(|c| c.is_foreign()).count() as f64;
            let shared = classes.iter().filter(|c| **c == Class::Shared).count() as f64;
            // Mostly words of the source languages, and enough of them not English at all.
            let wholly = classes.len() >= 4
                && foreign >= 2.0
                && foreign + shared >= self.sentence_share * words
                && foreign >= self.foreign_share * words;
            match self.unit {
                Unit::Sentence if wholly => hits.push(Hit::new(sentence.clone())),
                Unit::Words if !wholly => self.flag_runs(text, sentence_tokens, classes, hits),
                _ => {}
            }
        }
    }
}

/// Whether a word mixes Latin letters with Cyrillic or Greek ones that look the same (`Сolumn`,
/// `nеws`): English typed with a look-alike, as some pages do against copying.
fn is_latin_with_look_alikes(word: &str) -> bool {
    const LOOK_ALIKES: &str = "АВЕКМНОРСТХаеорсухіјѕԁΑΒΕΖΗΙΚΜΝΟΡΤΥΧοι";
    word.chars().any(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .any(|c| !c.is_ascii() && LOOK_ALIKES.contains(c))
        && word
            .chars()
            .all(|c| c.is_ascii() || LOOK_ALIKES.contains(c))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_title_follows_a_naming_word_capitalized_or_quoted() {
        let title = |text: &str, run: &str| names_a_title(text, text.find(run).unwrap());
        assert!(title("the event called Poslední kapka drew", "Poslední"));
        assert!(title("the program “Brandenburg aktuell” ran", "aktuell"));
        assert!(!title("they called Mike Pompeo худшим", "худшим"));
        assert!(!title("the show selon le ministre ran", "selon"));
        assert!(!title("Poslední kapka", "Poslední"));
    }

    proptest! {
        /// Any text, any place in it: no panic, and no title without a naming word before it.
        #[test]
        fn title_lookup_holds_anywhere(
            text in "(called |show |[a-zA-Z “”\"„«,:]|\\PC){0,40}",
            at in 0usize..64,
        ) {
            let boundaries: Vec<usize> =
                text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = boundaries[at % boundaries.len()];
            let before = text[..start].to_lowercase();
            let named = NAMING_WORDS.iter().any(|w| before.contains(w));
            prop_assert!(named || !names_a_title(&text, start));
        }
    }
}
