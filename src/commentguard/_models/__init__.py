"""The data that flows through commentguard: submissions in, decisions out."""

from commentguard._models.decision import Decision
from commentguard._models.email import EmailAddress
from commentguard._models.finding import Finding
from commentguard._models.limits import EmailOptions, SubmissionLimits, ValidationOptions
from commentguard._models.moderation import Moderation
from commentguard._models.public import PublicComment
from commentguard._models.submission import CommentSubmission
from commentguard._models.verdict import Verdict

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
