"""MinHash signatures cut into bands, for finding near-duplicate comments (LSH).

A text becomes the set of its character 4-grams (over its normalised words). The signature is
one-permutation MinHash (Li, Owen and Zhang 2012): each gram's hash picks one of 64 bins and
the bin keeps the smallest hash it sees, which costs one hash per gram instead of 64. Two
texts agree on a bin with probability close to the Jaccard similarity of their sets, so
cutting the signature into 16 bands of 4 and looking texts up by band finds a pair with
probability 1 - (1 - J^4)^16 for Jaccard similarity J: 99 % at 0.7, 89 % at 0.6, 64 % at 0.5,
and 0.2 % for unrelated texts at 0.1.
Small edits and shuffled links keep most 4-grams, so they still match.

Each gram's hash is its 8-byte BLAKE2b as an integer, remembered in a bounded table since
real comments share most of their grams (the shared data's 1,405 comments have 21,000
distinct 4-grams in 145,000); a gram not remembered is found by ``list.index`` from the
last, not by a loop over all of them. ``tests/duplicate_reference.py`` keeps the first
version as the oracle. The bins are filled in plain Python: numpy did it faster, but
importing it on every web worker cost 12 MB and, through the garbage collector walking its
objects, doubled the time of a 64 KB hostile body (benchmarks/worst_case.py, "fullwidth
letters"). So the signature is one flat list of numbers, packed for the band hashes in one
``struct`` call, and the second pass, filling the empty bins, stops at the leftmost one.
The gram hashes are not secret (any process must compute the same ones); what goes into a
store is each band under a keyed BLAKE2b (:func:`band_hashes`).
"""

from __future__ import annotations

import hashlib
import struct
from itertools import repeat
from operator import rshift

from commentguard.text._memo import WORD_MEMO_BYTES, Memo

BINS = 64
ROWS = 4  # bins per band; 16 bands
SIZE = 4  # characters per gram
_BANDS = BINS // ROWS
_EMPTY = 2**64  # a bin no gram fell into: above every 64-bit hash
_SLOT_BITS, _SLOT_MASK = 6, BINS - 1
_GRAM_HASHES: Memo[str, int] = Memo(
    max_bytes=WORD_MEMO_BYTES,
    max_key_chars=SIZE,
    value_bytes=36,  # sys.getsizeof of a 64-bit int (15 in 16 need its three digits)
)
_UNKEYED = hashlib.blake2b(digest_size=8)  # copied for each gram: skips parsing the arguments
_PACK = struct.Struct(f"<{2 * BINS}Q").pack
_BAND_SLICES = [slice(band * ROWS * 16, (band + 1) * ROWS * 16) for band in range(_BANDS)]
Signature = list[int]
"""A signature: for each of the ``BINS`` bins, its value then the distance it was borrowed from."""
BandHashers = tuple[hashlib.blake2b, ...]
"""One keyed BLAKE2b per band, each having hashed its band's number (:func:`band_hashers`)."""


def gram_hashes(text: str) -> list[int]:
    """The 64-bit hash of each distinct character 4-gram of ``text``, in no particular order.

    A gram's hash is its 8-byte BLAKE2b (``digest_size=8``) read big-endian. A text shorter
    than a gram is one gram. Raises ``UnicodeEncodeError`` on a lone surrogate, as the hash
    of its UTF-8 bytes must.
    """
    # The set: a long comment repeats many of its grams, and a bin's minimum ignores repeats.
    grams = list({text[start : start + SIZE] for start in range(max(len(text) - SIZE + 1, 1))})
    # A gram's hash is never None, so None is "not remembered": one lookup a gram, in C.
    values = list(map(_GRAM_HASHES.get, grams))
    missing = values.count(None)
    if missing:
        remember, unkeyed, index = _GRAM_HASHES.remember, _UNKEYED.copy, -1
        for _ in range(missing):
            index = values.index(None, index + 1)  # from one miss to the next, in C
            gram = grams[index]
            one = unkeyed()
            one.update(gram.encode("utf-8"))
            values[index] = value = int.from_bytes(one.digest())
            remember(gram, value)
    return values  # type: ignore[return-value] # every None was filled just above


def signature(text: str) -> Signature:
    """The one-permutation MinHash signature of ``text``'s character 4-grams, flat.

    ``text`` is the normalised words joined by single spaces. A gram's hash picks its bin by
    its low 6 bits; the rest of it is the value. Each bin gives two numbers: its smallest
    value and 0, or for a bin no gram fell into, the next full bin's value and how far to
    the right that bin is (rotation densification, Shrivastava and Li 2014): two unrelated
    short texts must not look alike just by sharing empty bins.
    """
    bins = [_EMPTY] * BINS
    for value in gram_hashes(text):
        # Within a bin the whole hash orders as its value does (the bin's bits are the same).
        slot = value & _SLOT_MASK
        if value < bins[slot]:
            bins[slot] = value
    flat = [0] * (2 * BINS)
    empty = bins.count(_EMPTY)
    if empty:
        # Right to left, an empty bin borrows what its right neighbour has (a full bin's own
        # value, or what that neighbour borrowed); the last one wraps round to the first full.
        first = 0
        while bins[first] == _EMPTY:
            first += 1  # some gram fell into a bin
        source, borrowed = first + BINS, bins[first]
        for index in range(BINS - 1, -1, -1):
            value = bins[index]
            if value == _EMPTY:
                bins[index] = borrowed
                flat[2 * index + 1] = source - index
                empty -= 1
                if not empty:
                    break
            else:
                source, borrowed = index, value
    flat[0::2] = map(rshift, bins, repeat(_SLOT_BITS))
    return flat


def band_hashers(secret: bytes) -> BandHashers:
    """The keyed BLAKE2b of each band of :func:`band_hashes`, keyed from ``secret``.

    Made once per check, each having hashed the key block and its band's number:
    :func:`band_hashes` copies them, which skips hashing those again for each text.
    """
    key = hashlib.blake2b(secret, digest_size=64, person=b"cg.minhash.band").digest()
    hashers = []
    for band in range(_BANDS):
        one = hashlib.blake2b(key=key, digest_size=16)
        one.update(band.to_bytes())
        hashers.append(one)
    return tuple(hashers)


def band_hashes(flat: Signature, hashers: BandHashers) -> list[str]:
    """The signature's bands, each as a keyed hash (32 hex characters) of it and its place.

    Texts sharing a band are likely near-duplicates. One keyed BLAKE2b per band (``hashers``,
    from :func:`band_hashers`) over the band's number and its bins' two numbers each, as
    little-endian 64-bit integers: the store sees neither the signature nor anything a guessed
    text could be checked against without the key.
    """
    raw = _PACK(*flat)
    hashes = []
    for hasher, part in zip(hashers, _BAND_SLICES, strict=True):
        one = hasher.copy()
        one.update(raw[part])
        hashes.append(one.hexdigest())
    return hashes
