//! `fit`: a translation that does not fit its source at all — the translation of another
//! segment put in this one's place, or a sentence from nowhere.
//!
//! ```toml
//! [rule.params]
//! threshold = 2.0          # evidence needed: the natural log of how much likelier the pair is
//!                          # unrelated than a translation
//! unrelated-spread = 0.31  # spread (standard deviation) of the log length ratio of two
//!                          # unrelated sentences, taken as a Laplace law
//! chance-cognates = 0.003  # share of long translation words that begin like a source word
//!                          # by chance
//! length-noise = 0.5       # how much more a short segment's length varies: the spread's
//!                          # square grows by this over the source's length
//! marks = { digits = [2.0, -0.6], latin = [2.0, -0.3], names = [2.5, -1.0] }
//!                          # evidence when a mark is on one side only, and when not
//! [rule.params.dictionaries]   # glosses of a language's words (see `text::glosses`), read
//!                              # on the first pair of that language
//! zh = { file = "../dict/zh-en.txt", min-words = 6 }
//! [rule.params.languages]
//! fr = { ratio = -0.11, spread = 0.10, cognates = 0.31 }
//! ```
//!
//! Three kinds of evidence are weighed, each as a log-likelihood ratio of "unrelated" against
//! "a translation", and summed:
//!
//! - **length**: the log of the translation's length over the source's (characters without
//!   spaces, a Chinese or Japanese character one each) against the language's `ratio` and
//!   `spread`; a translation's tail is taken heavier than a normal one's, so one long
//!   paraphrase is never enough;
//! - **shared beginnings**: how many of the translation's words of four letters or more begin
//!   as a word of the source does (names, numbers written out, loanwords, cognates;
//!   Cyrillic and Devanagari transliterated), against the language's `cognates` rate and the
//!   chance rate; read only where the language shares many;
//! - **marks**, each on one side only or differing (the key in `marks` in brackets):
//!   - digits with none in common (`digits`), quotation marks, brackets and colons
//!     (`quotes`, `brackets`, `colons`), comma counts two or more apart (`commas`);
//!   - none of the words a source in another script writes in Latin letters (names, brands:
//!     `Doug Jones`, `Xbox`) in the translation (`latin`);
//!   - a name of the translation (a capitalized word inside a sentence that English has in
//!     no case) that a source in Latin letters does not begin a word with, or that no word of
//!     a Cyrillic source, nor any katakana of a Japanese one, sounds like (`names`; no
//!     evidence from a translation without names, nor from a name spelled in Japanese or
//!     Chinese syllables, which the source writes in Chinese characters);
//!   - a name of the source the translation lacks (`lost-names`): one English writes the
//!     same way (`Wilson`) in a Latin source, a capitalized word inside a sentence of a
//!     Cyrillic one by how it sounds; not for German, which capitalizes every noun;
//!   - a year of the translation the source does not write (`years`; a year completing a
//!     date, `July 26, 2020`, is one translators add to datelines; `21年` writes 2021);
//!   - a number in digits on one side where the other writes none (`lone-numbers`; not a
//!     round number, an ordinal, a compound's or a month's, which a language may write in
//!     words, nor a code's, `COVID-19`);
//!   - for a language with a dictionary, none of the source's words rendered by a word of
//!     its glosses, among the dictionary's `min-words` or more (`glosses`, and the second
//!     weight when one is at least).
//!
//! Only languages listed are judged. Segment pairs are judged one by one (XLIFF); an article
//! aligned with its source only when each is a single paragraph (a segment in a record of JSON
//! Lines), as a whole: the aligner's own pairs are its guesses, and what it could not pair is
//! reported as omitted and added sentences.

use std::cell::OnceCell;
use std::collections::HashMap;

use foldhash::{HashSet, HashSetExt};
use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Bitext, Document, SegmentPair};
use crate::text::case::{is_month, is_title_case};
use crate::text::glosses::Glosses;
use crate::text::kana::{is_katakana, is_romaji, katakana_to_latin};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::numbers::{is_numeral, names_japanese_era};
use crate::text::pinyin::{is_syllable, is_syllables};
use crate::text::script::{
    copied_latin_words, is_foreign_script_letter, is_letter, is_letter_or_digit,
};
use crate::text::transliterate::{fold, is_transliterable, sound_key, to_latin};
use crate::text::words::{at_word_start, sentence_words};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "fit",
    aliases: &[],
    summary: "bilingual: a translation whose length, words and marks do not fit its source",
    compile,
};

