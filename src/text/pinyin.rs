//! Romanized Chinese (pinyin without tone marks): whether a word is one syllable (`mei`, `jing`)
//! or a run of them (`shaanxi`, `dazhou`). Chinese given names doubled (`Mei Mei`) and places a
//! letter apart (`Shanxi` and `Shaanxi`, `Dazhu` and `Dazhou`) are told apart by it.

/// Initials, longest first so that `zh` is tried before `z`.
const INITIALS: [&str; 23] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w",
];

/// Finals after an initial.
const FINALS: [&str; 34] = [
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "ia",
    "iao", "ie", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un",
    "uang", "ueng", "ue", "ve",
];

/// Finals written without an initial (`an`, `ou`, `er`); the others take `y` or `w` instead.
const BARE_FINALS: [&str; 12] = [
    "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er",
];

/// Whether a lower-case word is one syllable of pinyin without tone marks (`mei`, `jing`,
/// `xiao`, `zhuang`, `an`).
pub fn is_syllable(word: &str) -> bool {
    match INITIALS
        .iter()
        .find_map(|initial| word.strip_prefix(initial))
    {
        Some(rest) => FINALS.contains(&rest),
        None => BARE_FINALS.contains(&word),
    }
}

/// Whether a lower-case word is two or more syllables of pinyin run together (`shanxi`,
/// `shaanxi`, `huaihe`).
pub fn is_syllables(word: &str) -> bool {
    // `ends[i]`: the fewest syllables that spell `word[..i]`, when some do. Syllables are at
    // most six letters (`zhuang`).
    let mut ends: Vec<Option<usize>> = vec![None; word.len() + 1];
    if let Some(first) = ends.first_mut() {
        *first = Some(0);
    }
    for end in 1..=word.len() {
        let best = (end.saturating_sub(6)..end)
            .filter_map(|start| {
                let count = (*ends.get(start)?)?;
                is_syllable(word.get(start..end)?).then_some(count + 1)
            })
            .min();
        if let Some(slot) = ends.get_mut(end) {
            *slot = best;
        }
    }
    ends.last()
        .copied()
        .flatten()
        .is_some_and(|count| count >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_told_from_longer_names() {
        for syllable in ["mei", "bao", "jing", "xiao", "zhuang", "lan", "an", "yang"] {
            assert!(is_syllable(syllable), "{syllable}");
        }
        for name in ["texas", "graz", "lima", "modi", "iran", "bora", "in", "ong"] {
            assert!(!is_syllable(name), "{name}");
        }
    }

    #[test]
    fn place_names_split_into_syllables_and_other_names_do_not() {
        for place in [
            "shanxi",
            "shaanxi",
            "dazhou",
            "dazhu",
            "huaihe",
            "haihe",
            "chongqing",
        ] {
            assert!(is_syllables(place), "{place}");
        }
        for name in [
            "sergey", "sergei", "aleksei", "zelensky", "gaddafi", "mei", "london",
        ] {
            assert!(!is_syllables(name), "{name}");
        }
    }
}
