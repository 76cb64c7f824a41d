//! Code actions on a checked document, the commands that write files, and hovers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Hover, HoverContents, MarkupContent,
    MarkupKind, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use serde::{Deserialize, Serialize};

use crate::baseline::{self, Entry};
use crate::finding::Finding;
use crate::fix::edits_for;
use crate::input::Markup;
use crate::report::DocumentReport;
use crate::rules::FixSafety;
use crate::taxonomy::Category;

use super::check::Checked;
use super::position::LineIndex;

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.mtlint";
/// The command adding a word to the vocabulary file.
pub const ADD_TO_VOCABULARY: &str = "mtlint.addToVocabulary";
/// The command accepting a finding into the baseline.
pub const ACCEPT_INTO_BASELINE: &str = "mtlint.acceptIntoBaseline";
/// How many suggestions of one finding are offered.
const MAX_SUGGESTIONS: usize = 3;

/// What a document's actions are made from: its checked state and text.
pub struct Target<'a> {
    /// The document's URI.
    pub uri: &'a Uri,
    /// The text the check ran on (the document's current text: actions are only offered on
    /// an up-to-date check).
    pub text: &'a str,
    /// Its lines.
    pub index: &'a LineIndex,
    /// The check.
    pub checked: &'a Checked,
    /// The diagnostics published for it: one per finding, in the findings' order, first.
    pub diagnostics: &'a [lsp_types::Diagnostic],
}

/// The argument of [`ADD_TO_VOCABULARY`].
#[derive(Debug, Deserialize, Serialize)]
pub struct AddWord {
    /// The vocabulary file.
    pub file: PathBuf,
    /// The word.
    pub word: String,
}

/// The argument of [`ACCEPT_INTO_BASELINE`].
#[derive(Debug, Deserialize, Serialize)]
pub struct Accept {
    /// The baseline file.
    pub file: PathBuf,
    /// The entry to add.
    pub entry: Entry,
}

