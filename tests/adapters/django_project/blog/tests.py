# blog/tests.py
from django.test import TestCase, override_settings

from blog.models import Article

GUARD = {"store": "memory://", "checks": {"form_token": {"min_seconds": 0}}}


class CommentTests(TestCase):
    @override_settings(COMMENTGUARD=GUARD)  # on each test: each gets its own guard and store
    def test_a_comment_is_published(self) -> None:
        article = Article.objects.create(title="Hello")
        comment = {"author": "Ada", "email": "ada@example.com", "comment": "Nice."}
        response = self.client.post(f"/api/articles/{article.pk}/comments", comment)
        self.assertEqual(response.status_code, 201)

    @override_settings(COMMENTGUARD=GUARD)  # a fresh store: Ada's first comment here too
    def test_a_second_test_starts_afresh(self) -> None:
        self.test_a_comment_is_published()
