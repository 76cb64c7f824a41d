//! `check --statistics`: how many findings each rule made, and each category.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use mtlint::report::DocumentReport;

/// Findings counted by rule (with its category) and by category.
#[derive(Default)]
pub struct Statistics {
    rules: BTreeMap<Arc<str>, (&'static str, usize)>,
    categories: BTreeMap<&'static str, usize>,
}

impl Statistics {
    /// Counts the findings of `doc`.
    pub fn add(&mut self, doc: &DocumentReport) {
        for finding in &doc.findings {
            let category = finding.category.as_str();
            self.rules
                .entry(finding.rule.clone())
                .or_insert((category, 0))
                .1 += 1;
            *self.categories.entry(category).or_default() += 1;
        }
    }

    /// Writes the counts, the most frequent first (ties by name).
    pub fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
        let mut categories: Vec<_> = self.categories.iter().collect();
        categories.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        writeln!(out, "{:>7}  {:<28} category", "count", "rule")?;
        for (rule, (category, count)) in rules {
            writeln!(out, "{count:>7}  {rule:<28} {category}")?;
        }
        writeln!(out, "\n{:>7}  category", "count")?;
        for (category, count) in categories {
            writeln!(out, "{count:>7}  {category}")?;
        }
        Ok(())
    }
}
