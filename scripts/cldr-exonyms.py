#!/usr/bin/env python3
"""Builds rules/bilingual/names/exonyms-cldr.txt, the names of countries, regions and cities in
the languages the bilingual checks read, from the Unicode CLDR data the Babel package ships.

Usage:
  pip install babel==2.19.0
  scripts/cldr-exonyms.py > rules/bilingual/names/exonyms-cldr.txt

Each line: a name in English, then its forms in German, French, Spanish, Italian, Polish,
Czech, Russian, Chinese, Japanese, Hindi and Portuguese, separated by `|` (the format of
exonyms.txt). Territories (countries and the continents and regions CLDR names) and the
cities CLDR names time zones after. A form equal to the English name is left out; Russian,
Polish and Czech forms of one word lose one final vowel, so that the form, which the check
reads as the start of a word, stands for the name's cases (`украин` for Украина, Украины);
their forms of several words are left out, since each word inflects. Names with brackets,
dashes between parts or abbreviations (`Congo - Kinshasa`, `St. Helena`) are left out, as are
Chinese and Japanese forms of one character.
"""
import re

from babel import Locale
from babel.dates import get_timezone_location

LANGUAGES = ["de", "fr", "es", "it", "pl", "cs", "ru", "zh", "ja", "hi", "pt"]
# The final vowels one of which a Slavic form loses.
SLAVIC_ENDINGS = {"ru": "аяоеыийь", "pl": "aeoyię", "cs": "aeoyiů"}
# The numeric regions that are continents and parts of them (not groupings such as `EU`).
REGIONS = set(
    "002 005 009 011 013 014 015 017 018 019 021 029 030 034 035 039 053 054 057 061 "
    "142 143 145 150 151 154 155 419".split()
)
UNWANTED = re.compile(r"[()&.,]| - ")


def source_form(language, name):
    """The form of `name` the check looks for in a source of `language`, or None."""
    if not name or UNWANTED.search(name):
        return None
    form = name.lower()
    if language in SLAVIC_ENDINGS:
        if " " in form:
            return None
        if len(form) > 4 and form[-1] in SLAVIC_ENDINGS[language]:
            form = form[:-1]
    if language in ("zh", "ja") and len(form) < 2:
        return None
    return form


def names():
    """(English name, {language: name}) for every territory and time zone city."""
    english = Locale("en")
    locales = {language: Locale.parse(language) for language in LANGUAGES}
    for code, name in english.territories.items():
        if code.isdigit() and code not in REGIONS:
            continue
        yield name, {lang: loc.territories.get(code) for lang, loc in locales.items()}
    for zone in sorted(locales["zh"].time_zones):
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        city = get_timezone_location(zone, locale="en", return_city=True)
        yield city, {
            lang: get_timezone_location(zone, locale=lang, return_city=True) for lang in LANGUAGES
        }


def main():
    print("# Names of countries, regions and cities in the languages mtlint reads sources in,")
    print("# from the Unicode CLDR (as Babel 2.19.0 ships it), built by scripts/cldr-exonyms.py.")
    print("# Unicode License v3: see LICENSE-unicode.txt. Format: as exonyms.txt.")
    lines = {}
    for english, by_language in names():
        if not english or UNWANTED.search(english):
            continue
        forms = lines.setdefault(english, [])
        for language in LANGUAGES:
            form = source_form(language, by_language.get(language))
            if form and form != english.lower() and form not in forms:
                forms.append(form)
    # Sorted as every list under rules/ is: by the line in lower case, then as written.
    out = [" | ".join([english] + forms) for english, forms in lines.items() if forms]
    for line in sorted(out, key=lambda line: (line.lower(), line)):
        print(line)


if __name__ == "__main__":
    main()
