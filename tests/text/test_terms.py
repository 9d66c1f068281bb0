"""commentguard.text._terms: whole-word, case-insensitive matching of word lists and phrases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commentguard.text import TermMatch, TermMatcher, compile_terms
from commentguard.text._keys import KeyMatcher


def test_find_returns_every_match_left_to_right():
    """find() returns each occurrence, in order, with the listed term and its span."""
    text = "Spam, more SPAM and eggs; spam!"

    matches = compile_terms(["spam", "eggs"]).find(text)

    assert [(m.term, text[m.start : m.end]) for m in matches] == [
        ("spam", "Spam"),
        ("spam", "SPAM"),
        ("eggs", "eggs"),
        ("spam", "spam"),
    ]


def test_longest_term_wins_and_matches_do_not_overlap():
    """At one position the longest term matches, and matches never overlap."""
    text = "New   York City and new\nyork and york"

    matches = compile_terms(["york", "new york", "new york city"]).find(text)

    assert matches == [
        TermMatch("new york city", 0, 15),
        TermMatch("new york", 20, 28),
        TermMatch("york", 33, 37),
    ]


def test_terms_are_sorted_longest_first_and_cleaned():
    """terms holds each distinct term once, whitespace collapsed, longest first."""
    matcher = TermMatcher(["a", "  new \t york ", "", "   ", "abc", "a"])

    assert matcher.terms == ("new york", "abc", "a")
    assert len(matcher) == 3
    assert matcher


def test_search_returns_first_match():
    """search() returns the leftmost match."""
    assert compile_terms(["b", "c"]).search("a c b") == TermMatch("c", 2, 3)


def test_search_returns_none_without_match():
    """search() returns None when nothing matches, and find() an empty list."""
    matcher = compile_terms(["spam"])

    assert matcher.search("ham and eggs") is None
    assert matcher.find("ham and eggs") == []


@pytest.mark.parametrize("terms", [[], ["", "  ", "\n"]])
def test_empty_list_compiles_and_matches_nothing(terms):
    """An empty (or all-blank) list compiles to a falsy matcher that never matches."""
    matcher = compile_terms(terms)

    assert not matcher
    assert len(matcher) == 0
    assert matcher.search("anything") is None
    assert matcher.find("anything at all") == []


@pytest.mark.parametrize(
    ("term", "hit", "miss"),
    [
        ("a.b", "x a.b y", "x aXb y"),
        ("c++", "I like c++ a lot", "I like c a lot"),
        ("(x)", "see (x) here", "see x here"),
        ("foo*", "foo* bar", "foooo bar"),
        ("1+1=2", "yes 1+1=2", "yes 11=2"),
        ("[abc]", "a [abc] b", "a b c"),
        ("^$|", "odd ^$| here", "plain text"),
        ("\\d", "a \\d b", "a 5 b"),
    ],
)
def test_regex_metacharacters_are_literal(term, hit, miss):
    """Terms are matched literally: regex metacharacters have no special meaning."""
    matcher = compile_terms([term])

    found = matcher.search(hit)
    assert found is not None
    assert found.term == term
    assert hit[found.start : found.end] == term
    assert matcher.search(miss) is None


@pytest.mark.parametrize(
    ("term", "text"),
    [("ass", "class"), ("ass", "assassin"), ("ass", "bass_line"), ("ass", "ass9"), ("é", "café")],
)
def test_word_edges_need_a_boundary(term, text):
    """A term whose edge is a word character does not match inside a word."""
    assert compile_terms([term]).search(text) is None


@pytest.mark.parametrize(
    ("term", "text", "span"),
    [
        ("192.0.2.", "from 192.0.2.55 today", (5, 13)),
        (".ru", "http://pills.ru/", (12, 15)),
        ("-spam-", "x-spam-y", (1, 7)),
    ],
)
def test_non_word_edges_need_no_boundary(term, text, span):
    """A term whose edge is punctuation matches right next to word characters (partial IPs)."""
    found = compile_terms([term]).search(text)

    assert found is not None
    assert (found.start, found.end) == span


def test_partial_ip_does_not_match_another_network():
    """'192.0.2.' does not match inside 192.0.20.1."""
    assert compile_terms(["192.0.2."]).search("192.0.20.1") is None


@pytest.mark.parametrize(
    ("term", "text"),
    [("Zürich", "ZÜRICH"), ("café", "CAFÉ"), ("ΣΟΦΙΑ", "σοφια"), ("ǅemal", "ǆemal")],
)
def test_case_insensitive_for_non_ascii(term, text):
    """Matching ignores case for non-ASCII letters, and reports the listed term."""
    found = compile_terms([term]).search(f"in {text}!")

    assert found is not None
    assert found.term == term
    assert (found.start, found.end) == (3, 3 + len(text))


def test_match_reports_the_listed_spelling():
    """The reported term is the one from the list, not the text's spelling or spacing."""
    found = compile_terms(["Cheap Pills"]).search("buy CHEAP\n\tpills")

    assert found == TermMatch("Cheap Pills", 4, 16)


def test_word_keys_fold_case_fully():
    """Word keys go through WordMatcher, which folds case fully: 'straße' matches 'STRASSE'."""
    assert KeyMatcher(["straße"]).search("Die STRASSE ist lang") is not None


def test_word_keys_match_decomposed_accents():
    """A key with a precomposed accent matches the same word written with a combining accent."""
    assert KeyMatcher(["café"]).search("le cafe\u0301 noir") is not None


def test_literal_keys_stay_literal_in_addresses():
    """Outside prose, keys are matched literally, with '@' and '.' separating words."""
    keys = KeyMatcher(["spamdomain", "192.0.2."])
    assert keys.search("ada@spamdomain.example", prose=False) is not None
    assert keys.search("192.0.2.55", prose=False) is not None
    assert keys.search("192.0.20.1", prose=False) is None


def test_compile_terms_reuses_matchers():
    """compile_terms returns the same matcher for the same list (cached)."""
    assert compile_terms(["alpha", "beta"]) is compile_terms(["alpha", "beta"])
    assert compile_terms(("alpha", "beta")) is compile_terms(iter(["alpha", "beta"]))


# --- properties ---------------------------------------------------------------------------

_words = st.text(alphabet="abcXYZé .-1", min_size=1, max_size=6).filter(str.strip)


@given(terms=st.lists(_words, min_size=1, max_size=5), text=st.text(max_size=60))
def test_find_spans_are_ordered_non_overlapping_and_listed(terms, text):
    """Every match is a listed term, in order, without overlap, and search() is the first one."""
    matcher = compile_terms(terms)
    matches = matcher.find(text)

    previous_end = 0
    for match in matches:
        assert match.term in matcher.terms
        assert previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
    assert matcher.search(text) == (matches[0] if matches else None)


@given(
    word=st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1, max_size=8),
    left=st.sampled_from(["", " ", "(", "...", "\n"]),
    right=st.sampled_from(["", " ", ")", "!", "\t"]),
)
def test_a_word_surrounded_by_non_word_characters_is_found(word, left, right):
    """A listed word is found wherever it stands between non-word characters or text edges."""
    text = f"{left}{word}{right}"

    found = compile_terms([word]).search(text)

    assert found is not None
    assert text[found.start : found.end] == word
