//! Data structures for lookups made once per word of a corpus: flat word tables and the
//! spelling suggestion index built at compile time (their layout in the `mtlint-tables` crate,
//! shared with `build.rs`), maps keyed by short words, run-wide memos, and byte classes tested
//! eight bytes at a time. What they hold is language knowledge ([`crate::text`]); how they hold
//! it, and the bit-level tricks, are here.

pub mod byte_class;
pub mod memo;
pub mod symspell;
pub mod wordmap;

pub use mtlint_tables::{deletion_table, word_table};
