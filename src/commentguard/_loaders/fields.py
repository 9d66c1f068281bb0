"""Small conversions the JSON and YAML loaders share, from a dump's values to submission fields."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any


def text(value: object, unset: Collection[str] = ("",)) -> str | None:
    """``value`` as a string; ``None`` for none, or for a blank or a value in ``unset``."""
    if value is None:
        return None
    found = str(value)
    return None if not found.strip() or found.strip() in unset else found


def iso_time(value: str) -> datetime | None:
    """An ISO 8601 date and time (``2020-01-01T10:00:00.123456789Z``); ``None`` if it is not one."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def add_submitted_at(data: dict[str, Any], value: object, key: str) -> str | None:
    """Set ``data["submitted_at"]`` from the ISO time ``value``; the problem if it is not one.

    ``key`` names the dump's own field in the message (``creationDate is not a date``).
    """
    if text(value) is None:
        return None
    data["submitted_at"] = iso_time(str(value))
    return f"{key} is not a date" if data["submitted_at"] is None else None


def web_page(value: str | None) -> str | None:
    """``value`` when it is an http or https address (a permalink), else ``None``."""
    return value if value and value.startswith(("http://", "https://")) else None


def present(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the keys whose value is ``None``: absent fields stay absent."""
    return {key: value for key, value in data.items() if value is not None}
