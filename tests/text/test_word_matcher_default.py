"""The default mode: evasions better-profanity misses, whole words, spans, censoring, threads."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commentguard.text import WordMatcher

COMPAT = WordMatcher.better_profanity("compat")
DEFAULT = WordMatcher.better_profanity()

EVASIONS = [
    ("ｆｕｃｋ off", "fuck", "ｆｕｃｋ"),  # fullwidth (NFKC)
    ("what the 𝐟𝐮𝐜𝐤", "fuck", "𝐟𝐮𝐜𝐤"),  # mathematical bold
    ("ⓢⓗⓘⓣ happens", "shit", "ⓢⓗⓘⓣ"),  # circled letters
    ("fu\u200bck this", "fuck", "fu\u200bck"),  # zero-width space
    ("fu\u200dck this", "fuck", "fu\u200dck"),  # zero-width joiner
    ("sh\u00adit", "shit", "sh\u00adit"),  # soft hyphen
    ("\ufeffb\ufeffitch", "bitch", "b\ufeffitch"),  # byte-order marks inside
    ("fuсk", "fuck", "fuсk"),  # Cyrillic es
    ("аss", "ass", "аss"),  # Cyrillic a
    ("bιtch", "bitch", "bιtch"),  # Greek iota
    ("fück you", "fuck", "fück"),  # accent
    ("fuc\u0327k", "fuck", "fuc\u0327k"),  # combining cedilla
    ("fuuuuuck", "fuck", "fuuuuuck"),  # stretched
    ("shiiiiit", "shit", "shiiiiit"),
    ("what the f u c k is this", "fuck", "f u c k"),  # split letters
    ("you f.u.c.k", "fuck", "f.u.c.k"),  # ... at the end, which better-profanity skips
    ("sh!t", "shit", "sh!t"),  # symbols better-profanity's map lacks
    ("b|tch", "bitch", "b|tch"),
    ("*fuck*", "fuck", "fuck"),  # symbols stuck to the word
    ("Fuck$$", "fuck", "Fuck"),
    ("FUCK", "fuck", "FUCK"),
    ("cheap\nfuck", "fuck", "fuck"),
    ("ni99er", "nigger", "ni99er"),  # digits the base map lacks (8 b, 9 g, 2 z)
    ("8itch please", "bitch", "8itch"),
    ("fuckin9 hell", "fucking", "fuckin9"),
    ("shi+ happens", "shit", "shi+"),  # symbols at a word's edges
    ("what a cun+ that", "cunt", "cun+"),
    ("you |njun", "injun", "|njun"),
    ("what a f*u*c*k", "fuck", "f*u*c*k"),  # stars between letters
    ("what a h a n d j o b that", "handjob", "h a n d j o b"),  # a one-letter word before
    ("ꜰᴜᴄᴋ", "fuck", "ꜰᴜᴄᴋ"),  # small capitals
    ("ƒuck", "fuck", "ƒuck"),  # f with hook
    ("ΝΙGGΑ", "nigga", "ΝΙGGΑ"),  # Greek capitals: Ν is N (its small ν is a v)
    ("ηigger", "nigger", "ηigger"),  # Greek small eta looks like n
]


@pytest.mark.parametrize(("text", "word", "matched_text"), EVASIONS)
def test_default_mode_catches_evasions(text: str, word: str, matched_text: str) -> None:
    """Disguised spellings are found, with the span of the disguised word in the original."""
    (match,) = DEFAULT.find(text)
    assert match.word.replace("_", "").replace(".", "") == word or match.word == word
    assert text[match.start : match.end] == matched_text


@pytest.mark.parametrize(
    "text",
    ["ｆｕｃｋ off", "fuсk", "fuuuuuck", "you f.u.c.k", "b|tch", "fück you"],
)
def test_compat_mode_misses_what_default_catches(text: str) -> None:
    """These are real gains: better-profanity's behaviour does not flag them."""
    assert not COMPAT.contains(text)
    assert DEFAULT.contains(text)


