//! Arbitrary bytes as JSON Lines: the record reader never fails the whole input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::input::{JsonlFields, Records};

fuzz_target!(|bytes: &[u8]| {
    let fields = JsonlFields {
        format: Some("format".to_owned()),
        ..JsonlFields::default()
    };
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let lines = bytes.split(|&b| b == b'\n').count();
    let records = Records::new("fuzz.jsonl".to_owned(), reader, fields, u64::MAX).count();
    assert!(records <= lines);
});
