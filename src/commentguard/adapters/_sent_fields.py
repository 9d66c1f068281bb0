"""The comment fields of a request, remembering the name each was sent under.

A client may send WordPress's names (``author``, ``comment``) or the submission's own
(``name``, ``body``); a field error must name the field the client actually sent, or a form
cannot put the message beside it. No framework is imported here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commentguard._errors import FieldError, InvalidSubmission
from commentguard.adapters._http import FieldNames, InvalidComment

CONTEXT_FIELDS = frozenset(
    {"id", "thread_id", "parent_id", "permalink", "thread_published_at", "author_role"}
)
"""The submission fields a server-side ``context=`` may set."""


@dataclass(frozen=True)
class SentFields:
    """The submission fields picked out of request data, and the key each came from."""

    values: dict[str, Any]
    keys: dict[str, str]

    @classmethod
    def read(cls, data: Mapping[str, Any], names: FieldNames) -> SentFields:
        """Pick each field under its form name (WordPress's by default) or its own name."""
        values: dict[str, Any] = {}
        keys: dict[str, str] = {}
        for target in vars(names):
            for key in dict.fromkeys((names.source(target), target)):
                if data.get(key) is not None:
                    values[target], keys[target] = data[key], key
                    break
        return cls(values, keys)

    def key(self, field: str, names: FieldNames) -> str:
        """The name to report ``field`` under: as sent, else the form's name for it."""
        return self.keys.get(field) or names.source(field)

    def invalid(
        self, error: InvalidSubmission, names: FieldNames, locale: str | None = None
    ) -> InvalidComment:
        """``error`` as the adapters raise it: its fields named as sent, messages in ``locale``."""
        return InvalidComment(error, self.validation_detail(error.errors, names, locale))

    def validation_detail(
        self, errors: Sequence[FieldError], names: FieldNames, locale: str | None = None
    ) -> list[dict[str, Any]]:
        """Field errors in FastAPI's shape: ``type``, ``loc``, ``msg`` and, if safe, ``input``.

        ``msg`` is in ``locale`` (English by default).

        ``input`` is the value sent for that field; it is left out for the email field, for
        any value that contains the submitted email address, which is never sent back, and for
        ``Infinity`` and ``NaN``, which JSON cannot write.
        """
        email = str(self.values.get("email") or "").strip().casefold()
        detail: list[dict[str, Any]] = []
        for error in errors:
            loc = ["body"] if error.field == "__root__" else ["body", self.key(error.field, names)]
            message = error.message_in(locale)
            entry: dict[str, Any] = {"type": error.code, "loc": loc, "msg": message}
            if self._echoable(error.field, email):
                entry["input"] = self.values[error.field]
            detail.append(entry)
        return detail

    def _echoable(self, field: str, email: str) -> bool:
        value = self.values.get(field)
        if field == "email" or not isinstance(value, str | int | float | bool):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False  # Infinity and NaN, which Python reads but no JSON can write back
        return not email or email not in str(value).casefold()


def server_context(context: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check the keys of a server-side ``context`` mapping.

    Raises:
        TypeError: a key is not one of :data:`CONTEXT_FIELDS` (a programming error, not the
            client's).
    """
    if not context:
        return {}
    unknown = sorted(set(context) - CONTEXT_FIELDS)
    if unknown:
        allowed = ", ".join(sorted(CONTEXT_FIELDS))
        raise TypeError(f"context keys {unknown} are not server-side fields ({allowed})")
    return dict(context)
