//! Japanese names across scripts: katakana, in which Japanese writes foreign names
//! (`フロイデンベルク`), read in Latin letters the Hepburn way (`furoidenberuku`), and whether a
//! romanized word spells Japanese syllables (`kaminarimon`), as a Japanese name written in
//! kanji comes out in English.

/// Whether a character is katakana, the long-vowel mark included (`ー`), the middle dot that
/// parts the words of a name (`・`) not.
pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

/// Katakana in Latin letters, the Hepburn way (`ジェシカ` → `jeshika`); the long-vowel mark and
/// the small `ッ` that doubles a consonant give nothing, other characters are kept.
pub fn katakana_to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (c, katakana(c)) {
            // A small vowel takes the place of the syllable's own (`ジェ` is `je`, `ファ` `fa`).
            ('ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ', Some(vowel)) => {
                if out.ends_with(['a', 'i', 'u', 'e', 'o']) {
                    out.pop();
                }
                out.push_str(vowel);
            }
            // A small `ya`, `yu`, `yo` after an `i` syllable (`キャ` is `kya`, `シャ` `sha`).
            ('ャ' | 'ュ' | 'ョ', Some(glide)) if out.ends_with('i') => {
                out.pop();
                if out.ends_with("sh") || out.ends_with("ch") || out.ends_with('j') {
                    out.push_str(glide.get(1..).unwrap_or_default());
                } else {
                    out.push_str(glide);
                }
            }
            (_, Some(latin)) => out.push_str(latin),
            (_, None) => out.push(c),
        }
    }
    out
}

fn katakana(c: char) -> Option<&'static str> {
    Some(match c {
        'ア' | 'ァ' => "a",
        'イ' | 'ィ' | 'ヰ' => "i",
        'ウ' | 'ゥ' => "u",
        'エ' | 'ェ' | 'ヱ' => "e",
        'オ' | 'ォ' | 'ヲ' => "o",
        'カ' | 'ヵ' => "ka",
        'キ' => "ki",
        'ク' => "ku",
        'ケ' | 'ヶ' => "ke",
        'コ' => "ko",
        'ガ' => "ga",
        'ギ' => "gi",
        'グ' => "gu",
        'ゲ' => "ge",
        'ゴ' => "go",
        'サ' => "sa",
        'シ' => "shi",
        'ス' => "su",
        'セ' => "se",
        'ソ' => "so",
        'ザ' => "za",
        'ジ' | 'ヂ' => "ji",
        'ズ' | 'ヅ' => "zu",
        'ゼ' => "ze",
        'ゾ' => "zo",
        'タ' => "ta",
        'チ' => "chi",
        'ツ' => "tsu",
        'テ' => "te",
        'ト' => "to",
        'ダ' => "da",
        'デ' => "de",
        'ド' => "do",
        'ナ' => "na",
        'ニ' => "ni",
        'ヌ' => "nu",
        'ネ' => "ne",
        'ノ' => "no",
        'ハ' => "ha",
        'ヒ' => "hi",
        'フ' => "fu",
        'ヘ' => "he",
        'ホ' => "ho",
        'バ' => "ba",
        'ビ' => "bi",
        'ブ' => "bu",
        'ベ' => "be",
        'ボ' => "bo",
        'パ' => "pa",
        'ピ' => "pi",
        'プ' => "pu",
        'ペ' => "pe",
        'ポ' => "po",
        'マ' => "ma",
        'ミ' => "mi",
        'ム' => "mu",
        'メ' => "me",
        'モ' => "mo",
        'ヤ' | 'ャ' => "ya",
        'ユ' | 'ュ' => "yu",
        'ヨ' | 'ョ' => "yo",
        'ラ' => "ra",
        'リ' => "ri",
        'ル' => "ru",
        'レ' => "re",
        'ロ' => "ro",
        'ワ' | 'ヮ' => "wa",
        'ン' => "n",
        'ヴ' => "vu",
        'ヷ' => "va",
        'ヸ' => "vi",
        'ヹ' => "ve",
        'ヺ' => "vo",
        'ッ' | 'ー' => "",
        _ => return None,
    })
}

/// Consonants that open a Hepburn syllable, longest first (`sh` before `s`); doubled ones
/// (`kk`, `tch`) are read as their last.
const ONSETS: [&str; 28] = [
    "sh", "ch", "ts", "ky", "gy", "ny", "hy", "by", "py", "my", "ry", "k", "g", "s", "z", "j", "t",
    "d", "n", "h", "b", "p", "m", "y", "r", "w", "f", "",
];

/// Whether a lower-case word spells Japanese syllables in Hepburn (`kaminarimon`, `kisuke`,
/// `tokyo`, `shinzo`): a consonant (or none) and a vowel each, and `n` alone; the long vowels
/// `ō` and `ū` too. Most European names have a cluster or a final consonant that Japanese
/// lacks (`freudenberg`, `scholz`, `rembrandt`).
pub fn is_romaji(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ō' | 'ū');
    let mut i = 0;
    while i < chars.len() {
        // A doubled consonant (`kk`, `ss`, `tch`, `pp`) opens the next syllable.
        if let (Some(&a), Some(&b)) = (chars.get(i), chars.get(i + 1))
            && (a == b || (a == 't' && b == 'c'))
            && !vowel(a)
            && a != 'n'
        {
            i += 1;
        }
        let rest: String = chars.get(i..).unwrap_or_default().iter().collect();
        let Some(onset) = ONSETS.iter().find(|o| {
            rest.strip_prefix(*o)
                .and_then(|r| r.chars().next())
                .is_some_and(vowel)
        }) else {
            // A syllabic `n` ends a syllable: before a consonant or at the end; written `m`
            // before `b`, `m` and `p` (`shimbun`).
            let next = chars.get(i + 1).copied();
            if chars.get(i) == Some(&'n')
                || (chars.get(i) == Some(&'m') && matches!(next, Some('b' | 'm' | 'p')))
            {
                i += 1;
                continue;
            }
            return false;
        };
        // The onset and its vowel.
        i += onset.chars().count() + 1;
    }
    !chars.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_is_read_the_hepburn_way() {
        assert_eq!(katakana_to_latin("ジェシカ"), "jeshika");
        assert_eq!(katakana_to_latin("フロイデンベルク"), "furoidenberuku");
        assert_eq!(katakana_to_latin("ショルツ"), "shorutsu");
        assert_eq!(katakana_to_latin("ロッテ"), "rote");
        assert_eq!(katakana_to_latin("ファン・チャン"), "fan・chan");
        assert_eq!(katakana_to_latin("キョウト"), "kyouto");
        assert!(is_katakana('ー') && !is_katakana('・') && !is_katakana('か'));
    }

    #[test]
    fn japanese_names_are_told_from_european_ones() {
        for name in [
            "kaminarimon",
            "kisuke",
            "tokyo",
            "shinzo",
            "hokkaido",
            "kenta",
            "matsui",
            "shimbun",
        ] {
            assert!(is_romaji(name), "{name}");
        }
        for name in [
            "freudenberg",
            "scholz",
            "rembrandt",
            "jessica",
            "lange",
            "zmapp",
            "",
        ] {
            assert!(!is_romaji(name), "{name}");
        }
    }
}
