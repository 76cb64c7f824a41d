//! Edits of a text: replacements of byte spans, applied so that overlapping ones never corrupt
//! it. A leaf: fixing documents (`fix`) and checking rule examples (`rules`) both use it.

use std::ops::Range;

/// One replacement of a byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The byte span replaced.
    pub span: Range<usize>,
    /// What replaces it.
    pub replacement: String,
}

/// Applies `edits` to `text`. Edits are taken in order of position; one that overlaps an edit
/// already taken is skipped, so the result is always well formed. Spans off char boundaries or
/// outside the text are skipped too.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    apply_counting(text, edits).0
}

/// [`apply`], also counting the edits applied.
pub fn apply_counting(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut applied = 0;
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let Range { start, end } = edit.span;
        let valid = start >= cursor
            && start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !valid {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.replacement);
        cursor = end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.to_owned(),
        }
    }

    #[test]
    fn applies_edits_in_position_order() {
        let text = "the the cat sat .";
        let edits = [edit(15..17, "."), edit(0..4, "")];
        assert_eq!(apply(text, &edits), "the cat sat.");
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        assert_eq!(apply("abcdef", &[edit(1..4, "X"), edit(2..5, "Y")]), "aXef");
    }

    #[test]
    fn edits_off_char_boundaries_are_skipped() {
        assert_eq!(apply("“a”", &[edit(1..2, "x")]), "“a”");
    }
}
