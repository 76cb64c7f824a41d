#!/usr/bin/env python3
"""Writes about SIZE MB of JSON Lines segment pairs for the bilingual benchmark, twice: OUT/pairs.jsonl
(each record with `source` and `source_lang`) and OUT/targets.jsonl (the same translations alone),
so that the cost of reading the source is the difference. The sentences are made from templates
written for mtlint (names, numbers, negations, questions in French, German, Spanish, Russian and
Chinese), with the slots varied so that records differ.

    python3 scripts/bench-bilingual.py OUT 10
"""
import json
import os
import random
import sys

TEMPLATES = [
    ("fr", "Le conseil de {city_fr} a voté un budget de {n} euros le {d} mars.",
     "The {city} council passed a budget of {n_en} euros on March {d}."),
    ("fr", "Le musée n'a pas rouvert depuis {y}, a déclaré {name}.",
     "The museum has not reopened since {y}, {name} said."),
    ("de", "In {city_de} wurden {n} neue Wohnungen gebaut, sagte {name}.",
     "{n_en} new flats were built in {city}, {name} said."),
    ("de", "Warum hat die Stadt {y} keine Brücke gebaut?",
     "Why did the city not build a bridge in {y}?"),
    ("es", "El tren de {city_es} transportó {n} pasajeros en {y}.",
     "The {city} train carried {n_en} passengers in {y}."),
    ("ru", "{name_ru} сообщил, что в {y} году было продано {n} билетов.",
     "{name} said that {n_en} tickets were sold in {y}."),
    ("zh", "{y}年，该港口共接待了{d}万名游客。",
     "In {y}, the port received {d}0,000 visitors."),
]
CITIES = [("Lyon", "Lyon", "Lyon", "Lyon"), ("Munich", "Munich", "München", "Múnich"),
          ("Geneva", "Genève", "Genf", "Ginebra"), ("Vienna", "Vienne", "Wien", "Viena")]
NAMES = [("Claire Martin", "Клэр Мартен"), ("Sergei Ivanov", "Сергей Иванов"),
         ("Anna Weber", "Анна Вебер"), ("Luis Ortega", "Луис Ортега")]


def record(rng, i):
    lang, source, target = rng.choice(TEMPLATES)
    city, city_fr, city_de, city_es = rng.choice(CITIES)
    name, name_ru = rng.choice(NAMES)
    n = rng.randrange(1000, 99999)
    slots = dict(city=city, city_fr=city_fr, city_de=city_de, city_es=city_es, name=name,
                 name_ru=name_ru, n=f"{n:,}".replace(",", " "), n_en=f"{n:,}",
                 d=rng.randrange(1, 28), y=rng.randrange(1950, 2024))
    return {"id": str(i), "text": target.format(**slots), "source": source.format(**slots),
            "source_lang": lang}


def main():
    out, size = sys.argv[1], float(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    limit = int(size * 1_000_000)
    written = 0
    with open(os.path.join(out, "pairs.jsonl"), "w", encoding="utf-8") as pairs, \
            open(os.path.join(out, "targets.jsonl"), "w", encoding="utf-8") as targets:
        i = 0
        while written < limit:
            rec = record(rng, i)
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            pairs.write(line)
            targets.write(json.dumps({"id": rec["id"], "text": rec["text"]}, ensure_ascii=False) + "\n")
            written += len(line.encode())
            i += 1


if __name__ == "__main__":
    main()
