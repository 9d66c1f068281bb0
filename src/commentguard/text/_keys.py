"""One list of a site's keys, matched as the ``wordlists`` check matches each of its lists."""

from __future__ import annotations

from collections.abc import Iterable

from commentguard.text._keyset import compile_keys
from commentguard.text._terms import TermMatch


class KeyMatcher:
    """WordPress-style keys, matched whole-word and ignoring case.

    Keys made of words (``casino``, ``free spins``) go through :class:`WordMatcher` in its
    default mode, so disguised spellings (``c@sino``, ``ｃａｓｉｎｏ``, ``c.a.s.i.n.o``) match too.
    Other keys (``192.0.2.``, ``.ru``, ``spam@example.com``) are matched literally. One list
    of a :class:`~commentguard.text._keyset.KeySet`, which compiles several at once.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._keys = compile_keys({"keys": tuple(keys)})

    def __bool__(self) -> bool:
        return bool(self._keys)

    def search(self, text: str, *, prose: bool = True) -> TermMatch | None:
        """Return the first key found in ``text``, or ``None``.

        With ``prose=False`` (email addresses, URLs, IP addresses, user agents) every key is
        matched literally: there ``@`` and ``.`` separate words rather than spell them.
        """
        return self._keys.search(text, prose=prose).get("keys")