impl Target<'_> {
    fn report(&self) -> &DocumentReport {
        &self.checked.report
    }

    /// The actions on the findings that overlap `range` (touching it, for an empty range),
    /// and the fix-all action when `only` allows it.
    pub fn actions(
        &self,
        range: Range,
        only: Option<&[CodeActionKind]>,
    ) -> Vec<CodeActionOrCommand> {
        let wants = |kind: &str| {
            only.is_none_or(|kinds| {
                kinds
                    .iter()
                    .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
            })
        };
        let from = self.index.offset(self.text, range.start);
        let to = self.index.offset(self.text, range.end);
        let mut actions = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            let findings = self.report().findings.iter().zip(self.diagnostics);
            for (finding, diagnostic) in findings.filter(|(f, _)| f.start <= to && from <= f.end) {
                actions.extend(self.quick_fixes(finding, diagnostic));
            }
        }
        if wants(FIX_ALL)
            && let Some(action) = self.fix_all()
        {
            actions.push(action);
        }
        actions
    }

    fn quick_fixes(
        &self,
        finding: &Finding,
        diagnostic: &lsp_types::Diagnostic,
    ) -> Vec<CodeActionOrCommand> {
        let rule = self.checked.loaded.linter.engine.rules().get(&finding.rule);
        let safe = rule.is_some_and(|rule| rule.fix_safety == FixSafety::Safe);
        let mut actions = Vec::new();
        let suggestions = finding
            .suggestions
            .iter()
            .filter(|s| **s != finding.text)
            .take(MAX_SUGGESTIONS);
        for (i, suggestion) in suggestions.enumerate() {
            let title = if suggestion.is_empty() {
                format!("Remove “{}”", finding.text)
            } else {
                format!("Replace with “{suggestion}”")
            };
            let edit = TextEdit::new(
                self.index.range(self.text, finding.start, finding.end),
                escaped(suggestion, self.report().markup),
            );
            actions.push(self.action(title, diagnostic, vec![edit], i == 0 && safe));
        }
        if let Some(file) = self.checked.loaded.vocabulary_file()
            && matches!(
                finding.category,
                Category::FluencySpelling | Category::AccuracyUntranslated
            )
            && !finding.text.contains(char::is_whitespace)
        {
            let argument = AddWord {
                file: file.to_path_buf(),
                word: finding.text.clone(),
            };
            actions.push(self.command(
                format!("Add “{}” to the vocabulary", finding.text),
                diagnostic,
                ADD_TO_VOCABULARY,
                &argument,
            ));
        }
        if let Some(edit) = self.disable_comment(finding) {
            let title = format!("Disable {} for this line", finding.rule);
            actions.push(self.action(title, diagnostic, vec![edit], false));
        }
        let entry = Entry {
            source: baseline::document_key(
                baseline::folder_of(&self.checked.loaded.baseline).as_deref(),
                &self.report().source,
                None,
            ),
            rule: finding.rule.to_string(),
            fingerprint: finding.fingerprint(self.text),
            text: finding.text.clone(),
        };
        let argument = Accept {
            file: self.checked.loaded.baseline.clone(),
            entry,
        };
        actions.push(self.command(
            format!("Accept this {} finding into the baseline", finding.rule),
            diagnostic,
            ACCEPT_INTO_BASELINE,
            &argument,
        ));
        actions
    }

    /// Every safe fix of the document, edits that overlap an earlier one left out.
    fn fix_all(&self) -> Option<CodeActionOrCommand> {
        let linter = &self.checked.loaded.linter;
        let mut edits = edits_for(linter, self.report(), self.report().markup, false);
        edits.sort_by_key(|edit| (edit.span.start, edit.span.end));
        let mut end = 0;
        let edits: Vec<TextEdit> = edits
            .into_iter()
            .filter(|edit| {
                let keep = edit.span.start >= end;
                if keep {
                    end = edit.span.end;
                }
                keep
            })
            .map(|edit| {
                TextEdit::new(
                    self.index.range(self.text, edit.span.start, edit.span.end),
                    edit.replacement,
                )
            })
            .collect();
        if edits.is_empty() {
            return None;
        }
        Some(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Fix all safe mtlint findings ({})", edits.len()),
            kind: Some(CodeActionKind::from(FIX_ALL)),
            edit: Some(self.edit(edits)),
            ..CodeAction::default()
        }))
    }

    /// The line inserted before the finding's line that silences its rule there, in the
    /// document's syntax: an HTML comment in Markdown and HTML, the bare directive in plain
    /// text; none in XLIFF, which has no suppression comments.
    fn disable_comment(&self, finding: &Finding) -> Option<TextEdit> {
        let directive = format!("mtlint-disable-next-line {}", finding.rule);
        let line = match self.report().markup {
            Markup::Markdown | Markup::Html => format!("<!-- {directive} -->"),
            Markup::Plain => directive,
            Markup::Xliff => return None,
        };
        let start = self.index.position(self.text, finding.start);
        let line_start = self.index.offset(self.text, Position::new(start.line, 0));
        let indent: String = self
            .text
            .get(line_start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let at = Position::new(start.line, 0);
        Some(TextEdit::new(
            Range::new(at, at),
            format!("{indent}{line}{}", line_break(self.text)),
        ))
    }

    fn edit(&self, edits: Vec<TextEdit>) -> WorkspaceEdit {
        WorkspaceEdit {
            changes: Some(HashMap::from([(self.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }

    fn action(
        &self,
        title: String,
        diagnostic: &lsp_types::Diagnostic,
        edits: Vec<TextEdit>,
        preferred: bool,
    ) -> CodeActionOrCommand {
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(self.edit(edits)),
            is_preferred: preferred.then_some(true),
            ..CodeAction::default()
        })
    }

    fn command(
        &self,
        title: String,
        diagnostic: &lsp_types::Diagnostic,
        command: &str,
        argument: &impl Serialize,
    ) -> CodeActionOrCommand {
        CodeActionOrCommand::CodeAction(CodeAction {
            title: title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            command: Some(Command::new(
                title,
                command.to_owned(),
                serde_json::to_value(argument).ok().map(|value| vec![value]),
            )),
            ..CodeAction::default()
        })
    }

    /// The explanation of the rules of the findings at `position`.
    pub fn hover(&self, position: Position) -> Option<Hover> {
        let at = self.index.offset(self.text, position);
        let rules = self.checked.loaded.linter.engine.rules();
        let here: Vec<&Finding> = self
            .report()
            .findings
            .iter()
            .filter(|f| f.start <= at && at < f.end.max(f.start + 1))
            .collect();
        let first = here.first()?;
        let sections: Vec<String> = here
            .iter()
            .filter_map(|f| {
                let rule = rules.get(&f.rule)?;
                Some(format!(
                    "**{}** ({}, {})\n\n{}\n\n```text\n{}```",
                    f.rule,
                    f.category.as_str(),
                    f.severity,
                    crate::report::message_with_suggestion(f),
                    rule.explanation()
                ))
            })
            .collect();
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range: Some(self.index.range(self.text, first.start, first.end)),
        })
    }
}

/// `text` as it is written into a document of `markup`: escaped in HTML and XLIFF.
fn escaped(text: &str, markup: Markup) -> String {
    match markup {
        Markup::Html | Markup::Xliff => html_escape::encode_text(text).into_owned(),
        Markup::Plain | Markup::Markdown => text.to_owned(),
    }
}

/// The document's line break: its first, else `\n`.
fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// Adds `word` to the vocabulary file `file` (creating it), on a line of its own, unless it
/// is there already.
pub fn add_to_vocabulary(file: &Path, word: &str) -> Result<(), String> {
    let mut text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(format!(
                "{}: cannot read the vocabulary: {e}",
                file.display()
            ));
        }
    };
    if crate::vocabulary::Vocabulary::parse(&text).contains(word) {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(word);
    text.push('\n');
    crate::atomic::write(file, text.as_bytes())
        .map_err(|e| format!("{}: cannot write the vocabulary: {e}", file.display()))
}

/// Adds `entry` to the baseline file `file` (creating it).
pub fn accept_into_baseline(file: &Path, entry: Entry) -> Result<(), String> {
    let mut entries = if file.is_file() {
        baseline::read_entries(file).map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    entries.push(entry);
    entries.sort();
    baseline::write(file, &entries)
        .map_err(|e| format!("{}: cannot write the baseline: {e}", file.display()))
}