/// What a language's translations into English look like.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageProfile {
    /// The mean log ratio of the translation's length to the source's.
    ratio: f64,
    /// Its spread (standard deviation).
    spread: f64,
    /// The share of the translation's long words that begin like a word of the source.
    cognates: f64,
}

/// The marks compared, each with its evidence when it differs and when it does not.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkWeights {
    #[serde(default)]
    digits: [f64; 2],
    #[serde(default)]
    quotes: [f64; 2],
    #[serde(default)]
    brackets: [f64; 2],
    #[serde(default)]
    colons: [f64; 2],
    #[serde(default)]
    commas: [f64; 2],
    #[serde(default)]
    latin: [f64; 2],
    /// A year of the translation the source does not write.
    #[serde(default)]
    years: [f64; 2],
    /// Numbers in digits on one side, none on the other.
    #[serde(default, rename = "lone-numbers")]
    lone_numbers: [f64; 2],
    /// For a source in Latin letters: when a name of the translation is not in it, and when
    /// every name of the translation is (no evidence when the translation has none).
    #[serde(default)]
    names: [f64; 2],
    /// When a name of the source is not in the translation, and when every name of the
    /// source is (no evidence when the source has none).
    #[serde(default, rename = "lost-names")]
    lost_names: [f64; 2],
    /// For a language with a dictionary: when none of the source's words is rendered, and
    /// when one is at least.
    #[serde(default)]
    glosses: [f64; 2],
}

/// A language's dictionary of glosses as the rule names it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DictionaryParams {
    file: toml::Spanned<String>,
    /// The fewest words of a source the dictionary must know for their glosses to be
    /// evidence.
    min_words: usize,
}

/// A language's dictionary of glosses: the file's text, indexed on first use.
#[derive(Debug)]
struct Dictionary {
    text: std::borrow::Cow<'static, str>,
    indexed: std::sync::OnceLock<Glosses>,
    min_words: usize,
}

