//! JSON Lines: one document per line, an object with an id and a text field.

use serde_json::Value;

use super::{InputError, Markup, Source};

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

/// Parses the records of a JSON Lines text; bad lines become errors with their line number and
/// the good ones are still returned. Blank lines are skipped.
pub fn read_records(
    name: &str,
    text: &str,
    fields: &JsonlFields,
) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| InputError {
            source: name.to_owned(),
            line: Some(index + 1),
            message,
        };
        let record: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push(error(format!("not valid JSON: {e}")));
                continue;
            }
        };
        let Some(object) = record.as_object() else {
            errors.push(error("expected a JSON object".to_owned()));
            continue;
        };
        let Some(body) = object.get(&fields.text).and_then(Value::as_str) else {
            errors.push(error(format!(
                "expected a string field `{}` (set another with --text-field)",
                fields.text
            )));
            continue;
        };
        let id = match object.get(&fields.id) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            None | Some(Value::Null) => None,
            Some(_) => {
                errors.push(error(format!(
                    "the id field `{}` must be a string or a number",
                    fields.id
                )));
                continue;
            }
        };
        let markup = match fields.format.as_ref().map(|f| (f, object.get(f))) {
            None | Some((_, None | Some(Value::Null))) => Markup::Plain,
            Some((field, Some(value))) => match value.as_str().and_then(Markup::from_name) {
                Some(markup) => markup,
                None => {
                    errors.push(error(format!(
                        "the format field `{field}` must be \"text\", \"markdown\" or \"html\", not {value}"
                    )));
                    continue;
                }
            },
        };
        sources.push(Source {
            name: name.to_owned(),
            id,
            text: body.to_owned(),
            markup,
            warnings: Vec::new(),
        });
    }
    (sources, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

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
