//! Language knowledge shared by several check kinds: the English lexicon, word lists, quotation
//! marks, letter case, scripts, numbers and names across scripts. The data structures that make lookups fast are in
//! [`crate::structures`]; the pattern kind's prefilters in [`crate::checks::pattern`].

pub mod case;
pub mod lexicon;
pub mod numbers;
pub mod quotes;
pub mod script;
pub mod transliterate;
pub mod wordlist;
