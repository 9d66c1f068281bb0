"""``{% load commentguard %}{% commentguard_hidden_fields thread_id %}`` in a comment form."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from commentguard.adapters._http import FieldNames, hidden_fields_html
from commentguard.adapters.django.service import form_token_signer

register = template.Library()


@register.simple_tag  # type: ignore[untyped-decorator] # Django has no type hints
def commentguard_hidden_fields(thread_id: object = None) -> str:
    """The honeypot and the signed form token, as hidden inputs.

    ``thread_id`` may be of any type: ``post.pk`` (an int) and the posted ``"42"`` match.
    """
    signer = form_token_signer()
    token = signer.issue(thread_id=thread_id) if signer is not None else None
    html: str = mark_safe(hidden_fields_html(FieldNames(), token))  # noqa: S308 - escaped
    return html
