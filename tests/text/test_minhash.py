"""The MinHash of issue 19 (remembered gram hashes, one keyed hash a band) gives
the signature and bands of the gram-by-gram version before it, on real and random texts."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commentguard.text import prepare
from commentguard.text._minhash import BINS, ROWS, band_hashers, band_hashes, signature
from duplicate_reference import grams as old_grams
from duplicate_reference import signature as old_signature

SPAM = Path(__file__).resolve().parents[3] / "shared" / "data" / "spam"
SECRET = b"minhash-oracle-secret"


def reference_signature(text: str) -> list[tuple[int, int]]:
    """The signature before issue 19, gram by gram, as ``(value, distance)`` rows.

    ``duplicate_reference.signature`` encodes a borrowed bin as ``value + distance * 2**64``.
    """
    values = old_signature(old_grams(text.split(" ")))
    return [(value % 2**64, value // 2**64) for value in values]


def reference_bands(rows: list[tuple[int, int]], secret: bytes) -> list[str]:
    """Each band keyed-hashed on its own, as ``band_hashes`` promises."""
    key = hashlib.blake2b(secret, digest_size=64, person=b"cg.minhash.band").digest()
    hashes = []
    for band in range(BINS // ROWS):
        raw = b"".join(
            value.to_bytes(8, "little") + distance.to_bytes(8, "little")
            for value, distance in rows[band * ROWS : (band + 1) * ROWS]
        )
        message = band.to_bytes() + raw
        hashes.append(hashlib.blake2b(message, key=key, digest_size=16).hexdigest())
    return hashes


def _agrees(text: str) -> None:
    flat = signature(text)
    rows = reference_signature(text)
    assert all(type(number) is int for number in flat)
    assert flat == [number for row in rows for number in row]
    assert band_hashes(flat, band_hashers(SECRET)) == reference_bands(rows, SECRET)


def test_agrees_with_the_reference_on_the_shared_youtube_comments() -> None:
    """Every YouTube comment of the shared data, normalised as the duplicate check does."""
    if not SPAM.is_dir():
        pytest.skip(f"{SPAM} not found (the shared data sits beside the repository)")
    for path in sorted(SPAM.glob("Youtube*.csv")):
        with path.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                _agrees(" ".join(prepare(row["CONTENT"]).words))


@pytest.mark.parametrize("text", ["", "a", "abc", "abcd", "\U0001f600\U0010ffff x"])
def test_agrees_on_short_and_unusual_texts(text: str) -> None:
    """Texts shorter than a gram, astral code points."""
    _agrees(text)


def test_a_lone_surrogate_fails_as_before() -> None:
    """The UTF-8 of a lone surrogate cannot be hashed: the check fails (and holds) as before."""
    with pytest.raises(UnicodeEncodeError):
        signature("ab\ud800cd")


@given(st.text(max_size=300))
def test_agrees_on_any_text(text: str) -> None:
    """Random texts of every script."""
    _agrees(text)


def test_bands_depend_on_the_secret() -> None:
    """Without the secret a band's store key says nothing; another secret, other keys."""
    rows = signature("the same text under two secrets")
    assert set(band_hashes(rows, band_hashers(b"one"))).isdisjoint(
        band_hashes(rows, band_hashers(b"two"))
    )


def test_near_duplicates_share_a_band_and_unrelated_texts_do_not() -> None:
    """A changed link keeps a band; an unrelated text of the same length shares none."""
    hasher = band_hashers(SECRET)
    base = "earn 500 dollars a day from home with this one simple trick at cash example {}"
    first = set(band_hashes(signature(base.format("one")), hasher))
    second = set(band_hashes(signature(base.format("two")), hasher))
    other = set(band_hashes(signature("the council published its figures for the year"), hasher))
    assert first & second
    assert not first & other
