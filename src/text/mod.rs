//! Language knowledge shared by several check kinds: the English lexicon, word lists, quotation
//! marks, letter case, scripts, numbers and names across scripts. The data structures that make lookups fast are in
//! [`crate::structures`]; the pattern kind's prefilters in [`crate::checks::pattern`].

pub mod case;
pub mod glosses;
pub mod kana;
pub mod lexicon;
pub mod numbers;
pub mod pinyin;
pub mod quotes;
pub mod script;
pub mod transliterate;
pub mod wordlist;
pub mod words;

/// `text` on one line (runs of white space made one space), cut to `chars` characters with an
/// ellipsis marking the cut: how messages and listings quote a sentence.
pub fn excerpt(text: &str, chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", flat.get(..at).unwrap_or_default().trim_end()),
        None => flat,
    }
}
