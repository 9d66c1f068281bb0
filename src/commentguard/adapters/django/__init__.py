"""Django: an installable app (``"commentguard.adapters.django"`` in ``INSTALLED_APPS``).

Settings come from ``settings.COMMENTGUARD`` (a dict of commentguard settings), plus
``COMMENTGUARD_TRUSTED_PROXIES`` (CIDRs), ``COMMENTGUARD_TRUSTED_HEADER`` (the header they
set: ``"X-Forwarded-For"``, the default, or ``"Forwarded"``), ``COMMENTGUARD_MAX_BODY_BYTES``
and, with django-contrib-comments, ``COMMENTGUARD_SPAM`` and ``COMMENTGUARD_COMMENT_CONTEXT``.

The package is also a django-contrib-comments *comments app*: with
``COMMENTS_APP = "commentguard.adapters.django"`` the comment form carries the honeypot and
the form token (:func:`get_form`) and posts to commentguard's view (:func:`get_form_target`).
"""

from __future__ import annotations

from typing import Any


def get_form() -> type[Any]:
    """The comment form django-contrib-comments renders and validates (``COMMENTS_APP``)."""
    from commentguard.adapters.django._comment_form import CommentGuardCommentForm

    return CommentGuardCommentForm


def get_form_target() -> str:
    """Where the comment form posts: commentguard's ``post_comment`` view."""
    from django.urls import reverse

    url: str = reverse("commentguard-post-comment")
    return url
