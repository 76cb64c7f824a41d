//! JSON Lines: one document per line, an object with an id and a text field.

use serde_json::Value;

use std::io::BufRead;

use super::{InputError, Markup, Source, decode, too_large};

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
}

impl Default for JsonlFields {
    fn default() -> Self {
        JsonlFields {
            text: "text".to_owned(),
            id: "id".to_owned(),
            format: None,
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
}

impl Records {
    /// Records of `reader`, reported under `name`.
    pub fn new(name: String, reader: Box<dyn BufRead + Send>, fields: JsonlFields) -> Records {
        Records {
            name,
            reader,
            fields,
            line: 0,
            buffer: Vec::new(),
        }
    }
}

impl Iterator for Records {
    type Item = Result<Source, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buffer.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(InputError {
                        source: self.name.clone(),
                        line: Some(self.line),
                        message: format!("cannot read: {e}"),
                    }));
                }
            }
            if let Some(error) = too_large(&self.name, Some(self.line), self.buffer.len() as u64) {
                return Some(Err(error));
            }
            let (line, warning) = decode(&self.buffer);
            if line.trim().is_empty() {
                continue;
            }
            return Some(
                parse_record(&self.name, self.line, &line, &self.fields).map(|mut source| {
                    source.warnings.extend(warning);
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
    Ok(Source {
        name: name.to_owned(),
        id,
        text: body.to_owned(),
        markup,
        warnings: Vec::new(),
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
            Records::new(name.to_owned(), reader, fields.clone()).partition(Result::is_ok);
        (
            good.into_iter().filter_map(Result::ok).collect(),
            bad.into_iter().filter_map(Result::err).collect(),
        )
    }

    #[test]
    fn invalid_utf8_in_a_record_is_a_warning_on_that_record() {
        let text = b"{\"id\": \"a\", \"text\": \"caf\xe9\"}\n{\"id\": \"b\", \"text\": \"ok\"}\n";
        let reader = Box::new(std::io::Cursor::new(text.to_vec()));
        let sources: Vec<Source> = Records::new("x".into(), reader, JsonlFields::default())
            .filter_map(Result::ok)
            .collect();
        assert_eq!(sources[0].text, "caf\u{fffd}");
        assert_eq!(sources[0].warnings.len(), 1);
        assert!(sources[1].warnings.is_empty());
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
            format: None,
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
}
