"""The django-contrib-comments ``post_comment`` view, moderated.

It does what ``django_comments.views.comments.post_comment`` does (the same form, security
checks, preview templates and signals), and answers each verdict as an author should see it:

- approve: saved, then the usual redirect (``next`` or ``comments-comment-done``, ``?c=<pk>``);
- hold: saved with ``is_public=False``; the author is sent to ``next`` or the
  ``commentguard-comment-pending`` page ("Your comment is awaiting moderation.", also a
  ``django.contrib.messages`` message when that app is installed);
- spam and discard: saved removed and not public (``COMMENTGUARD_SPAM = "save"``, the
  default) or not saved (``"drop"``), and answered exactly like a held comment;
- reject, or a field commentguard refuses: the preview page again, with the message for the
  author on the comment field.
"""

from __future__ import annotations

from typing import Any

import django_comments
from django.apps import apps
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_comments import signals
from django_comments.views.comments import CommentPostBadRequest
from django_comments.views.utils import next_redirect

from commentguard._errors import InvalidSubmission
from commentguard._models import Moderation, Verdict
from commentguard.adapters._http import FieldNames
from commentguard.adapters.django.comments import apply_verdict, drops, moderate_comment
from commentguard.adapters.django.records import record_moderation
from commentguard.i18n import N_, translate

PENDING_MESSAGE = N_("Your comment is awaiting moderation.")
"""What the author of a comment that is not published is told (WordPress's words)."""

PENDING_URL_NAME = "commentguard-comment-pending"

# The comment form's field for each submission field, for errors the guard finds.
_FORM_FIELDS = FieldNames(name="name", body="comment")


@csrf_protect  # type: ignore[untyped-decorator] # Django has no type hints
@require_POST  # type: ignore[untyped-decorator] # Django has no type hints
def post_comment(
    request: HttpRequest, next: str | None = None, using: str | None = None
) -> HttpResponse:
    """Post a comment: moderated, saved as the verdict says, and answered for its author."""
    data = request.POST.copy()
    if request.user.is_authenticated:
        user = request.user
        data["name"] = data.get("name") or user.get_full_name() or user.get_username()
        data["email"] = data.get("email") or user.email
    target = _target(data, using)
    if isinstance(target, HttpResponse):
        return target
    form = django_comments.get_form()(target, data=data)
    if form.security_errors():
        return CommentPostBadRequest(
            f"The comment form failed security verification: {escape(str(form.security_errors()))}"
        )
    if form.errors or "preview" in data:
        return _preview(request, form, target, data.get("next", next))

    comment = form.get_comment_object(site_id=get_current_site(request).id)
    comment.ip_address = request.META.get("REMOTE_ADDR") or None
    if request.user.is_authenticated:
        comment.user = request.user
    try:
        moderation = moderate_comment(comment, request)
    except InvalidSubmission as exc:
        for error in exc.errors:
            field = _FORM_FIELDS.source(error.field)
            message = error.message_in(get_language())
            form.add_error(field if field in form.fields else "comment", message)
        return _preview(request, form, target, data.get("next", next))
    if moderation.verdict is Verdict.REJECT:
        form.add_error("comment", moderation.author_message_in(get_language()))
        return _preview(request, form, target, data.get("next", next))
    if comment.pk is not None:  # the form found the same comment, sent earlier today
        return _answer(request, next, comment, published=comment.is_public)
    if drops(moderation.verdict):
        return _answer(request, next, comment, published=False)
    return _save(request, next, comment, moderation)


def _save(
    request: HttpRequest, next: str | None, comment: Any, moderation: Moderation
) -> HttpResponse:
    if moderation.submission.ip is not None:
        comment.ip_address = str(moderation.submission.ip)  # the client, behind trusted proxies
    apply_verdict(comment, moderation.verdict)
    responses = signals.comment_will_be_posted.send(
        sender=comment.__class__, comment=comment, request=request
    )
    for receiver, response in responses:
        if response is False:
            return CommentPostBadRequest(
                f"comment_will_be_posted receiver {receiver.__name__!r} killed the comment"
            )
    comment.save()
    record_moderation(comment, moderation)
    if moderation.verdict not in (Verdict.SPAM, Verdict.DISCARD):  # nobody is told of spam
        signals.comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)
    # A CommentModerator may have held an approved comment: answer as it was saved.
    return _answer(request, next, comment, published=comment.is_public)


def _answer(
    request: HttpRequest, next: str | None, comment: Any, *, published: bool
) -> HttpResponse:
    """The redirect django-contrib-comments gives; the same one for every unpublished comment."""
    if published:
        return next_redirect(request, fallback=next or "comments-comment-done", c=comment.pk)
    if apps.is_installed("django.contrib.messages"):
        messages.info(request, translate(PENDING_MESSAGE, get_language()), fail_silently=True)
    return next_redirect(request, fallback=next or PENDING_URL_NAME)


def comment_pending(request: HttpRequest) -> HttpResponse:
    """The page an author sees after posting a comment that awaits moderation."""
    message = translate(PENDING_MESSAGE, get_language())
    return render(request, "commentguard/pending.html", {"message": message})


def _target(data: Any, using: str | None) -> Any:
    """The object commented on, or django-contrib-comments' 400 when it cannot be found."""
    ctype, object_pk = data.get("content_type"), data.get("object_pk")
    if ctype is None or object_pk is None:
        return CommentPostBadRequest("Missing content_type or object_pk field.")
    try:
        model = apps.get_model(*ctype.split(".", 1))
        return model._default_manager.using(using).get(pk=object_pk)
    except (LookupError, TypeError):
        return CommentPostBadRequest(f"Invalid content_type value: {escape(ctype)!r}")
    except AttributeError:
        return CommentPostBadRequest(
            f"The given content-type {escape(ctype)!r} does not resolve to a valid model."
        )
    except ObjectDoesNotExist:
        return CommentPostBadRequest(
            f"No object matching content-type {escape(ctype)!r} and object PK "
            f"{escape(object_pk)!r} exists."
        )
    except (ValueError, ValidationError) as exc:
        return CommentPostBadRequest(
            f"Attempting to get content-type {escape(ctype)!r} and object PK "
            f"{escape(object_pk)!r} raised {type(exc).__name__}"
        )


def _preview(request: HttpRequest, form: Any, target: Any, next: str | None) -> HttpResponse:
    """django-contrib-comments' preview page: the form again, with its errors."""
    meta = target._meta
    app, model = meta.app_label, meta.model_name
    templates = [
        f"comments/{app}_{model}_preview.html",
        f"comments/{app}_preview.html",
        f"comments/{app}/{model}/preview.html",
        f"comments/{app}/preview.html",
        "comments/preview.html",
    ]
    context = {"comment": form.data.get("comment", ""), "form": form, "next": next}
    return render(request, templates, context)
