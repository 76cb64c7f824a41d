//! Letter case of words.

/// `Word`: an upper-case first letter followed by at least one lower-case letter.
pub fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// `Word`, `Wo`: an upper-case first letter and only lower-case letters after it.
pub fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// `NATO`, `U.S.`: at least two letters, none lower-case.
pub fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Starts with a lower-case letter.
pub fn starts_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Has an upper-case letter after the first character (`iPhone`, `McDonald`).
pub fn has_inner_capital(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// `word` with its first letter upper-cased.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `word` with its first letter lower-cased.
pub fn decapitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The months of the year, as English writes them.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The days of the week, as English writes them.
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Months and days: always capitalized, even where the lower-case word exists (`March`,
/// `May`).
pub fn is_calendar_name(word: &str) -> bool {
    is_month(word) || DAYS.contains(&word)
}

/// Whether a word is the name of a month, as English writes it (`July`).
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

/// Case-insensitive equality for any script.
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    // Two different ASCII first letters tell most pairs apart at once: each lowers to one
    // ASCII letter. (An ASCII letter and another character can still be equal: the Kelvin
    // sign lowers to `k`.)
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(y)
    {
        return false;
    }
    // Two ASCII words: their lengths tell most other pairs apart.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn title_case_has_no_capital_after_the_first_letter() {
        assert!(is_title_case("Wilson") && is_title_case("Женеве") && is_title_case("Wo"));
        assert!(!is_title_case("McCarthy") && !is_title_case("NASA") && !is_title_case("wilson"));
    }

    proptest! {
        /// The ASCII shortcut answers as lower-casing every character would.
        #[test]
        fn eq_ignore_case_is_equality_of_lower_case_forms(
            a in "[aAbBkK\u{212a}éÉß]{0,4}",
            b in "[aAbBkK\u{212a}éÉß]{0,4}",
        ) {
            let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
            prop_assert_eq!(eq_ignore_case(&a, &b), lower(&a) == lower(&b));
        }
    }

    #[test]
    fn classifies_case() {
        assert!(is_capitalized("Huge"));
        assert!(!is_capitalized("NATO"));
        assert!(is_all_caps("NATO") && is_all_caps("U.S."));
        assert!(!is_all_caps("I"));
        assert!(has_inner_capital("iPhone") && !has_inner_capital("Phone"));
        assert_eq!(capitalize("élan"), "Élan");
        assert_eq!(decapitalize("Significant"), "significant");
        assert!(eq_ignore_case("The", "the") && eq_ignore_case("ÉTÉ", "été"));
        assert!(eq_ignore_case("\u{212a}m", "km") && !eq_ignore_case("Them", "the"));
        assert!(is_calendar_name("March") && !is_calendar_name("march"));
    }
}
