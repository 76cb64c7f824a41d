//! JSON Lines: one document per line, an object with an id and a text field.

use serde_json::Value;

use std::io::BufRead;

use super::{InputError, Markup, RecordPlace, Source, SourceText, decode, too_large};

/// The field names of a JSON Lines record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonlFields {
    /// The field holding the text to check.
    pub text: String,
    /// The field holding the record's id (a string or a number).
    pub id: String,
    /// The field saying how a record's text is written (`text`, `markdown`, `html`); records
    /// without it are plain text.
    pub format: Option<String>,
    /// The field holding the source text the record's text translates; records without it are
    /// checked as English only.
    pub source: String,
    /// The field holding the source text's language (an ISO 639-1 code).
    pub source_lang: String,
    /// The language of sources whose record does not say (`--source-lang`).
    pub default_source_lang: Option<String>,
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            text: "text".to_owned(),
            id: "id".to_owned(),
            format: None,
            source: "source".to_owned(),
            source_lang: "source_lang".to_owned(),
            default_source_lang: None,
        }
    }
}

/// Reads JSON Lines records one line at a time, so memory holds one record, not the file.
pub struct Records {
    name: String,
    reader: Box<dyn BufRead + Send>,
    fields: JsonlFields,
    line: usize,
    buffer: Vec<u8>,
    /// The longest line read, in bytes: a longer one is an error, and skipped unread.
    limit: u64,
    /// Whether each record keeps where its text sits in the file.
    places: bool,
}

impl Records {
    /// Records of `reader`, reported under `name`; a line longer than `limit` bytes is an
    /// error.
    pub fn new(
        name: String,
        reader: Box<dyn BufRead + Send>,
        fields: JsonlFields,
        limit: u64,
    ) -> Records {
        Records {
            name,
            reader,
            fields,
            line: 0,
            buffer: Vec::new(),
            limit,
            places: false,
        }
    }

    /// Makes each record keep where its text sits in the file (for reports that place findings
    /// on the file's lines).
    pub fn keep_places(&mut self, places: bool) {
        self.places = places;
    }

    /// Reads the next line into the buffer, up to one byte past the limit; the rest of a longer
    /// line is read and dropped. The number of bytes the line had (at least the buffer's).
    fn read_line(&mut self) -> std::io::Result<u64> {
        let keep = usize::try_from(self.limit.saturating_add(1)).unwrap_or(usize::MAX);
        let mut total = 0u64;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(total);
            }
            let (used, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = keep.saturating_sub(self.buffer.len());
            self.buffer
                .extend_from_slice(available.get(..used.min(room)).unwrap_or_default());
            total += used as u64;
            self.reader.consume(used);
            if done {
                return Ok(total);
            }
        }
    }
}

impl Iterator for Records {
    type Item = Result<Source, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let length = match self.read_line() {
                Ok(0) => return None,
                Ok(length) => length,
                Err(e) => {
                    return Some(Err(InputError {
                        source: self.name.clone(),
                        line: Some(self.line),
                        column: None,
                        message: format!("cannot read: {e}"),
                    }));
                }
            };
            if let Some(error) = too_large(&self.name, Some(self.line), length, self.limit, false) {
                return Some(Err(error));
            }
            // A byte order mark opens the file, not its first record.
            let bytes = match self.buffer.strip_prefix(b"\xef\xbb\xbf") {
                Some(rest) if self.line == 1 => rest,
                _ => &self.buffer,
            };
            let (line, warning) = decode(bytes);
            if line.trim().is_empty() {
                continue;
            }
            let places = self.places;
            return Some(
                parse_record(&self.name, self.line, &line, &self.fields).map(|mut source| {
                    source.warnings.extend(warning);
                    if places {
                        source.record =
                            RecordPlace::find(&line, self.line, &self.fields.text).map(Box::new);
                    }
                    source
                }),
            );
        }
    }
}

