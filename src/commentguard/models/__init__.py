"""The data that flows through commentguard: submissions in, decisions out."""

from commentguard.models.decision import Decision
from commentguard.models.email import EmailAddress
from commentguard.models.finding import Finding
from commentguard.models.limits import EmailOptions, SubmissionLimits, ValidationOptions
from commentguard.models.moderation import Moderation
from commentguard.models.public import PublicComment
from commentguard.models.submission import CommentSubmission
from commentguard.models.verdict import Verdict

__all__ = [
    "CommentSubmission",
    "Decision",
    "EmailAddress",
    "EmailOptions",
    "Finding",
    "Moderation",
    "PublicComment",
    "SubmissionLimits",
    "ValidationOptions",
    "Verdict",
]
