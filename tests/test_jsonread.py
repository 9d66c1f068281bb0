"""The bounded JSON reader every outside JSON goes through, and the guard behind it."""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from commentguard import Decision, Guard, InvalidSubmission
from commentguard._jsonread import TOO_DEEP, TOO_LONG_NUMBER, JsonError, read_json, read_json_at
from commentguard._models.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_CHARS
from commentguard.testing import make_settings
from hostile_json import json_values, python_values, submissions, to_json

VALID = {"name": "Ada", "email": "ada@example.com", "body": "A thoughtful comment."}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_values_within_the_bounds_read_as_json_reads_them() -> None:
    """Up to JSON_MAX_DEPTH levels and JSON_MAX_NUMBER_CHARS characters, nothing changes."""
    text = json.dumps(
        {"a": json.loads(nested(JSON_MAX_DEPTH - 1)), "n": int("9" * JSON_MAX_NUMBER_CHARS)}
    )
    assert read_json(text) == json.loads(text)
    scalars = read_json(' [1.5, -2, NaN, -Infinity, true, null, "x"] \n')
    assert math.isnan(scalars.pop(2))
    assert scalars == [1.5, -2, float("-inf"), True, None, "x"]
    assert read_json('"' + "[" * 100 + '"') == "[" * 100  # brackets in strings are text


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ('{"id": ' + "1" * 5_000 + "}", TOO_LONG_NUMBER, 8),
        ('{"id": -' + "1" * JSON_MAX_NUMBER_CHARS + "}", TOO_LONG_NUMBER, 8),
        ('{"x": 0.' + "5" * JSON_MAX_NUMBER_CHARS + "}", TOO_LONG_NUMBER, 7),
        ('{"id": ' + nested(100_000) + "}", TOO_DEEP, 8 + JSON_MAX_DEPTH - 1),
        (nested(JSON_MAX_DEPTH + 1), TOO_DEEP, JSON_MAX_DEPTH + 1),
        ('{"s": "]]]]", "id": ' + nested(JSON_MAX_DEPTH) + "}", TOO_DEEP, 21 + JSON_MAX_DEPTH - 1),
        ('{"a": 1', "Expecting ',' delimiter", 8),
        ('{"a": 1} {}', "Extra data", 10),
    ],
    ids=["5000-digits", "negative", "fraction", "100000-deep", "33-deep", "brackets-in-strings",
         "malformed", "extra-data"],
)  # fmt: skip
def test_beyond_the_bounds_is_a_json_error_that_says_where(
    text: str, message: str, column: int
) -> None:
    """The number or the bracket that goes beyond a bound is placed by line and column."""
    with pytest.raises(JsonError) as raised:
        read_json(text)
    assert (raised.value.msg, raised.value.lineno, raised.value.colno) == (message, 1, column)
    assert isinstance(raised.value, ValueError)  # what callers of json already catch


def test_a_value_beyond_the_bounds_can_be_skipped_to_read_the_next() -> None:
    """read_json_at says where a well-formed value beyond the bounds ends, so readers go on."""
    deep, long = nested(50_000), "7" * 5_000
    text = f'[{deep}, {long}, {{"ok": 1}}]'
    with pytest.raises(JsonError) as first:
        read_json_at(text, 1)
    assert text[first.value.end : first.value.end + 2] == ", "
    with pytest.raises(JsonError) as second:
        read_json_at(text, first.value.end + 2)
    assert second.value.end == first.value.end + 2 + len(long)
    assert read_json_at(text, second.value.end + 2) == ({"ok": 1}, len(text) - 1)
    with pytest.raises(JsonError) as unfinished:
        read_json_at("[" * 50_000, 0)
    assert unfinished.value.end is None  # the text ends inside the value


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_values)
def test_any_json_text_reads_or_is_a_json_error(document: Any) -> None:
    """Whatever the text, the reader returns a value or raises JsonError, nothing else."""
    with contextlib.suppress(JsonError):
        read_json(to_json(document))


GUARD = Guard(make_settings(secret_key="a-test-secret-of-32-characters!!"), load_entry_points=False)


def moderated(data: Any) -> Decision | InvalidSubmission:
    try:
        return GUARD.moderate(data)
    except InvalidSubmission as exc:
        return exc


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(submissions(python_values, VALID))
def test_guard_moderate_on_any_parsed_json_is_a_decision_or_field_errors(
    data: dict[str, Any],
) -> None:
    """Values as any JSON parser returns them (huge ints, NaN, nesting to 900) in any field."""
    outcome = moderated(data)
    assert isinstance(outcome, Decision | InvalidSubmission)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(submissions(json_values, VALID))
def test_guard_moderate_on_what_the_reader_reads_is_a_decision_or_field_errors(
    document: dict[str, Any],
) -> None:
    """JSON text of any comment, through the bounded reader and the guard, as the CLI does."""
    try:
        data = read_json(to_json(document))
    except JsonError:
        return
    assert isinstance(moderated(data), Decision | InvalidSubmission)
