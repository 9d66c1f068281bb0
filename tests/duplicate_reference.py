"""The duplicate check's campaign half as it was before issue 19, the oracle of the fast one.

BLAKE2b per 4-gram, an HMAC per band, three store calls per band; how the bands' members are
counted is the check's own. The fast check must find what this one finds on real comments
(``test_duplicate_differential.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from commentguard._identity import keyed_hash
from commentguard.checks._duplicate import CAMPAIGN_TEXT_CHARS, DuplicateCheck, _first_chars

BINS = 64
ROWS = 4
_EMPTY = 1 << 64


def grams(words: Iterable[str], size: int = 4) -> set[str]:
    text = " ".join(words)
    return {text[start : start + size] for start in range(max(len(text) - size + 1, 1))}


def signature(features: set[str]) -> list[int]:
    bins = [_EMPTY] * BINS
    for feature in features:
        value = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest())
        slot, rest = value % BINS, value // BINS
        if rest < bins[slot]:
            bins[slot] = rest
    if all(value == _EMPTY for value in bins):
        return bins
    filled = list(bins)
    for index, value in enumerate(bins):
        if value != _EMPTY:
            continue
        distance = 1
        while bins[(index + distance) % BINS] == _EMPTY:
            distance += 1
        filled[index] = bins[(index + distance) % BINS] + distance * _EMPTY
    return filled


def bands(values: list[int]) -> list[str]:
    return [
        f"{start // ROWS}:"
        + hashlib.blake2b(
            ",".join(map(str, values[start : start + ROWS])).encode(), digest_size=8
        ).hexdigest()
        for start in range(0, len(values), ROWS)
        if values[start] != _EMPTY
    ]


class ReferenceDuplicateCheck(DuplicateCheck):
    """The duplicate check with its bands looked up as before."""

    def _band_sets(
        self, words: Sequence[str], sender: str, window: float, full_at: int, joined: str
    ) -> list[list[str] | None]:
        assert self._store is not None
        found: list[list[str] | None] = []
        for band in bands(signature(grams(_first_chars(words, CAMPAIGN_TEXT_CHARS)))):
            band_hash = keyed_hash(self._secret, band)
            full_key = self.store_key("band-full", band_hash)
            if self._store.get(full_key) is not None:
                self._store.set(full_key, "1", window)
                found.append(None)
                continue
            key = self.store_key("band", band_hash)
            if self._store.add_member(key, sender, window) >= full_at:
                self._store.set(full_key, "1", window)
                found.append(None)
                continue
            found.append(self._store.members(key))
        return found
