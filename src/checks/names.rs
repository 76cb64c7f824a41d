//! `names`: proper names a translation does not share with its source — a name the source
//! does not have (`President Erwin Huber` for `Präsident Donald Trump`), or a name of the
//! source the translation lost.
//!
//! ```toml
//! [rule.params]
//! find = "unsupported"     # unsupported: names of the translation the source lacks;
//!                          # missing: names of the source the translation lacks
//! exonyms = ["../bilingual/names/exonyms.txt"]  # one or more lists
//! languages = ["fr", "ru"]                     # missing: the source languages read
//! common = { fr = "../untranslated/fr.txt" }   # missing: each language's common words
//! ```
//!
//! Names are compared across spellings and scripts ([`crate::text::transliterate`]): folded
//! Latin letters with a shared beginning of four letters for inflected forms (`Trumpa`,
//! `Argentinien`), Cyrillic and Devanagari written in Latin letters and compared by their
//! consonants, and `exonyms` lists for the names languages write differently (`München`,
//! `Deutschland`, `德国`), one line per name: the English name first, then the source forms,
//! separated by `|` (a name on lines of two lists is two entries, each read alone).
//!
//! `unsupported` checks each capitalized word of the translation that is not an English word
//! in lower case (or that the exonym list knows, as `Earth` or `Turkey`); against a Chinese or
//! Japanese source, only names the exonym list knows are judged; against a Devanagari source,
//! by sound, one sound class of slack allowed for names of four or more. `missing` checks the
//! capitalized words of a source in one of `languages` that are not the first of their
//! sentence and not among the language's `common` words (leave out German, which capitalizes
//! every noun, and languages without capitals). A German sentence's first word counts when
//! the common words lack it (`Hershey und Chase`): they hold what German sentences open with.
//!
//! `unsupported` flags a name only where the source has a name the translation lost (a name
//! put for another), found as `missing` finds them or, for a source the letters cannot be
//! compared in, as an exonym of the list written in the source's script; a Devanagari source,
//! without capitals to tell its names, needs no lost name. Segment pairs of more
//! than 1,500 source bytes (whole articles, before alignment) are not compared.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, SegmentPair, Token};
use crate::structures::memo::Memo;
use crate::text::case::is_title_case;
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::script::{copied_latin_words, is_letter, is_letter_or_digit};
use crate::text::transliterate::{
    fold, is_transliterable, other_sound_keys, skeleton, sound_key, to_latin,
};
use crate::text::wordlist::WordList;
use crate::text::words::{at_word_start, sentence_words};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "names",
    aliases: &[],
    summary: "bilingual: names the translation and its source do not share",
    compile,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Find {
    Unsupported,
    Missing,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamesParams {
    find: Find,
    exonyms: Vec<Spanned<String>>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    common: HashMap<String, Spanned<String>>,
}

/// How a source form of an exonym is looked for.
#[derive(Debug)]
enum Form {
    /// Folded Latin letters, at the start of a word (a stem stands for its inflections).
    Latin(String),
    /// Lower-case letters of another alphabet, anywhere in a word (`Подмосковье`).
    Word(String),
    /// Characters of a script written without spaces, anywhere.
    Anywhere(String),
}

/// One line of the exonym list.
#[derive(Debug)]
struct Exonym {
    /// The lower-case words of the English name.
    english: Vec<String>,
    /// Each English name (`Britain`, `United Kingdom`), its words folded.
    names_folded: Vec<Vec<String>>,
    forms: Vec<Form>,
}

impl Exonym {
    /// The folded words of all its English names.
    fn folded_words(&self) -> impl Iterator<Item = &String> {
        self.names_folded.iter().flatten()
    }
}

/// A compiled `names` rule.
#[derive(Debug)]
pub struct Names {
    find: Find,
    exonyms: Vec<Exonym>,
    /// Exonyms by each lower-case word of their English name.
    by_word: HashMap<String, Vec<usize>>,
    /// Exonyms by each of their folded Latin forms.
    by_latin_form: HashMap<String, Vec<usize>>,
    /// Exonyms by the first word of their Latin forms of several words: the source's word
    /// `Jan` of `Jan Paweł` stands for `John Paul`, `Grande` of `Grande-Bretagne` for
    /// `Britain`.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The forms in other alphabets, with their exonym.
    other_forms: Vec<(String, usize)>,
    /// Whether a lower-case word is English, across the documents of a run.
    english_words: Memo<bool>,
    /// The source languages `missing` reads.
    languages: Vec<String>,
    /// Each source language's common words, for `missing`.
    common: HashMap<String, Arc<WordList>>,
    lexicons: [&'static Lexicon; 2],
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: NamesParams = params.parse()?;
    let texts = raw
        .exonyms
        .iter()
        .map(|file| params.read_file(file))
        .collect::<Result<Vec<_>, _>>()?;
    let mut exonyms = Vec::new();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for line in texts.iter().flat_map(|text| text.lines()).map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|').map(str::trim).filter(|p| !p.is_empty());
        let Some(english) = parts.next() else {
            continue;
        };
        let forms = parts.map(form).collect();
        // `Britain / UK / United Kingdom`: every English name of it.
        let words: Vec<String> = english
            .split('/')
            .flat_map(|name| name.trim().split([' ', '-']))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        // A word of a longer name that is an English word (`The Hague`, `South Korea`) does
        // not stand for the name.
        let lexicon = Lexicon::get(Dialect::Us);
        for word in &words {
            if words.len() == 1 || !lexicon.knows_as_written(word) {
                by_word.entry(word.clone()).or_default().push(exonyms.len());
            }
        }
        let names_folded = english
            .split('/')
            .map(|name| {
                name.split([' ', '-'])
                    .filter(|w| !w.is_empty())
                    .map(|w| fold(&w.to_lowercase()))
                    .collect()
            })
            .collect();
        exonyms.push(Exonym {
            names_folded,
            english: words,
            forms,
        });
    }
    let mut common = HashMap::new();
    for (lang, file) in &raw.common {
        common.insert(lang.clone(), params.word_lists([file])?);
    }
    let mut by_latin_form: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut other_forms = Vec::new();
    for (index, exonym) in exonyms.iter().enumerate() {
        for form in &exonym.forms {
            match form {
                Form::Latin(text) => {
                    by_latin_form.entry(text.clone()).or_default().push(index);
                    if let Some((first, _)) = text.split_once(' ') {
                        by_first_word
                            .entry(first.to_owned())
                            .or_default()
                            .push(index);
                    }
                }
                Form::Word(text) => other_forms.push((text.clone(), index)),
                Form::Anywhere(_) => {}
            }
        }
    }
    Ok(Box::new(Names {
        find: raw.find,
        exonyms,
        by_word,
        by_latin_form,
        by_first_word,
        other_forms,
        english_words: Memo::new(MEMO_WORDS),
        languages: raw.languages,
        common,
        lexicons: [Lexicon::get(Dialect::Us), Lexicon::get(Dialect::Gb)],
    }))
}

/// How a source form is looked for, from its script. A Latin form of several words
/// (`grande-bretagne`, `gran bretaña`) is looked for with its words one space apart, as the
/// source's folded words are.
fn form(text: &str) -> Form {
    let lower = text.to_lowercase();
    if lower
        .chars()
        .all(|c| !is_letter(c) || c.is_ascii() || is_latin(c))
    {
        let words: Vec<String> = lower
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        Form::Latin(words.join(" "))
    } else if lower.chars().any(is_spaceless_script) {
        Form::Anywhere(lower)
    } else {
        Form::Word(lower)
    }
}

fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Chinese, Japanese and Korean letters: a name in such a source cannot be told from the
/// words around it.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

fn is_devanagari(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{097F}')
}

/// The scripts the exonym list writes names in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Han,
    Kana,
    Hangul,
    Devanagari,
    Other,
}

fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        c if is_latin(c) => Script::Latin,
        '\u{0400}'..='\u{04FF}' => Script::Cyrillic,
        '\u{3040}'..='\u{30FF}' => Script::Kana,
        '\u{3400}'..='\u{9FFF}' => Script::Han,
        '\u{AC00}'..='\u{D7AF}' => Script::Hangul,
        c if is_devanagari(c) => Script::Devanagari,
        _ => Script::Other,
    }
}

/// Chinese, Japanese, Korean and Devanagari letters: names are found anywhere in such text.
fn is_spaceless_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{0900}'..='\u{097F}')
}

/// How many words the run-wide memo of English words holds before starting over.
const MEMO_WORDS: usize = 50_000;

/// Segment pairs longer than this (source bytes) are not compared.
const MAX_PAIR_BYTES: usize = 1500;

/// Titles, days and months: capitalized English words that are not names.
const NOT_NAMES: [&str; 34] = [
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "mt",
    "ltd",
    "inc",
    "co",
    "corp",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "i",
    "ok",
];

/// A word of a [`SourceView`]: in Latin letters, folded, its consonants, and how it sounds
/// (worked out when first asked: only names of other alphabets are compared by sound).
struct ViewWord<'s> {
    latin: Cow<'s, str>,
    folded: String,
    consonants: String,
    sound: OnceCell<String>,
}

impl ViewWord<'_> {
    fn sound(&self) -> &str {
        self.sound.get_or_init(|| sound_key(&self.latin))
    }
}

