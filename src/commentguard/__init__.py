"""commentguard: moderate comments on websites.

Validate a submission, run pluggable checks, and get a decision to act on::

    from commentguard import Guard

    guard = Guard()
    decision = guard.moderate({"name": "Ada", "email": "ada@example.com", "body": "Nice!"})
    print(decision.verdict, decision.author_message)
"""

from importlib.metadata import version as _version

from commentguard._check_context import CheckContext
from commentguard.check import Check, CheckSettings, StoreCheck
from commentguard.errors import (
    CommentguardError,
    ConfigurationError,
    FieldError,
    InvalidSubmission,
    NotConfigured,
    PluginLoadError,
    SettingsError,
)
from commentguard.form_token import FormToken, FormTokenSigner, InvalidFormToken
from commentguard.guard import AsyncGuard, BaseGuard, Guard
from commentguard.hookspecs import hookimpl
from commentguard.models import (
    CommentSubmission,
    Decision,
    EmailAddress,
    EmailOptions,
    Finding,
    Moderation,
    PublicComment,
    SubmissionLimits,
    ValidationOptions,
    Verdict,
)
from commentguard.settings import Settings

__version__ = _version("commentguard")

__all__ = [
    "AsyncGuard",
    "BaseGuard",
    "Check",
    "CheckContext",
    "CheckSettings",
    "CommentSubmission",
    "CommentguardError",
    "ConfigurationError",
    "Decision",
    "EmailAddress",
    "EmailOptions",
    "FieldError",
    "Finding",
    "FormToken",
    "FormTokenSigner",
    "Guard",
    "InvalidFormToken",
    "InvalidSubmission",
    "Moderation",
    "NotConfigured",
    "PluginLoadError",
    "PublicComment",
    "Settings",
    "SettingsError",
    "StoreCheck",
    "SubmissionLimits",
    "ValidationOptions",
    "Verdict",
    "__version__",
    "hookimpl",
]
