//! The flat tables mtlint builds from its word lists when it is compiled (`build.rs`) and reads,
//! without parsing, when it runs: one crate, so that the layout is written and read by the same
//! code. Standard library only.

// No panics by construction, as in the library.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod deletion_table;
pub mod word_table;
