//! `mtlint rules list | test | docs | explain`.

use std::io::Write;

use mtlint::rules::{FixSafety, RuleOptions, RuleSet};

use super::{CommandError, EXIT_FAILED, EXIT_OK, exit_code};
use crate::cli::RulesCommand;

/// The fewest examples of each kind a rule must carry.
const MIN_EXAMPLES: usize = 2;

/// Runs a `mtlint rules` subcommand.
pub fn run(command: &RulesCommand) -> u8 {
    match command {
        RulesCommand::List { rules, source_lang } => {
            with_rules(RuleSet::load(&options(rules, source_lang)), list)
        }
        RulesCommand::Test { dirs } if dirs.is_empty() => {
            exit_code(RuleSet::builtin_packs().map_err(Into::into).map(|packs| {
                packs
                    .iter()
                    .map(|(_, set)| test(set))
                    .max()
                    .unwrap_or(EXIT_OK)
            }))
        }
        RulesCommand::Test { dirs } => with_rules(RuleSet::from_dirs(dirs), test),
        RulesCommand::Docs { dirs } if dirs.is_empty() => {
            exit_code(RuleSet::builtin_packs().map_err(Into::into).map(|packs| {
                let packs: Vec<(&str, &RuleSet)> = packs.iter().map(|(n, s)| (*n, s)).collect();
                print(&reference(&packs))
            }))
        }
        RulesCommand::Docs { dirs } => with_rules(RuleSet::from_dirs(dirs), |set| {
            print(&reference(&[("given", set)]))
        }),
        RulesCommand::Explain {
            id,
            rules,
            source_lang,
        } => with_rules(RuleSet::load(&options(rules, source_lang)), |set| {
            explain(set, id)
        }),
    }
}

fn options(dirs: &[std::path::PathBuf], source_lang: &Option<String>) -> RuleOptions {
    RuleOptions {
        dirs: dirs.to_vec(),
        source_lang: source_lang.clone(),
        ..RuleOptions::default()
    }
}

fn with_rules(
    loaded: Result<RuleSet, mtlint::rules::Diagnostics>,
    action: impl FnOnce(&RuleSet) -> u8,
) -> u8 {
    exit_code(loaded.map_err(Into::into).map(|set| action(&set)))
}

fn list(set: &RuleSet) -> u8 {
    let mut out = anstream::stdout().lock();
    let rows: Vec<[&str; 5]> = set
        .rules()
        .iter()
        .map(|rule| {
            [
                &*rule.id,
                rule.kind,
                rule.category.as_str(),
                rule.severity.as_str(),
                &*rule.message,
            ]
        })
        .collect();
    let header = ["RULE", "KIND", "CATEGORY", "SEVERITY", "MESSAGE"];
    // Each column as wide as its widest cell, header included.
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let [id, kind, category, severity, message] = row;
        let [w0, w1, w2, w3, _] = widths;
        let _ = writeln!(
            out,
            "{id:w0$}  {kind:w1$}  {category:w2$}  {severity:w3$}  {message}"
        );
    }
    EXIT_OK
}

/// Loading already ran every example; this also holds each rule to the examples discipline.
fn test(set: &RuleSet) -> u8 {
    let mut out = anstream::stdout().lock();
    let mut failed = 0;
    for rule in set.rules() {
        let firing = rule.examples.iter().filter(|e| e.fires()).count();
        let quiet = rule.examples.len() - firing;
        if firing < MIN_EXAMPLES || quiet < MIN_EXAMPLES {
            failed += 1;
            let _ = writeln!(
                out,
                "FAIL {} ({}): {firing} example(s) that fire and {quiet} that must not; \
                 each rule needs at least {MIN_EXAMPLES} of both",
                rule.id, rule.origin
            );
        } else {
            let _ = writeln!(out, "ok   {} ({} examples)", rule.id, rule.examples.len());
        }
    }
    let total = set.rules().len();
    let _ = writeln!(out, "{} passed, {failed} failed", total - failed);
    if failed == 0 { EXIT_OK } else { EXIT_FAILED }
}

fn explain(set: &RuleSet, id: &str) -> u8 {
    let Some(rule) = set.get(id) else {
        let closest = set
            .rules()
            .iter()
            .map(|r| (strsim::levenshtein(&r.id, id), &r.id))
            .min()
            .filter(|(distance, _)| *distance <= 3);
        let hint = closest.map_or(String::new(), |(_, name)| {
            format!("; did you mean `{name}`?")
        });
        return exit_code(Err(CommandError::Message(format!(
            "no rule `{id}`{hint} (`mtlint rules list` shows them all)"
        ))));
    };
    let _ = write!(anstream::stdout().lock(), "{}", rule.explanation());
    EXIT_OK
}

fn print(text: &str) -> u8 {
    let _ = anstream::stdout().lock().write_all(text.as_bytes());
    EXIT_OK
}

/// `text` as Markdown inline code: fenced by more backticks than it holds in a row.
fn code(text: &str) -> String {
    let (longest, _) = text.chars().fold((0, 0), |(longest, run), c| {
        let run = if c == '`' { run + 1 } else { 0 };
        (longest.max(run), run)
    });
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `markdown` with its headings two levels down, to sit under a rule's heading.
fn demoted(markdown: &str) -> String {
    let lines: Vec<String> = markdown
        .lines()
        .map(|line| {
            if line.starts_with('#') {
                format!("##{line}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    lines.join("\n")
}

/// The Markdown reference of the rules of `packs`: a table of each pack, then each rule's
/// category, severity, check kind, fix, message, documentation and examples.
fn reference(packs: &[(&str, &RuleSet)]) -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated by `mtlint rules docs`; `cargo test` checks that it is current. -->\n\n\
         Every rule mtlint ships, pack by pack: the `en` pack runs on every document, a source \
         language's pack (`fr-en`) with `--source-lang`. `mtlint rules explain ID` prints one \
         rule's entry; `mtlint rules list` lists the rules of a run, your own included.\n",
    );
    for (pack, set) in packs {
        out.push_str(&format!(
            "\n## Pack `{pack}`\n\n| Rule | Category | Severity | Message |\n|---|---|---|---|\n"
        ));
        for rule in set.rules() {
            out.push_str(&format!(
                "| [{}](#{}) | {} | {} | {} |\n",
                code(&rule.id),
                rule.id,
                rule.category,
                rule.severity,
                rule.message.replace('|', "\\|")
            ));
        }
        for rule in set.rules() {
            out.push_str(&format!(
                "\n### {}\n\n{} · {} · check kind {} · {} fix · defined in {}\n\n{}\n\n{}\n",
                rule.id,
                code(rule.category.as_str()),
                rule.severity,
                code(rule.kind),
                match rule.fix_safety {
                    FixSafety::Safe => "safe",
                    FixSafety::Unsafe => "unsafe",
                },
                code(&rule.origin),
                rule.message,
                demoted(rule.explain.trim())
            ));
            let (fires, quiet): (Vec<_>, Vec<_>) = rule.examples.iter().partition(|e| e.fires());
            out.push_str("\nFlags:\n\n");
            for example in fires {
                let flagged: Vec<String> = example.flag.iter().map(|f| code(f)).collect();
                out.push_str(&format!(
                    "- {} in: {}\n",
                    flagged.join(", "),
                    example.describe()
                ));
            }
            out.push_str("\nLeaves alone:\n\n");
            for example in quiet {
                out.push_str(&format!("- {}\n", example.describe()));
            }
        }
    }
    out
}
