//! `spelling`: words neither English dictionary nor the allow-lists know, with ranked
//! suggestions; known misspellings are flagged even when the dictionary has a rare word of
//! that spelling.
//!
//! ```toml
//! [rule.params]
//! frequency = "../dict/frequency-en.txt"       # `word count` lines, most frequent first
//! misspellings = "../dict/misspellings.txt"    # `misspelling => correction` lines
//! allow = ["news-vocabulary.txt"]              # more words that are not typos
//! corpus_words = ["../dict/words-en.txt"]      # large word lists (see below)
//! common_words = 5000                          # the most frequent words of `frequency`
//! prefixes = ["micro", "cyber"]                # a prefix and a word make a word
//! deliberate = 3                               # a word used this often is deliberate
//! index_words = 40000                          # suggestions come from this many frequent words
//! max_suggestions = 3
//! ```
//!
//! Not typos: capitalized words the dictionary does not know (names) that open a name, before
//! another capitalized word English does not have (`Kornel Morawiecki`) or the noun of a place
//! (`Stennis Space Center`), that close one after a word no dictionary has (`Marcelo
//! Farling`), or that name a speaker (`Malaska said`, `added Storme`); other such words
//! unless six letters or more, not in the `corpus_words` lists (which hold the names news
//! English uses), and one edit from a word the document writes in lower case or from a common
//! word (`Amrican`); words of the `allow` lists; words of the `corpus_words` lists (rare
//! words, brands, new words) when they are frequent themselves or no common word is one edit
//! away (`hae` is in word-game lists, and a typo of `have`); a prefix and a word
//! (`microexpressions`); a word the document uses `deliberate` times or more (a capitalized
//! word twice: a name); a word that no frequent word is one edit from (rare and foreign
//! terms: a typo is one edit from the word meant); inflections and two-word compounds
//! of dictionary words (`duking`, `pitchside`); acronyms and dotted
//! abbreviations (`a.m.`); words with
//! digits or letters outside ASCII (foreign words are the `untranslated` check's), or with an
//! inner capital (`iPhone`, `SpaceX`); words censored with asterisks (`f*cking`); parts of
//! web addresses, e-mail addresses, hashtags and
//! handles; possessives and contractions (a clitic split from its word, `n't`, is the
//! `spaced-contraction` rule's); time zones in lower case after a time (`11:06am ist`);
//! hyphenated compounds whose parts are words or names.
//! Suggestions follow the run's dialect (American by default); the other dialect's spellings
//! are variants, not typos, unless the run asks for one dialect strictly (`--dialect`). A
//! document that is mostly not English is not checked. Suggestions are computed only for flagged
//! words, from an index of the frequent words (built with the binary for a shipped rule, else
//! while the rules load); they keep the word's capital.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use foldhash::fast::FixedState;
use mtlint_rule_format::{SPELLING_KIND, SpellingParams};

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, Token};
use crate::structures::deletion_table::{MAX_DISTANCE, PREFIX_LEN};
use crate::structures::memo::Memo;
use crate::structures::symspell::SuggestionIndex;
use crate::structures::word_table::ranked_words;
use crate::structures::wordmap::WordMap;
use crate::text::case::{capitalize, has_inner_capital, is_all_caps, is_capitalized};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::wordlist::{PairList, WordList};
use crate::text::words::{DETERMINERS, SPEECH_VERBS};

/// Words longer than this (in bytes) are not spell-checked.
const MAX_WORD_BYTES: usize = 64;

/// How many words the run-wide memos of verdicts and suggestions hold before starting over.
const MEMO_WORDS: usize = 100_000;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: SPELLING_KIND,
    aliases: &[],
    summary: "words not in the dictionary, with ranked suggestions",
    compile,
};

