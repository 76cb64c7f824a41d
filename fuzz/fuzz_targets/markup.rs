//! Arbitrary bytes as Markdown and as HTML: the readers, the offset maps and every rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::document::{Document, html, markdown};
use mtlint::input::decode;

#[path = "common.rs"]
mod common;
use common::engine;

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = decode(bytes);
    for extracted in [markdown::extract(&text), html::extract(&text)] {
        for comment in &extracted.comments {
            assert!(text.get(comment.range.clone()).is_some());
        }
        let doc =
            Document::from_extracted(text.clone().into_owned(), extracted.prose, extracted.map);
        for f in engine().run(&doc) {
            assert!(text.get(f.start..f.end) == Some(f.text.as_str()));
        }
    }
});
