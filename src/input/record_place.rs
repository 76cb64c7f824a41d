//! Where a JSON Lines record's text sits in its file: the line of the record, and the JSON
//! string that holds the text, escapes and all, so that an offset into the decoded text maps to
//! a column of the file's line (CI annotations must land where the text is).

use std::ops::Range;

/// A line and columns of a file (1-based): the column in Unicode scalar values and in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilePlace {
    /// The line of the file.
    pub line: usize,
    /// The column, counted in Unicode scalar values.
    pub column: usize,
    /// The column, counted in bytes.
    pub byte_column: usize,
}

/// A record's text field as it is written in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordPlace {
    /// The file line of the record.
    line: usize,
    /// Bytes and chars of the line before the string's content (its opening quote included).
    prefix_bytes: usize,
    prefix_chars: usize,
    /// The string's content as written: escapes not decoded.
    raw: String,
}

impl RecordPlace {
    /// The place of the text field `field` of the record `line` (the raw JSON object) on file
    /// line `number`, if the field is a string (the last one, when the key repeats, as the
    /// parser reads it).
    pub fn find(line: &str, number: usize, field: &str) -> Option<RecordPlace> {
        let content = string_field(line, field)?;
        let prefix = line.get(..content.start)?;
        Some(RecordPlace {
            line: number,
            prefix_bytes: prefix.len(),
            prefix_chars: prefix.chars().count(),
            raw: line.get(content)?.to_owned(),
        })
    }

    /// The file places of `offsets` (byte offsets into the decoded text, char boundaries), in
    /// one pass over the string whatever their order.
    pub fn locate(&self, offsets: &[usize]) -> Vec<FilePlace> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets.get(i).copied().unwrap_or(0));
        let mut places = vec![
            FilePlace {
                line: self.line,
                column: 1,
                byte_column: 1,
            };
            offsets.len()
        ];
        let (mut raw_at, mut decoded, mut chars) = (0, 0, 0);
        for i in order {
            let target = offsets.get(i).copied().unwrap_or(0);
            while decoded < target {
                let Some((raw_len, decoded_len, char_len)) = self.step(raw_at) else {
                    break;
                };
                raw_at += raw_len;
                decoded += decoded_len;
                chars += char_len;
            }
            if let Some(place) = places.get_mut(i) {
                place.column = self.prefix_chars + chars + 1;
                place.byte_column = self.prefix_bytes + raw_at + 1;
            }
        }
        places
    }

    /// The raw bytes, decoded bytes and raw chars of the character or escape at `at` of the
    /// raw string.
    fn step(&self, at: usize) -> Option<(usize, usize, usize)> {
        let rest = self.raw.get(at..)?;
        let c = rest.chars().next()?;
        if c != '\\' {
            return Some((c.len_utf8(), c.len_utf8(), 1));
        }
        match rest.as_bytes().get(1)? {
            b'u' => {
                let unit = |from: usize| {
                    rest.get(from..from + 4)
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                };
                let first = unit(2)?;
                // A surrogate pair is two escapes for one char.
                if (0xd800..0xdc00).contains(&first)
                    && rest.get(6..8) == Some("\\u")
                    && unit(8).is_some_and(|second| (0xdc00..0xe000).contains(&second))
                {
                    return Some((12, 4, 12));
                }
                let decoded = char::from_u32(first).map_or(3, char::len_utf8);
                Some((6, decoded, 6))
            }
            _ => Some((2, 1, 2)),
        }
    }
}

/// The content (between the quotes) of the last string value of key `field` in the JSON
/// object `line`; `None` when the line is not such an object.
fn string_field(line: &str, field: &str) -> Option<Range<usize>> {
    let bytes = line.as_bytes();
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    let mut found = None;
    loop {
        at = skip_space(bytes, at);
        match bytes.get(at)? {
            b'}' => return found,
            b',' => {
                at += 1;
                continue;
            }
            b'"' => {}
            _ => return found,
        }
        let key = string_end(bytes, at)?;
        let key_matches = serde_json::from_str::<String>(line.get(at..key)?).ok()? == field;
        at = skip_space(bytes, key);
        if bytes.get(at) != Some(&b':') {
            return found;
        }
        at = skip_space(bytes, at + 1);
        let value_end = value_end(bytes, at)?;
        if key_matches && bytes.get(at) == Some(&b'"') {
            found = Some(at + 1..value_end - 1);
        }
        at = value_end;
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
    {
        at += 1;
    }
    at
}

/// Just past the string starting with the quote at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Just past the JSON value starting at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while bytes
                .get(i)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
            {
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_through_escapes_to_file_columns() {
        let line = r#"{"id": "a", "text": "Caf\u00e9 \"ok\"\nsecond line , end", "text2": 1}"#;
        let place = RecordPlace::find(line, 3, "text").unwrap();
        let text: String = serde_json::from_str::<serde_json::Value>(line).unwrap()["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let comma = text.find(" ,").unwrap();
        let places = place.locate(&[comma, 0]);
        let raw_comma = line.find(" , end").unwrap();
        assert_eq!(places[0].line, 3);
        assert_eq!(places[0].byte_column, raw_comma + 1);
        assert_eq!(places[0].column, line[..raw_comma].chars().count() + 1);
        assert_eq!(places[1].byte_column, line.find("Caf").unwrap() + 1);
    }

    #[test]
    fn the_last_of_repeated_keys_and_nested_values_are_read_as_the_parser_does() {
        let line =
            r#"{"text": "first", "meta": {"text": "inner", "list": ["}", 2]}, "text": "last"}"#;
        let place = RecordPlace::find(line, 1, "text").unwrap();
        assert_eq!(place.raw, "last");
        assert!(RecordPlace::find(r#"{"text": 5}"#, 1, "text").is_none());
        assert!(RecordPlace::find("not json", 1, "text").is_none());
    }

    #[test]
    fn surrogate_pairs_are_one_char() {
        let line = r#"{"text": "\ud83d\ude00 x"}"#;
        let place = RecordPlace::find(line, 1, "text").unwrap();
        // The emoji is four bytes decoded; "x" follows a space.
        let places = place.locate(&[5]);
        assert_eq!(places[0].byte_column, line.find(" x").unwrap() + 2);
    }
}
