//! Numbers as languages write them: digits with any grouping and decimal convention
//! (`1 000`, `1.000`, `1'000`, `1,000`, `2,5`), other scripts' digits (`１２`, `१२`), Chinese
//! and Japanese numerals and units (`十`, `3.5万`, `2亿`), scale words (`2,5 millions`,
//! `zwei Millionen`), and number words from a per-language table (`sept`, `seven`, `tenth`).
//!
//! A mention keeps every value it may stand for: `1.000` is a thousand in German and one in
//! English, `2:30 pm` may be 2 or 14, `250万` is 250 and 2,500,000. Two mentions agree when
//! they share a value, so a difference of convention is never taken for a wrong number.

use std::collections::HashMap;
use std::ops::Range;

use foldhash::fast::FixedState;

use super::script::is_letter;

/// One number in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberMention {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// Every value the mention may stand for.
    pub values: Vec<f64>,
    /// Whether it is written in digits.
    pub digits: bool,
    /// Whether it states a number the other side must have: digits, or cardinal words from
    /// two up (`seven`, `trois`). Ordinals, months, articles (`un`, `ein`) and Chinese or
    /// Japanese numerals (often part of a word) only match.
    pub firm: bool,
    /// For the number of a code (`COVID-19`, `F-16`, `A380`): the letters before it, in
    /// lower case.
    pub code: Option<String>,
}

impl NumberMention {
    /// Whether the two mentions may stand for the same number.
    pub fn agrees_with(&self, other: &NumberMention) -> bool {
        self.values
            .iter()
            .any(|a| other.values.iter().any(|b| same_value(*a, *b)))
    }
}

/// Whether two values are equal, up to the rounding of their decimal reading.
fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Months are numbers of their own: `October` agrees with `października` and `10月`, never
/// with a day or a count of ten.
const MONTH: f64 = 1e15;

/// A language's number words: values (`seven` 7, `tenth` 10) and scales (`million`).
#[derive(Clone, Debug, Default)]
pub struct NumberWords {
    /// Looked up for every word of every text read: a fast hasher (the keys come from the
    /// rules' tables, not from the input).
    words: HashMap<String, NumberWord, FixedState>,
}

/// What a number word is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum NumberWord {
    /// A value on its own (`seven`, `twenty`, `tenth`), and whether it states a number
    /// firmly (a cardinal, not an ordinal or a month).
    Value(f64, bool),
    /// A scale that multiplies the number before it (`hundred`, `million`, `Mio`).
    Scale(f64),
}

/// An error in a number-word table: the 1-based line and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberWordsError {
    /// 1-based line of the table.
    pub line: usize,
    /// What was expected.
    pub message: String,
}

impl NumberWords {
    /// Reads a table: one `word value` pair per line (`sept 7`), a scale as `word *value`
    /// (`millions *1000000`), a word that only matches (an ordinal) as `word =value`, a month
    /// as `word @number`;
    /// `#` starts a comment. Words are matched in lower case.
    ///
    /// # Errors
    ///
    /// A line that is not a word and a number.
    pub fn parse(text: &str) -> Result<NumberWords, NumberWordsError> {
        let mut words = HashMap::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| NumberWordsError {
                line: index + 1,
                message,
            };
            let mut parts = line.split_whitespace();
            let (Some(word), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(error(format!(
                    "expected `word value` or `word *scale`, found `{line}`"
                )));
            };
            let (marker, number) = match value.strip_prefix(['*', '=', '@']) {
                Some(number) => (value.chars().next(), number),
                None => (None, value),
            };
            let number: f64 = number
                .parse()
                .map_err(|_| error(format!("`{value}` is not a number")))?;
            let entry = match marker {
                Some('*') => NumberWord::Scale(number),
                Some('@') => NumberWord::Value(MONTH + number, false),
                Some(_) => NumberWord::Value(number, false),
                None => NumberWord::Value(number, number >= 2.0),
            };
            words.insert(word.to_lowercase(), entry);
        }
        Ok(NumberWords { words })
    }

    fn get(&self, word: &str) -> Option<NumberWord> {
        if let Some(found) = self.words.get(word) {
            return Some(*found);
        }
        if word.chars().any(char::is_uppercase) {
            return self.words.get(&word.to_lowercase()).copied();
        }
        None
    }
}

