"""A form mixin that runs the guard in ``clean()`` and puts errors on the right fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import get_language

from commentguard.adapters.django.service import get_guard, request_context
from commentguard.adapters.http import FieldNames
from commentguard.errors import InvalidSubmission
from commentguard.models import Decision, Verdict


class CommentGuardFormMixin(forms.Form):  # type: ignore[misc] # Django has no type hints
    """Mix into a comment form whose fields are named as :class:`FieldNames` says.

    Pass ``request=`` when building the form. After ``is_valid()``, ``form.decision`` holds
    the decision (``None`` when a field failed: such a form is not moderated); a refused
    comment (flood, duplicate, closed thread, replayed form) is a form error with the message
    for the author. Spam and discarded comments validate, so the author sees the same page as
    for a held one: check ``form.decision.verdict`` before saving.
    """

    cg_website = forms.CharField(required=False, widget=forms.HiddenInput)
    cg_token = forms.CharField(required=False, widget=forms.HiddenInput)
    commentguard_fields = FieldNames()

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.decision: Decision | None = None

    def clean(self) -> dict[str, Any]:
        """Validate the comment with commentguard, and moderate it if the form is valid.

        A form whose own fields failed goes back to its author, so it is validated (every
        field error shows at once) but not moderated: nothing counts against the author's
        flood limit, and the form token stays valid for the corrected form.
        """
        cleaned = super().clean() or {}
        raw = self.data.dict() if hasattr(self.data, "dict") else dict(self.data)
        data = self.commentguard_fields.read({**raw, **cleaned})
        if self.request is not None:
            data.update(request_context(self.request))
        guard = get_guard()
        locale = get_language()  # the request's language, as LocaleMiddleware activated it
        try:
            submission = guard.parse(data)
        except InvalidSubmission as exc:
            for error in exc.errors:
                field = self.commentguard_fields.source(error.field)
                self.add_error(field if field in self.fields else None, error.message_in(locale))
            return cleaned
        if self.errors:
            return cleaned
        self.decision = guard.moderate(submission)
        if self.decision.verdict is Verdict.REJECT:
            message = self.decision.author_message_in(locale)
            raise forms.ValidationError(message, code="commentguard")
        return cleaned
