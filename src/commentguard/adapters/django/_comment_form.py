"""django-contrib-comments' comment form with commentguard's honeypot and form token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django_comments.forms import CommentForm

from commentguard.adapters.django._widgets import HoneypotInput
from commentguard.adapters.django.comments import thread_id
from commentguard.adapters.django.config import form_token_signer


class CommentGuardCommentForm(CommentForm):  # type: ignore[misc] # Django has no type hints
    """``CommentForm`` plus ``cg_website`` (a honeypot) and ``cg_token`` (the signed token).

    The token is issued for the object's thread (``"<content type id>:<pk>"``), so
    ``{% render_comment_form for object %}`` renders a form that can post to that object only.
    django-contrib-comments' own ``honeypot`` no longer stops a comment with a 400: it is
    moderated like ``cg_website`` (discarded, and answered as if it had been accepted).
    """

    cg_website = forms.CharField(required=False, label="", widget=HoneypotInput)
    cg_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, target_object: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(target_object, *args, **kwargs)
        signer = form_token_signer()
        if signer is not None and not self.is_bound:
            content_type = ContentType.objects.get_for_model(target_object)
            thread = thread_id(content_type.pk, target_object.pk)
            self.initial["cg_token"] = signer.issue(thread_id=thread)

    def clean_honeypot(self) -> str:
        """Let a filled honeypot through to the guard, which discards the comment quietly."""
        value: str = self.cleaned_data["honeypot"]
        return value
