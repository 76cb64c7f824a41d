//! `consistency`: one name spelled two ways in one document (`Sergei`/`Sergey`,
//! `Zelensky`/`Zelenskyy`), found from the document's own capitalized words.
//!
//! ```toml
//! [rule.params]
//! fold = ["y=i", "j=i", "w=v"]   # spellings that transliteration systems interchange
//! min_length = 4                  # shorter words are not compared
//! max_distance = 2                # edit distance (optimal string alignment) at most
//! ```
//!
//! Two capitalized words are variants of one name when they differ, are close in edit distance,
//! and either fold to the same transliteration key (lower case, `fold` applied, doubled letters
//! collapsed) or differ by one letter (not the last) and share a neighbour (the same surname
//! after them, or first name before them).
//! `Ryan`/`Bryan` and `Austria`/`Australia` have different keys and no shared neighbour, so
//! they are left alone. Every occurrence of the less frequent variant is flagged (the later one
//! on a tie), with the other as the suggestion.

use std::borrow::Cow;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;
use crate::text::case::{is_calendar_name, is_capitalized};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::pinyin;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "consistency",
    aliases: &[],
    summary: "one name spelled two ways in a document",
    compile,
};

fn default_min_length() -> usize {
    4
}

fn default_max_distance() -> usize {
    2
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsistencyParams {
    #[serde(default)]
    fold: Vec<toml::Spanned<String>>,
    #[serde(default = "default_min_length")]
    min_length: usize,
    #[serde(default = "default_max_distance")]
    max_distance: usize,
}

/// A compiled `consistency` rule.
#[derive(Debug)]
pub struct Consistency {
    lexicon: &'static Lexicon,
    fold: Vec<(String, String)>,
    min_length: usize,
    max_distance: usize,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: ConsistencyParams = params.parse()?;
    let mut fold = Vec::new();
    for entry in &raw.fold {
        let Some((from, to)) = entry.get_ref().split_once('=') else {
            return Err(ParamError::new(
                entry.span(),
                format!(
                    "fold entry `{}` is not of the form `from=to`",
                    entry.get_ref()
                ),
            ));
        };
        fold.push((from.trim().to_lowercase(), to.trim().to_lowercase()));
    }
    Ok(Box::new(Consistency {
        lexicon: Lexicon::get(Dialect::Us),
        fold,
        min_length: raw.min_length,
        max_distance: raw.max_distance,
    }))
}

/// One spelling, where it occurs and the capitalized words beside it.
#[derive(Default)]
struct Variant<'d> {
    spans: Vec<std::ops::Range<usize>>,
    next: Vec<&'d str>,
    previous: Vec<&'d str>,
}

/// Where a bucket of candidate names comes from: the same key, or the same word after or
/// before them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Beside {
    Key,
    Next,
    Previous,
}

/// The name part of a token: `Zelensky’s` → `Zelensky`.
fn name_part(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

impl Consistency {
    fn key(&self, name: &str) -> String {
        let mut key = name.to_lowercase();
        for (from, to) in &self.fold {
            // Folds are a letter or two and names short: a plain scan beats setting up a
            // substring searcher for each.
            let found = from.is_empty()
                || key
                    .as_bytes()
                    .windows(from.len())
                    .any(|w| w.iter().eq(from.as_bytes()));
            if found {
                key = key.replace(from.as_str(), to);
            }
        }
        let mut collapsed = String::with_capacity(key.len());
        for c in key.chars() {
            if !collapsed.ends_with(c) {
                collapsed.push(c);
            }
        }
        collapsed
    }

    fn variants<'d>(&self, doc: &'d Document) -> HashMap<&'d str, Variant<'d>, FixedState> {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut variants: HashMap<&str, Variant<'d>, FixedState> = HashMap::default();
        let capitalized = |i: usize| {
            tokens
                .get(i)
                .map(|t| name_part(&text[t.range()]))
                .filter(|w| is_capitalized(w))
        };
        let bytes = text.as_bytes();
        for (i, token) in tokens.iter().enumerate() {
            // Most words start with a lower-case ASCII letter, a digit or a sign: a first byte
            // that is ASCII and not a capital rules the token out before it is read as a word.
            if bytes
                .get(token.start())
                .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                continue;
            }
            let name = name_part(&text[token.range()]);
            // Most words are lower-case: the capital is asked about first.
            if !is_capitalized(name)
                || !name.chars().all(char::is_alphabetic)
                || name.chars().count() < self.min_length
            {
                continue;
            }
            let entry = variants.entry(name).or_default();
            entry.spans.push(token.start()..token.start() + name.len());
            let gap_after = tokens.get(i + 1).map(|n| &text[token.end()..n.start()]);
            if gap_after.is_some_and(|g| g.trim().is_empty())
                && let Some(next) = capitalized(i + 1)
            {
                entry.next.push(next);
            }
            let gap_before = i
                .checked_sub(1)
                .and_then(|p| tokens.get(p))
                .map(|p| &text[p.end()..token.start()]);
            if gap_before.is_some_and(|g| g.trim().is_empty())
                && let Some(previous) = i.checked_sub(1).and_then(capitalized)
            {
                entry.previous.push(previous);
            }
        }
        variants
    }
}