/// A compiled `spelling` rule.
pub struct Spelling {
    lexicon: &'static Lexicon,
    /// The other dialect's lexicon: its spellings are variants rather than typos, unless the
    /// run asked for one dialect strictly; then they are flagged whatever the lists say.
    other: &'static Lexicon,
    strict: bool,
    /// The same words, for the fast path: most words of a text are among them, known without
    /// asking the dictionary (and none of them is a listed misspelling).
    frequent: WordMap<()>,
    /// The frequent words by their deletions, for suggestions and near misses.
    index: SuggestionIndex,
    /// Whether a word is known, by the word as written, across the documents of a run.
    verdicts: Memo<bool>,
    /// Whether a word is near a frequent one, across the documents of a run.
    near: Memo<bool>,
    /// The frequent words one edit from a word, by rank, across the documents of a run.
    neighbours: Memo<Arc<[usize]>>,
    /// Suggestions, by the word as written and the known correction, across a run.
    suggested: Memo<Vec<String>>,
    misspellings: PairList,
    allowed: Arc<WordList>,
    /// Words seen in English text (names, new words, and typos too): accepted when long and not
    /// one edit from a common word.
    corpus: Arc<WordList>,
    /// Words ranked above this are common: a rarer word one edit from them is a typo.
    common_words: usize,
    /// Word-forming prefixes (`micro`, `cyber`): a prefix and a word make a word.
    prefixes: Vec<String>,
    /// A word used this many times in a document is deliberate, not a typo.
    deliberate: usize,
    max_suggestions: usize,
}

impl std::fmt::Debug for Spelling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spelling")
            .field("frequent", &self.frequent.len())
            .field("misspellings", &self.misspellings.len())
            .field("allowed", &self.allowed.len())
            .finish_non_exhaustive()
    }
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: SpellingParams = params.parse()?;
    let frequency = params.read_file(&raw.frequency)?;
    let ranked: Vec<Box<str>> = ranked_words(&frequency)
        .take(raw.index_words)
        .map(Box::from)
        .collect();
    if ranked.is_empty() {
        return Err(ParamError::new(
            raw.frequency.span(),
            "the frequency list has no words",
        ));
    }
    // The index takes tens of milliseconds to build: it is built beside the lists and the
    // dictionaries rather than when the first document needs it.
    let mut frequent = WordMap::new();
    for word in &ranked {
        frequent.insert(word, ());
    }
    let (index, lists) = rayon::join(
        || SuggestionIndex::new(ranked, MAX_DISTANCE, PREFIX_LEN),
        || read_lists(params, &raw),
    );
    let (misspellings, allowed, corpus) = lists?;
    let settings = params.settings();
    let other = settings.dialect.other();
    Ok(Box::new(Spelling {
        frequent,
        lexicon: Lexicon::get(settings.dialect),
        other: Lexicon::get(other),
        strict: settings.strict_dialect,
        index,
        verdicts: Memo::new(MEMO_WORDS),
        near: Memo::new(MEMO_WORDS),
        neighbours: Memo::new(MEMO_WORDS),
        suggested: Memo::new(MEMO_WORDS),
        misspellings,
        allowed,
        corpus,
        common_words: raw.common_words,
        prefixes: raw.prefixes.iter().map(|p| p.to_lowercase()).collect(),
        deliberate: raw.deliberate.max(2),
        max_suggestions: raw.max_suggestions.max(1),
    }))
}

/// The misspellings, the allowed words and the corpus words of a spelling rule, with the
/// run's dictionaries loaded on the way (both dialects, side by side).
fn read_lists(
    params: &mut Params<'_>,
    raw: &SpellingParams,
) -> Result<(PairList, Arc<WordList>, Arc<WordList>), ParamError> {
    let dialects = || rayon::join(|| Lexicon::get(Dialect::Us), || Lexicon::get(Dialect::Gb));
    let (_, lists) = rayon::join(dialects, || -> Result<_, ParamError> {
        let misspellings = match &raw.misspellings {
            Some(file) => PairList::parse(params.read_file(file)?).map_err(|line| {
                ParamError::new(
                    file.span(),
                    format!(
                        "{}, line {line}: expected `misspelling => correction`",
                        file.get_ref()
                    ),
                )
            })?,
            None => PairList::default(),
        };
        let allowed = params.word_lists(&raw.allow)?;
        let corpus = params.word_lists(&raw.corpus_words)?;
        Ok((misspellings, allowed, corpus))
    });
    lists
}

