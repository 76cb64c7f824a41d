//! mtlint finds the traces machine translation and scraping leave in English articles, scores
//! each article MQM-style and gates publication.
//!
//! The pipeline: an input is read into a [`document::Document`] (normalized text, offset map,
//! lines, sentences, tokens); the [`engine::Engine`] runs every [`rules::Rule`] (a check kind
//! from [`checks`] plus data) and returns [`finding::Finding`]s with spans into the original
//! text; [`score`] turns them into an MQM score and a pass/fail verdict; [`report`] renders the
//! result. The library prints nothing and parses no command line.
//!
//! Which to call:
//!
//! - [`linter::Linter::lint`]: one source in, one scored [`report::DocumentReport`] out, with
//!   the configuration's overrides, suppressions, vocabulary and baseline applied. What the
//!   command line runs for every document.
//! - [`linter::PreparedDocument::new`] then [`linter::Linter::lint_prepared`]: the same, with the
//!   document prepared (markup read, text segmented) apart, say while the rules load.
//! - [`engine::Engine::run`]: the findings of the rules on a [`document::Document`], nothing
//!   filtered or scored.
//! - [`fix::fix`]: a document's safe suggestions applied, and the report on the fixed text.

// No panics by construction: user input never meets an unwrap or an unchecked index.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod align;
pub mod assets;
pub mod atomic;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod edit;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fix;
pub mod input;
pub mod linter;
pub mod lsp;
pub mod overrides;
pub mod report;
pub mod rules;
pub mod score;
pub mod structures;
pub mod suppress;
pub mod taxonomy;
pub mod text;
pub mod vocabulary;
