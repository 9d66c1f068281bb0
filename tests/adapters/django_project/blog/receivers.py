# blog/receivers.py
import logging
from typing import Any

from django.dispatch import receiver

from commentguard import Decision, Verdict
from commentguard.adapters.django.signals import comment_moderated, comment_reported

logger = logging.getLogger("blog")


@receiver(comment_moderated)
def log_decision(sender: Any, submission: Any, decision: Decision, **kwargs: Any) -> None:
    logger.info("comment on %s: %s", submission.thread_id, decision.verdict.value)


@receiver(comment_reported)
def log_report(sender: Any, submission: Any, verdict: Verdict, **kwargs: Any) -> None:
    logger.info("a moderator said %s about a comment on %s", verdict.value, submission.thread_id)
