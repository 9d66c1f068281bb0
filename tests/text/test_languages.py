"""Other languages' word lists (LDNOOBW): whole words where scripts have spaces, else substrings."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commentguard.text._languages import (
    LANGUAGES,
    SUBSTRING_LANGUAGES,
    LanguageLists,
    compile_languages,
    language_words,
    matched_as_substring,
)
from shared_data import shared_data

PACKAGE_LISTS = Path(__file__).resolve().parents[2] / "src" / "commentguard" / "text" / "data"


def found(codes, text):
    return [
        (m.word, m.language, text[m.start : m.end]) for m in compile_languages(codes).find(text)
    ]


@pytest.mark.parametrize(
    ("codes", "text", "expected"),
    [
        (("de",), "Du bist ein Arschloch!", [("arschloch", "de", "Arschloch")]),
        (("de",), "So ein DÖDEL.", [("dödel", "de", "DÖDEL")]),
        (("tr",), "Siktir git", [("siktir", "tr", "Siktir")]),
        (("tr",), "SİKTİR GİT", [("siktir", "tr", "SİKTİR")]),  # dotted capital I
        (("tr",), "otuz  birci", [("otuz birci", "tr", "otuz  birci")]),  # any whitespace
        (("fr",), "Quel connard", [("connard", "fr", "connard")]),
        (("es",), "¡el coño!", [("Coño", "es", "coño")]),
        (("ru",), "ты бздёнок", [("бздёнок", "ru", "бздёнок")]),
        (("ru",), "ТЫ БЗДЁНОК", [("бздёнок", "ru", "БЗДЁНОК")]),
        (("ar",), "انت كس", [("كس", "ar", "كس")]),
        (("ko",), "미친 사람", [("미친", "ko", "미친")]),
        (("hi",), "behen chod", [("behen chod", "hi", "behen chod")]),
        (("de",), "Ｆｏｔｚｅ", [("fotze", "de", "Ｆｏｔｚｅ")]),  # fullwidth letters
    ],
)
def test_a_listed_word_of_a_language_matches(codes, text, expected):
    """A word of each list matches as a whole word, in any case and compatibility form."""
    assert found(codes, text) == expected


@pytest.mark.parametrize(
    ("codes", "text"),
    [
        (("de",), "Arschlochkind"),  # a German listed word inside a longer word
        (("de",), "Die Hurensohnfrage"),
        (("de",), "Ein Fickfehler"),
        (("tr",), "Bu elbise çok şık"),  # şık (chic) is not sik
        (("tr",), "sık sık gelir"),  # sık (often) is not sik
        (("tr",), "I got it, gotten"),  # no accent is not göt's accent
        (("tr",), "Amcam geldi"),  # am inside amcam (my uncle)
        (("es",), "un cono de helado"),  # cono (cone) is not coño
        (("ko",), "미친듯이"),  # Hangul has spaces: whole words only
        (("ja",), "I smile at the xxl size"),  # the Japanese list's Latin entries: whole words
    ],
)
def test_whole_words_only_and_accents_count(codes, text):
    """A listed word inside a longer word, or without its accents, does not match."""
    assert found(codes, text) == []


@pytest.mark.parametrize(
    ("code", "text", "word"),
    [
        ("zh", "这部三级片很烂", "三级片"),
        ("ja", "これはアナルです", "アナル"),
        ("th", "กูไม่รู้", "กู"),
    ],
)
def test_chinese_japanese_thai_match_as_substrings(code, text, word):
    """Scripts without spaces: a listed word counts wherever it appears."""
    assert code in SUBSTRING_LANGUAGES
    assert [(m.word, m.language) for m in compile_languages((code,)).find(text)] == [(word, code)]


def test_decomposed_accents_match():
    """A text with its accents as combining marks (NFD) matches the word written composed."""
    text = unicodedata.normalize("NFD", "du göt")
    (match,) = compile_languages(("tr",)).find(text)
    assert (match.word, text[match.start : match.end]) == ("göt", text[3:])


def test_longest_word_at_one_place_and_no_overlaps():
    """At one place the longest listed word wins; matches do not overlap; limit stops early."""
    lists = compile_languages(("tr",))
    text = "götveren göt götü"
    assert [m.word for m in lists.find(text)] == ["götveren", "göt", "götü"]
    assert [m.word for m in lists.find(text, limit=1)] == ["götveren"]


def test_a_word_in_two_lists_names_the_first_language_given():
    """A word listed by two languages is reported with the one the site named first."""
    assert "pizda" in language_words("cs")
    assert "pizda" in language_words("pl")
    assert [m.language for m in compile_languages(("pl", "cs")).find("pizda")] == ["pl"]
    assert [m.language for m in compile_languages(("cs", "pl")).find("pizda")] == ["cs"]


def test_every_shipped_word_matches_itself():
    """Each word of every list matches when it is the whole text."""
    for code in LANGUAGES:
        lists = LanguageLists((code,))
        for word in language_words(code):
            matches = lists.find(word)
            assert [(m.start, m.end) for m in matches][:1] == [(0, len(word))], (code, word)


def test_substring_languages_are_the_no_space_scripts():
    """The lists matched as substrings are exactly those whose words hold no-space letters."""
    substring = {code for code in LANGUAGES if any(map(matched_as_substring, language_words(code)))}
    assert substring == set(SUBSTRING_LANGUAGES)


def test_english_adds_nothing():
    """English is better-profanity's list (the WordMatcher's): no LDNOOBW words for it."""
    assert language_words("en") == ()
    assert not compile_languages(("en",))


def test_unknown_code_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"'xx'.*valid codes: ar, cs"):
        language_words("xx")


def test_the_package_ships_the_lists_with_licence_and_attribution():
    """Every list, the CC BY 4.0 licence and the attribution ship in the package."""
    folder = PACKAGE_LISTS / "ldnoobw"
    shipped = {path.stem for path in folder.glob("*.txt")}
    assert shipped == set(LANGUAGES) - {"en"}
    assert "Attribution 4.0 International" in (folder / "LICENSE").read_text("utf-8")
    assert "CC BY 4.0" in (folder / "ATTRIBUTION.md").read_text("utf-8")


def test_the_shipped_lists_are_ldnoobws():
    """Each shipped list has the words of the shared copy of LDNOOBW, unchanged."""
    shared_lists = shared_data("wordlists/ldnoobw")
    for code in set(LANGUAGES) - {"en"}:
        source = shared_lists / ("fr-CA-u-sd-caqc" if code == "fr-CA" else code)
        words = [line.strip() for line in source.read_text("utf-8").splitlines() if line.strip()]
        assert language_words(code) == tuple(words), code


def test_the_wheel_ships_the_lists(tmp_path):
    """A built wheel holds every list, the licence and the attribution."""
    build = pytest.importorskip("hatchling.builders.wheel")
    builder = build.WheelBuilder(str(PACKAGE_LISTS.parents[3]))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = "commentguard/text/data/ldnoobw"
    expected = {f"{folder}/{code}.txt" for code in set(LANGUAGES) - {"en"}}
    assert expected | {f"{folder}/LICENSE", f"{folder}/ATTRIBUTION.md"} <= names


@pytest.mark.parametrize(
    "text",
    ["Arsch\u200bloch", "Arsch\u00adloch", "Ar\u200dsch\u2060loch", "\ufeffArschloch"],
)
def test_invisible_characters_inside_a_word_are_skipped(text):
    """Zero-width characters and soft hyphens do not hide a word; the span covers them."""
    (match,) = compile_languages(("de",)).find(text)
    assert match.word == "arschloch"
    assert text[match.start : match.end].replace("\ufeff", "") == text.replace("\ufeff", "")


def test_invisible_characters_and_runs_of_space_together():
    """A phrase split by spaces and invisible characters still matches, spans intact."""
    text = "ok otuz \u200b  bir\u200bci!"
    (match,) = compile_languages(("tr",)).find(text)
    assert (match.word, text[match.start : match.end]) == ("otuz birci", text[3:-1])


def test_thai_sara_am_as_typed_matches_the_lists_two_characters():
    """The Thai list writes sara am as nikhahit and sara aa; typed text has U+0E33."""
    typed = "น้\u0e33แตก"
    assert "น้\u0e4d\u0e32แตก" in language_words("th")
    (match,) = compile_languages(("th",)).find(typed)
    assert (match.start, match.end) == (0, len(typed))


@pytest.mark.parametrize(
    ("codes", "text", "word"),
    [
        (("de",), "du \u0430rschloch", "arschloch"),  # Cyrillic а
        (("de",), "Du \u0410RSCHLOCH", "arschloch"),  # Cyrillic А
        (("fr",), "quel c\u03bfnnard", "connard"),  # Greek ο
    ],
)
def test_look_alike_letters_inside_a_latin_word_match(codes, text, word):
    """A Latin word disguised with a few Cyrillic or Greek look-alikes still matches."""
    (match,) = compile_languages(codes).find(text)
    assert (match.word, match.start, match.end) == (word, text.index(text.split()[-1]), len(text))


def test_words_of_one_other_script_are_not_read_as_latin():
    """A word all in Cyrillic is Russian, not a Latin word of look-alikes."""
    lists = compile_languages(("ru", "de", "fr"))
    assert [m.word for m in lists.find("ты бздёнок")] == ["бздёнок"]
    assert lists.find("\u0441\u043e\u043d\u043d\u0430\u0433\u0434") == []  # соннагд
    # "cyka" in Cyrillic is not the Latin spelling of a listed word
    assert compile_languages(("fr",)).find("\u0441\u0443\u043a\u0430") == []


@given(st.text(alphabet="ab \u200b\u00ad\t", max_size=40))
def test_offsets_survive_dropped_invisible_characters_and_spaces(text):
    """Matches found in the compacted text map back to the listed word's letters in ``text``."""
    lists = compile_languages(("de",))
    body = text.replace("a", "fick").replace("b", "arsch")
    for match in lists.find(body):
        letters = "".join(c for c in body[match.start : match.end] if c.isalpha())
        assert letters == match.word
        assert body[match.start].isalpha()
        assert body[match.end - 1].isalpha()