/// Every number mentioned in `text`, in order, read with `words` (the text's language).
pub fn numbers(text: &str, words: &NumberWords) -> Vec<NumberMention> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        if digit_value(c).is_some() {
            i = read_digits(text, &chars, i, words, &mut found);
        } else if numeral_value(c).is_some() {
            i = read_numeral(text, &chars, i, &mut found);
        } else if is_letter(c) {
            let end = word_end(&chars, i);
            if let Some(century) = read_century(text, &chars, i, end) {
                found.push(century);
                i = end;
                continue;
            }
            i = read_words(text, &chars, i, end, words, &mut found).unwrap_or(end);
        } else {
            i += 1;
        }
    }
    merge_large_units(text, &mut found);
    found
}

/// The value of a Chinese or Japanese unit of ten thousand or more.
fn large_unit(c: char) -> Option<f64> {
    match numeral_value(c) {
        Some(Numeral::Large(unit)) => Some(unit),
        _ => None,
    }
}

/// Joins numbers in digits written with two large units into one (`1亿7500万` is 175
/// million, not a hundred million and 75 million).
fn merge_large_units(text: &str, found: &mut Vec<NumberMention>) {
    let mut k = 0;
    while k + 1 < found.len() {
        let (Some(first), Some(second)) = (found.get(k), found.get(k + 1)) else {
            break;
        };
        let unit_after = |m: &NumberMention| {
            text.get(m.span.end..)
                .and_then(|rest| rest.chars().next())
                .and_then(large_unit)
        };
        let gap = text
            .get(first.span.end..second.span.start)
            .unwrap_or_default();
        // `1亿7500万`, and `1万0363` (the ones after the unit).
        let low = unit_after(second).unwrap_or(1.0);
        let joined = match gap.chars().next().and_then(large_unit) {
            Some(high)
                if first.digits && second.digits && gap.chars().count() == 1 && low < high =>
            {
                first
                    .values
                    .first()
                    .zip(second.values.first())
                    .map(|(a, b)| a * high + b * low)
            }
            _ => None,
        };
        if let Some(value) = joined {
            let end = second.span.end;
            found.remove(k + 1);
            if let Some(first) = found.get_mut(k) {
                first.span.end = end;
                first.values.push(value);
            }
        }
        k += 1;
    }
}

/// Words that say a Roman numeral beside them counts a century (`siglo XX`, `XIVe siècle`).
const CENTURY_WORDS: [&str; 9] = [
    "sigl", "siècl", "siecl", "secol", "wiek", "stolet", "век", "centur", "jahrh",
];

/// A Roman numeral of a century (`XX`, `XIVe`, `Xe`) at the word `chars[i..end]`, when a word
/// for a century stands within a few words of it.
fn read_century(
    text: &str,
    chars: &[(usize, char)],
    i: usize,
    end: usize,
) -> Option<NumberMention> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let word = text.get(byte(i)..byte(end))?;
    let numeral = word
        .strip_suffix("ème")
        .or_else(|| word.strip_suffix("er"))
        .or_else(|| word.strip_suffix('e'))
        .unwrap_or(word);
    if numeral.is_empty() || numeral.len() > 6 || !numeral.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let value = roman_value(numeral)?;
    // A few words either side: 24 characters.
    let around = text
        .get(byte(i.saturating_sub(24))..byte(end + 24))?
        .to_lowercase();
    CENTURY_WORDS
        .iter()
        .any(|w| around.contains(w))
        .then(|| NumberMention {
            span: byte(i)..byte(end),
            values: vec![f64::from(value)],
            digits: true,
            firm: true,
            code: None,
        })
}

