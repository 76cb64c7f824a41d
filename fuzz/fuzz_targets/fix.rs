//! Arbitrary text (as text, Markdown, HTML or XLIFF by the first byte) with every suggestion applied,
//! safe or not: the result must read again, and no edit adds or removes the characters of
//! markup (an HTML tag, a Markdown delimiter). `fix::apply` keeps every byte outside the
//! edited spans by construction; `tests/properties.rs` checks code is never touched.
#![no_main]

#[path = "common.rs"]
mod common;
use common::{linter, split_markup};
use libfuzzer_sys::fuzz_target;
use mtlint::fix::{apply, edits_for};
use mtlint::input::{Markup, Source, decode_owned};

/// The characters of markup that no edit may add or remove.
fn is_markup(c: char, markup: Markup) -> bool {
    match markup {
        Markup::Plain => false,
        Markup::Markdown => matches!(c, '*' | '`' | '[' | ']' | '<' | '>'),
        Markup::Html | Markup::Xliff => matches!(c, '<' | '>'),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Some((markup, rest)) = split_markup(bytes) else {
        return;
    };
    let (text, _) = decode_owned(rest.to_vec());
    let source = Source {
        name: "fuzz".to_owned(),
        text: text.clone(),
        markup,
        ..Source::default()
    };
    let report = linter().lint(source.clone());
    let edits = edits_for(linter(), &report, markup, true);
    let fixed = apply(&text, &edits);
    // The markup is kept whole: no edit adds or removes a tag's or a delimiter's characters.
    let markup_of = |t: &str| -> String { t.chars().filter(|&c| is_markup(c, markup)).collect() };
    assert_eq!(markup_of(&fixed), markup_of(&text), "{text:?} -> {fixed:?}");
    let again = linter().lint(Source {
        text: fixed,
        ..source
    });
    assert!(again.findings.iter().all(|f| f.end <= again.text.len()));
});
