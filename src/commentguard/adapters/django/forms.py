"""A form mixin that validates with commentguard and moderates a form that is otherwise valid."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import get_language

from commentguard._errors import InvalidSubmission
from commentguard._models import CommentSubmission, Moderation, Verdict
from commentguard.adapters._http import FieldNames
from commentguard.adapters.django._widgets import HoneypotInput
from commentguard.adapters.django.config import form_token_signer, get_guard
from commentguard.adapters.django.service import request_context, server_context


class CommentGuardFormMixin(forms.Form):  # type: ignore[misc] # Django has no type hints
    """Mix into a comment form whose fields are named as :class:`FieldNames` says.

    Build the form with ``request=`` (the client address, user agent and ``request.user``'s
    role) and ``context=`` (server-side fields such as ``thread_id`` and
    ``thread_published_at``, which override what was posted). An unbound form renders its
    honeypot (``cg_website``) and a form token issued for ``context["thread_id"]``, so
    ``{{ form }}`` is all the template needs.

    After ``is_valid()``, ``form.moderation`` holds the :class:`~commentguard.Moderation`
    (with ``.submission`` to save). A form with any other error (a field, ``clean()``, a
    model's validation) is not moderated: ``form.moderation`` stays ``None``, nothing counts
    against the author's flood limit, and the form token stays valid for the corrected form.
    A refused comment (flood, duplicate, closed thread, a form sent twice) is a form error
    with the message for the author. Spam and discarded comments validate, so the author sees
    the same page as for a held one: check ``form.moderation.verdict`` before saving.
    """

    cg_website = forms.CharField(required=False, label="", widget=HoneypotInput)
    cg_token = forms.CharField(required=False, widget=forms.HiddenInput)
    commentguard_fields = FieldNames()

    def __init__(
        self,
        *args: Any,
        request: HttpRequest | None = None,
        context: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.context = dict(context or {})
        self.moderation: Moderation | None = None
        self._submission: CommentSubmission | None = None
        signer = form_token_signer()
        if signer is not None and not self.is_bound:
            token = signer.issue(thread_id=self.context.get("thread_id"))
            # A new dict: the caller's ``initial`` stays as it was.
            self.initial = {**getattr(self, "initial", {}), "cg_token": token}

    @property
    def decision(self) -> Moderation | None:
        """The same as :attr:`moderation` (a Moderation is a Decision)."""
        return self.moderation

    def clean(self) -> dict[str, Any]:
        """Validate the comment with commentguard too, so every field error shows at once."""
        cleaned: dict[str, Any] = super().clean() or {}
        raw = self.data.dict() if hasattr(self.data, "dict") else dict(self.data)
        data = self.commentguard_fields.read({**raw, **cleaned})
        if self.request is not None:
            data.update(request_context(self.request))
        data.update(server_context(self.context))
        locale = get_language()  # the request's language, as LocaleMiddleware activated it
        try:
            self._submission = get_guard().parse(data)
        except InvalidSubmission as exc:
            for error in exc.errors:
                field = self.commentguard_fields.source(error.field)
                self.add_error(field if field in self.fields else None, error.message_in(locale))
        return cleaned

    def full_clean(self) -> None:
        """Clean as Django does; then, only if nothing failed, moderate."""
        self._submission, self.moderation = None, None
        super().full_clean()
        if self._errors or self._submission is None:
            return
        self.moderation = get_guard().moderate(self._submission)
        if self.moderation.verdict is Verdict.REJECT:
            message = self.moderation.author_message_in(get_language())
            self.add_error(None, forms.ValidationError(message, code="commentguard"))