/// A source segment, prepared for finding names in it.
struct SourceView<'s> {
    lower: String,
    /// The folded source, Latin letters as they are and other alphabets transliterated.
    folded: String,
    /// The source's words.
    words: Vec<ViewWord<'s>>,
    /// Whether names can be judged letter by letter (a source in Latin or Cyrillic letters).
    judged: bool,
    /// Whether names can be judged by sound only (a source in Devanagari, without capitals
    /// to tell its names).
    sounded: bool,
    /// The scripts of the source's letters.
    scripts: Vec<Script>,
    /// Whether the source is written in an alphabet names are transliterated from.
    transliterated: bool,
}

impl<'s> SourceView<'s> {
    fn new(source: &'s str) -> SourceView<'s> {
        let lower = source.to_lowercase();
        let judged = is_judged(source);
        let words: Vec<ViewWord<'s>> = source
            .split(|c: char| !is_word_char(c))
            .filter(|w| w.chars().any(is_letter))
            .map(|w| {
                let latin = if is_transliterable(w) {
                    Cow::Owned(to_latin(w))
                } else {
                    Cow::Borrowed(w)
                };
                let folded = fold(&latin);
                let consonants = skeleton(&folded);
                ViewWord {
                    latin,
                    folded,
                    consonants,
                    sound: OnceCell::new(),
                }
            })
            .collect();
        let folded = words
            .iter()
            .map(|w| w.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut scripts: Vec<Script> = Vec::new();
        for c in source.chars().filter(|c| is_letter(*c)) {
            let script = script_of(c);
            if !scripts.contains(&script) {
                scripts.push(script);
            }
        }
        let transliterated = is_transliterable(source);
        let sounded = !judged && !source.chars().any(is_cjk);
        SourceView {
            transliterated,
            sounded,
            lower,
            folded,
            words,
            judged,
            scripts,
        }
    }

    /// Whether a form is in a script the source is written in.
    fn can_have(&self, form: &Form) -> bool {
        let text = match form {
            Form::Latin(_) => return self.judged,
            Form::Word(text) | Form::Anywhere(text) => text,
        };
        text.chars()
            .filter(|c| is_letter(*c))
            .any(|c| self.scripts.iter().any(|s| *s == script_of(c)))
    }

    fn has_form(&self, form: &Form) -> bool {
        match form {
            Form::Latin(text) => at_word_start(&self.folded, text),
            Form::Word(text) => self.lower.contains(text.as_str()),
            Form::Anywhere(text) => find_whole(&self.lower, text).is_some(),
        }
    }

    /// Whether a word is among the source's words: `written` as the other text writes it,
    /// `word` folded; by sound too when either side was transliterated, and against Cyrillic
    /// as English and other languages read it (`Gerhard`, `George`, `Josep`).
    fn has_word(&self, word: &str, written: &str, by_sound: bool) -> bool {
        let consonants = skeleton(word);
        let sound = if by_sound {
            sound_key(written)
        } else {
            String::new()
        };
        // Other readings against Cyrillic only: Devanagari words, compared with a class of
        // slack, would match too many.
        let other_sounds = if by_sound && !self.sounded {
            other_sound_keys(written)
        } else {
            Vec::new()
        };
        self.words.iter().any(|source| {
            same_name(word, &source.folded)
                || (consonants.len() >= 2 && source.consonants == consonants)
                || (consonants.len() >= 3 && source.consonants.starts_with(consonants.as_str()))
                || (by_sound && sounds_alike(&sound, source.sound()))
                || (self.sounded && by_sound && sounds_nearly_alike(&sound, source.sound()))
                || other_sounds.iter().any(|s| sounds_alike(s, source.sound()))
        })
    }
}

/// How many words of a text start with a capital inside a sentence.
fn inner_capitals(text: &str) -> usize {
    sentence_words(text)
        .filter(|(_, word, first)| !first && word.starts_with(char::is_uppercase))
        .count()
}

/// How many capitals a word has after its first letter, but those a name's prefix brings
/// (`O'Malley`, `D'Amato`, `McCarthy`, `MacDonald`): an acronym or a brand written in
/// camel case (`NASA`, `iPhone`, `PlayStation`) has some, a name does not.
fn inner_capitals_of(word: &str) -> usize {
    let name = ["O'", "O’", "D'", "D’", "Mc", "Mac"]
        .iter()
        .find_map(|prefix| {
            word.strip_prefix(prefix)
                .filter(|rest| rest.starts_with(char::is_uppercase))
        })
        .unwrap_or(word);
    name.chars().skip(1).filter(|c| c.is_uppercase()).count()
}

/// Whether two sound keys may be one name: one the start of the other.
fn sounds_alike(sound: &str, source_sound: &str) -> bool {
    sound.len() >= 2
        && (source_sound.starts_with(sound)
            || (source_sound.len() >= 3 && sound.starts_with(source_sound)))
}

/// Whether a sound key of four or more classes is, but for one class, the start of a
/// source word's: Devanagari writes English `w` as `v` (`Kaplowitz`, `कैप्लोविट्ज`), a soft
/// `g` as `j` (`Giancarlo`, `जियानकार्लो`) and drops a final `s` (`Roberts`, `रॉबर्ट`).
fn sounds_nearly_alike(sound: &str, source_sound: &str) -> bool {
    let length = sound.len();
    length >= 4
        && [length - 1, length, length + 1].iter().any(|&end| {
            source_sound
                .get(..end.min(source_sound.len()))
                .is_some_and(|start| strsim::levenshtein(sound, start) <= 1)
        })
}

/// Where `form`, a name written without spaces, first stands in `text` as a whole: a form
/// that starts or ends in katakana does not run on into more katakana there, since a katakana
/// word is written without a break (`ライン`, the Rhine, is not in `オンライン`, online).
fn find_whole(text: &str, form: &str) -> Option<usize> {
    let starts_kana = form.chars().next().is_some_and(is_katakana);
    let ends_kana = form.chars().next_back().is_some_and(is_katakana);
    text.match_indices(form).map(|(at, _)| at).find(|&at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + form.len()..).and_then(|t| t.chars().next());
        let runs_on_before = starts_kana && before.is_some_and(is_katakana);
        let runs_on_after = ends_kana && after.is_some_and(is_katakana);
        !(runs_on_before || runs_on_after)
    })
}