/// The value of a Roman numeral written the usual way (`XIV`), up to 399.
fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, v) in values.iter().enumerate() {
        match values.get(k + 1) {
            Some(next) if next > v => total -= i64::from(*v),
            _ => total += i64::from(*v),
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

/// The value of a decimal digit of any script (`7`, `７`, `७`, `٧`).
fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    let zeros = ['\u{FF10}', '\u{0966}', '\u{0660}', '\u{06F0}'];
    zeros.iter().find_map(|&zero| {
        let offset = (c as u32).checked_sub(zero as u32)?;
        (offset < 10).then_some(offset)
    })
}

/// Whether a character writes a number on its own: a digit of any script or a Chinese or
/// Japanese numeral (`七`, `万`).
pub fn is_numeral(c: char) -> bool {
    digit_value(c).is_some() || numeral_value(c).is_some()
}

/// The value of a Chinese or Japanese numeral character.
fn numeral_value(c: char) -> Option<Numeral> {
    Some(match c {
        '〇' | '零' => Numeral::Digit(0),
        '一' => Numeral::Digit(1),
        '二' | '两' | '兩' => Numeral::Digit(2),
        '三' => Numeral::Digit(3),
        '四' => Numeral::Digit(4),
        '五' => Numeral::Digit(5),
        '六' => Numeral::Digit(6),
        '七' => Numeral::Digit(7),
        '八' => Numeral::Digit(8),
        '九' => Numeral::Digit(9),
        '十' => Numeral::Small(10),
        '百' => Numeral::Small(100),
        '千' => Numeral::Small(1000),
        '万' | '萬' => Numeral::Large(1e4),
        '亿' | '億' => Numeral::Large(1e8),
        '兆' => Numeral::Large(1e12),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug)]
enum Numeral {
    Digit(u32),
    Small(u32),
    Large(f64),
}

/// Characters that may group digits or mark a decimal inside a number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '٫' | '٬' | '・'
    )
}

/// Reads a number in digits starting at `chars[i]`; returns the index after it.
fn read_digits(
    text: &str,
    chars: &[(usize, char)],
    i: usize,
    words: &NumberWords,
    found: &mut Vec<NumberMention>,
) -> usize {
    // Groups of digits and the separators between them.
    let mut groups: Vec<String> = vec![String::new()];
    let mut separators: Vec<char> = Vec::new();
    let mut j = i;
    while let Some(&(_, c)) = chars.get(j) {
        if let Some(d) = digit_value(c) {
            if let Some(last) = groups.last_mut() {
                last.push(char::from_digit(d, 10).unwrap_or('0'));
            }
            j += 1;
        } else if is_separator(c)
            && chars
                .get(j + 1)
                .is_some_and(|&(_, next)| digit_value(next).is_some())
        {
            separators.push(c);
            groups.push(String::new());
            j += 1;
        } else {
            break;
        }
    }
    let start = chars.get(i).map_or(0, |&(b, _)| b);
    let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
    let before = text.get(..start).unwrap_or_default();
    let readings = readings(&groups, &separators);
    // Spaces group thousands only in groups of three: `in 2020 100 people` is two numbers.
    let spaced = separators.iter().any(|c| c.is_whitespace());
    let grouped = readings.grouped.is_some();
    if spaced && !grouped {
        // Read the first group alone, and go on after it.
        let first_end = i + groups.first().map_or(0, |g| g.chars().count());
        let first_end_byte = chars.get(first_end).map_or(text.len(), |&(b, _)| b);
        let value = groups.first().and_then(|g| g.parse::<f64>().ok());
        if let Some(value) = value {
            let mut values = vec![value];
            add_context(text, before, first_end_byte, &mut values, words);
            found.push(NumberMention {
                span: start..first_end_byte,
                values,
                digits: true,
                firm: true,
                code: None,
            });
        }
        return first_end.max(i + 1);
    }
    let mut values = readings.all();
    add_context(text, before, end, &mut values, words);
    // The minutes of `19:00`: a translation may leave them out.
    let minutes = before.ends_with(':') && values.iter().all(|v| *v == 0.0);
    // Part of a code (`COVID-19`, `G7`, `A380`): copied, or named otherwise, never a count.
    let letters: String = before
        .strip_suffix('-')
        .unwrap_or(before)
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let code = (!letters.is_empty()).then(|| {
        letters
            .chars()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase()
    });
    found.push(NumberMention {
        span: start..end,
        values,
        digits: true,
        firm: !minutes && code.is_none(),
        code,
    });
    j.max(i + 1)
}

/// The ways a run of digit groups may be read.
struct Readings {
    /// As one number whose separators group thousands (`1.000`, `1 000 000`).
    grouped: Option<f64>,
    /// As a decimal number (`2,5`, `1.234,5`).
    decimal: Option<f64>,
    /// Each group alone (`14.30` as a time, `14.03.2021` as a date).
    parts: Vec<f64>,
}