impl Dictionary {
    fn glosses(&self) -> &Glosses {
        self.indexed.get_or_init(|| Glosses::new(self.text.clone()))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FitParams {
    threshold: f64,
    unrelated_spread: f64,
    chance_cognates: f64,
    #[serde(default)]
    length_noise: f64,
    #[serde(default)]
    marks: MarkWeights,
    languages: HashMap<String, LanguageProfile>,
    #[serde(default)]
    dictionaries: HashMap<String, DictionaryParams>,
}

/// A compiled `fit` rule.
#[derive(Debug)]
pub struct Fit {
    /// The English words, which a name of the translation is not.
    lexicon: &'static Lexicon,
    threshold: f64,
    unrelated_spread: f64,
    chance_cognates: f64,
    length_noise: f64,
    marks: MarkWeights,
    languages: HashMap<String, LanguageProfile>,
    dictionaries: HashMap<String, Dictionary>,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: FitParams = params.parse()?;
    let positive = |x: f64| x.is_finite() && x > 0.0;
    if !positive(raw.unrelated_spread) || !positive(raw.chance_cognates) {
        return Err(ParamError::new(
            0..0,
            "`unrelated-spread` and `chance-cognates` must be above zero",
        ));
    }
    if let Some((lang, _)) = raw
        .languages
        .iter()
        .find(|(_, p)| !positive(p.spread) || !p.cognates.is_finite() || p.cognates < 0.0)
    {
        return Err(ParamError::new(
            0..0,
            format!("language `{lang}`: `spread` must be above zero and `cognates` zero or more"),
        ));
    }
    let mut dictionaries = HashMap::new();
    for (lang, dictionary) in &raw.dictionaries {
        let text = params.read_file(&dictionary.file)?;
        let indexed = std::sync::OnceLock::new();
        let min_words = dictionary.min_words.max(1);
        dictionaries.insert(
            lang.clone(),
            Dictionary {
                text,
                indexed,
                min_words,
            },
        );
    }
    Ok(Box::new(Fit {
        lexicon: Lexicon::get(Dialect::Us),
        threshold: raw.threshold,
        unrelated_spread: raw.unrelated_spread,
        chance_cognates: raw.chance_cognates,
        length_noise: raw.length_noise.max(0.0),
        marks: raw.marks,
        languages: raw.languages,
        dictionaries,
    }))
}

/// Quotation marks of the scripts the packs know, and the Chinese title marks English
/// quotes stand for.
const QUOTES: [char; 11] = ['"', '“', '”', '«', '»', '„', '「', '」', '『', '《', '〈'];
/// Opening brackets.
const BRACKETS: [char; 2] = ['(', '（'];
/// Colons.
const COLONS: [char; 2] = [':', '：'];
/// Commas, the enumeration comma of Chinese and Japanese included.
const COMMAS: [char; 3] = [',', '，', '、'];

/// What a text shows, read in one pass, for comparing it with its translation.
struct Marks {
    /// Its characters but white space; in a text with Chinese or Japanese characters, a
    /// letter of another script (a name in Latin letters in brackets) counts a third.
    length: f64,
    /// Whether it has quotation marks, opening brackets, colons.
    quotes: bool,
    brackets: bool,
    colons: bool,
    /// How many commas.
    commas: usize,
    /// Its runs of digits, full-width digits (`２６`) read as ASCII ones.
    digits: HashSet<String>,
}

impl Marks {
    fn of(text: &str) -> Marks {
        let (mut ideographic, mut other) = (0usize, 0usize);
        let mut marks = Marks {
            length: 0.0,
            quotes: false,
            brackets: false,
            colons: false,
            commas: 0,
            digits: HashSet::new(),
        };
        let mut run = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            match ascii_digit(c) {
                Some(digit) => run.push(digit),
                None if !run.is_empty() => {
                    marks.digits.insert(std::mem::take(&mut run));
                }
                None => {}
            }
            if c.is_whitespace() {
                continue;
            }
            if is_ideographic(c) {
                ideographic += 1;
            } else {
                other += 1;
            }
            marks.quotes |= QUOTES.contains(&c);
            marks.brackets |= BRACKETS.contains(&c);
            marks.colons |= COLONS.contains(&c);
            marks.commas += usize::from(COMMAS.contains(&c));
        }
        marks.length = if ideographic > 0 {
            ideographic as f64 + other as f64 / 3.0
        } else {
            other as f64
        };
        marks
    }
}

/// Chinese characters and Japanese kana.
fn is_ideographic(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// A digit as ASCII, full-width digits (`２６`) read as ASCII ones.
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// Whether a text states a number in digits that no language would write in words: two
/// digits or more, not a round number (`63`, `28%`; not `20`, `4000`), not part of a code
/// (`COVID-19`, `A4`).
fn states_number(text: &str) -> bool {
    let mut run = String::new();
    let mut coded = false;
    let mut previous = ' ';
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match ascii_digit(c) {
            Some(digit) => {
                // Chinese and Japanese write a number right after a word (`比利时85%`).
                if run.is_empty() {
                    coded = (is_letter(previous) && !is_ideographic(previous)) || previous == '-';
                }
                run.push(digit);
            }
            None => {
                let after = text.get(at..).unwrap_or_default();
                if run.len() >= 2
                    && !run.ends_with('0')
                    && !coded
                    && !is_spelled_out_in_languages(after)
                {
                    return true;
                }
                run.clear();
            }
        }
        previous = c;
    }
    false
}

/// Whether a number followed by `after` is one other languages write as a word: an ordinal
/// (`39th`), part of a compound (`45-year-old`, `pětačtyřicetiletý`), a month (`12月`,
/// December).
fn is_spelled_out_in_languages(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('-') => chars.next().is_some_and(is_letter),
        Some('月' | '월') => true,
        Some(_) => ["st", "nd", "rd", "th"]
            .iter()
            .any(|suffix| after.starts_with(suffix)),
        None => false,
    }
}

/// Whether a text writes any number: digits of any script, or Chinese numerals.
fn writes_numbers(text: &str) -> bool {
    text.chars().any(|c| c.is_numeric() || is_numeral(c))
}

