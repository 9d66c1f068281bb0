# blog/moderation.py
from typing import Any

from django.http import HttpRequest


def comment_context(comment: Any, request: HttpRequest) -> dict[str, Any]:
    """What the server knows about a comment's thread (COMMENTGUARD_COMMENT_CONTEXT)."""
    article = comment.content_object
    return {"thread_published_at": getattr(article, "published_at", None)}
