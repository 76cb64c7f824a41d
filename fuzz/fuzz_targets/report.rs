//! Arbitrary bytes through the whole linter (as text, Markdown or HTML by the first byte) and
//! every report format.
#![no_main]

#[path = "common.rs"]
mod common;
use common::{linter, split_markup};
use libfuzzer_sys::fuzz_target;
use mtlint::input::{Source, decode};
use mtlint::report::{Emitter, Format, HumanOptions};

fuzz_target!(|bytes: &[u8]| {
    let Some((markup, rest)) = split_markup(bytes) else {
        return;
    };
    let (text, _) = decode(rest);
    let report = linter().lint(Source {
        name: "fuzz".to_owned(),
        id: None,
        text: text.into_owned(),
        markup,
        warnings: Vec::new(),
        ..Source::default()
    });
    for format in [
        Format::Human,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Rdjson,
        Format::Html,
    ] {
        let mut out = Vec::new();
        let mut emitter = Emitter::new(format, HumanOptions::default(), Vec::new(), &mut out);
        emitter.document(report.clone()).expect("writing to memory");
        emitter.finish(&[]).expect("writing to memory");
    }
});
