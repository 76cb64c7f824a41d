//! Language knowledge shared by several check kinds: the English lexicon, quotation marks,
//! letter case and scripts.

pub mod byte_class;
pub mod case;
pub mod case_change;
pub mod deletion_table;
pub mod lexicon;
pub mod literals;
pub mod memo;
pub mod quotes;
pub mod script;
pub mod symspell;
pub mod word_table;
pub mod wordlist;
pub mod wordmap;
