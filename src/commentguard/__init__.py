"""commentguard: moderate comments on websites.

Validate a submission, run pluggable checks, and get a decision to act on::

    from commentguard import Guard

    guard = Guard()
    decision = guard.moderate({"name": "Ada", "email": "ada@example.com", "body": "Nice!"})
    print(decision.verdict, decision.author_message)
"""

from importlib.metadata import version as _version

from commentguard._check import Check, CheckSettings, StoreCheck
from commentguard._check_context import CheckContext
from commentguard._errors import (
    CommentguardError,
    ConfigurationError,
    FieldError,
    InvalidSubmission,
    NotConfigured,
    PluginLoadError,
    SettingsError,
)
from commentguard._form_token import FormToken, FormTokenSigner, InvalidFormToken
from commentguard._guard import AsyncGuard, BaseGuard, Guard
from commentguard._hookspecs import hookimpl
from commentguard._models import (
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
from commentguard._secret_key import GENERATE_KEY_COMMAND, secret_key_weakness
from commentguard._settings import Settings

__version__ = _version("commentguard")

__all__ = [
    "GENERATE_KEY_COMMAND",
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
    "secret_key_weakness",
]
