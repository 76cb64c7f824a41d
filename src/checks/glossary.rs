//! `glossary`: terms of the source that a glossary says how to translate — a required
//! translation missing, or a forbidden one used.
//!
//! ```toml
//! [rule.params]
//! files = ["terms.tsv", "client.tbx"]
//! ```
//!
//! A TSV glossary has one term a line: `source term<TAB>translation|alternative…`; a leading
//! `!` makes a translation forbidden (`Bundestag<TAB>!Federal Diet`); `#` starts a comment. A
//! TBX glossary (TBX-Basic, `.tbx`) gives each concept's terms by language: the English terms
//! are the translations of the others, and an English term whose administrative status is
//! deprecated or not recommended is forbidden. Terms match whole words, ignoring case (anywhere,
//! for scripts written without spaces). `mtlint check --glossary FILE` (or `glossary = [...]` in
//! `mtlint.toml`) adds a rule of this kind, `glossary-term`.

use quick_xml::Reader;
use quick_xml::events::Event;
use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "glossary",
    aliases: &[],
    summary: "bilingual: glossary terms translated otherwise, or with a forbidden term",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryParams {
    files: Vec<Spanned<String>>,
}

/// One source term and what the glossary says of its translation.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Term {
    /// The source term, in lower case.
    source: String,
    /// Accepted translations, the preferred first, in lower case as matched and as written.
    required: Vec<(String, String)>,
    /// Forbidden translations, in lower case.
    forbidden: Vec<String>,
}

/// A compiled `glossary` rule.
#[derive(Debug)]
pub struct Glossary {
    terms: Vec<Term>,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: GlossaryParams = params.parse()?;
    let mut terms = Vec::new();
    for file in &raw.files {
        let text = params.read_file(file)?;
        let name = file.get_ref();
        let read = if name.to_ascii_lowercase().ends_with(".tbx") {
            read_tbx(&text)
        } else {
            read_tsv(&text)
        };
        let (line, column, message) = match read {
            Ok(found) => {
                terms.extend(found);
                continue;
            }
            Err(error) => error,
        };
        return Err(ParamError::new(
            file.span(),
            format!("{name}:{line}:{column}: {message}"),
        ));
    }
    Ok(Box::new(Glossary { terms }))
}

/// A glossary error: 1-based line and column, and what was expected.
type ReadError = (usize, usize, String);

fn read_tsv(text: &str) -> Result<Vec<Term>, ReadError> {
    let mut terms = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((source, translations)) = line.split_once('\t') else {
            return Err((
                line_number,
                line.chars().count() + 1,
                "expected `source term<TAB>translation`: no tab on this line".to_owned(),
            ));
        };
        let source = source.trim();
        if source.is_empty() {
            return Err((
                line_number,
                1,
                "expected a source term before the tab".to_owned(),
            ));
        }
        let mut term = Term {
            source: source.to_lowercase(),
            ..Term::default()
        };
        for translation in translations
            .split('|')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            match translation.strip_prefix('!') {
                Some(forbidden) => term.forbidden.push(forbidden.trim().to_lowercase()),
                None => term
                    .required
                    .push((translation.to_lowercase(), translation.to_owned())),
            }
        }
        if term.required.is_empty() && term.forbidden.is_empty() {
            return Err((
                line_number,
                source.chars().count() + 2,
                "expected a translation after the tab".to_owned(),
            ));
        }
        terms.push(term);
    }
    Ok(terms)
}

/// The English terms and the other languages' terms of one TBX concept.
#[derive(Default)]
struct Concept {
    english: Vec<(String, bool)>,
    sources: Vec<String>,
}