/// A letter of a katakana word, its prolonged sound mark included (not the middle dot that
/// parts the words of a foreign name).
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

/// Whether names in a text can be compared letter by letter: not in Chinese, Japanese or
/// Korean, and not in Devanagari, whose names are too far from their English spelling.
fn is_judged(text: &str) -> bool {
    !text.chars().any(|c| is_cjk(c) || is_devanagari(c))
}

/// Letters, digits and the marks written on them (Devanagari vowel signs and virama).
fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || unicode_normalization::char::is_combining_mark(c)
}

/// The document's tokens inside a pair's translation.
fn target_tokens<'d>(doc: &'d Document, pair: &SegmentPair) -> &'d [Token] {
    let tokens = doc.tokens();
    let start = tokens.partition_point(|t| t.start() < pair.target.start);
    let end = tokens.partition_point(|t| t.end() <= pair.target.end);
    tokens.get(start..end.max(start)).unwrap_or_default()
}

/// Whether `word` is one of the words of `text`, as written.
fn has_whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|a| a.chars().next());
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// Whether two folded words may be one name: equal, one the start of the other (an
/// inflection, `Trump` and `trumpa`), or, for longer words, four letters in common at the start
/// (`argentina` and `argentinien`).
fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() >= 3 && long.starts_with(short) {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let short_length = short.chars().count();
    // Four letters in common for a long word, or all but the last for a short one (`Hanna`,
    // `Hannu`).
    (common >= 4 && short_length >= 5) || (common >= 3 && common + 1 >= short_length)
}

/// The words a source mostly in another script writes in Latin letters that its translation
/// does not have in any case, as spans of the source text starting at `offset`, the words of
/// one name (`Nintendo Orbit`) joined.
fn lost_latin_words(source: &str, target: &str, offset: usize) -> Vec<std::ops::Range<usize>> {
    let target = target.to_lowercase();
    let mut lost: Vec<std::ops::Range<usize>> = Vec::new();
    for (start, word) in copied_latin_words(source) {
        if target.contains(&word.to_lowercase()) {
            continue;
        }
        let span = offset + start..offset + start + word.len();
        match lost.last_mut() {
            Some(last) if source.get(last.end - offset..start) == Some(" ") => {
                last.end = span.end;
            }
            _ => lost.push(span),
        }
    }
    lost
}

/// Whether a capitalized word that is a common word of the source's language counts as a
/// name when looking for the source's names a translation lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Commonness {
    /// It does not: a lost name alone is a finding (`name-missing`).
    Strict,
    /// It does, except in German: the finding needs an unsupported name of the translation too.
    Relaxed,
}

impl Names {
    /// Whether an English word in lower case.
    /// Whether a capitalized word is an English adjective or demonym of a name (`Russian`,
    /// `Baltic`, `Icelanders`): the translation's word for the source's name, never a name put
    /// for another.
    fn is_proper_adjective(&self, word: &str, lower: &str) -> bool {
        const ENDINGS: [&str; 9] = ["ian", "ians", "ish", "ese", "ic", "an", "ans", "er", "ers"];
        ENDINGS.iter().any(|e| lower.ends_with(e))
            && self.lexicons.iter().any(|l| l.knows_as_written(word))
    }

