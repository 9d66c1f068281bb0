# blog/models.py
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone

from commentguard.adapters.django.models import ModerationRecord


class Article(models.Model):
    title = models.CharField(max_length=200)
    published_at = models.DateTimeField(default=timezone.now)

    def get_absolute_url(self) -> str:
        return f"/articles/{self.pk}/"


class Remark(models.Model):
    """A comment kept in the site's own model, from the site's own form."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    name = models.CharField(max_length=245)
    email = models.EmailField(max_length=100)  # never shown
    url = models.URLField(max_length=200, blank=True)
    body = models.TextField()
    verdict = models.CharField(max_length=16)
    submitted_at = models.DateTimeField()
    # Its moderation record (verdict, findings) is deleted with it.
    moderation = GenericRelation(ModerationRecord, object_id_field="object_pk")