/// The years a text writes in digits (`1963`, `2017`), but a year that completes a date
/// (`July 26, 2020`, `26 July 2020`): translators add the year a dateline leaves out.
fn years_of(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices(|c: char| c.is_ascii_digit())
        .filter_map(move |(at, _)| {
            let before = text.get(..at)?;
            let rest = text.get(at..)?;
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let year = rest.get(..digits)?;
            let whole = !before.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
                && !rest.get(digits..)?.starts_with(is_letter_or_digit);
            let plausible = year.len() == 4 && (year.starts_with("19") || year.starts_with("20"));
            (whole && plausible && !completes_date(before)).then_some(year)
        })
}

/// Whether the text before a year ends with a day and a month (`July 26, `, `26 July `,
/// `July 26th, `).
fn completes_date(before: &str) -> bool {
    let words: Vec<&str> = before
        .split(|c: char| !is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty() && digits.len() <= 2 && digits.chars().all(|c| c.is_ascii_digit())
    };
    matches!(words.as_slice(), [a, b] if (is_day(a) && is_month(b)) || (is_month(a) && is_day(b)))
}

/// The folded words of a text with four letters or more, transliterated where they are
/// Cyrillic or Devanagari; digits aside.
fn long_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| {
        !(is_letter_or_digit(c) || unicode_normalization::char::is_combining_mark(c))
    })
    .filter(|w| w.chars().any(is_letter))
    .map(|w| {
        if is_transliterable(w) {
            fold(&to_latin(w))
        } else {
            fold(w)
        }
    })
    .filter(|w| w.chars().count() >= 4)
}

/// The first four characters of a folded word.
fn beginning(word: &str) -> &str {
    let end = word.char_indices().nth(4).map_or(word.len(), |(i, _)| i);
    word.get(..end).unwrap_or(word)
}

/// The names of a translation: words inside a sentence with a capital, four letters or more,
/// that English has in no case (`Mistol`, `Eatonville`; not `Germany`, `Engineers`).
fn names<'t>(text: &'t str, lexicon: &'t Lexicon) -> impl Iterator<Item = &'t str> + 't {
    sentence_words(text)
        .filter(|&(_, word, first)| {
            !first
                && word.chars().count() >= 4
                && word.starts_with(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
        })
        .map(|(_, word, _)| word)
        .filter(|word| !lexicon.knows(word) && !lexicon.knows_lowercase(word))
}

/// How names of a translation are looked for in a source: in its letters (Latin), by how they
/// sound (Cyrillic: `Keanu` for `Киану`; Japanese katakana: `Jessica` for `ジェシカ`), or not at
/// all (other scripts, or mixed).
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameLookup {
    Letters,
    Sounds,
    Katakana,
    None,
}

fn name_lookup(source: &str) -> NameLookup {
    let (mut cyrillic, mut katakana, mut other) = (false, false, false);
    for c in source.chars().filter(|&c| is_foreign_script_letter(c)) {
        if ('\u{400}'..='\u{4FF}').contains(&c) {
            cyrillic = true;
        } else if is_katakana(c) {
            katakana = true;
        } else if !is_ideographic(c) {
            other = true;
        }
    }
    match (cyrillic, katakana, other) {
        (_, _, true) | (true, true, _) => NameLookup::None,
        (true, false, false) => NameLookup::Sounds,
        (false, true, false) => NameLookup::Katakana,
        (false, false, false) if source.chars().any(is_ideographic) => NameLookup::None,
        (false, false, false) => NameLookup::Letters,
    }
}

/// Whether a name is spelled in Japanese or Chinese syllables (`Kaminarimon`, `Xinhua`).
fn is_spelled_in_cjk_syllables(name: &str) -> bool {
    let lower = name.to_lowercase();
    is_romaji(&lower) || is_syllable(&lower) || is_syllables(&lower)
}

/// The first sound classes of a name as Japanese hears it: `l` and `r` are one sound.
fn japanese_sound_beginning(latin: &str) -> String {
    sound_beginning(latin).replace('5', "7")
}

