"""What commentguard remembers about each comment it moderated: the record moderators see."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from commentguard._models import Verdict

VERDICT_CHOICES = [(verdict.value, verdict.value) for verdict in Verdict]


class ModerationRecord(models.Model):  # type: ignore[misc] # Django has no type hints
    """The verdict and findings for one comment, and what ``Guard.report`` needs later.

    The comment is any model instance (a django-contrib-comments ``Comment``, or a site's own
    model), reached through a generic foreign key. ``submission`` is the validated submission
    without its email and form token: the email stays where the site keeps it (``Comment``
    has it) and is added back when the comment is reported.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_pk = models.CharField(max_length=64)
    comment = GenericForeignKey("content_type", "object_pk")
    verdict = models.CharField(max_length=16, choices=VERDICT_CHOICES)
    codes = models.CharField(max_length=500, blank=True, help_text="The finding codes.")
    findings = models.JSONField(default=list, blank=True)
    submission = models.JSONField(default=dict, blank=True)
    moderated_at = models.DateTimeField(default=timezone.now)
    reported_verdict = models.CharField(max_length=16, choices=VERDICT_CHOICES, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        """One record per comment."""

        verbose_name = "moderation record"
        constraints = [  # noqa: RUF012 - Django reads a list here
            models.UniqueConstraint(
                fields=["content_type", "object_pk"], name="commentguard_one_record_per_comment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verdict} ({self.codes or 'no findings'})"

    @property
    def finding_lines(self) -> list[str]:
        """One line per finding: ``code (verdict): message for moderators``."""
        lines = []
        for finding in self.findings:
            item: dict[str, Any] = finding
            lines.append(f"{item['code']} ({item['verdict']}): {item['moderator_message']}")
        return lines
