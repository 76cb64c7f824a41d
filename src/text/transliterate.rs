//! Names across scripts: Latin letters folded to a comparable form (`Müller`, `Mueller` and
//! `Muller` come close), Cyrillic and Devanagari written in Latin letters the common way
//! (`Сергей` → `sergej`, which folds like `Sergei` and `Sergey`), and consonant skeletons,
//! which survive the vowels each romanization chooses (`कोहली` and `Kohli` both give `khl`).

use unicode_normalization::UnicodeNormalization;

use super::script::is_letter;

/// A word folded for comparing names: lower case, without diacritics, with the spellings
/// romanizations disagree on made one (`k`/`c`, `x`/`ks`, `y`/`i`, `w`/`v`, `z`/`s`, `ph`/`f`, `th`/`t`,
/// `ß`, `ł`, doubled letters).
pub fn fold(word: &str) -> String {
    // An ASCII word has no marks to drop: lower case is all it needs before the spellings.
    let plain = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        fold_letters(word)
    };
    // One pass: the digraphs (`sch` as `sh`, `ph` as `f`, `th` as `t`, `ck` as `k`) and the
    // letters of one sound, doubled letters written once. (No digraph can come out of
    // another's replacement, so one pass does what replacing each in turn would.)
    let mut folded = String::with_capacity(plain.len() + 2);
    let mut push = |c: char| push_sound(&mut folded, c);
    let mut chars = plain.chars();
    while let Some(c) = chars.next() {
        let rest = chars.as_str();
        let digraph = match c {
            's' if rest.starts_with("ch") => Some("sh"),
            'p' if rest.starts_with('h') => Some("f"),
            't' if rest.starts_with('h') => Some("t"),
            'c' if rest.starts_with('k') => Some("k"),
            _ => None,
        };
        match digraph {
            Some(sound) => {
                sound.chars().for_each(&mut push);
                // The digraph's other letters.
                let skip = if c == 's' { 2 } else { 1 };
                chars.nth(skip - 1);
            }
            None => push(c),
        }
    }
    folded
}

/// Appends a letter to a folded word, the letters of one sound written the same way (`k`/`c`,
/// `x`/`cs`, `y`/`i`, `w`/`v`, `z`/`s`) and a letter doubled written once.
fn push_sound(folded: &mut String, c: char) {
    if c == 'x' {
        folded.push_str("cs");
        return;
    }
    let c = match c {
        'k' | 'q' => 'c',
        'y' | 'j' => 'i',
        'w' => 'v',
        'z' => 's',
        other => other,
    };
    if !(folded.ends_with(c) && is_letter(c)) {
        folded.push(c);
    }
}

/// A word in lower case without diacritics, letters of one sound written the same way
/// (`ß` as `ss`, `ł` as `l`, `æ` as `ae`).
fn fold_letters(word: &str) -> String {
    let mut plain = String::with_capacity(word.len());
    for c in word.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        for lower in c.to_lowercase() {
            match lower {
                'ß' => plain.push_str("ss"),
                'ł' => plain.push('l'),
                'ø' => plain.push('o'),
                'æ' => plain.push_str("ae"),
                'œ' => plain.push_str("oe"),
                'đ' | 'ð' => plain.push('d'),
                'þ' => plain.push_str("th"),
                'ı' => plain.push('i'),
                other => plain.push(other),
            }
        }
    }
    plain
}

/// The consonants of a folded word, in order (`cohli` → `chl`).
pub fn skeleton(folded: &str) -> String {
    folded
        .chars()
        .filter(|c| c.is_ascii_alphabetic() && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'h'))
        .collect()
}