/// Whether a Russian word has the ending of an adjective (`Восточной`, `Десятинная`).
fn is_russian_adjective(word: &str) -> bool {
    const ENDINGS: [&str; 22] = [
        "ая", "яя", "ой", "ей", "ий", "ый", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
        "ую", "юю", "ых", "их", "ым", "им", "ыми", "ими",
    ];
    ENDINGS.iter().any(|ending| word.ends_with(ending))
}

/// The first three sound classes of a word ([`sound_key`]).
fn sound_beginning(word: &str) -> String {
    sound_key(word).chars().take(3).collect()
}

/// The evidence that a pair is unrelated, and the reasons worth telling.
struct Verdict {
    evidence: f64,
    reasons: Vec<String>,
}

impl Fit {
    fn weigh(&self, lang: &str, profile: &LanguageProfile, source: &str, target: &str) -> Verdict {
        let mut reasons = Vec::new();
        // Length: the log ratio's law for a translation of this source against its law for
        // two unrelated sentences.
        let (source_marks, target_marks) = (Marks::of(source), Marks::of(target));
        let (source_length, target_length) = (source_marks.length, target_marks.length);
        let ratio = ((target_length + 1.0) / (source_length + 1.0)).ln();
        let off = ratio - profile.ratio;
        // A short segment's length varies more than a long one's.
        let spread =
            (profile.spread * profile.spread + self.length_noise / source_length.max(1.0)).sqrt();
        let z = off / spread;
        // Beyond two spreads, a translation's tail falls off linearly, not as a normal one's.
        let tail = if z.abs() <= 2.0 {
            z * z / 2.0
        } else {
            2.0 * z.abs() - 2.0
        };
        let translation = -spread.ln() - tail;
        // Two unrelated sentences: a Laplace law of the same spread, as heavy-tailed as
        // sentence lengths are.
        let scale = self.unrelated_spread / std::f64::consts::SQRT_2;
        let unrelated = -(2.0 * scale).ln() - off.abs() / scale;
        let mut evidence = unrelated - translation;
        if z.abs() >= 2.5 {
            let times = (off.exp() * 10.0).round() / 10.0;
            reasons.push(format!(
                "its length is {times} times what a translation of this source would have"
            ));
        }
        // Shared beginnings: a Poisson count under each hypothesis.
        let chance = self.chance_cognates;
        // The source's beginnings, read once if the cognates or the names need them.
        let beginnings = OnceCell::new();
        let beginnings = || {
            beginnings.get_or_init(|| {
                long_words(source)
                    .map(|mut w| {
                        w.truncate(beginning(&w).len());
                        w
                    })
                    .collect::<HashSet<String>>()
            })
        };
        if profile.cognates > 2.0 * chance {
            let beginnings = beginnings();
            let (mut words, mut shared) = (0usize, 0usize);
            for word in long_words(target) {
                words += 1;
                if beginnings.contains(beginning(&word)) {
                    shared += 1;
                }
            }
            let (words, shared) = (words as f64, shared as f64);
            evidence +=
                shared * (chance / profile.cognates).ln() - words * (chance - profile.cognates);
            if shared == 0.0 && words * profile.cognates >= 2.0 {
                reasons.push("none of its words is a name or a word of the source".to_owned());
            }
        }
        // Marks on one side only.
        let (source_digits, target_digits) = (&source_marks.digits, &target_marks.digits);
        // Numbers written in words or as months (`4月`, `April`) leave digits on one side
        // only: digits on both sides and none in common is the sign.
        let digits_differ = !source_digits.is_empty()
            && !target_digits.is_empty()
            && source_digits.is_disjoint(target_digits);
        let commas_differ = source_marks.commas.abs_diff(target_marks.commas) >= 2;
        // A name in Latin letters in a source in another script is copied as it is.
        let latin: Vec<String> = copied_latin_words(source)
            .into_iter()
            .map(|(_, word)| word.to_lowercase())
            .collect();
        let target_lower = target.to_lowercase();
        let latin_lost =
            !latin.is_empty() && !latin.iter().any(|w| target_lower.contains(w.as_str()));
        // No evidence either way from a source without such words.
        let latin_weights = if latin.is_empty() {
            [0.0, 0.0]
        } else {
            self.marks.latin
        };
        for (differs, [when, otherwise], what) in [
            (
                digits_differ,
                self.marks.digits,
                "its numbers are not the source's",
            ),
            (
                source_marks.quotes != target_marks.quotes,
                self.marks.quotes,
                "quotation marks are on one side only",
            ),
            (
                source_marks.brackets != target_marks.brackets,
                self.marks.brackets,
                "brackets are on one side only",
            ),
            (
                source_marks.colons != target_marks.colons,
                self.marks.colons,
                "a colon is on one side only",
            ),
            (
                commas_differ,
                self.marks.commas,
                "its commas are not the source's",
            ),
            (
                latin_lost,
                latin_weights,
                "it has none of the source's words in Latin letters",
            ),
            (
                (states_number(target) && !writes_numbers(source))
                    || (states_number(source) && target_digits.is_empty()),
                self.marks.lone_numbers,
                "it has numbers where the source has none, or none where it has",
            ),
            (
                years_of(target).any(|year| {
                    // `21年` for 2021: Chinese and Japanese write a year's last digits.
                    let short = year.get(2..).unwrap_or_default();
                    !source_digits.contains(year) && !source_digits.contains(short)
                }) && !names_japanese_era(source),
                self.marks.years,
                "it has a year the source does not have",
            ),
        ] {
            evidence += if differs { when } else { otherwise };
            if differs && when >= 1.5 {
                reasons.push(what.to_owned());
            }
        }
        let most = |weights: [f64; 2]| weights[0].max(weights[1]).max(0.0);
        // The dictionary is read only where its mark and the names' can still tip the
        // verdict: most pairs are far from it.
        let glosses_can_tip = evidence
            + most(self.marks.glosses)
            + most(self.marks.names)
            + most(self.marks.lost_names)
            >= self.threshold;
        if let Some(dictionary) = self.dictionaries.get(lang).filter(|_| glosses_can_tip) {
            let coverage = dictionary.glosses().coverage(source, target);
            let [unrendered, rendered] = self.marks.glosses;
            // Fewer words known than `min_words` say nothing.
            match (coverage.words >= dictionary.min_words, coverage.rendered) {
                (false, _) => {}
                (true, 0) => {
                    evidence += unrendered;
                    if unrendered >= 1.5 {
                        reasons.push(format!(
                            "none of the {} words of the source a dictionary knows is translated",
                            coverage.words
                        ));
                    }
                }
                (true, _) => evidence += rendered,
            }
        }
        // Names last, and only when they can tip the verdict: most pairs are far from it.
        let lookup = name_lookup(source);
        let [unnamed_weight, named_weight] = self.marks.names;
        let [lost_weight, kept_weight] = self.marks.lost_names;
        let can_tip =
            evidence + most(self.marks.names) + most(self.marks.lost_names) >= self.threshold;
        // German capitalizes every noun, and English knows some as surnames (`Mann`).
        if can_tip
            && lang != "de"
            && let Some(lost) = self.lost_names(lookup, source, target)
        {
            evidence += if lost { lost_weight } else { kept_weight };
            if lost && lost_weight >= 1.5 {
                reasons.push("it lacks a name of the source".to_owned());
            }
        }
        let reachable = evidence + unnamed_weight.max(named_weight).max(0.0) >= self.threshold
            && evidence + unnamed_weight.min(named_weight).min(0.0) < self.threshold;
        if reachable && lookup != NameLookup::None {
            let (named, unnamed) = self.names_found(lookup, source, target, beginnings());
            if unnamed > 0 {
                evidence += unnamed_weight;
                if unnamed_weight >= 1.5 {
                    reasons.push("it has a name the source does not have".to_owned());
                }
            } else if named > 0 {
                evidence += named_weight;
            }
        }
        Verdict { evidence, reasons }
    }