fn read_tbx(text: &str) -> Result<Vec<Term>, ReadError> {
    let mut reader = Reader::from_str(text);
    let mut terms = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang = String::new();
    let (mut in_term, mut in_status) = (false, false);
    let mut term_text = String::new();
    let place = |offset: u64| {
        let offset = usize::try_from(offset).unwrap_or(0).min(text.len());
        let before = text.get(..offset).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        (line, column)
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, column) = place(reader.error_position());
            (line, column, format!("not well-formed TBX: {e}"))
        })?;
        match event {
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_owned();
                match name.as_str() {
                    "termEntry" | "conceptEntry" => concept = Some(Concept::default()),
                    "langSet" | "langSec" => {
                        lang = start
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "lang")
                            .map(|a| a.value.to_ascii_lowercase())
                            .unwrap_or_default();
                    }
                    "term" => {
                        in_term = true;
                        term_text.clear();
                    }
                    "termNote" | "descrip" => {
                        in_status = start.attributes().flatten().any(|a| {
                            a.key.local_name().as_ref() == "type"
                                && a.value.contains("administrativeStatus")
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(content) if in_term => term_text.push_str(&content),
            Event::Text(content) if in_status => {
                let status = content.to_ascii_lowercase();
                let deprecated = status.contains("deprecated") || status.contains("notrecommended");
                if deprecated
                    && lang.starts_with("en")
                    && let Some(last) = concept.as_mut().and_then(|c| c.english.last_mut())
                {
                    last.1 = true;
                }
            }
            Event::End(end) => match end.local_name().as_ref() {
                "term" => {
                    in_term = false;
                    let term = term_text.trim().to_owned();
                    if let (Some(current), false) = (concept.as_mut(), term.is_empty()) {
                        if lang.starts_with("en") {
                            current.english.push((term, false));
                        } else {
                            current.sources.push(term);
                        }
                    }
                }
                "termNote" | "descrip" => in_status = false,
                "termEntry" | "conceptEntry" => {
                    if let Some(done) = concept.take() {
                        for source in done.sources {
                            terms.push(Term {
                                source: source.to_lowercase(),
                                required: done
                                    .english
                                    .iter()
                                    .filter(|(_, deprecated)| !deprecated)
                                    .map(|(t, _)| (t.to_lowercase(), t.clone()))
                                    .collect(),
                                forbidden: done
                                    .english
                                    .iter()
                                    .filter(|(_, deprecated)| *deprecated)
                                    .map(|(t, _)| t.to_lowercase())
                                    .collect(),
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(terms)
}

/// The byte offsets where `needle` (lower case) occurs in `haystack` (lower case) as a whole
/// word; anywhere, for a term of a script written without spaces.
fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let spaced = !needle.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
    });
    haystack
        .match_indices(needle)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = haystack.get(..at).and_then(|b| b.chars().next_back());
            let after = haystack
                .get(at + needle.len()..)
                .and_then(|a| a.chars().next());
            !spaced
                || (!before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric))
        })
        .collect()
}

impl Detector for Glossary {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        for pair in bitext.pairs() {
            let source = bitext.source_text(pair.source.clone());
            let target = doc.text().get(pair.target.clone()).unwrap_or_default();
            // Lower case keeps the byte offsets of these texts only where it keeps lengths:
            // the offsets found in it are used only when it did.
            let (source_lower, target_lower) = (source.to_lowercase(), target.to_lowercase());
            let same_length = target_lower.len() == target.len();
            for term in &self.terms {
                let Some(&at) = occurrences(&source_lower, &term.source).first() else {
                    continue;
                };
                let (source_span, written) = if source_lower.len() == source.len() {
                    let written = source.get(at..at + term.source.len()).unwrap_or_default();
                    (
                        pair.source.start + at..pair.source.start + at + term.source.len(),
                        written,
                    )
                } else {
                    (pair.source.clone(), term.source.as_str())
                };
                let preferred = term.required.first().map(|(_, written)| written.as_str());
                // Offsets in the lower-cased translation hold only where lower case kept its
                // length.
                let forbidden_terms = if same_length {
                    &term.forbidden[..]
                } else {
                    &[]
                };
                for forbidden in forbidden_terms {
                    for found in occurrences(&target_lower, forbidden) {
                        let span =
                            pair.target.start + found..pair.target.start + found + forbidden.len();
                        let message = format!(
                            "“{}” is a forbidden translation of “{written}” in the glossary",
                            target
                                .get(found..found + forbidden.len())
                                .unwrap_or_default(),
                        );
                        let hit = match preferred {
                            Some(preferred) => Hit::with_suggestion(span, preferred),
                            None => Hit::new(span),
                        };
                        hits.push(hit.with_message(message).with_source(source_span.clone()));
                    }
                }
                let translated = term
                    .required
                    .iter()
                    .any(|(lower, _)| !occurrences(&target_lower, lower).is_empty());
                if let (false, Some(preferred)) = (translated, preferred) {
                    hits.push(
                        Hit::new(pair.trimmed_target(doc.text()))
                            .with_message(format!(
                                "The glossary translates “{written}” as “{preferred}”, which the translation does not use"
                            ))
                            .with_source(source_span),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tsv_glossary_reads_alternatives_and_forbidden_terms() {
        let terms =
            read_tsv("# terms\nBundestag\tBundestag|German parliament|!Federal Diet\n").unwrap();
        assert_eq!(terms[0].source, "bundestag");
        assert_eq!(terms[0].required.len(), 2);
        assert_eq!(terms[0].forbidden, ["federal diet"]);
        let error = read_tsv("ok\tfine\nno tab here\n").unwrap_err();
        assert_eq!((error.0, error.1), (2, 12));
        assert!(error.2.contains("no tab"), "{error:?}");
    }

    #[test]
    fn a_tbx_glossary_gives_english_terms_to_the_others() {
        let tbx = r#"<tbx type="TBX-Basic"><text><body>
<termEntry id="c1">
 <langSet xml:lang="fr"><tig><term>conseil municipal</term></tig></langSet>
 <langSet xml:lang="en">
  <tig><term>city council</term></tig>
  <tig><term>municipal board</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
 </langSet>
</termEntry>
</body></text></tbx>"#;
        let terms = read_tbx(tbx).unwrap();
        assert_eq!(terms.len(), 1);
        assert_eq!(terms[0].source, "conseil municipal");
        assert_eq!(
            terms[0].required,
            [("city council".to_owned(), "city council".to_owned())]
        );
        assert_eq!(terms[0].forbidden, ["municipal board"]);
        assert!(read_tbx("<tbx><text></tbx>").is_err());
    }

    #[test]
    fn terms_match_whole_words() {
        assert_eq!(occurrences("the cat sat", "cat"), [4]);
        assert!(occurrences("concatenate", "cat").is_empty());
        assert_eq!(occurrences("在北京市", "北京"), [3]);
    }
}
