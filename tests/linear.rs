//! No check or renderer is quadratic: doubling a pathological input (one huge line, a paragraph
//! of quotes, thousands of names) at most about doubles the time of checking and reporting it.
//! Times are compared as a ratio (best of three runs each, the ratio measured up to three times
//! when it is over the bound), never against an absolute.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use mtlint::engine::Engine;
use mtlint::input::{Markup, Source};
use mtlint::linter::Linter;
use mtlint::report::{Emitter, Format, HumanOptions};
use mtlint::rules::RuleSet;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(Engine::new(RuleSet::builtin().unwrap())))
}

/// Checks `text` and renders it as human, JSON and SARIF reports into nothing.
fn check_and_report(text: &str, markup: Markup) -> Duration {
    let started = Instant::now();
    let report = linter().lint(Source {
        name: "input".to_owned(),
        id: None,
        text: text.to_owned(),
        markup,
        warnings: Vec::new(),
        ..Source::default()
    });
    for format in [Format::Human, Format::Json, Format::Sarif] {
        let mut sink = std::io::sink();
        let mut emitter = Emitter::new(format, HumanOptions::default(), Vec::new(), &mut sink);
        emitter.document(report.clone()).unwrap();
        emitter.finish(&[]).unwrap();
    }
    started.elapsed()
}

/// The best time of three inputs of size `n`, each made different by `make`'s second argument
/// so that no memo of an earlier run hides the work.
fn best_of_three(n: usize, markup: Markup, make: &impl Fn(usize, usize) -> String) -> Duration {
    (0..3)
        .map(|run| check_and_report(&make(n, run), markup))
        .min()
        .unwrap()
}

/// Asserts that checking `make(2n, _)` takes at most about twice as long as `make(n, _)`.
fn scales_linearly(name: &str, n: usize, markup: Markup, make: impl Fn(usize, usize) -> String) {
    // One measurement at a time: tests run in parallel and would skew each other's times.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Warm up the lazily built indexes, and the heap at both sizes, before timing.
    check_and_report(&make(n, 9), markup);
    check_and_report(&make(2 * n, 9), markup);
    // A quadratic step shows in every measurement, a busy machine in some: the ratio is
    // measured again, up to three times, before the test fails.
    let mut measured = Vec::new();
    for _ in 0..3 {
        let t1 = best_of_three(n, markup, &make);
        let t2 = best_of_three(2 * n, markup, &make);
        let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        if ratio < 3.0 {
            return;
        }
        measured.push(format!("{ratio:.2} ({t1:?} -> {t2:?})"));
    }
    panic!(
        "{name}: doubling the input multiplied the time by {}",
        measured.join(", then ")
    );
}

#[test]
fn one_huge_line() {
    scales_linearly("one huge line", 6_000, Markup::Plain, |n, _| {
        let words = [
            "the",
            "the",
            "council",
            "said",
            "“Never”",
            ",",
            "again",
            "teh",
            "Kiev",
        ];
        (0..n)
            .map(|i| words[i % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    });
}

#[test]
fn one_giant_word() {
    scales_linearly("one giant word", 20_000, Markup::Plain, |n, run| {
        // A letter, not a digit, tells the runs apart: words with digits are not spell-checked.
        let salt = ["a", "b", "c", "d"][run % 4];
        format!("The {}{salt} teh end ,", "x".repeat(n))
    });
}

#[test]
fn a_paragraph_of_quotes() {
    scales_linearly("quotes", 3_000, Markup::Plain, |n, _| {
        (0..n)
            .map(|i| if i % 3 == 0 { "“Word”" } else { "\" x ”" })
            .collect::<Vec<_>>()
            .join(" ")
    });
}

#[test]
fn thousands_of_names() {
    scales_linearly("names", 1_500, Markup::Plain, |n, _| {
        (0..n)
            .map(|i| {
                let name: String = format!("{i:x}")
                    .chars()
                    .map(|c| ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi"][c as usize % 8])
                    .collect();
                format!("Mr {}ov met {}ev.", capitalize(&name), capitalize(&name))
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
}

#[test]
fn deeply_nested_markup() {
    scales_linearly("nested HTML", 6_000, Markup::Html, |n, _| {
        format!("{}the the text{}", "<div>".repeat(n), "</div>".repeat(n))
    });
    scales_linearly("nested Markdown", 20_000, Markup::Markdown, |n, _| {
        format!(
            "{} quote\n\n{}link{}\n",
            ">".repeat(n),
            "[".repeat(n),
            "]".repeat(n)
        )
    });
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
