//! Arbitrary bytes as Markdown and as HTML: the readers, the offset maps and every rule.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mtlint::document::{Document, html, markdown};
use mtlint::engine::Engine;
use mtlint::input::decode;
use mtlint::rules::RuleSet;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin().expect("built-in rules")))
}

fuzz_target!(|bytes: &[u8]| {
    let (text, _) = decode(bytes);
    for extracted in [markdown::extract(&text), html::extract(&text)] {
        for comment in &extracted.comments {
            assert!(text.get(comment.range.clone()).is_some());
        }
        let doc = Document::from_extracted(text.clone(), extracted.prose, extracted.map);
        for f in engine().check(&doc) {
            assert!(text.get(f.start..f.end) == Some(f.text.as_str()));
        }
    }
});