impl Consistency {
    /// Evidence against two one-letter-apart words sharing a neighbour being one name: they
    /// differ only in the last letter (`Maria`/`Mario Lopez`), one extends the other
    /// (`Korea`/`Korean`, `Keyboard`/`Keyboards`), or both are ordinary words (`Were`/`Wore`).
    fn distinct_names_unlikely(&self, a: &str, b: &str) -> bool {
        let both_words = self.lexicon.knows_lowercase(a) && self.lexicon.knows_lowercase(b);
        !(differ_only_at_end(a, b) || a.starts_with(b) || b.starts_with(a) || both_words)
    }

    /// Whether two names are each established on their own: both in the dictionary as written
    /// (`Hollywood` and `Bollywood`), or one a month or a day (`July` and `Julie`).
    fn both_established(&self, a: &str, b: &str) -> bool {
        is_calendar_name(a)
            || is_calendar_name(b)
            || (self.lexicon.knows_as_written(a) && self.lexicon.knows_as_written(b))
    }
}

/// Whether both names are runs of pinyin syllables.
fn both_pinyin(a: &str, b: &str) -> bool {
    pinyin::is_syllables(&a.to_lowercase()) && pinyin::is_syllables(&b.to_lowercase())
}

/// Whether `a` and `b` are the same but for their last character.
fn differ_only_at_end(a: &str, b: &str) -> bool {
    let mut a_chars = a.chars();
    let mut b_chars = b.chars();
    a_chars.next_back();
    b_chars.next_back();
    a_chars.eq(b_chars)
}

/// The most names one neighbour may stand beside for them to be compared.
const MAX_NEIGHBOUR_BUCKET: usize = 24;

/// The names of a bucket: the first, and the others (most buckets hold one name, and an
/// empty vector allocates nothing).
type Bucket<'d> = (&'d str, Vec<&'d str>);

impl Detector for Consistency {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let variants = self.variants(doc);
        // Candidate pairs come from buckets (same key, same neighbour), never from comparing
        // every name with every other: the work stays linear in the number of names.
        let mut buckets: HashMap<(Beside, Cow<'_, str>), Bucket<'_>, FixedState> =
            HashMap::default();
        let mut add = |bucket, name| {
            buckets
                .entry(bucket)
                .and_modify(|(_, more)| more.push(name))
                .or_insert((name, Vec::new()));
        };
        for (name, variant) in &variants {
            add((Beside::Key, Cow::Owned(self.key(name))), name);
            for &next in &variant.next {
                add((Beside::Next, Cow::Borrowed(next)), name);
            }
            for &previous in &variant.previous {
                add((Beside::Previous, Cow::Borrowed(previous)), name);
            }
        }
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for ((beside, _), (first, more)) in buckets {
            if more.is_empty() {
                continue;
            }
            let mut names = more;
            names.push(first);
            names.sort_unstable();
            names.dedup();
            let same_key = beside == Beside::Key;
            // A word beside many different names is a title (`Mr`, `President`), not a shared
            // first name or surname: no evidence, and comparing all its names would be quadratic.
            if !same_key && names.len() > MAX_NEIGHBOUR_BUCKET {
                continue;
            }
            for (i, a) in names.iter().enumerate() {
                for b in names.get(i + 1..).unwrap_or_default() {
                    let distance = strsim::osa_distance(a, b);
                    // Names that differ only in their last letter next to a shared surname are
                    // usually two people (`Maria`/`Mario Lopez`); transliteration variants that
                    // differ there (`Sergei`/`Sergey`) share a key instead.
                    // Spellings that sound alike where one is an English word (`Never` and
                    // `Newer`, `Love` and `Lowe`) are two words, not one name spelled two ways.
                    let close = if same_key {
                        distance <= self.max_distance
                            && !self.lexicon.knows_lowercase(a)
                            && !self.lexicon.knows_lowercase(b)
                    } else {
                        distance == 1 && self.distinct_names_unlikely(a, b)
                    };
                    // Letter case alone (`Legend`/`LeGend`) is not a spelling variant; two
                    // names both spelled in pinyin syllables are two places or people
                    // (`Shanxi`/`Shaanxi`, `Dazhu`/`Dazhou`): pinyin has one spelling of each;
                    // and two names each established on its own are two names.
                    if distance > 0
                        && close
                        && !a.eq_ignore_ascii_case(b)
                        && !both_pinyin(a, b)
                        && !self.both_established(a, b)
                    {
                        pairs.push((a, b));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        for (a, b) in pairs {
            let (Some(va), Some(vb)) = (variants.get(a), variants.get(b)) else {
                continue;
            };
            // Flag the rarer spelling; on a tie, the one that appears later.
            let first_start = |v: &Variant| v.spans.first().map_or(0, |s| s.start);
            let a_first = first_start(va) < first_start(vb);
            let keep_a =
                va.spans.len() > vb.spans.len() || (va.spans.len() == vb.spans.len() && a_first);
            let (rare, rare_name, kept) = if keep_a { (vb, b, a) } else { (va, a, b) };
            for span in &rare.spans {
                hits.push(
                    Hit::with_suggestion(span.clone(), kept).with_message(format!(
                        "`{rare_name}` is spelled `{kept}` elsewhere in this document"
                    )),
                );
            }
        }
    }
}
