"""The prepared text: HTML decoded and tags dropped once per field, spans mapped back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commentguard import Guard, Settings
from commentguard.testing import make_submission
from commentguard.text import PreparedText, prepare

SECRET = "prepared-text-tests-secret-key-0123456789"


@pytest.mark.parametrize(
    ("original", "text"),
    [
        ("&#102;uck", "fuck"),
        ("&#x66;uck &#X66;uck &#102uck", "fuck fuck fuck"),
        ("f<b></b>uck", "fuck"),
        ("f<span class='x'>u</span>ck", "fuck"),
        ("<p>one</p><p>two</p>", "\none\n\ntwo\n"),
        ("one<br/>two<br>three", "one\ntwo\nthree"),
        ("caf&eacute; &amp; cr&egrave;me", "café & crème"),
        ("f<!-- hidden -->uck", "fuck"),
        ("visible<!-- never closed", "visible"),
    ],
)
def test_markup_is_read_as_a_browser_shows_it(original, text):
    """References decoded, inline tags joined, block tags apart, comments dropped."""
    assert prepare(original).text == text


@pytest.mark.parametrize(
    "original",
    ["I <3 it", "a < b > c", "AT&T and Q&A", "&unknownentity; stays", "x&#;y", "<>", "< p>"],
)
def test_what_is_not_markup_stays_as_written(original):
    """A ``<`` not followed by a letter, or an ``&`` HTML does not know, is text."""
    prepared = prepare(original)
    assert prepared.text == original
    assert not prepared.changed


def test_text_without_markup_is_its_own_preparation():
    """No copy, no map: the common case costs nothing."""
    text = "Plain comment, nothing to decode."
    prepared = prepare(text)
    assert prepared.text is text
    assert prepared.original_span(6, 13) == (6, 13)


def test_a_span_maps_back_over_references_and_tags():
    """A match in the prepared text points at what the author wrote."""
    original = "So f<b></b>uck &#102;oo, <i>bar</i>."
    prepared = prepare(original)
    for word, written in (("fuck", "f<b></b>uck"), ("foo", "&#102;oo"), ("bar", "bar")):
        start = prepared.text.index(word)
        begin, end = prepared.original_span(start, start + len(word))
        assert original[begin:end] == written


def test_words_and_folded_view():
    """Token checks read the folded words of the prepared text, not of the markup."""
    prepared = prepare("<p>Ｈello&nbsp;WORLD</p><p>again</p>")
    assert prepared.words == ("hello", "world", "again")


def test_links_are_found_in_the_markup():
    """Links need the original: an anchor's href is gone once tags are dropped."""
    prepared = prepare('<a href="https://a.example/x">here</a> and bit.ly/y')
    assert [(link.kind, link.domain) for link in prepared.links] == [
        ("html", "a.example"),
        ("host", "bit.ly"),
    ]


def test_the_submission_prepares_once_and_never_shows_it():
    """Shared by every check, outside the fields: not dumped, not compared, not in the repr."""
    submission = make_submission(body="f<b></b>uck")
    first = submission.prepared
    assert submission.prepared is first
    assert first.body.text == "fuck"
    assert "prepared" not in repr(submission)
    assert "prepared" not in submission.model_dump()
    assert submission == submission.model_copy()
    changed = submission.model_copy(update={"body": "&#102;oo"})
    assert changed.prepared.body.text == "foo"  # a copy with another body prepares its own


def test_the_profanity_finding_points_at_the_markup_the_author_wrote():
    """Through the guard: ``&#102;uck`` and ``f<b></b>uck`` are held, spans in the body."""
    guard = Guard(Settings(secret_key=SECRET), load_entry_points=False)
    for body, written in (
        ("It is &#102;uck ugly", "&#102;uck"),
        ("so f<b></b>uck it", "f<b></b>uck"),
    ):
        sender = {"name": "Reader", "email": f"r{len(body)}@example.org"}  # no flood
        decision = guard.moderate({**sender, "body": body})
        [finding] = [f for f in decision.findings if f.code == "profanity.word"]
        assert finding.span is not None
        assert body[finding.span[0] : finding.span[1]] == written


def test_the_links_check_counts_hosts_without_a_scheme():
    """``bit.ly/x`` and ``cheap.example.com`` are links: two of them are held."""
    guard = Guard(Settings(secret_key=SECRET), load_entry_points=False)
    decision = guard.moderate(
        {"name": "Reader", "email": "r@example.org", "body": "go bit.ly/x or pills.ru now"}
    )
    assert "links.too_many" in decision.codes


_MARKUP_PIECES = st.lists(
    st.sampled_from(
        [
            *"ab <>/&#;",
            "<b>",
            "</p>",
            "<br/>",
            "&#102;",
            "&amp;",
            "&#x1F600;",
            "<!--",
            "-->",
            "&eacute;",
        ]
    ),
    max_size=30,
).map("".join)


@given(_MARKUP_PIECES)
def test_every_prepared_character_comes_from_the_span_it_maps_to(original):
    """Each character of the prepared text is in the preparation of the piece it maps to."""
    prepared = prepare(original)
    previous = (0, 0)
    for index, char in enumerate(prepared.text):
        start, end = prepared.original_span(index, index + 1)
        assert 0 <= start < end <= len(original)
        assert previous[0] <= start  # spans never go back
        assert char in prepare(original[start:end]).text
        previous = (start, end)
    whole = prepared.original_span(0, len(prepared.text))
    assert 0 <= whole[0] <= whole[1] <= len(original)


@given(st.text(max_size=80))
def test_any_text_prepares_and_maps_within_bounds(original):
    """Arbitrary text: spans stay inside the original and are ordered."""
    prepared = prepare(original)
    assert isinstance(prepared, PreparedText)
    length = len(prepared.text)
    for start in range(0, length + 1, 3):
        begin, end = prepared.original_span(start, min(start + 4, length))
        assert 0 <= begin <= end <= len(original)
