"""The key matcher as it was before the automaton (commit fb7216d): the oracle of the tests.

A faithful copy of ``text/keys.py`` and ``text/terms.py`` of that commit: word keys through
one :class:`WordMatcher` of the whole list, other keys through one regular expression
alternation. Slow at real-world sizes (25 s to compile splorp's 65,371 keys), which is why it
was replaced; kept here only so that ``test_keyset_differential.py`` can compare answers.
Run this file to store the oracle's answers for splorp's whole list
(``tests/fixtures/keys/``), which take it minutes to work out.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from commentguard._loaders import read_disqus, read_wxr
from commentguard._loaders.base import Record
from commentguard._loaders.staticman import read_staticman_folder
from commentguard.text._matcher import WordMatcher
from commentguard.text._terms import TermMatch

_WHITESPACE = re.compile(r"\s+")
_WORDS_ONLY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


class OracleTerms:
    """``TermMatcher`` of fb7216d: one alternation, the longest terms first."""

    def __init__(self, terms: Iterable[str]) -> None:
        cleaned = sorted(
            {_WHITESPACE.sub(" ", term.strip()) for term in terms if term.strip()},
            key=lambda term: (-len(term), term),
        )
        self.terms = tuple(cleaned)
        self._by_key = {_key(term): term for term in cleaned}
        pattern = "|".join(_term_pattern(term) for term in cleaned)
        self._regex = re.compile(pattern, re.IGNORECASE) if cleaned else None

    def search(self, text: str) -> TermMatch | None:
        if self._regex is None:
            return None
        found = self._regex.search(text)
        if found is None:
            return None
        term = self._by_key.get(_key(found.group()), found.group())
        return TermMatch(term=term, start=found.start(), end=found.end())


def _key(text: str) -> str:
    return _WHITESPACE.sub(" ", text).casefold()


def _term_pattern(term: str) -> str:
    body = r"\s+".join(re.escape(part) for part in term.split(" "))
    before = r"(?<!\w)" if _is_word_char(term[0]) else ""
    after = r"(?!\w)" if _is_word_char(term[-1]) else ""
    return f"{before}{body}{after}"


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class OracleKeys:
    """``KeyMatcher`` of fb7216d."""

    def __init__(self, keys: Iterable[str]) -> None:
        cleaned = [key.strip() for key in keys if key.strip()]
        word_keys = [key for key in cleaned if _WORDS_ONLY.fullmatch(key)]
        self._words = WordMatcher(word_keys) if word_keys else None
        self._literals = OracleTerms(key for key in cleaned if not _WORDS_ONLY.fullmatch(key))
        self._all_literal = OracleTerms(cleaned)

    def search(self, text: str, *, prose: bool = True) -> TermMatch | None:
        if not prose:
            return self._all_literal.search(text)
        found = []
        if self._words is not None:
            found += [TermMatch(m.word, m.start, m.end) for m in self._words.find(text, limit=1)]
        literal = self._literals.search(text)
        if literal is not None:
            found.append(literal)
        return min(found, key=lambda match: match.start, default=None)


# The shared real texts, and the oracle's answers for splorp's whole list ---------------------

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SPLORP = DATA / "wordlists" / "splorp-comment-blocklist.txt"
ANSWERS = Path(__file__).resolve().parent.parent / "fixtures" / "keys" / "splorp-oracle.json"
FIELDS = ("name", "email", "url", "body", "ip", "user_agent")
PROSE = frozenset({"name", "body"})  # user_agent is matched literally since the automaton


def splorp_keys() -> list[str]:
    """splorp's blocklist, one key a line, as the ``*_keys_file`` settings read it."""
    lines = SPLORP.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip()]


def shared_texts() -> list[tuple[str, str]]:
    """``(field, text)`` for every non-empty field of every shared real comment.

    The Staticman folder (through commentguard's loader), the WordPress and Disqus dumps,
    and the YouTube files' AUTHOR (as name) and CONTENT (as body).
    """
    records: list[Record] = []
    folder = DATA / "dumps" / "staticman-made-mistakes"
    read = read_staticman_folder(folder, folder.name, 2**20)
    records += [record for record in read if isinstance(record, Record)]
    for name, reader in (
        ("wordpress-theme-unit-test.xml", read_wxr),
        ("wordpress-isso-fixture.xml", read_wxr),
        ("disqus-isso-fixture.xml", read_disqus),
    ):
        with (DATA / "dumps" / name).open("rb") as stream:
            records += [r for r in reader(stream, name) if isinstance(r, Record)]
    rows = [record.data for record in records]
    for path in sorted((DATA / "spam").glob("Youtube*.csv")):
        with path.open(encoding="utf-8") as file:
            rows += [
                {"name": row["AUTHOR"], "body": row["CONTENT"]} for row in csv.DictReader(file)
            ]
    return [
        (field, row[field])
        for row in rows
        for field in FIELDS
        if isinstance(row.get(field), str) and row[field]
    ]


def texts_digest(texts: list[tuple[str, str]]) -> str:
    """A digest of the texts, so that stored answers are never compared with other texts."""
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()


def write_answers() -> None:
    """Store the oracle's answers for splorp's whole list on every shared text (minutes)."""
    texts = shared_texts()
    oracle = OracleKeys(splorp_keys())
    answers = {}
    for index, (field, text) in enumerate(texts):
        match = oracle.search(text, prose=field in PROSE)
        if match is not None:
            answers[str(index)] = [match.term, match.start, match.end]
    ANSWERS.parent.mkdir(parents=True, exist_ok=True)
    payload = {"texts": len(texts), "digest": texts_digest(texts), "answers": answers}
    ANSWERS.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python tests/text/keys_oracle.py: rewrite the stored answers
    write_answers()