/// Parses the record on line `number` of the JSON Lines input `name`.
fn parse_record(
    name: &str,
    number: usize,
    line: &str,
    fields: &JsonlFields,
) -> Result<Source, InputError> {
    let error = |message: String| InputError {
        source: name.to_owned(),
        line: Some(number),
        column: None,
        message,
    };
    let record: Value =
        serde_json::from_str(line).map_err(|e| error(format!("not valid JSON: {e}")))?;
    let Some(object) = record.as_object() else {
        return Err(error("expected a JSON object".to_owned()));
    };
    let Some(body) = object.get(&fields.text).and_then(Value::as_str) else {
        return Err(error(format!(
            "expected a string field `{}` (set another with --text-field)",
            fields.text
        )));
    };
    let id = match object.get(&fields.id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => None,
        Some(_) => {
            return Err(error(format!(
                "the id field `{}` must be a string or a number",
                fields.id
            )));
        }
    };
    let markup = match fields.format.as_ref().map(|f| (f, object.get(f))) {
        None | Some((_, None | Some(Value::Null))) => Markup::Plain,
        Some((field, Some(value))) => value
            .as_str()
            .and_then(Markup::from_name)
            .ok_or_else(|| {
                error(format!(
                    "the format field `{field}` must be \"text\", \"markdown\" or \"html\", not {value}"
                ))
            })?,
    };
    let string_field = |field: &str, flag: &str| match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(error(format!(
            "the field `{field}` must be a string, not {other} (set another with {flag})"
        ))),
    };
    let source_text = string_field(&fields.source, "--source-field")?;
    let source_lang = string_field(&fields.source_lang, "--source-lang-field")?
        .or(fields.default_source_lang.as_deref());
    Ok(Source {
        name: name.to_owned(),
        id,
        text: body.to_owned(),
        markup,
        source_text: source_text.map(|text| SourceText::new(text.to_owned(), source_lang)),
        ..Source::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_records(
        name: &str,
        text: &str,
        fields: &JsonlFields,
    ) -> (Vec<Source>, Vec<InputError>) {
        let reader = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let (good, bad): (Vec<_>, Vec<_>) =
            Records::new(name.to_owned(), reader, fields.clone(), u64::MAX)
                .partition(Result::is_ok);
        (
            good.into_iter().filter_map(Result::ok).collect(),
            bad.into_iter().filter_map(Result::err).collect(),
        )
    }

    #[test]
    fn invalid_utf8_in_a_record_is_a_warning_on_that_record() {
        let text = b"{\"id\": \"a\", \"text\": \"caf\xe9\"}\n{\"id\": \"b\", \"text\": \"ok\"}\n";
        let reader = Box::new(std::io::Cursor::new(text.to_vec()));
        let sources: Vec<Source> =
            Records::new("x".into(), reader, JsonlFields::default(), u64::MAX)
                .filter_map(Result::ok)
                .collect();
        assert_eq!(sources[0].text, "caf\u{fffd}");
        assert_eq!(sources[0].warnings.len(), 1);
        assert!(sources[1].warnings.is_empty());
    }

    #[test]
    fn a_byte_order_mark_does_not_cost_the_first_record() {
        let text =
            "\u{feff}{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n";
        let (sources, errors) = read_records("x", text, &JsonlFields::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(sources.len(), 2);
    }

    #[test]
    fn a_line_over_the_limit_is_an_error_and_the_next_is_read() {
        let long = format!("{{\"id\": \"a\", \"text\": \"{}\"}}\n", "x".repeat(100));
        let text = format!("{long}{{\"id\": \"b\", \"text\": \"ok\"}}\n");
        let reader = Box::new(std::io::Cursor::new(text.into_bytes()));
        let items: Vec<_> = Records::new("x".into(), reader, JsonlFields::default(), 50).collect();
        assert_eq!(items.len(), 2);
        let error = items[0].as_ref().unwrap_err();
        assert_eq!(error.line, Some(1));
        assert!(error.message.contains("124 bytes"), "{}", error.message);
        assert_eq!(items[1].as_ref().unwrap().id.as_deref(), Some("b"));
    }

    #[test]
    fn good_records_survive_bad_lines() {
        let text = "{\"id\": \"a\", \"text\": \"One.\"}\nnot json\n\n{\"id\": 7, \"text\": \"Two.\"}\n{\"id\": \"c\"}\n";
        let (sources, errors) = read_records("in.jsonl", text, &JsonlFields::default());
        let ids: Vec<_> = sources.iter().map(|s| s.id.clone().unwrap()).collect();
        assert_eq!(ids, ["a", "7"]);
        let lines: Vec<_> = errors.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, [2, 5]);
    }

    #[test]
    fn field_names_are_configurable() {
        let fields = JsonlFields {
            text: "body".into(),
            id: "key".into(),
            ..JsonlFields::default()
        };
        let (sources, errors) = read_records("x", "{\"key\": \"k\", \"body\": \"B\"}", &fields);
        assert!(errors.is_empty());
        assert_eq!(sources[0].text, "B");
        assert_eq!(sources[0].id.as_deref(), Some("k"));
    }

    #[test]
    fn records_can_say_their_format() {
        let fields = JsonlFields {
            format: Some("kind".into()),
            ..JsonlFields::default()
        };
        let text = "{\"text\": \"a\", \"kind\": \"html\"}\n{\"text\": \"b\"}\n{\"text\": \"c\", \"kind\": \"md\"}\n{\"text\": \"d\", \"kind\": \"pdf\"}\n";
        let (sources, errors) = read_records("x", text, &fields);
        let markups: Vec<Markup> = sources.iter().map(|s| s.markup).collect();
        assert_eq!(markups, [Markup::Html, Markup::Plain, Markup::Markdown]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(4));
        assert!(
            errors[0].message.contains("\"pdf\""),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_record_may_carry_its_source_and_its_language() {
        let text = "{\"text\": \"Seven days.\", \"source\": \"Sept jours.\", \"source_lang\": \"fr-CA\"}\n{\"text\": \"Alone.\"}\n{\"text\": \"x\", \"source\": 3}\n";
        let (sources, errors) = read_records("x", text, &JsonlFields::default());
        let source = sources[0].source_text.as_ref().unwrap();
        assert_eq!(source.text, "Sept jours.");
        assert_eq!(source.lang.as_deref(), Some("fr"));
        assert!(sources[1].source_text.is_none());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("`source`"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[0].message.contains("--source-field"),
            "{}",
            errors[0].message
        );
    }
}