CLEAN = [
    "Scunthorpe United won 2-1",
    "an assassin in the classroom",
    "a cocktail in Essex",
    "ask a specialist or a therapist",
    "first class Dickens",
    "good grief, as usual",
    "Penistone and Middlesex",
    "I sob at sad films",
    "assessment of the passage",
    "Hello world!!!",
    "soooo good",
    "@scunthorpe_fan thanks",
    "$5 cocktails",
    "U.S.A. and the U.K.",
    "see t.co/cOU2WQ5L and &#128514;",  # digits in links and entities are no letters
    "<h1>Headings</h1> in mp3 and B2B, Depth 08, 53. Thanks",
    "1+1 equals 2; A+ grades, C++ and Disney+",
    "Thanks Naz! | Ana|Bob | Ana | Bob",
    "2*3*4 = 24",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_not_flagged(text: str) -> None:
    """Whole-word matching: clean words containing listed ones stay clean."""
    assert DEFAULT.find(text) == []
    assert COMPAT.find(text) == []


def test_find_in_names_the_field() -> None:
    """find_in searches several fields; each match says which one and where."""
    matches = DEFAULT.find_in({"name": "Shit Happens", "body": "all good", "url": None})
    assert [(m.field, m.word, m.start, m.end) for m in matches] == [("name", "shit", 0, 4)]


def test_allowed_and_extra_words() -> None:
    """A site may allow listed words and add its own."""
    matcher = WordMatcher.better_profanity(allowed_words=["god"], extra_words=["frak"])
    assert not matcher.contains("oh my god")
    assert not matcher.contains("oh my g o d")
    assert matcher.contains("FRAK this")
    assert matcher.contains("frrrrak")


def test_custom_list_without_leetspeak() -> None:
    """Any word list can be compiled; without a map only the default mode's extras apply."""
    matcher = WordMatcher(["casino", "free spins"])
    assert [m.word for m in matcher.find("Best c@sino with free\tspins")] == [
        "casino",
        "free spins",
    ]
    assert matcher.find("casinos are fine") == []


def test_censor_in_default_mode() -> None:
    """Each match becomes four stars; everything else is kept."""
    assert DEFAULT.censor("Oh ｆｕｃｋ, it's   s h i t!") == "Oh ****, it's   ****!"


text_with_words = st.lists(
    st.one_of(
        st.sampled_from(["fuck", "ｓｈｉｔ", "b|tch", "fuuuck", "hello", "Scunthorpe", "f u c k"]),
        st.text(max_size=6),
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text_with_words)
def test_censor_changes_only_matched_spans(text: str) -> None:
    """Outside the matched spans, the censored text is the original, byte for byte."""
    matches = DEFAULT.find(text)
    censored = DEFAULT.censor(text)
    position, rebuilt = 0, []
    for match in matches:
        assert 0 <= position <= match.start < match.end <= len(text)
        rebuilt += [text[position : match.start], "****"]
        position = match.end
    rebuilt.append(text[position:])
    assert censored == "".join(rebuilt)


def test_matcher_is_thread_safe() -> None:
    """One matcher serves many threads: results equal the single-threaded ones."""
    texts = [
        f"{word} number {index}" for index in range(400) for word in ("fuck", "ｆｕｃｋ", "ok")
    ]
    expected = [DEFAULT.find(text) for text in texts]
    fresh = WordMatcher.better_profanity(extra_words=["thread-test-word"])
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fresh.find, texts))
    assert [[m.word for m in r] for r in results] == [[m.word for m in r] for r in expected]


SYMBOL_AT_EDGE = re.compile(
    r"[a-z0-9][@$*]+(?![a-z0-9@$*])|(?<![a-z0-9@$*])[$*]+[a-z0-9]", re.IGNORECASE
)  # the pattern symbols_at_edges replaced, kept here as its reference


@settings(max_examples=2000)
@given(st.text(alphabet="aZ09@$* .\u212a\u017f\u0130_-", max_size=16))
def test_symbols_at_edges_equals_the_pattern(text: str) -> None:
    """The run-based search for symbols at word edges gives the pattern's own answers."""
    from commentguard.text._hardened import symbols_at_edges

    assert symbols_at_edges(text) == [found.start() for found in SYMBOL_AT_EDGE.finditer(text)]


def test_short_texts_are_remembered_without_sharing_the_answer() -> None:
    """A short text's matches are computed once; callers get their own list each time."""
    matcher = WordMatcher(["darn"])
    first = matcher.find("Darn it")
    first.clear()  # the caller's list: the matcher's memory is not touched
    assert [match.word for match in matcher.find("Darn it")] == ["darn"]
    long_text = "fine " * 20 + "darn"
    assert matcher.find(long_text) == matcher.find(long_text)
    assert "Darn it" in matcher._short_texts
    assert long_text not in matcher._short_texts
