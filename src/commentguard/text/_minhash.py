"""MinHash signatures cut into bands, for finding near-duplicate comments (LSH).

A text becomes the set of its character 4-grams (over its normalised words). The signature is
one-permutation MinHash (Li, Owen and Zhang 2012): each gram's hash picks one of 64 bins and
the bin keeps the smallest hash it sees, which costs one hash per gram instead of 64. Two
texts agree on a bin with probability close to the Jaccard similarity of their sets, so
cutting the signature into 16 bands of 4 and looking texts up by band finds a pair with
probability 1 - (1 - J^4)^16 for Jaccard similarity J: 99 % at 0.7, 89 % at 0.6, 64 % at 0.5,
and 0.2 % for unrelated texts at 0.1.
Small edits and shuffled links keep most 4-grams, so they still match.

Each gram's hash is the first 8 bytes of its BLAKE2b, remembered in a bounded table since
real comments share most of their grams (the shared data's 1,405 comments have 21,000
distinct 4-grams in 145,000). ``tests/duplicate_reference.py`` keeps the first version as
the oracle. The bins are filled in plain Python: numpy did it faster, but importing it on
every web worker cost 12 MB and, through the garbage collector walking its objects, doubled
the time of a 64 KB hostile body (benchmarks/worst_case.py, "fullwidth letters").
The gram hashes are not secret (any process must compute the same ones); what goes into a
store is each band under a keyed BLAKE2b (:func:`band_hashes`).
"""

from __future__ import annotations

import hashlib
import struct
from bisect import bisect_left

from commentguard.text._memo import WORD_MEMO_BYTES, Memo

BINS = 64
ROWS = 4  # bins per band; 16 bands
SIZE = 4  # characters per gram
_EMPTY = 2**64 - 1  # a bin no gram fell into (values fit in 58 bits: no clash)
_SLOT_BITS, _SLOT_MASK = 6, BINS - 1
_GRAM_HASHES: Memo[str, bytes] = Memo(
    max_bytes=WORD_MEMO_BYTES,
    max_key_chars=SIZE,
    value_bytes=41,  # sys.getsizeof of 8 bytes
)
Signature = list[tuple[int, int]]
"""A signature: ``BINS`` rows of (the bin's value, the distance it was borrowed from)."""


def gram_hashes(text: str) -> tuple[int, ...]:
    """The 64-bit hash of each distinct character 4-gram of ``text``, in no particular order.

    A text shorter than a gram is one gram. Raises ``UnicodeEncodeError`` on a lone
    surrogate, as the hash of its UTF-8 bytes must.
    """
    # The set: a long comment repeats many of its grams, and a bin's minimum ignores repeats.
    grams = list({text[start : start + SIZE] for start in range(max(len(text) - SIZE + 1, 1))})
    # A gram's digest is never None, so None is "not remembered": one lookup a gram, in C.
    digests = list(map(_GRAM_HASHES.get, grams))
    if None in digests:
        for index in [index for index, digest in enumerate(digests) if digest is None]:
            gram = grams[index]
            digests[index] = digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
            _GRAM_HASHES.remember(gram, digest)
    joined = b"".join(digests)  # type: ignore[arg-type] # every None was filled just above
    return struct.unpack(f">{len(digests)}Q", joined)


def signature(text: str) -> Signature:
    """The one-permutation MinHash signature of ``text``'s character 4-grams.

    ``text`` is the normalised words joined by single spaces. Each row holds a bin's
    smallest hash and 0, or for a bin no gram fell into, the next full bin's hash and how
    far to the right that bin is (rotation densification, Shrivastava and Li 2014): two
    unrelated short texts must not look alike just by sharing empty bins.
    """
    bins = [_EMPTY] * BINS
    for value in gram_hashes(text):
        slot, rest = value & _SLOT_MASK, value >> _SLOT_BITS
        if rest < bins[slot]:
            bins[slot] = rest
    full = [index for index, value in enumerate(bins) if value != _EMPTY]  # never empty
    rows: Signature = []
    for index in range(BINS):
        source = full[bisect_left(full, index) % len(full)]
        rows.append((bins[source], (source - index) % BINS))
    return rows


def band_hasher(secret: bytes) -> hashlib.blake2b:
    """The keyed BLAKE2b each band of :func:`band_hashes` is hashed with, keyed from ``secret``.

    Made once per check: :func:`band_hashes` copies it, which skips hashing the key block
    again for each band.
    """
    key = hashlib.blake2b(secret, digest_size=64, person=b"cg.minhash.band").digest()
    return hashlib.blake2b(key=key, digest_size=16)


def band_hashes(rows: Signature, hasher: hashlib.blake2b) -> list[str]:
    """The signature's bands, each as a keyed hash (32 hex characters) of it and its place.

    Texts sharing a band are likely near-duplicates. One keyed BLAKE2b per band (``hasher``,
    from :func:`band_hasher`) over the band's number and its rows as little-endian 64-bit
    integers: the store sees neither the signature nor anything a guessed text could be
    checked against without the key.
    """
    raw = struct.pack(f"<{2 * BINS}Q", *(number for row in rows for number in row))
    width = ROWS * 16  # bytes of one band: ROWS rows of two 8-byte numbers
    hashes = []
    for band in range(BINS // ROWS):
        one = hasher.copy()
        one.update(band.to_bytes() + raw[band * width : (band + 1) * width])
        hashes.append(one.hexdigest())
    return hashes
