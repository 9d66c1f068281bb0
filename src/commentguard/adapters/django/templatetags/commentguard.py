"""``{% load commentguard %}{% commentguard_hidden_fields thread_id %}`` in a comment form."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from commentguard.adapters.django.service import form_token_signer
from commentguard.adapters.http import FieldNames

register = template.Library()


@register.simple_tag  # type: ignore[untyped-decorator] # Django has no type hints
def commentguard_hidden_fields(thread_id: str | None = None) -> str:
    """The honeypot and the signed form token, as hidden inputs."""
    fields = FieldNames()
    html = format_html(
        '<p style="display:none" aria-hidden="true"><label>Leave this empty'
        '<input type="text" name="{}" value="" tabindex="-1" autocomplete="off"></label></p>',
        fields.honeypot,
    )
    signer = form_token_signer()
    if signer is not None:
        html += format_html(
            '<input type="hidden" name="{}" value="{}">',
            fields.form_token,
            signer.issue(thread_id=None if thread_id is None else str(thread_id)),
        )
    return str(html)