    /// Whether the source has a name the translation lacks (`None` for a source without
    /// names), among its capitalized words inside a sentence: a name English writes the same
    /// way (`Hamilton`, `Madrid`) in a source in Latin letters; in a Cyrillic source, one no
    /// capitalized word of the translation sounds like.
    fn lost_names(&self, lookup: NameLookup, source: &str, target: &str) -> Option<bool> {
        let target_lower = OnceCell::new();
        let target_sounds = OnceCell::new();
        let mut named = false;
        for (_, word, first) in sentence_words(source) {
            let capitalized = is_title_case(word) && word.chars().count() >= 3;
            // The first word of a sentence may be capitalized for that alone (`Les`).
            if !capitalized || first {
                continue;
            }
            let lost = match lookup {
                NameLookup::Letters
                    if self.lexicon.knows_as_written(word)
                        && !self.lexicon.knows_lowercase(word) =>
                {
                    let target_lower = target_lower.get_or_init(|| target.to_lowercase());
                    !at_word_start(target_lower, &word.to_lowercase())
                }
                // A word in an adjective's form is most often part of a name English
                // translates (`Восточной Азии`, East Asia).
                NameLookup::Sounds if word.chars().count() >= 4 && !is_russian_adjective(word) => {
                    let key = sound_beginning(&to_latin(word));
                    if key.chars().count() < 2 {
                        continue;
                    }
                    let sounds: &HashSet<String> = target_sounds.get_or_init(|| {
                        target
                            .split(|c: char| !is_letter(c))
                            .filter(|w| w.starts_with(char::is_uppercase))
                            .map(sound_beginning)
                            .collect()
                    });
                    !sounds.contains(&key)
                }
                _ => continue,
            };
            if lost {
                return Some(true);
            }
            named = true;
        }
        named.then_some(false)
    }

