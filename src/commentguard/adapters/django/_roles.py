"""Who the signed-in user is, in commentguard's terms (``author_role``)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest

AuthorRole = Literal["reader", "trusted", "moderator"]

MODERATE_PERMISSION = "django_comments.can_moderate"
"""django-contrib-comments' permission to approve and remove comments."""


def author_role(user: Any) -> AuthorRole:
    """The role of ``user``: moderator, trusted (signed in) or reader.

    ``moderator`` for staff, superusers and holders of ``django_comments.can_moderate``;
    ``trusted`` for any other signed-in user; ``reader`` for everyone else.
    The flood check exempts moderators by default; add ``"trusted"`` to
    ``checks.flood.exempt_roles`` to exempt every signed-in user too.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return "reader"
    if user.is_staff or user.is_superuser or user.has_perm(MODERATE_PERMISSION):
        return "moderator"
    return "trusted"


def request_role(request: HttpRequest) -> AuthorRole:
    """The role of ``request.user`` (``reader`` without the authentication middleware)."""
    return author_role(getattr(request, "user", None))
