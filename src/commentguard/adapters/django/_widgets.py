"""The honeypot input: a text box people never see and bots fill in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html


class HoneypotInput(forms.TextInput):  # type: ignore[misc] # Django has no type hints
    """A text input hidden from people and screen readers, rendered empty every time.

    It counts as a hidden field, so Django's form templates render it without a label and
    django-contrib-comments' ``comments/form.html`` puts it with the hidden inputs.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})

    @property
    def is_hidden(self) -> bool:
        """Always: people must not see it."""
        return True

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> str:
        """The input, empty (a bot's value is never echoed), inside an invisible label."""
        html = super().render(name, "", attrs, renderer)
        rendered: str = format_html(
            '<p style="display:none" aria-hidden="true"><label>Leave this empty {}</label></p>',
            html,
        )
        return rendered