    /// How many names of the translation its source has, and how many it lacks: a source in
    /// Latin letters has them with the same beginning (`Duplantise` for `Duplantis`), a
    /// Cyrillic one as a word that sounds alike (`Киану` for `Keanu`).
    fn names_found(
        &self,
        lookup: NameLookup,
        source: &str,
        target: &str,
        beginnings: &HashSet<String>,
    ) -> (usize, usize) {
        let (mut named, mut unnamed) = (0usize, 0usize);
        let sounds: HashSet<String> = match lookup {
            NameLookup::Sounds => source
                .split(|c: char| !is_letter(c))
                .filter(|w| !w.is_empty())
                .map(|w| sound_beginning(&to_latin(w)))
                .collect(),
            NameLookup::Katakana => source
                .split(|c: char| !is_katakana(c))
                .filter(|w| !w.is_empty())
                .map(|w| japanese_sound_beginning(&katakana_to_latin(w)))
                .collect(),
            NameLookup::Letters | NameLookup::None => HashSet::new(),
        };
        for name in names(target, self.lexicon) {
            let key = match lookup {
                NameLookup::Sounds => Some(sound_beginning(name)),
                // Japanese and Chinese names are written in Chinese characters, which cannot
                // be read here.
                NameLookup::Katakana if is_spelled_in_cjk_syllables(name) => continue,
                NameLookup::Katakana => Some(japanese_sound_beginning(name)),
                NameLookup::Letters | NameLookup::None => None,
            };
            // By sound, a name of fewer than two sound classes (`Olya`) says too little.
            if key.as_ref().is_some_and(|k| k.chars().count() < 2) {
                continue;
            }
            let found = beginnings.contains(beginning(&fold(name)))
                || key.is_some_and(|k| sounds.contains(&k));
            if found {
                named += 1;
            } else {
                unnamed += 1;
            }
        }
        (named, unnamed)
    }

    fn judge(&self, bitext: &Bitext, text: &str, pair: &SegmentPair, hits: &mut Vec<Hit>) {
        let Some(profile) = bitext.lang().and_then(|lang| self.languages.get(lang)) else {
            return;
        };
        let source = bitext.source_text(pair.source.clone());
        let target = text.get(pair.target.clone()).unwrap_or_default();
        let has_words = |t: &str| t.chars().any(is_letter_or_digit);
        if !has_words(source) || !has_words(target) {
            return;
        }
        let verdict = self.weigh(bitext.lang().unwrap_or_default(), profile, source, target);
        if verdict.evidence < self.threshold {
            return;
        }
        let mut message =
            "This translation does not fit its source: it may translate another segment".to_owned();
        if !verdict.reasons.is_empty() {
            message = format!("{message} ({})", verdict.reasons.join("; "));
        }
        hits.push(
            Hit::new(pair.trimmed_target(text))
                .with_message(message)
                .with_source(pair.source.clone()),
        );
    }
}

