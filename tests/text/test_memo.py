"""Remembered answers and compiled lists stay within their bounds, whatever they are sent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from commentguard.text import WordMatcher
from commentguard.text._memo import CompiledLists, Memo


@given(st.lists(st.text(max_size=80), max_size=300))
def test_a_memo_never_holds_more_than_its_bound(keys: list[str]) -> None:
    """However many keys come, the estimated size stays under the bound; long keys stay out."""
    memo: Memo[str, int] = Memo(max_bytes=4096, max_key_chars=40)
    for number, key in enumerate(keys):
        memo.remember(key, number)
        assert memo.size_bytes <= 4096
    assert all(len(key) <= 40 for key in memo)
    if keys and len(keys[-1]) <= 40:
        assert memo[keys[-1]] == len(keys) - 1  # the last answer is always kept


def test_a_worker_sent_many_long_comments_keeps_its_tables_small() -> None:
    """Distinct long comments of disguised words fill each table to its bound, never past it."""
    matcher = WordMatcher.better_profanity(extra_words=["memo-bound-test-word"])
    hardened = matcher._hardened
    assert hardened is not None
    tables = [
        matcher._short_texts,
        matcher._compat._verdicts,
        matcher._compat._phrases,
        hardened._verdicts,
        hardened._keys,
        hardened._windowed,
    ]
    for table in tables:
        table.max_bytes = 16_384  # small, so that the comments below fill every table
    for number in range(100):
        words = " ".join(f"sh!t{number}x{n} s h i t{n}" for n in range(40))
        matcher.find(words + "".join(f"|a|{n % 7}|e" for n in range(number, number + 300)))
        matcher.find(f"Reader {number}")
    assert all(0 < table.size_bytes <= table.max_bytes for table in tables)
    assert all(len(key) <= table.max_key_chars for table in tables for key in table)


def test_compiled_lists_drop_the_least_recently_used_past_their_bound() -> None:
    """A list asked for again is the same object; past the bound the oldest is rebuilt."""
    built: list[tuple[str, ...]] = []

    def build(words: tuple[str, ...]) -> list[str]:
        built.append(words)
        return list(words)

    lists = CompiledLists(build, lambda words: sum(map(len, words)), max_chars=10)
    first = lists.get(("abcd",))
    assert lists.get(("abcd",)) is first
    lists.get(("efgh",))
    lists.get(("abcd",))  # used again: now the most recent
    lists.get(("ijkl",))  # 12 characters: "efgh" goes
    lists.get(("abcd",))
    lists.get(("efgh",))
    assert built == [("abcd",), ("efgh",), ("ijkl",), ("efgh",)]
