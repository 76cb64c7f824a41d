//! Language knowledge shared by several check kinds — the English lexicon, word lists,
//! quotation marks, letter case, scripts, spelling suggestions — and the data structures that
//! make it fast: word tables and maps built at compile time, run-wide memos, byte classes, and
//! the literal and case-change prefilters of the pattern kind.

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
