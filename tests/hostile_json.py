"""Hypothesis strategies for arbitrary JSON, including what Python's own json cannot write.

Values are Python objects as a JSON parser would give them; :class:`Literal` stands for number
or nesting text that ``json.dumps`` refuses or that no parser returns as an object (an integer
of 5,000 digits, ``[`` nested 100,000 deep), put into the JSON text by :func:`to_json`.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from commentguard import CommentSubmission

FIELDS = tuple(CommentSubmission.model_fields)
"""The submission's own field names, which JSON bodies and dumps may use."""
FORM_FIELDS = ("author", "email", "url", "comment", "comment_post_ID", "comment_parent")
"""WordPress's comment-form names, which the adapters read too."""


class Literal(str):
    """JSON text written into the document as it is."""

    __slots__ = ()


def to_json(value: Any) -> str:
    """``value`` as JSON text, with :class:`Literal` parts written as they are."""
    if isinstance(value, Literal):
        return str(value)
    if isinstance(value, list):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)  # NaN and Infinity too, as Python's json reads them


def _nested(depth: int) -> Literal:
    return Literal("[" * depth + "]" * depth)


def _long_number(digits: int, sign: str, fraction: bool) -> Literal:
    return Literal(f"{sign}1{'0' * digits}{'.5' if fraction else ''}")


huge_numbers = st.builds(
    _long_number, st.integers(0, 6_000), st.sampled_from(["", "-"]), st.booleans()
)
"""Number literals up to 6,000 digits: beyond Python's 4,300-digit int conversion limit."""
deep_nesting = st.integers(1, 100_000).map(_nested)
"""Arrays nested up to 100,000 deep: far beyond Python's recursion limit."""

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
json_values = st.recursive(
    scalars | huge_numbers | deep_nesting,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value, as :func:`to_json` writes it."""

python_values = st.recursive(
    scalars
    | st.integers(min_value=10**4_300, max_value=10**6_000)
    | st.integers(1, 900).map(lambda depth: json.loads(_nested(depth))),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
"""Any value a JSON parser may return: huge integers and nesting just below Python's limit."""


def submissions(values: st.SearchStrategy[Any], valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Objects with real field names: ``valid`` with one field changed, or any mix of fields."""
    names = st.sampled_from((*FIELDS, *FORM_FIELDS))
    return st.builds(lambda name, value: {**valid, name: value}, names, values) | st.dictionaries(
        names | st.text(max_size=8), values, max_size=8
    )