impl Readings {
    /// Every reading; the groups alone only where they cannot group thousands (`14.30`,
    /// `14.03.2021`, but not `4,600`).
    fn all(&self) -> Vec<f64> {
        let mut values: Vec<f64> = self.grouped.into_iter().chain(self.decimal).collect();
        let parts = if self.grouped.is_some() {
            &[][..]
        } else {
            &self.parts[..]
        };
        for part in parts {
            if !values.iter().any(|v| same_value(*v, *part)) {
                values.push(*part);
            }
        }
        values
    }
}

fn readings(groups: &[String], separators: &[char]) -> Readings {
    let parts: Vec<f64> = groups.iter().filter_map(|g| g.parse().ok()).collect();
    if separators.is_empty() {
        return Readings {
            grouped: parts.first().copied(),
            decimal: None,
            parts: Vec::new(),
        };
    }
    let thousands = |seps: &[char], gs: &[String]| {
        let first = gs.first().map_or(0, String::len);
        (1..=3).contains(&first)
            && gs.iter().skip(1).all(|g| g.len() == 3)
            && seps.windows(2).all(|w| w.first() == w.get(1))
    };
    let grouped = thousands(separators, groups)
        .then(|| groups.concat().parse::<f64>().ok())
        .flatten();
    // The last separator as a decimal mark, the others grouping thousands.
    let decimal = match (separators.split_last(), groups.split_last()) {
        (Some((&mark, rest)), Some((fraction, whole)))
            if matches!(mark, '.' | ',' | '٫' | '・')
                && !rest.contains(&mark)
                && (rest.is_empty() || thousands(rest, whole)) =>
        {
            format!("{}.{fraction}", whole.concat()).parse::<f64>().ok()
        }
        _ => None,
    };
    // Each group alone only for what reads as a date or a time: two separators or more
    // (`14.03.2021`), or one between an hour and its minutes (`14.30`) — not `802.11`, not `4,3`.
    let time = separators.len() == 1
        && groups.first().is_some_and(|g| g.len() <= 2)
        && groups.get(1).is_some_and(|g| g.len() == 2);
    let parts = if separators.len() >= 2 || time {
        parts
    } else {
        Vec::new()
    };
    Readings {
        grouped,
        decimal,
        parts,
    }
}

/// Adds the values the words around a number give it: a scale after it (`2,5 millions`,
/// `3.5万`), `pm` after a time, a century before a two-digit year after a dash
/// (`2019-20`), a year for a decade (`'80s`).
fn add_context(text: &str, before: &str, end: usize, values: &mut Vec<f64>, words: &NumberWords) {
    let after = text.get(end..).unwrap_or_default();
    let base: Vec<f64> = values.clone();
    // A scale word or character right after (one space allowed; `1100多万`, "more than").
    let rest = after
        .strip_prefix([' ', '\u{a0}', '多', '余', '餘'])
        .unwrap_or(after);
    // `6成`, `２割`: tenths, as a percentage.
    if rest.starts_with(['成', '割']) {
        values.extend(base.iter().map(|v| v * 10.0));
    }
    // `10月`: a month.
    if rest.starts_with('月') {
        values.extend(
            base.iter()
                .filter(|v| (1.0..=12.0).contains(*v))
                .map(|v| MONTH + v),
        );
    }
    // `１３年`: a two-digit year; `平成18年`: a year of a Japanese era.
    if rest.starts_with('年') {
        values.extend(
            base.iter()
                .filter(|v| **v < 100.0)
                .flat_map(|v| [1900.0 + v, 2000.0 + v]),
        );
        if let Some(era_start) = japanese_era_start(before) {
            values.extend(base.iter().filter(|v| **v < 100.0).map(|v| era_start + v));
        }
    }
    let scale = match rest.chars().next().and_then(numeral_value) {
        Some(Numeral::Large(scale)) => Some(scale),
        Some(Numeral::Small(scale)) if !after.starts_with(' ') => Some(f64::from(scale)),
        _ => {
            let word: String = rest
                .chars()
                .take_while(|c| is_letter(*c) || *c == '.')
                .collect();
            let word = word.trim_end_matches('.');
            match words.get(word) {
                Some(NumberWord::Scale(scale)) => Some(scale),
                _ => None,
            }
        }
    };
    if let Some(scale) = scale {
        values.extend(base.iter().map(|v| v * scale));
    }
    // `2:30 pm`: the afternoon hour.
    // The hour of `2:30 pm` as well as of `2 pm`.
    let minutes = after
        .strip_prefix(':')
        .filter(|m| m.len() >= 2 && m.bytes().take(2).all(|b| b.is_ascii_digit()))
        .and_then(|m| m.get(2..));
    let time = minutes.map_or(rest, |m| m.strip_prefix([' ', '\u{a0}']).unwrap_or(m));
    let lower = time.get(..4).unwrap_or(time).to_ascii_lowercase();
    if lower.starts_with("pm") || lower.starts_with("p.m.") {
        values.extend(base.iter().filter(|v| **v < 12.0).map(|v| v + 12.0));
    }
    // `2019-20`, `2019/20`: the same century as the year before.
    if let Some(year) = before
        .strip_suffix(['-', '/', '–'])
        .and_then(|b| b.get(b.len().saturating_sub(4)..))
        .and_then(|y| y.parse::<u32>().ok())
        && (1000..3000).contains(&year)
    {
        let century = f64::from(year / 100 * 100);
        values.extend(base.iter().filter(|v| **v < 100.0).map(|v| century + v));
    }
    // `'80s`: a decade of the last century or this one.
    if before.ends_with(['\'', '’']) && after.starts_with('s') {
        values.extend(
            base.iter()
                .filter(|v| **v < 100.0)
                .flat_map(|v| [1900.0 + v, 2000.0 + v]),
        );
    }
}

