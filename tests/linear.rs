//! No check or renderer is quadratic: doubling a pathological input (one huge line, a paragraph
//! of quotes, thousands of names) at most about doubles the time of checking and reporting it.
//! Times are compared as a ratio (best of three runs each), never against an absolute.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use mtlint::engine::Engine;
use mtlint::input::{Markup, Source};
use mtlint::linter::Linter;
use mtlint::report::{Emitter, Format, HumanOptions};
use mtlint::rules::RuleSet;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter {
        engine: Engine::new(RuleSet::builtin().unwrap()),
        vocabulary: Default::default(),
        weights: Default::default(),
        gate: Default::default(),
        baseline: Default::default(),
    })
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
    });
    for format in [Format::Human, Format::Json, Format::Sarif] {
        let mut sink = std::io::sink();
        let mut emitter = Emitter::new(format, HumanOptions::default(), Vec::new(), &mut sink);
        emitter.document(report.clone()).unwrap();
        emitter.finish(&[]).unwrap();
    }
    started.elapsed()
}

fn best_of_three(text: &str, markup: Markup) -> Duration {
    (0..3)
        .map(|_| check_and_report(text, markup))
        .min()
        .unwrap()
}

/// Asserts that checking `make(2n)` takes at most about twice as long as `make(n)`.
fn scales_linearly(name: &str, n: usize, markup: Markup, make: impl Fn(usize) -> String) {
    let small = make(n);
    let large = make(2 * n);
    // Warm up the lazily built indexes before timing.
    check_and_report(&small, markup);
    let t1 = best_of_three(&small, markup);
    let t2 = best_of_three(&large, markup);
    let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    assert!(
        ratio < 3.0,
        "{name}: doubling the input multiplied the time by {ratio:.2} ({t1:?} -> {t2:?})"
    );
}

#[test]
fn one_huge_line() {
    scales_linearly("one huge line", 6_000, Markup::Plain, |n| {
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
fn a_paragraph_of_quotes() {
    scales_linearly("quotes", 3_000, Markup::Plain, |n| {
        (0..n)
            .map(|i| if i % 3 == 0 { "“Word”" } else { "\" x ”" })
            .collect::<Vec<_>>()
            .join(" ")
    });
}

#[test]
fn thousands_of_names() {
    scales_linearly("names", 1_500, Markup::Plain, |n| {
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
    scales_linearly("nested HTML", 3_000, Markup::Html, |n| {
        format!("{}the the text{}", "<div>".repeat(n), "</div>".repeat(n))
    });
    scales_linearly("nested Markdown", 1_000, Markup::Markdown, |n| {
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
