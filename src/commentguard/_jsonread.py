"""Reading JSON from outside (request bodies, dump lines, files) within fixed bounds.

Python's ``json`` turns a number of more than 4,300 digits into a ``ValueError`` and deep
nesting into a ``RecursionError``, which callers that expect "not valid JSON" let through as
a crash. Every JSON text commentguard reads from outside goes through :func:`read_json` or
:func:`read_json_at`, so the bounds (:data:`~commentguard._models.limits.JSON_MAX_DEPTH`,
:data:`~commentguard._models.limits.JSON_MAX_NUMBER_CHARS`) hold everywhere and every
failure is one :class:`JsonError`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from commentguard._models.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_CHARS

TOO_DEEP = f"nested deeper than {JSON_MAX_DEPTH} levels"
TOO_LONG_NUMBER = f"a number longer than {JSON_MAX_NUMBER_CHARS} characters"
BEYOND_BOUNDS = frozenset({TOO_DEEP, TOO_LONG_NUMBER})
"""The messages of a :class:`JsonError` for JSON that is well-formed but beyond the bounds."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Only to find where a bound is exceeded, after the parser said so: strings are skipped whole,
# so brackets and digits inside them do not count.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[{]|[\]}]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?')


class JsonError(json.JSONDecodeError):
    """Malformed JSON, or JSON beyond the bounds; ``msg``, ``lineno`` and ``colno`` say where.

    Attributes:
        end: For a well-formed value beyond the bounds, the index just after it, so a reader
            of consecutive values can skip it; ``None`` for malformed JSON, or a value the
            text ends inside.
    """

    def __init__(self, msg: str, doc: str, pos: int, end: int | None = None) -> None:
        super().__init__(msg, doc, pos)
        self.end = end


class _NumberTooLong(Exception):  # noqa: N818 - private signal out of the parser's hooks
    pass


def _integer(literal: str) -> int:
    if len(literal) > JSON_MAX_NUMBER_CHARS:
        raise _NumberTooLong
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > JSON_MAX_NUMBER_CHARS:
        raise _NumberTooLong
    return float(literal)


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_float)


def read_json(text: str) -> Any:
    """The value of the JSON document ``text`` (surrounding whitespace allowed).

    Raises:
        JsonError: ``text`` is not JSON, has text after the value, nests deeper than
            ``JSON_MAX_DEPTH`` or has a number longer than ``JSON_MAX_NUMBER_CHARS``.
    """
    value, end = read_json_at(text, _skip_whitespace(text, 0))
    end = _skip_whitespace(text, end)
    if end != len(text):
        raise JsonError("Extra data", text, end)
    return value


def read_json_at(text: str, index: int) -> tuple[Any, int]:
    """The JSON value that starts at ``index`` of ``text``, and the index just after it.

    Like :meth:`json.JSONDecoder.raw_decode`, within the bounds of :func:`read_json`.

    Raises:
        JsonError: as :func:`read_json` (text after the value is left to the caller).
    """
    try:
        value, end = _DECODER.raw_decode(text, index)
    except json.JSONDecodeError as exc:
        raise JsonError(exc.msg, text, exc.pos) from None
    except RecursionError:
        raise _beyond_bounds(text, index, len(text), TOO_DEEP) from None
    except _NumberTooLong:
        raise _beyond_bounds(text, index, len(text), TOO_LONG_NUMBER) from None
    # A value is at most as deep as it has brackets: only a text with many needs a closer look.
    if text.count("[", index, end) + text.count("{", index, end) > JSON_MAX_DEPTH:
        excess = _excess(text, index, end)
        if excess is not None:
            raise excess
    return value, end


def _skip_whitespace(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _beyond_bounds(text: str, start: int, end: int, reason: str) -> JsonError:
    """The error for a value the parser stopped on for ``reason``, placed where it happens."""
    return _excess(text, start, end) or JsonError(reason, text, start)


def _excess(text: str, start: int, end: int) -> JsonError | None:
    """The error for the first bound the value at ``text[start:end]`` exceeds, if any.

    The value is known to be well-formed up to where the parser stopped, and a value beyond a
    bound is an array, an object or a number, so it starts with a token.
    """
    depth = 0
    found: tuple[int, str] | None = None
    for token in _TOKEN.finditer(text, start, end):
        first = text[token.start()]
        if first in "[{":
            depth += 1
            if depth > JSON_MAX_DEPTH and found is None:
                found = token.start(), TOO_DEEP
        elif first in "]}":
            depth -= 1
        elif first != '"' and token.end() - token.start() > JSON_MAX_NUMBER_CHARS:
            found = found or (token.start(), TOO_LONG_NUMBER)
        if depth == 0:  # the value ends here
            return None if found is None else JsonError(found[1], text, found[0], token.end())
    return None if found is None else JsonError(found[1], text, found[0])