/// The Japanese eras, each with the year before its first (`平成`: 1989 is its first year, so
/// `平成18年` is 2006).
const ERAS: [(&str, f64); 4] = [
    ("令和", 2018.0),
    ("平成", 1988.0),
    ("昭和", 1925.0),
    ("大正", 1911.0),
];

/// The year before the first of the Japanese era whose name a text ends with.
fn japanese_era_start(before: &str) -> Option<f64> {
    let before = before.trim_end();
    ERAS.iter()
        .find(|(name, _)| before.ends_with(name))
        .map(|(_, start)| *start)
}

/// Whether a text counts years by the Japanese eras (`令和2年` is 2020).
pub fn names_japanese_era(text: &str) -> bool {
    ERAS.iter().any(|(name, _)| text.contains(name))
}

/// Reads a Chinese or Japanese numeral from `chars[i]`; returns the index after it. A lone
/// `一` is most often part of a word (`一些`, `统一`), and is left alone.
fn read_numeral(
    text: &str,
    chars: &[(usize, char)],
    i: usize,
    found: &mut Vec<NumberMention>,
) -> usize {
    let start = chars.get(i).map_or(0, |&(b, _)| b);
    // The unit of a number in digits just read (`3.5万`) is part of it.
    let unit_first = chars
        .get(i)
        .and_then(|&(_, c)| numeral_value(c))
        .is_some_and(|n| !matches!(n, Numeral::Digit(_)));
    let after_digits = found.last().is_some_and(|m| {
        m.digits
            && text
                .get(m.span.end..start)
                .is_some_and(|gap| gap.chars().all(|c| matches!(c, '多' | '余' | '餘')))
    });
    if unit_first && after_digits {
        let mut j = i;
        while chars.get(j).is_some_and(|&(_, c)| {
            matches!(
                numeral_value(c),
                Some(Numeral::Small(_) | Numeral::Large(_))
            )
        }) {
            j += 1;
        }
        return j;
    }
    let mut j = i;
    let (mut total, mut section, mut digit) = (0.0_f64, 0.0_f64, None::<u32>);
    let mut digits_only = String::new();
    while let Some(&(_, c)) = chars.get(j) {
        match numeral_value(c) {
            Some(Numeral::Digit(d)) => {
                digits_only.push(char::from_digit(d, 10).unwrap_or('0'));
                digit = Some(d);
            }
            Some(Numeral::Small(unit)) => {
                section += f64::from(digit.unwrap_or(1) * unit);
                digit = None;
            }
            Some(Numeral::Large(unit)) => {
                section += f64::from(digit.unwrap_or(0));
                total += section.max(1.0) * unit;
                section = 0.0;
                digit = None;
            }
            None => break,
        }
        j += 1;
    }
    let value = total + section + f64::from(digit.unwrap_or(0));
    let length = j - i;
    let only_one = length == 1 && chars.get(i).is_some_and(|&(_, c)| c == '一');
    if !only_one {
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let mut values = vec![value];
        // `二〇二〇`: digits read one by one.
        if digits_only.chars().count() == length
            && let Ok(v) = digits_only.parse::<f64>()
        {
            values.push(v);
        }
        found.push(NumberMention {
            span: start..end,
            values,
            digits: false,
            firm: false,
            code: None,
        });
    }
    j.max(i + 1)
}

