"""URLs for django-contrib-comments with commentguard's view.

Include them before django-contrib-comments' own, under the same prefix, so that its
``post/`` is answered by :func:`~commentguard.adapters.django._comment_views.post_comment`::

    path("comments/", include("commentguard.adapters.django.comments_urls")),
    path("comments/", include("django_comments.urls")),
"""

from django.urls import path

from commentguard.adapters.django._comment_views import (
    PENDING_URL_NAME,
    comment_pending,
    post_comment,
)

urlpatterns = [
    path("post/", post_comment, name="commentguard-post-comment"),
    path("pending/", comment_pending, name=PENDING_URL_NAME),
]
