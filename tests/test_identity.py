"""keyed_hash copies one HMAC per secret: the same hashes as a new HMAC for each message."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from commentguard._identity import keyed_hash


@given(st.binary(max_size=200), st.lists(st.text(), min_size=1, max_size=4))
def test_keyed_hash_is_hmac_sha256_of_the_joined_parts(secret: bytes, parts: list[str]) -> None:
    """Any secret (longer than SHA-256's block too) and any parts, as HMAC-SHA256 gives."""
    expected = hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()
    assert keyed_hash(secret, *parts) == expected[:32]
    assert keyed_hash(secret, *parts) == expected[:32]  # from the kept HMAC, copied again


def test_many_secrets_in_turn_each_hash_under_their_own() -> None:
    """Past the secrets kept, the table starts afresh: no secret's hash is another's."""
    for number in range(40):
        secret = f"secret-{number}".encode()
        expected = hmac.new(secret, b"a\x1fb", hashlib.sha256).hexdigest()[:32]
        assert keyed_hash(secret, "a", "b") == expected