/// The run of non-space characters around a token.
fn chunk_around(text: &str, token: Token) -> &str {
    let start = text[..token.start()]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[token.end()..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| token.end() + i);
    &text[start..end]
}

/// Time zones news pages write after a time, in lower case.
const TIME_ZONES: [&str; 22] = [
    "aest", "bst", "cdt", "cest", "cet", "cst", "eat", "edt", "eet", "est", "gmt", "hkt", "ist",
    "jst", "mdt", "msk", "mst", "pdt", "pst", "sgt", "utc", "wat",
];

/// Whether a word is cut short by an ellipsis that ends its line (`the board will meet
/// agai…`): a teaser cut at its length limit, not a typo. An ellipsis inside a line after a
/// word (`I thnik… no`) cuts nothing.
fn cut_by_ellipsis(text: &str, token: Token) -> bool {
    let rest = text.get(token.end()..).unwrap_or_default();
    // The ellipsis first: a line's rest is read only after one (a long line has many words).
    let Some(after) = rest.strip_prefix('…').or_else(|| rest.strip_prefix("...")) else {
        return false;
    };
    after
        .chars()
        .take_while(|&c| c != '\n')
        .all(char::is_whitespace)
}

/// Whether a word is a time zone in lower case after a time of day (`11:06am ist`, `9:30 pm
/// cet`).
fn is_time_zone(text: &str, token: Token, word: &str) -> bool {
    if !TIME_ZONES.contains(&word) {
        return false;
    }
    let Some(before) = text[..token.start()].strip_suffix(' ') else {
        return false;
    };
    let before = ["am", "pm", "a.m.", "p.m."]
        .iter()
        .find_map(|meridiem| before.strip_suffix(meridiem))
        .map_or(before, |rest| rest.strip_suffix(' ').unwrap_or(rest));
    let bytes = before.as_bytes();
    matches!(
        bytes,
        [.., h, b':' | b'.', m1, m2] if h.is_ascii_digit() && m1.is_ascii_digit() && m2.is_ascii_digit()
    )
}

/// Whether the token belongs to a web or e-mail address, a hashtag, a handle or a file name,
/// or is part of a word censored with asterisks (`f*cking`).
fn in_address(text: &str, token: Token) -> bool {
    let chunk = chunk_around(text, token);
    let before = text[..token.start()].chars().next_back();
    let after = &text[token.end()..];
    chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains('@')
        || matches!(before, Some('#' | '@' | '.' | '/' | '\\' | '_' | '*'))
        || after.starts_with('*')
        || (after.starts_with(['.', '/', '_']) && after[1..].starts_with(char::is_alphanumeric))
}

/// The word without a possessive ending.
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// Whether the token is the first word of its sentence.
fn sentence_initial(doc: &Document, token: Token) -> bool {
    let sentences = doc.sentences();
    let index = sentences.partition_point(|s| s.end <= token.start());
    sentences
        .get(index)
        .is_some_and(|s| !doc.text()[s.start..token.start()].contains(char::is_alphanumeric))
}

/// `word` without a common English ending, for words the dictionary lacks only inflected
/// (`duking` → `duke`).
fn stems(word: &str) -> impl Iterator<Item = String> + '_ {
    const ENDINGS: &[&str] = &["ing", "ed", "es", "s", "er", "ers"];
    ENDINGS
        .iter()
        .filter_map(move |ending| word.strip_suffix(ending))
        .flat_map(|stem| {
            [stem.to_owned(), format!("{stem}e")]
                .into_iter()
                .filter(|s| s.len() >= 3)
        })
}