/// The index after the word starting at `chars[i]` (letters, and one hyphen between them).
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i;
    while let Some(&(_, c)) = chars.get(j) {
        if is_letter(c) && numeral_value(c).is_none() {
            j += 1;
        } else {
            break;
        }
    }
    j.max(i + 1)
}

/// Reads a run of number words from the word `chars[i..end]` (`two hundred thousand`,
/// `twenty-five`, `a million`); returns the index after the run, or `None` when the word is
/// not a number word.
fn read_words(
    text: &str,
    chars: &[(usize, char)],
    i: usize,
    end: usize,
    words: &NumberWords,
    found: &mut Vec<NumberMention>,
) -> Option<usize> {
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let first = text.get(byte(i)..byte(end))?;
    let kind = words.get(first)?;
    // `per second`, `a second`: the unit of time, not the ordinal.
    let before = text.get(..byte(i)).unwrap_or_default().trim_end();
    let word_before = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if first.eq_ignore_ascii_case("second")
        && ["per", "a", "one", "each", "every", "split", "fraction"]
            .iter()
            .any(|w| word_before.eq_ignore_ascii_case(w))
        || first.eq_ignore_ascii_case("seconds")
    {
        return None;
    }
    // The scale of a number just read (`2,5 millions`) is part of it.
    if matches!(kind, NumberWord::Scale(_))
        && found.last().is_some_and(|m| {
            text.get(m.span.end..byte(i))
                .is_some_and(|gap| gap.chars().all(char::is_whitespace) && gap.len() <= 2)
        })
    {
        return Some(end);
    }
    let (mut total, mut current) = (0.0_f64, 0.0_f64);
    let (mut from, mut to) = (i, end);
    // A scale alone (`millions of`) is no number stated.
    let (mut any, mut firm, mut valued) = (false, true, false);
    loop {
        let word = text.get(byte(from)..byte(to)).unwrap_or_default();
        match words.get(word) {
            Some(NumberWord::Value(v, cardinal)) => {
                current += v;
                any = true;
                valued = true;
                firm &= cardinal;
            }
            Some(NumberWord::Scale(scale)) if scale < 1000.0 => current = current.max(1.0) * scale,
            Some(NumberWord::Scale(scale)) => {
                total += current.max(1.0) * scale;
                current = 0.0;
                any = true;
            }
            None => break,
        }
        // The next word, after one space or hyphen (`twenty-five`, `two hundred`).
        let gap = chars.get(to).map(|&(_, c)| c);
        if !matches!(gap, Some(' ' | '-')) {
            break;
        }
        let next_start = to + 1;
        let next_end = word_end(chars, next_start);
        let next = text
            .get(byte(next_start)..byte(next_end))
            .unwrap_or_default();
        if next.is_empty() || words.get(next).is_none() {
            break;
        }
        from = next_start;
        to = next_end;
    }
    if any {
        let value = total + current;
        found.push(NumberMention {
            span: byte(i)..byte(to),
            values: vec![value],
            digits: false,
            firm: firm && valued && value >= 2.0,
            code: None,
        });
    }
    Some(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_eras_are_told() {
        for c in ['7', '７', '७', '七', '万', '億'] {
            assert!(is_numeral(c), "{c}");
        }
        assert!(!is_numeral('a') && !is_numeral('年'));
        assert!(names_japanese_era("令和2年6月に発表"));
        assert!(!names_japanese_era("2020年6月に発表"));
    }

    fn english() -> NumberWords {
        NumberWords::parse(
            "one 1\nseven 7\ntwenty 20\nfive 5\ntenth 10\nhundred *100\nthousand *1000\nmillion *1000000\n",
        )
        .unwrap()
    }

    fn values(text: &str, words: &NumberWords) -> Vec<Vec<f64>> {
        numbers(text, words).into_iter().map(|m| m.values).collect()
    }

    /// Whether the one number of `a` agrees with the one of `b` (each must read as one).
    fn agree(a: &str, b: &str) -> bool {
        let words = english();
        let (first, second) = (numbers(a, &words), numbers(b, &words));
        assert_eq!(
            (first.len(), second.len()),
            (1, 1),
            "{a}: {first:?}, {b}: {second:?}"
        );
        first[0].agrees_with(&second[0])
    }

    #[test]
    fn groupings_and_decimal_marks_of_every_convention_agree() {
        for (source, target) in [
            ("1 000", "1,000"),
            ("1.000", "1,000"),
            ("1'000", "1,000"),
            ("1\u{202f}000", "1000"),
            ("2,5", "2.5"),
            ("1.234,5", "1,234.5"),
            ("2,5 million", "2.5 million"),
            ("3.5万", "35,000"),
            ("2亿", "200 million"),
            ("１２", "12"),
            ("१२", "12"),
            ("十", "tenth"),
            ("二十五", "twenty-five"),
            ("7", "seven"),
            ("a million", "1000000"),
            ("1亿7500万", "175 million"),
            ("１万０３６３・１８", "10,363.18"),
            ("1100多万", "11 million"),
            ("6成", "60"),
            ("１３年", "2013"),
            ("平成18年", "2006"),
            ("令和２年", "2020"),
            ("９９・９９９", "99.999"),
            ("siglo XX", "20th century"),
            ("XIVe siècle", "14th century"),
        ] {
            assert!(agree(source, target), "{source} and {target}");
        }
        assert!(!agree("1985", "1995"));
        assert!(!agree("802.11", "802.22"));
        assert!(!agree("4,3", "4.1"));
        assert!(!agree("2,5", "25"));
    }

    #[test]
    fn a_second_of_time_is_no_ordinal() {
        let words = NumberWords::parse("second =2\n").unwrap();
        assert_eq!(values("7 meters per second", &words), [vec![7.0]]);
        assert_eq!(values("for a second, then 3 seconds", &words), [vec![3.0]]);
        assert_eq!(values("the second round", &words).len(), 1);
    }

    #[test]
    fn months_agree_with_months_never_with_days() {
        let polish = NumberWords::parse("października @10").unwrap();
        let english = NumberWords::parse("october @10").unwrap();
        let source = numbers("do 2 października", &polish);
        let target = numbers("until October 2", &english);
        let day = numbers("on the 10th", &english);
        assert_eq!(source.len(), 2);
        assert!(source[1].agrees_with(&target[0]), "{source:?} {target:?}");
        assert!(source[0].agrees_with(&target[1]));
        assert!(!source[1].agrees_with(&day[0]));
        assert!(numbers("10月", &NumberWords::default())[0].agrees_with(&target[0]));
    }

    #[test]
    fn spaces_between_numbers_that_are_not_groups_of_three_split_them() {
        assert_eq!(
            values("in 2020 100 people", &english()),
            vec![vec![2020.0], vec![100.0]]
        );
    }

    #[test]
    fn times_dates_and_ranges_give_their_parts() {
        let words = english();
        let time = numbers("at 2:30 pm", &words);
        assert!(time[0].values.contains(&14.0), "{time:?}");
        let date = values("14.03.2021", &words);
        assert!(
            date[0].contains(&2021.0) && date[0].contains(&3.0),
            "{date:?}"
        );
        let range = numbers("2019-20", &words);
        assert!(range[1].values.contains(&2020.0), "{range:?}");
    }

    #[test]
    fn a_lone_one_in_chinese_is_a_word_not_a_number() {
        assert!(numbers("统一", &NumberWords::default()).is_empty());
        assert_eq!(
            numbers("第十次", &NumberWords::default())[0].values,
            vec![10.0]
        );
    }

    #[test]
    fn a_bad_table_line_names_its_line() {
        let error = NumberWords::parse("one 1\ntwo\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(NumberWords::parse("x *y").is_err());
    }
}
