"""The key automaton gives the answers of the matcher it replaced, on every shared real text.

The oracle is that matcher, kept in ``keys_oracle.py``: one word matcher of the whole list for
word keys, one regular expression alternation for the others. Compared: the key reported
(``matched``), its span and, through the check, the field and code of each finding. For
splorp's whole list (65,371 keys) the oracle needs minutes, so its answers are stored
(``tests/fixtures/keys/splorp-oracle.json``, written by ``python tests/text/keys_oracle.py``)
and checked live on a sample here; smaller lists are compared live on every text.
"""

from __future__ import annotations

import json
import random

import pytest
from keys_oracle import (
    ANSWERS,
    PROSE,
    OracleKeys,
    shared_texts,
    splorp_keys,
    texts_digest,
)

from commentguard.checks import WordlistsCheck
from commentguard.checks._wordlists import WordlistsSettings
from commentguard.testing import make_submission
from commentguard.text._keys import KeyMatcher
from commentguard.text._keyset import KeySet
from commentguard.text._terms import TermMatch
from shared_data import shared_data

SMALL_LISTS = {
    "wordpress-like": [
        "casino",
        "free spins",
        "viagra",
        "192.0.2.",
        ".ru",
        "spam@example.com",
        "straße",
    ],
    "tricky": [
        "great post",
        "greatpost",
        "http www",
        "httpwww",
        "thanks for sharing",
        "İstanbul",
        "ΟΔΟΣ",
        "uѕ",  # a Cyrillic ѕ: folds to "us"
        "οn",  # a Greek omicron
        "a",
        "I",
        "the",
        "*@",
        "_biz",
        ".com",
        "http://",
        "www.",
        "(",
    ],
}


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    """Every shared text; the tests that compare on them need splorp's list too."""
    for needed in ("wordlists/splorp-comment-blocklist.txt", "dumps", "spam"):
        shared_data(needed)
    return shared_texts()


def test_the_shared_texts_are_the_ones_counted(texts: list[tuple[str, str]]) -> None:
    """Every field of the 1,451 shared comments that has text: 3,098 texts to compare."""
    assert len(texts) > 3_000
    assert {field for field, _ in texts} >= {"name", "email", "url", "body", "ip"}


@pytest.mark.parametrize("name", sorted(SMALL_LISTS))
def test_small_lists_match_as_the_oracle_does(texts: list[tuple[str, str]], name: str) -> None:
    keys = SMALL_LISTS[name]
    _compare(OracleKeys(keys), KeyMatcher(keys), texts)


@pytest.mark.parametrize("size", [7, 1_000])
def test_the_first_keys_of_splorp_match_as_the_oracle_does(
    texts: list[tuple[str, str]], size: int
) -> None:
    keys = splorp_keys()[:size]
    _compare(OracleKeys(keys), KeyMatcher(keys), texts)


def test_splorp_matches_the_stored_answers_of_the_oracle(texts: list[tuple[str, str]]) -> None:
    """The whole list against the oracle's stored answers, on every shared text."""
    stored = json.loads(ANSWERS.read_text(encoding="utf-8"))
    assert stored["digest"] == texts_digest(texts), "shared texts changed: rerun keys_oracle.py"
    matcher = KeyMatcher(splorp_keys())
    answers = {str(index): answer for index, answer in stored["answers"].items()}
    differences = []
    for index, (field, text) in enumerate(texts):
        expected = answers.get(str(index))
        got = matcher.search(text, prose=field in PROSE)
        if (None if expected is None else TermMatch(*expected)) != got:
            differences.append((field, text[:80], expected, got))
    assert differences == []
    assert len(answers) > 500  # a third of the shared comments hold one of splorp's keys


def test_the_stored_answers_are_the_oracle_s(texts: list[tuple[str, str]]) -> None:
    """A sample of the stored answers worked out again by the oracle itself."""
    stored = json.loads(ANSWERS.read_text(encoding="utf-8"))["answers"]
    oracle = OracleKeys(splorp_keys())
    sample = random.Random(16).sample(range(len(texts)), 60)
    for index in sample:
        field, text = texts[index]
        expected = stored.get(str(index))
        got = oracle.search(text, prose=field in PROSE)
        assert (None if expected is None else TermMatch(*expected)) == got


def test_findings_name_the_oracle_s_match_and_field(texts: list[tuple[str, str]]) -> None:
    """Through the check: code, field, span and matched key, two lists in one automaton.

    The check reads the body as a reader sees it (``submission.prepared``: WXR and Disqus
    bodies are HTML) and reports spans in the body as sent.
    """
    disallowed, moderation = SMALL_LISTS["wordpress-like"], SMALL_LISTS["tricky"]
    check = WordlistsCheck(
        WordlistsSettings(
            disallowed_keys=tuple(disallowed), moderation_keys=tuple(moderation), fields=("body",)
        )
    )
    oracles = {"disallowed": OracleKeys(disallowed), "moderation": OracleKeys(moderation)}
    bodies = [text for field, text in texts if field == "body"]
    for body in bodies:
        submission = make_submission(body=body)  # validation trims the body
        findings = {finding.code: finding for finding in check.check(submission)}
        for list_name, oracle in oracles.items():
            prepared = submission.prepared.body
            expected = oracle.search(prepared.text)
            finding = findings.get(f"wordlists.{list_name}")
            if expected is None:
                assert finding is None
            else:
                assert finding is not None
                assert (finding.field, finding.span, finding.matched) == (
                    "body",
                    prepared.original_span(expected.start, expected.end),
                    expected.term,
                )


def test_one_automaton_answers_for_each_list_as_its_own_matcher() -> None:
    """A KeySet of two lists gives each list the answer of a KeyMatcher of that list alone."""
    lists = {"disallowed": SMALL_LISTS["wordpress-like"], "moderation": SMALL_LISTS["tricky"]}
    keys = KeySet(lists)
    alone = {name: KeyMatcher(words) for name, words in lists.items()}
    for text in ["Great post on free spins", "c@sino from 192.0.2.7", "nothing to see", "uѕ"]:
        for prose in (True, False):
            expected = {
                name: match
                for name, matcher in alone.items()
                if (match := matcher.search(text, prose=prose)) is not None
            }
            assert keys.search(text, prose=prose) == expected


def _compare(oracle: OracleKeys, matcher: KeyMatcher, texts: list[tuple[str, str]]) -> None:
    differences = []
    for field, text in texts:
        prose = field in PROSE
        expected, got = oracle.search(text, prose=prose), matcher.search(text, prose=prose)
        if expected != got:
            differences.append((field, text[:80], expected, got))
    assert differences == []