    fn is_english(&self, lower: &str) -> bool {
        self.english_words.get_or_compute(lower, || {
            self.lexicons.iter().any(|l| l.knows_as_written(lower))
        })
    }

    /// The exonyms (their indices) one of whose Latin forms a folded word starts with
    /// (`deutschland`, `niemc` for `Niemczech`).
    fn latin_exonyms<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = &'a usize> + 'a {
        folded
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .filter_map(|end| self.by_latin_form.get(folded.get(..end)?))
            .flatten()
    }

    /// Whether a name word of the source (folded, and in lower case) is an exonym whose
    /// English name the translation (folded) has.
    fn exonym_in(&self, folded: &str, lower: &str, target: &str) -> bool {
        let named = |index: &usize| {
            self.exonyms
                .get(*index)
                .is_some_and(|x| x.folded_words().any(|e| at_word_start(target, e)))
        };
        // The first word of a name of several words stands for it only when the translation
        // has the whole of one of its English names (`Unione` of `Unione Europea` is not
        // rendered by `European powers`).
        let wholly_named = |index: &usize| {
            self.exonyms.get(*index).is_some_and(|x| {
                x.names_folded
                    .iter()
                    .any(|name| name.iter().all(|w| at_word_start(target, w)))
            })
        };
        self.latin_exonyms(folded).any(named)
            || self
                .by_first_word
                .get(folded)
                .into_iter()
                .flatten()
                .any(wholly_named)
            || self
                .other_forms
                .iter()
                .filter(|(form, _)| lower.starts_with(form.as_str()))
                .map(|(_, index)| index)
                .any(named)
    }