impl Detector for Fit {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        if bitext.alignment().is_some() {
            // An aligned article's pairs are the aligner's guesses: only a segment of one
            // paragraph on each side (a record of JSON Lines) is judged, as a whole.
            let one_paragraph = |text: &str| !text.trim().contains("\n\n");
            if one_paragraph(bitext.source()) && one_paragraph(doc.text()) {
                let whole = SegmentPair {
                    source: 0..bitext.source().len(),
                    target: 0..doc.text().len(),
                    codes: None,
                };
                self.judge(bitext, doc.text(), &whole, hits);
            }
            return;
        }
        for pair in bitext.pairs() {
            if !pair.target.is_empty() && !pair.source.is_empty() {
                self.judge(bitext, doc.text(), pair, hits);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beginnings_are_four_characters() {
        assert_eq!(beginning("koalition"), "koal");
        assert_eq!(beginning("été"), "été");
        assert_eq!(beginning("москва"), "моск");
    }

    #[test]
    fn digit_runs_ignore_separators() {
        let runs = Marks::of("34 125 korun, 2019").digits;
        assert!(runs.contains("34") && runs.contains("125") && runs.contains("2019"));
        assert!(Marks::of("２６日").digits.contains("26"));
    }

    #[test]
    fn marks_count_lengths_commas_and_brackets() {
        let latin = Marks::of("Le port, dit-il (hier), a rouvert.");
        assert_eq!(latin.length, 29.0);
        assert_eq!(latin.commas, 2);
        assert!(latin.brackets && !latin.quotes && !latin.colons);
        let chinese = Marks::of("他说：「港口（Hafen）重开了」，");
        // Seven characters, and eleven letters and marks counted a third each.
        assert_eq!(chinese.length, 7.0 + 11.0 / 3.0);
        assert!(chinese.quotes && chinese.brackets && chinese.colons);
        assert_eq!(chinese.commas, 1);
    }

    #[test]
    fn a_stated_number_is_not_round_and_not_a_code() {
        assert!(states_number("a man of 63 years"));
        assert!(states_number("up ２６ per cent"));
        assert!(!states_number("some 4,000 trees and 20 cars"));
        assert!(!states_number("delayed by COVID-19 on the A4"));
        assert!(!states_number("9 of them"));
        assert!(states_number("比利时85%新增"));
        assert!(!states_number("the 45-year-old rider on her 39th birthday"));
        assert!(!states_number("12月举行"));
    }

    #[test]
    fn russian_adjectives_are_told_from_names() {
        for word in ["Восточной", "Десятинная", "Тихого"] {
            assert!(is_russian_adjective(word), "{word}");
        }
        for word in ["Лавров", "Женеве", "Кронштадт"] {
            assert!(!is_russian_adjective(word), "{word}");
        }
    }

    #[test]
    fn years_that_complete_a_date_are_left_out() {
        let years: Vec<&str> =
            years_of("Beijing, July 26, 2020: built in 1963, 26 May 2019.").collect();
        assert_eq!(years, ["1963"]);
        assert_eq!(years_of("in 1,963 cases and 20155 votes").count(), 0);
        assert_eq!(years_of("in September 2017").collect::<Vec<_>>(), ["2017"]);
    }

    #[test]
    fn names_of_a_cyrillic_source_are_found_by_sound() {
        let lexicon = Lexicon::get(Dialect::Us);
        let found: Vec<&str> = names("A trailer with Keanu Reeves came out.", lexicon).collect();
        assert_eq!(found, ["Keanu"]);
        for (name, source) in [("Keanu", "Киану"), ("Olesya", "Олеся")] {
            assert_eq!(
                sound_beginning(name),
                sound_beginning(&to_latin(source)),
                "{name}"
            );
        }
    }

    #[test]
    fn cyrillic_words_are_compared_in_latin_letters() {
        let words: Vec<String> = long_words("Президент Путин").collect();
        assert!(
            words
                .iter()
                .any(|w| beginning(w) == beginning(&fold("President")))
        );
    }
}