/// The spellings [`sound_key`] makes one sound, in the order they are replaced.
const SPELLINGS: [(&str, &str); 17] = [
    ("shch", "s"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ts", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("th", "t"),
    ("ph", "f"),
    ("gh", "g"),
    // Hindi's aspirated consonants, which English spellings mostly drop (`झज्जर`, `Jajjar`).
    ("bh", "b"),
    ("dh", "d"),
    ("jh", "j"),
    ("ck", "k"),
    // A soft `c` is an `s` (`Mercedes`, `Мерседес`; `Cecilia`, `Сесилия`).
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
];

/// A coarse key of how a name sounds, for comparing romanizations across scripts: letters
/// grouped by where they are said (lips, throat, hiss, teeth, `l`, nose, `r`), vowels and
/// `w` dropped, repeats joined. `Hitler` and `Гитлер`, `Jordan` and `Джордан`, `Floyd` and
/// `Флойд` share theirs.
pub fn sound_key(word: &str) -> String {
    let mut plain = fold_accents(word);
    // Every spelling of `SPELLINGS` has an `h` or a `c`, but `ts`: most words have none.
    let spellings = if plain.contains(['h', 'c']) || plain.contains("ts") {
        SPELLINGS.as_slice()
    } else {
        &[]
    };
    for &(from, to) in spellings {
        if plain.contains(from) {
            plain = plain.replace(from, to);
        }
    }
    let mut key = String::new();
    for c in plain.chars() {
        let class = match c {
            'b' | 'p' | 'f' | 'v' => '1',
            'c' | 'g' | 'k' | 'q' | 'h' | 'x' => '2',
            's' | 'z' | 'j' => '3',
            'd' | 't' => '4',
            'l' => '5',
            'm' | 'n' => '6',
            'r' => '7',
            _ => continue,
        };
        if !key.ends_with(class) {
            key.push(class);
        }
    }
    key
}

/// The sound keys of a name in Latin letters as other languages read it, besides
/// [`sound_key`]'s hard `g`: a soft `g` before `e`, `i` and `y` (`George`, `Джордж`; `Gianni`,
/// `Джанни`), which Cyrillic and Devanagari write as `дж` and `ज`, and the Spanish `j` and `gu`
/// (`Josep Guardiola`, `Хосеп Гвардиола`).
pub fn other_sound_keys(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    let soft = lower
        .replace("ge", "je")
        .replace("gi", "ji")
        .replace("gy", "jy");
    let spanish = lower
        .replace('j', "h")
        .replace("gua", "gva")
        .replace("gue", "gve")
        .replace("qua", "kva");
    let mut keys: Vec<String> = Vec::new();
    for reading in [soft, spanish] {
        if reading != lower {
            let key = sound_key(&reading);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Lower case without diacritics.
fn fold_accents(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a word is written in Cyrillic or Devanagari, which [`to_latin`] writes in Latin
/// letters.
pub fn is_transliterable(word: &str) -> bool {
    word.chars()
        .any(|c| matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0900}'..='\u{097F}'))
}

/// A Cyrillic or Devanagari word in Latin letters, the common way; other letters are kept.
pub fn to_latin(word: &str) -> String {
    let mut out = String::with_capacity(word.len() * 2);
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(latin) = cyrillic(c) {
            out.push_str(latin);
        } else if let Some((latin, consonant)) = devanagari(c) {
            out.push_str(latin);
            // A Devanagari consonant carries an `a` unless a vowel sign or a virama follows;
            // the last consonant of a word drops it in Hindi.
            let next = chars.get(i + 1).copied();
            let silenced = next.is_some_and(|n| devanagari_sign(n).is_some() || n == '\u{094D}');
            if consonant && !silenced && next.is_some() {
                out.push('a');
            }
        } else if let Some(vowel) = devanagari_sign(c) {
            out.push_str(vowel);
        } else if matches!(c, '\u{094D}' | '\u{0902}' | '\u{0901}' | '\u{093C}') {
            // Virama, anusvara, candrabindu, nukta: nothing of their own.
            if c == '\u{0902}' {
                out.push('n');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn cyrillic(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "i",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    })
}

/// A Devanagari letter in Latin letters, and whether it is a consonant.
fn devanagari(c: char) -> Option<(&'static str, bool)> {
    let consonant = |s| Some((s, true));
    let vowel = |s| Some((s, false));
    match c {
        'अ' => vowel("a"),
        'आ' => vowel("a"),
        'इ' | 'ई' => vowel("i"),
        'उ' | 'ऊ' => vowel("u"),
        'ए' | 'ऐ' => vowel("e"),
        'ओ' | 'औ' => vowel("o"),
        'ऋ' => vowel("ri"),
        'क' => consonant("k"),
        'ख' => consonant("kh"),
        'ग' => consonant("g"),
        'घ' => consonant("gh"),
        'ङ' => consonant("n"),
        'च' => consonant("ch"),
        'छ' => consonant("chh"),
        'ज' => consonant("j"),
        'झ' => consonant("jh"),
        'ञ' => consonant("n"),
        'ट' => consonant("t"),
        'ठ' => consonant("th"),
        'ड' => consonant("d"),
        'ढ' => consonant("dh"),
        'ण' => consonant("n"),
        'त' => consonant("t"),
        'थ' => consonant("th"),
        'द' => consonant("d"),
        'ध' => consonant("dh"),
        'न' => consonant("n"),
        'प' => consonant("p"),
        'फ' => consonant("f"),
        'ब' => consonant("b"),
        'भ' => consonant("bh"),
        'म' => consonant("m"),
        'य' => consonant("y"),
        'र' => consonant("r"),
        'ल' => consonant("l"),
        'व' => consonant("v"),
        'श' | 'ष' => consonant("sh"),
        'स' => consonant("s"),
        'ह' => consonant("h"),
        _ => None,
    }
}

fn devanagari_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "a",
        'ि' | 'ी' => "i",
        'ु' | 'ू' => "u",
        'ृ' => "ri",
        'े' | 'ै' => "e",
        'ो' | 'ौ' => "o",
        'ॉ' => "o",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`fold`] with each digraph replaced in turn, as it was first written: what the one
    /// pass must give.
    fn fold_in_turns(word: &str) -> String {
        let plain = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            fold_letters(word)
        };
        let plain = plain
            .replace("ph", "f")
            .replace("th", "t")
            .replace("ck", "k")
            .replace("sch", "sh");
        let mut folded = String::new();
        plain.chars().for_each(|c| push_sound(&mut folded, c));
        folded
    }

    proptest! {
        #[test]
        fn folding_in_one_pass_is_folding_in_turns(word in "[schptkxqyjwzCHSTKéßłŁö-]{0,12}") {
            prop_assert_eq!(fold(&word), fold_in_turns(&word));
        }
    }

    #[test]
    fn every_sound_spelling_has_an_h_or_a_c_but_ts() {
        for (from, _) in SPELLINGS {
            assert!(from.contains(['h', 'c']) || from == "ts", "{from}");
        }
    }

    #[test]
    fn romanizations_of_one_name_fold_alike() {
        assert_eq!(fold("Sergei"), fold("Sergey"));
        assert_eq!(fold(&to_latin("Сергей")), fold("Sergei"));
        assert_eq!(fold("Müller"), fold("Muller"));
        assert_eq!(fold("Philipp"), fold("Filip"));
        assert_eq!(fold(&to_latin("Александр")), fold("Aleksandr"));
        assert!(fold("Alexander").starts_with(&fold("Aleksand")));
    }

    #[test]
    fn names_sound_alike_across_scripts() {
        for (latin, other) in [
            ("Hitler", "Гитлера"),
            ("Jordan", "Джордан"),
            ("Floyd", "Флойд"),
            ("Mnuchin", "Мнучин"),
            ("Rwanda", "Руанды"),
            ("Mercedes", "Мерседесах"),
            ("Cecilia", "Сесилии"),
        ] {
            assert_eq!(
                sound_key(latin),
                sound_key(&to_latin(other))
                    .get(..sound_key(latin).len())
                    .unwrap_or_default(),
                "{latin} {other}"
            );
        }
        assert_ne!(sound_key("Erwin"), sound_key("Donald"));
        for (latin, other) in [
            ("George", "Джорджа"),
            ("Gianni", "Джанни"),
            ("Josep", "Хосеп"),
            ("Guardiola", "Гвардиола"),
        ] {
            assert!(
                other_sound_keys(latin).contains(&sound_key(&to_latin(other))),
                "{latin}"
            );
        }
    }

    #[test]
    fn devanagari_names_keep_their_consonants() {
        let kohli = to_latin("कोहली");
        assert_eq!(skeleton(&fold(&kohli)), skeleton(&fold("Kohli")), "{kohli}");
        let sachin = to_latin("सचिन");
        assert_eq!(
            skeleton(&fold(&sachin)),
            skeleton(&fold("Sachin")),
            "{sachin}"
        );
    }

    #[test]
    fn only_cyrillic_and_devanagari_are_transliterated() {
        assert!(is_transliterable("Москва"));
        assert!(is_transliterable("दिल्ली"));
        assert!(!is_transliterable("Praha"));
        assert!(!is_transliterable("北京"));
    }
}
