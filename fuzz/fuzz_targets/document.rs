//! Arbitrary bytes as a plain-text article: the document model and every built-in rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::document::Document;
use mtlint::input::decode;

#[path = "common.rs"]
mod common;
use common::engine;

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = decode(bytes);
    let doc = Document::new(text.clone());
    for token in doc.tokens() {
        let span = doc.to_original(token.range());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    let findings = engine().run(&doc);
    for f in &findings {
        assert!(f.start <= f.end && f.end <= text.len());
        assert_eq!(&text[f.start..f.end], f.text);
    }
    assert!(findings.windows(2).all(|w| w[0].start <= w[1].start));
});