/// Capitalized nouns that end the name of a place or a body (`Daqing River`, `Fuling
/// District`): the unknown word before one is the name.
const PLACE_NOUNS: [&str; 36] = [
    "Airport",
    "Avenue",
    "Bay",
    "Bridge",
    "Canal",
    "Center",
    "Centre",
    "City",
    "County",
    "Dam",
    "District",
    "Festival",
    "Harbor",
    "Harbour",
    "Hospital",
    "Institute",
    "Island",
    "Islands",
    "Lake",
    "Mountain",
    "Mountains",
    "Museum",
    "Palace",
    "Park",
    "Peninsula",
    "Prefecture",
    "Province",
    "Region",
    "River",
    "Road",
    "Square",
    "Stadium",
    "Station",
    "Street",
    "Temple",
    "University",
];

impl Spelling {
    fn knows(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.lexicon.knows(word)
            || (!self.strict && self.other.knows(word))
            || self.allowed.contains(&lower)
            || self.list_accepts(&lower, &self.corpus)
    }

    /// A prefix and a word of four letters or more: `microexpressions`, `cyberstalker`.
    fn prefixed(&self, lower: &str) -> bool {
        self.prefixes.iter().any(|prefix| {
            lower.strip_prefix(prefix.as_str()).is_some_and(|rest| {
                rest.len() >= 4
                    && (self.lexicon.knows(rest) || (!self.strict && self.other.knows(rest)))
            })
        })
    }

    /// Whether a word of the lists `lists` is accepted: the lists hold rare words (`hae`,
    /// `wost`) that are more often typos of a common word one edit away; such a word counts
    /// only if it is itself frequent, or no common word is one edit from it.
    fn list_accepts(&self, lower: &str, lists: &WordList) -> bool {
        if !lists.contains(lower) {
            return false;
        }
        self.frequent.contains(lower)
            || !self
                .index
                .has_neighbour(lower, |_, rank| rank < self.common_words)
    }

    /// Two words of four letters or more written as one (`pitchside`, `backheel`).
    fn compound(&self, lower: &str) -> bool {
        lower.len() >= 8
            && lower.char_indices().skip(4).any(|(i, _)| {
                let (head, tail) = lower.split_at(i);
                head.len() >= 4
                    && tail.len() >= 4
                    && self.lexicon.knows(head)
                    && self.lexicon.knows(tail)
            })
    }