    /// The exonyms a word of the translation names: those with the word in their English
    /// name, or, for a word formed from a name (`Turkish`, `Asian`, `Norwegian`), those whose
    /// English name starts with its stem.
    fn exonyms_of(&self, lower: &str) -> Vec<&Exonym> {
        if let Some(entries) = self.by_word.get(lower) {
            return entries
                .iter()
                .filter_map(|&e| self.exonyms.get(e))
                .collect();
        }
        // `Italian` from `Italy`, `Asian` from `Asia`, `European` from `Europe`, `Turkish` from
        // `Turkey`, `Swedish` from `Sweden`, `Icelandic` from `Iceland`, `Israeli` — not an
        // English word (`Eastern` is no `Easter`).
        if self.is_english(lower) {
            return Vec::new();
        }
        for suffix in ["ian", "ish", "ese", "an", "ic", "n", "i"] {
            let Some(stem) = lower
                .strip_suffix(suffix)
                .filter(|s| s.chars().count() >= 3)
            else {
                continue;
            };
            let found: Vec<&Exonym> = ["", "y", "a", "e", "ey", "en"]
                .iter()
                .filter_map(|ending| self.by_word.get(&format!("{stem}{ending}")))
                .flatten()
                .filter_map(|&e| self.exonyms.get(e))
                .filter(|x| x.english.len() == 1)
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// Whether a capitalized word of the translation is judged as a name, and if so whether
    /// the source supports it.
    fn supported(&self, word: &str, source: &SourceView) -> Option<bool> {
        // `NSA's`: the name without its possessive.
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let lower = word.to_lowercase();
        if NOT_NAMES.contains(&lower.as_str())
            || inner_capitals_of(word) > 0
            // `I'll`, `I've`: a pronoun with its verb.
            || lower.starts_with("i'")
            || lower.starts_with("i’")
            || self.is_proper_adjective(word, &lower)
        {
            return None;
        }
        let folded = fold(word);
        let exonyms = self.exonyms_of(&lower);
        if !exonyms.is_empty() {
            // Judged only where the list knows how the source's script writes the name.
            let comparable: Vec<&Form> = exonyms
                .iter()
                .flat_map(|x| &x.forms)
                .filter(|f| source.can_have(f))
                .collect();
            if comparable.is_empty() {
                return None;
            }
            let named = comparable.iter().any(|f| source.has_form(f));
            return Some(
                named
                    || ((source.judged || source.sounded)
                        && source.has_word(&folded, word, source.transliterated)),
            );
        }
        if self.is_english(&lower) || !(source.judged || source.sounded) {
            return None;
        }
        // By sound alone, a name of fewer than two sound classes (`Huawei`) says too little.
        if !source.judged && sound_key(word).len() < 2 {
            return None;
        }
        Some(source.has_word(&folded, word, source.transliterated))
    }

    /// For a source whose names cannot be compared letter by letter: the names of the exonym
    /// list written in it whose English name the translation does not have.
    fn lost_exonyms(
        &self,
        doc: &Document,
        pair: &SegmentPair,
        source_text: &str,
        source: &SourceView,
    ) -> Vec<std::ops::Range<usize>> {
        let target = fold(doc.text().get(pair.target.clone()).unwrap_or_default());
        let mut lost = Vec::new();
        // The source's forms, and whether any name written so is in the translation.
        let mut forms: Vec<(&str, bool)> = Vec::new();
        for exonym in &self.exonyms {
            // Whether the translation names it, read once and only for a form in the source.
            let named = OnceCell::new();
            for form in &exonym.forms {
                let Form::Anywhere(text) = form else {
                    continue;
                };
                if text.chars().count() < 2 || !source.can_have(form) || !source.has_form(form) {
                    continue;
                }
                let named =
                    *named.get_or_init(|| exonym.folded_words().any(|e| at_word_start(&target, e)));
                match forms.iter_mut().find(|(f, _)| f == text) {
                    Some((_, found)) => *found |= named,
                    None => forms.push((text, named)),
                }
            }
        }
        for (form, named) in forms {
            if named {
                continue;
            }
            if let Some(at) = find_whole(source_text, form) {
                lost.push(pair.source.start + at..pair.source.start + at + form.len());
            }
        }
        lost
    }

    /// Whether the translation has a capitalized word, not a known English word, that its
    /// source does not have as written: the cheap test before names are compared.
    fn has_unmatched_capital(&self, doc: &Document, pair: &SegmentPair, source: &str) -> bool {
        let text = doc.text();
        target_tokens(doc, pair)
            .iter()
            .filter_map(|t| text.get(t.range()))
            .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
            .any(|word| {
                let lower = word.to_lowercase();
                !source.contains(word)
                    && (self.by_word.contains_key(&lower) || !self.is_english(&lower))
            })
    }

    fn unsupported(
        &self,
        doc: &Document,
        pair: &SegmentPair,
        source: &SourceView,
        instead: std::ops::Range<usize>,
        hits: &mut Vec<Hit>,
    ) {
        let text = doc.text();
        let tokens = target_tokens(doc, pair);
        // Runs of name words, the unsupported ones marked.
        let mut run: Option<(std::ops::Range<usize>, bool)> = None;
        let flush = |run: &mut Option<(std::ops::Range<usize>, bool)>, hits: &mut Vec<Hit>| {
            if let Some((span, true)) = run.take() {
                let name = text.get(span.clone()).unwrap_or_default();
                let message = if instead == pair.source {
                    format!("“{name}” is not a name the source has: no word of it sounds like it")
                } else {
                    let theirs = doc
                        .bitext()
                        .map(|b| b.source_text(instead.clone()))
                        .unwrap_or_default();
                    format!("“{name}” is not a name the source has; it has “{theirs}” here")
                };
                hits.push(
                    Hit::new(span)
                        .with_message(message)
                        .with_source(instead.clone()),
                );
            }
        };
        for token in tokens {
            let word = text.get(token.range()).unwrap_or_default();
            let capitalized = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && word.chars().all(|c| is_letter(c) || c == '-' || c == '\'');
            // `English-only`: each capitalized part on its own.
            let verdict = if capitalized {
                word.split('-')
                    .filter(|part| part.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|part| self.supported(part, source))
                    .reduce(|a, b| a && b)
            } else {
                None
            };
            let joined = run.as_ref().is_some_and(|(span, _)| {
                text.get(span.end..token.start())
                    .is_some_and(|gap| gap == " ")
            });
            match verdict {
                Some(ok) if joined => {
                    if let Some((span, bad)) = run.as_mut() {
                        span.end = token.end();
                        *bad |= !ok;
                    }
                }
                Some(ok) => {
                    flush(&mut run, hits);
                    run = Some((token.range(), !ok));
                }
                None => flush(&mut run, hits),
            }
        }
        flush(&mut run, hits);
    }

    /// The names of a source segment in one of `languages` that its translation does not
    /// have, as spans of the source, runs of name words joined.
    /// `Commonness::Strict`: a capitalized word that is a common word of the source language
    /// is no name (`Franciszek`, `Mélenchon` are in the lists); `Relaxed`: it is one, but in
    /// German, which capitalizes nouns.
    fn lost_names(
        &self,
        doc: &Document,
        pair: &SegmentPair,
        source_text: &str,
        lang: &str,
        commonness: Commonness,
    ) -> Vec<std::ops::Range<usize>> {
        if !self.languages.iter().any(|l| l == lang) {
            return Vec::new();
        }
        let common = self.common.get(lang);
        let target = doc.text().get(pair.target.clone()).unwrap_or_default();
        // The translation's words, prepared when a name of the source is looked for in them.
        let mut target_view: Option<SourceView> = None;
        let mut lost: Vec<std::ops::Range<usize>> = Vec::new();
        for (at, word, first) in sentence_words(source_text) {
            let capitalized = is_title_case(word) && word.chars().count() >= 3;
            // Not a name, or a name copied as it is: found without folding the translation's
            // words.
            if !capitalized || word.chars().all(is_word_char) && has_whole_word(target, word) {
                continue;
            }
            let lower = word.to_lowercase();
            // The first word of a German sentence is a name if the list of common words, which
            // holds the words a German sentence opens with, lacks it (`Hershey und Chase`);
            // languages that inflect more open sentences with forms no list holds.
            if first && (lang != "de" || common.is_none_or(|c| c.contains(&lower))) {
                continue;
            }
            // A long capitalized word of a language that capitalizes nouns is a compound noun.
            let compound = lang == "de" && word.chars().count() > 10;
            // A common word of the language is a name only if English knows it as one
            // (`Marie`, `Donald`) and not as a word.
            let known_name = || {
                self.lexicons.iter().any(|l| l.knows_as_written(word)) && !self.is_english(&lower)
            };
            let common_word = (commonness == Commonness::Strict || lang == "de")
                && common.is_some_and(|c| c.contains(&lower))
                && !known_name();
            // A name the exonym list knows (`Deutschland`) is one, however long or common.
            if (compound || common_word) && self.latin_exonyms(&fold(word)).next().is_none() {
                continue;
            }
            let transliterated = is_transliterable(word);
            let latin = if transliterated {
                to_latin(word)
            } else {
                word.to_owned()
            };
            let folded = fold(&latin);
            let target_view = target_view.get_or_insert_with(|| SourceView::new(target));
            let in_target = target_view.has_word(&folded, &latin, transliterated)
                || self.exonym_in(&folded, &lower, &target_view.folded);
            if !in_target {
                let span = pair.source.start + at..pair.source.start + at + word.len();
                match lost.last_mut() {
                    Some(last)
                        if source_text.get(last.end - pair.source.start..at) == Some(" ") =>
                    {
                        last.end = span.end;
                    }
                    _ => lost.push(span),
                }
            }
        }
        lost
    }

    fn missing(
        &self,
        doc: &Document,
        pair: &SegmentPair,
        source_text: &str,
        lang: &str,
        hits: &mut Vec<Hit>,
    ) {
        let mut lost = self.lost_names(doc, pair, source_text, lang, Commonness::Strict);
        let target = pair.trimmed_target(doc.text());
        let translation = doc.text().get(target.clone()).unwrap_or_default();
        // Where the pairs come from aligning an article, the word may be one sentence off.
        let aligned = doc.bitext().is_some_and(|b| b.alignment().is_some());
        let copied_into = if aligned { doc.text() } else { translation };
        lost.extend(lost_latin_words(
            source_text,
            copied_into,
            pair.source.start,
        ));
        // A capitalized common word of the source counts as a name too when the translation
        // has fewer capitalized words inside its sentences than the source: a translated
        // institution (`Procuraduría General`) keeps its capitals in English, a dropped name
        // takes them away.
        if lost.is_empty()
            && lang != "de"
            && inner_capitals(translation) + 1 < inner_capitals(source_text)
        {
            lost = self.lost_names(doc, pair, source_text, lang, Commonness::Relaxed);
        }
        for span in lost {
            let name = source_text
                .get(span.start - pair.source.start..span.end - pair.source.start)
                .unwrap_or_default();
            hits.push(
                Hit::new(target.clone())
                    .with_message(format!(
                        "The source's name “{name}” is not in the translation"
                    ))
                    .with_source(span),
            );
        }
    }
}

impl Detector for Names {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        for pair in bitext.pairs() {
            let source = bitext.source_text(pair.source.clone());
            // A pair longer than a few sentences is an article not yet aligned: a name lost
            // at its start and one added at its end are no substitution.
            if source.len() > MAX_PAIR_BYTES {
                continue;
            }
            match self.find {
                Find::Unsupported => {
                    // A name is supported by the whole source article where the pairs come
                    // from aligning it: an alignment may put a sentence's name one sentence
                    // off.
                    let aligned = bitext.alignment().is_some();
                    let support = if aligned { bitext.source() } else { source };
                    // Nothing to judge when every capitalized word of the translation is in
                    // the source as written (most names are) or is an English word.
                    if !self.has_unmatched_capital(doc, pair, support) {
                        continue;
                    }
                    // The source's words are prepared only when they are needed: for a source
                    // read letter by letter, once a name of it is found lost.
                    let judged = is_judged(source);
                    let mut view = None;
                    let lost = match bitext.lang() {
                        // A name put for another needs a name of the translation the source
                        // lacks as well: a capitalized common word of the source is taken
                        // for a name here.
                        Some(lang) if judged => {
                            self.lost_names(doc, pair, source, lang, Commonness::Relaxed)
                        }
                        _ => {
                            let prepared = view.insert(SourceView::new(source));
                            // Without capitals in the source, any name of the translation
                            // that no word of it sounds like is put for another.
                            if prepared.sounded {
                                vec![pair.source.clone()]
                            } else {
                                self.lost_exonyms(doc, pair, source, prepared)
                            }
                        }
                    };
                    // A name of the translation the source lacks is a finding only where a
                    // name of the source is lost too: a name put for another.
                    if let Some(instead) = lost.first() {
                        // The view of the pair's source does not hold the whole article's.
                        if aligned {
                            view = None;
                        }
                        let view = view.get_or_insert_with(|| SourceView::new(support));
                        self.unsupported(doc, pair, view, instead.clone(), hits);
                    }
                }
                Find::Missing => {
                    if let Some(lang) = bitext.lang() {
                        self.missing(doc, pair, source, lang, hits);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(word: &str) -> String {
        sound_key(&to_latin(word))
    }

    #[test]
    fn a_katakana_name_is_not_read_inside_a_longer_katakana_word() {
        // The Rhine, not online; Zambia before a kanji or a middle dot.
        assert_eq!(find_whole("オンラインで買った", "ライン"), None);
        assert_eq!(find_whole("ライン川の水位", "ライン"), Some(0));
        assert_eq!(find_whole("ザンビア・マラウイ", "ザンビア"), Some(0));
        assert_eq!(find_whole("タイムズ紙", "タイ"), None);
        // Chinese has no such boundary: a form is found anywhere.
        assert_eq!(find_whole("中国人", "中国"), Some(0));
    }

    #[test]
    fn a_whole_word_is_bounded_on_both_sides() {
        assert!(has_whole_word("said Luis Ortega.", "Luis"));
        assert!(has_whole_word("Luis", "Luis"));
        assert!(!has_whole_word("said Luisa Ortega", "Luis"));
        assert!(!has_whole_word("the Ortegas", "Ortega"));
        assert!(!has_whole_word("Müller", "Mülle"));
    }

    #[test]
    fn a_name_prefix_brings_no_inner_capital() {
        for name in ["O'Malley", "D’Amato", "McCarthy", "MacDonald", "Machado"] {
            assert_eq!(inner_capitals_of(name), 0, "{name}");
        }
        for brand in ["NASA", "PlayStation", "McDONALD"] {
            assert!(inner_capitals_of(brand) > 0, "{brand}");
        }
    }

    #[test]
    fn latin_words_of_a_source_in_another_script_must_be_in_the_translation() {
        let source = "据 krd.ru 网站报道，英国摇滚乐队 Silver Harbour 上个月开始与美国国家航空航天局 NASA 合作录制一张关于太空探索的新专辑。";
        let spans = lost_latin_words(source, "The band worked with the space agency.", 0);
        let lost: Vec<&str> = spans.iter().map(|r| &source[r.clone()]).collect();
        // Acronyms are often written out; a name of two words is one.
        assert_eq!(lost, ["krd.ru", "Silver Harbour"]);
        assert!(lost_latin_words(source, "krd.ru: SILVER HARBOUR worked with NASA.", 0).is_empty());
        // A source in Latin letters is read word by word elsewhere.
        assert!(lost_latin_words("Le groupe Silver Harbour", "The band", 0).is_empty());
    }

    #[test]
    fn devanagari_spellings_of_names_sound_nearly_alike() {
        for (english, hindi) in [
            ("Kaplowitz", "कैप्लोविट्ज"),
            ("Giancarlo", "जियानकार्लो"),
            ("Roberts", "रॉबर्ट"),
            ("Washington", "वाशिंगटन"),
        ] {
            assert!(
                sounds_nearly_alike(&key(english), &key(hindi)),
                "{english} {hindi}"
            );
        }
    }

    #[test]
    fn other_names_and_short_keys_do_not_sound_nearly_alike() {
        assert!(!sounds_nearly_alike(&key("Lindqvist"), &key("शर्मा")));
        assert!(!sounds_nearly_alike(&key("Bwelle"), &key("ब्राउन")));
        // Three sound classes are compared exactly, not within one.
        assert!(!sounds_nearly_alike(&key("Peter"), &key("राहुल")));
    }
}
