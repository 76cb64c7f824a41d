//! Words as several checks read them: which open a sentence, and the small closed classes
//! (verbs of speech, determiners) that tell what a capitalized word beside them is.

use super::script::is_letter_or_digit;

/// Marks after which a capital starts a sentence rather than a name.
const SENTENCE_OPENERS: [char; 11] = ['.', '!', '?', ':', '"', '“', '«', '„', '(', '¿', '¡'];

/// The words of a text (runs of letters and digits), each with its byte offset and whether it
/// opens a sentence: the first word, and a word after a sentence's end, a colon or an opening
/// quote (`« Les`: a quotation opens a sentence of its own); not a word after an initial
/// (`M. Tremblay`).
pub fn sentence_words(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut opening = true;
    let mut offset = 0;
    text.split_inclusive(|c: char| !is_letter_or_digit(c))
        .filter_map(move |piece| {
            let at = offset;
            offset += piece.len();
            let word = piece.trim_end_matches(|c: char| !is_letter_or_digit(c));
            let opener = |t: &str| t.chars().any(|c| SENTENCE_OPENERS.contains(&c));
            if word.is_empty() {
                opening |= opener(piece);
                return None;
            }
            let first = std::mem::replace(&mut opening, false);
            // `D.K. Arya`, `M. Tremblay`: a capital letter and its full stop are an initial.
            opening = !is_initial(word)
                && piece[word.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| SENTENCE_OPENERS.contains(&c));
            Some((at, word, first))
        })
}

/// Whether a word is a capital letter alone, the initial of a name when a point follows it
/// (`J. Okafor`, `M. Tremblay`); not `I`, a numeral more often (`World War I.`).
pub fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(letter), None) if letter.is_uppercase() && letter != 'I')
}

/// Verbs that attribute a quotation (`…,” the mayor said`).
pub const SPEECH_VERBS: [&str; 47] = [
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "agreed",
    "announced",
    "answered",
    "argued",
    "asked",
    "asks",
    "assured",
    "cites",
    "claimed",
    "clarified",
    "commented",
    "concluded",
    "confirmed",
    "continued",
    "declared",
    "emphasised",
    "emphasized",
    "explained",
    "informed",
    "insisted",
    "noted",
    "pointed",
    "posted",
    "quoted",
    "quotes",
    "reads",
    "recalled",
    "recalls",
    "remarked",
    "remembers",
    "replied",
    "reported",
    "responded",
    "said",
    "says",
    "stated",
    "stressed",
    "tells",
    "told",
    "tweeted",
    "warned",
    "writes",
    "wrote",
];

/// Words before a noun: a word after one is a noun (`the Sun`, `a Secretery`), not a
/// person's name.
pub const DETERMINERS: [&str; 14] = [
    "a", "an", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those",
    "your",
];

/// Whether `needle` occurs in `haystack` at the start of a word.
pub fn at_word_start(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        haystack
            .get(..at)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|c| !is_letter_or_digit(c))
    })
}

/// Nouns and verbs after which a word or a quotation is the name of what they name (`the
/// film “Heat”`, `a party called “Greens”`, `the show Čau lidi`).
pub const NAMING_WORDS: [&str; 55] = [
    "album",
    "app",
    "article",
    "book",
    "brand",
    "called",
    "campaign",
    "channel",
    "click",
    "club",
    "code-named",
    "codenamed",
    "column",
    "comedy",
    "company",
    "documentary",
    "drama",
    "dubbed",
    "exhibit",
    "exhibition",
    "festival",
    "film",
    "game",
    "group",
    "hashtag",
    "headline",
    "known",
    "magazine",
    "motto",
    "movement",
    "movie",
    "musical",
    "named",
    "newspaper",
    "nicknamed",
    "novel",
    "opera",
    "operation",
    "party",
    "play",
    "podcast",
    "press",
    "production",
    "program",
    "programme",
    "project",
    "select",
    "serial",
    "series",
    "show",
    "slogan",
    "song",
    "tap",
    "term",
    "titled",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn openers(text: &str) -> Vec<&str> {
        sentence_words(text)
            .filter(|&(_, _, first)| first)
            .map(|(_, word, _)| word)
            .collect()
    }

    #[test]
    fn sentences_and_quotations_open_but_initials_do_not() {
        assert_eq!(
            openers("Ayer habló J. Ferrand. Luego dijo: « Nada » y P.K. Osei calló."),
            ["Ayer", "Luego", "Nada"]
        );
    }
}