    /// A lone lower-case letter other than `a`, between two words and single spaces (`the area
    /// s also`): a word that lost its letters. A letter after a number (`5 m`), in brackets,
    /// before punctuation or inside a compound (`x-ray`) is not one, nor is `v` between two
    /// names (`Leeds v Fulham`), nor a letter named beside another (`the letters c and g`).
    fn stray_letter(&self, text: &str, token: Token, word: &str) -> bool {
        let mut chars = word.chars();
        let (Some(letter), None) = (chars.next(), chars.next()) else {
            return false;
        };
        let before = text[..token.start()].strip_suffix(' ');
        let after = text[token.end()..].strip_prefix(' ');
        // `Ford v Ferrari`, `Leeds v Fulham`: `v` for versus between two names.
        // (`‘Ford v Ferrari’`: the first name may follow an opening quote.)
        let versus = letter == 'v'
            && before.is_some_and(|b| {
                b.rsplit(' ').next().is_some_and(|w| {
                    w.trim_start_matches(|c: char| !c.is_alphanumeric())
                        .starts_with(char::is_uppercase)
                })
            })
            && after.is_some_and(|a| a.starts_with(char::is_uppercase));
        // `the letters c and g`, `x or y`: letters named as letters, joined by a conjunction.
        let single = |w: Option<&str>| {
            w.map(|w| w.trim_end_matches([',', '.', ';']))
                .is_some_and(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
        };
        let conjunction = |w: Option<&str>| w.is_some_and(|w| w == "and" || w == "or");
        let named = after.is_some_and(|a| {
            let mut words = a.split(' ');
            conjunction(words.next()) && single(words.next())
        }) || before.is_some_and(|b| {
            let mut words = b.rsplit(' ');
            conjunction(words.next()) && single(words.next())
        });
        !versus
            && !named
            && letter.is_ascii_lowercase()
            && letter != 'a'
            && before.is_some_and(|b| b.ends_with(char::is_alphabetic))
            && after.is_some_and(|a| a.starts_with(char::is_alphabetic))
    }

    /// Whether a token opens a name: the word after it, one space away (past a particle such as
    /// `de` or `van`), is capitalized and no English word in lower case (`Kornel Morawiecki`,
    /// `Athletico de Kolkata`) or is the noun of a place's name (`Fuling District`, `Daqing
    /// River`), and the word before it is no such word (in `Czech Governer Jiří`, a slip inside
    /// a run of names stays a slip).
    fn opens_a_name(&self, text: &str, token: Token) -> bool {
        const PARTICLES: [&str; 10] = [
            "al", "bin", "da", "de", "del", "di", "la", "le", "van", "von",
        ];
        let is_name = |word: &str| {
            let word = without_possessive(word);
            is_capitalized(word) && word.chars().count() >= 2 && !self.lexicon.knows_lowercase(word)
        };
        let name_char = |c: char| c.is_alphabetic() || c == '\'' || c == '’' || c == '-';
        let next_word = |from: usize| {
            text.get(from..)
                .and_then(|rest| rest.strip_prefix(' '))
                .map(|rest| {
                    let end = rest.find(|c: char| !name_char(c)).unwrap_or(rest.len());
                    (&rest[..end], text.len() - rest.len() + end)
                })
        };
        let after = next_word(token.end()).and_then(|(word, end)| {
            if PARTICLES.contains(&word) {
                next_word(end).map(|(word, _)| word)
            } else {
                Some(word)
            }
        });
        let before = text[..token.start()].strip_suffix(' ').map(|rest| {
            let start = rest
                .char_indices()
                .rev()
                .find(|&(_, c)| !name_char(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            &rest[start..]
        });
        let place = |word: &str| PLACE_NOUNS.contains(&word);
        // `Stennis Space Center`: a place noun one capitalized word further on.
        let place_further = || {
            next_word(token.end())
                .filter(|(word, _)| is_capitalized(word))
                .and_then(|(_, end)| next_word(end))
                .is_some_and(|(word, _)| place(word))
        };
        (after.is_some_and(|w| is_name(w) || place(w)) || place_further())
            && !before.is_some_and(is_name)
    }

    /// Whether a token closes a name: the word before it, one space away, is capitalized and
    /// no word of the dictionaries, not even a proper noun (`Marcelo Farling`; but in `Czech
    /// Governer` and `Prime Ministre` the word before is English).
    fn closes_a_name(&self, text: &str, token: Token) -> bool {
        let Some(head) = text[..token.start()].strip_suffix(' ') else {
            return false;
        };
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let previous = &head[start..];
        previous.chars().count() >= 3
            && is_capitalized(previous)
            && !is_all_caps(previous)
            && !self.lexicon.knows(previous)
            && !self.other.knows(previous)
    }

    /// Whether a verb of speech stands right after a token, one space away, with no
    /// determiner before it (`Malaska said`, but `the Secretery said`), or right before it
    /// (`added Claure`): the token is the speaker's name.
    fn names_a_speaker(text: &str, token: Token) -> bool {
        let speech_after = text
            .get(token.end()..)
            .and_then(|rest| rest.strip_prefix(' '))
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .is_some_and(|word| SPEECH_VERBS.contains(&word));
        let previous = text[..token.start()]
            .strip_suffix(' ')
            .and_then(|head| head.rsplit(|c: char| !c.is_alphabetic()).next())
            .unwrap_or_default();
        let determined = DETERMINERS.contains(&previous.to_lowercase().as_str());
        (speech_after && !determined) || SPEECH_VERBS.contains(&previous)
    }

    /// A word, an inflection of one, a prefixed word, two words written as one, or a hyphenated
    /// compound whose parts are words or names (`neo-liberal`, `al-Assad`).
    fn known(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        // Derived forms count only when no common word is one edit away: `runing` looks like
        // `run` + `ing` but is a slip for `running`.
        // (`duking` from `duke` drops an `e`, which a slip rarely does: it needs no such test.)
        let derived = || {
            (stems(&lower).any(|stem| self.lexicon.knows(&stem))
                || self.prefixed(&lower)
                || self.compound(&lower))
                && !self
                    .index
                    .has_neighbour(&lower, |_, rank| rank < self.common_words)
        };
        let e_dropped = || {
            ["ing", "ed"].iter().any(|ending| {
                lower
                    .strip_suffix(ending)
                    .is_some_and(|stem| stem.len() >= 3 && self.lexicon.knows(&format!("{stem}e")))
            })
        };
        self.knows(word)
            || e_dropped()
            || derived()
            || (word.contains(['-', '‐', '‑'])
                && word
                    .split(['-', '‐', '‑'])
                    .all(|part| part.is_empty() || is_capitalized(part) || self.knows(part)))
    }

    fn suggestions(&self, word: &str, first: Option<&str>) -> Vec<String> {
        let key = format!("{word}\u{0}{}", first.unwrap_or(""));
        self.suggested
            .get_or_compute(&key, || self.rank_suggestions(word, first))
    }

    fn rank_suggestions(&self, word: &str, first: Option<&str>) -> Vec<String> {
        let lower = word.to_lowercase();
        let capital = is_capitalized(word);
        let mut out: Vec<String> = first.map(str::to_owned).into_iter().collect();
        for candidate in self.index.suggest(&lower, self.max_suggestions + 1) {
            if out.len() >= self.max_suggestions {
                break;
            }
            if !out.iter().any(|o| o.eq_ignore_ascii_case(candidate)) {
                out.push(candidate.to_owned());
            }
        }
        if capital {
            out = out.iter().map(|s| capitalize(s)).collect();
        }
        out
    }
}

impl Detector for Spelling {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        if !doc.is_mostly_english() {
            return;
        }
        // Lower-case words of the document, for telling a misspelled capital from a name.
        // Keys held inline: filling the set compares no strings.
        let lower_words: OnceLock<WordMap<()>> = OnceLock::new();
        // How often each unknown word occurs: a word written many times is deliberate.
        let mut unknown: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        let mut lowered = String::new();
        for &token in doc.tokens() {
            let raw = &text[token.range()];
            let word = without_possessive(raw);
            // Fast path: a frequent word, as written or with its capital lowered.
            let span = token.start()..token.start() + word.len();
            let frequent_word =
                self.frequent
                    .contains_lowercase_in(text, span.clone(), &mut lowered);
            if frequent_word && (!self.strict || self.lexicon.knows(word)) {
                continue;
            }
            if self.stray_letter(text, token, word) {
                let suggestions = self.suggestions(word, None);
                hits.push(Hit {
                    span: token.range(),
                    suggestions,
                    message: Some("A lone letter: a word lost letters here".to_owned()),
                    source: None,
                });
                continue;
            }
            // No English word is that long: glued junk, a code, a hash; and the checks below
            // (compound splits) would cost the square of its length.
            let skip = word.len() > MAX_WORD_BYTES
                || word.chars().count() < 2
                || word.starts_with("n'")
                || word.starts_with("n’")
                || !word.is_ascii()
                || word.chars().any(|c| c.is_ascii_digit())
                || word.contains('.')
                || is_all_caps(word)
                || has_inner_capital(word)
                || in_address(text, token)
                || is_time_zone(text, token, word)
                || cut_by_ellipsis(text, token);
            if skip {
                continue;
            }
            // ASCII here: lower-cased in a buffer kept from word to word.
            lowered.clear();
            lowered.push_str(word);
            lowered.make_ascii_lowercase();
            let lower = lowered.as_str();
            // A capitalized known misspelling inside a sentence is more likely a name (`Mena`).
            let name_position = is_capitalized(word) && !sentence_initial(doc, token);
            if let Some(correction) = self.misspellings.get(lower).filter(|_| !name_position) {
                let suggestions = self.suggestions(word, Some(correction));
                hits.push(Hit {
                    span,
                    suggestions,
                    message: None,
                    source: None,
                });
                continue;
            }
            // With a strict dialect, the other one's spellings are errors (`colour` in American).
            // Names first, cheaply: a capitalized word under six letters, or one the corpus lists
            // hold (they hold the names news English uses).
            let capitalized = is_capitalized(word);
            if capitalized && (word.chars().count() < 6 || self.corpus.contains(lower)) {
                continue;
            }
            let other_dialect = self.strict && !self.lexicon.knows(word) && self.other.knows(word);
            if !other_dialect && self.verdicts.get_or_compute(word, || self.known(word)) {
                continue;
            }
            if capitalized {
                // A name, unless one edit from a word the document writes in lower case or from
                // a common word (`Amercia`, `Secretery`).
                let words = lower_words.get_or_init(|| {
                    let mut words = WordMap::new();
                    for token in doc.tokens() {
                        let word = &text[token.range()];
                        if word.starts_with(|c: char| c.is_lowercase()) {
                            words.insert(word, ());
                        }
                    }
                    words
                });
                let neighbours = self
                    .neighbours
                    .get_or_compute(lower, || self.index.neighbours(lower).into());
                let misspelled = neighbours.iter().any(|&rank| {
                    rank < self.common_words
                        || self.index.word(rank).is_some_and(|w| words.contains(w))
                });
                // The first word of a name: before another capitalized word English does not
                // have (`Kornel Morawiecki`, `Athletico Kolkata`), unless one edit from a word of
                // the commonest half; a slip in a title-case phrase stands before English words
                // (`Finacial Times`).
                let very_common = || neighbours.iter().any(|&rank| rank < self.common_words / 2);
                if !misspelled
                    || Self::names_a_speaker(text, token)
                    || ((self.opens_a_name(text, token) || self.closes_a_name(text, token))
                        && !very_common())
                {
                    continue;
                }
            }
            // A typo is near the word meant (one edit, two from eight letters); an unknown word far
            // from every frequent word is a rare or foreign term (`wilaya`), not a typo.
            if !other_dialect
                && !self
                    .near
                    .get_or_compute(lower, || self.index.has_near(lower))
            {
                continue;
            }
            unknown.push((lower.to_owned(), span));
        }
        // How often each unknown word is used, and whether always with a capital: a name
        // written twice the same way is deliberate (`Pelling` in two sentences).
        let mut counts: HashMap<&str, (usize, bool), FixedState> = HashMap::default();
        for (lower, span) in &unknown {
            let count = counts.entry(lower.as_str()).or_insert((0, true));
            count.0 += 1;
            count.1 &= is_capitalized(&text[span.clone()]);
        }
        for (lower, span) in &unknown {
            let (count, capitalized) = counts.get(lower.as_str()).copied().unwrap_or((0, false));
            let deliberate = if capitalized { 2 } else { self.deliberate };
            if count >= deliberate {
                continue;
            }
            let suggestions = self.suggestions(&text[span.clone()], None);
            hits.push(Hit {
                span: span.clone(),
                suggestions,
                message: None,
                source: None,
            });
        }
    }
}
