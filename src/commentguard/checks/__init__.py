"""The built-in checks. Each module is a plugin registering its check like a third party would."""

from commentguard.checks._bbcode_links import BBCodeLinksCheck
from commentguard.checks._closed_thread import ClosedThreadCheck
from commentguard.checks._disguised_links import DisguisedLinksCheck
from commentguard.checks._disposable_mailbox import DisposableMailboxCheck
from commentguard.checks._duplicate import DuplicateCheck
from commentguard.checks._flood import FloodCheck
from commentguard.checks._form_token import FormTokenCheck
from commentguard.checks._homograph import HomographCheck
from commentguard.checks._honeypot import HoneypotCheck
from commentguard.checks._invisible_text import InvisibleTextCheck
from commentguard.checks._language import LanguageCheck
from commentguard.checks._link_ratio import LinkRatioCheck
from commentguard.checks._links import LinksCheck
from commentguard.checks._profanity import ProfanityCheck
from commentguard.checks._spam_memory import SpamMemoryCheck
from commentguard.checks._trusted_author import TrustedAuthorCheck
from commentguard.checks._website_in_body import WebsiteInBodyCheck
from commentguard.checks._wordlists import WordlistsCheck

__all__ = [
    "BBCodeLinksCheck",
    "ClosedThreadCheck",
    "DisguisedLinksCheck",
    "DisposableMailboxCheck",
    "DuplicateCheck",
    "FloodCheck",
    "FormTokenCheck",
    "HomographCheck",
    "HoneypotCheck",
    "InvisibleTextCheck",
    "LanguageCheck",
    "LinkRatioCheck",
    "LinksCheck",
    "ProfanityCheck",
    "SpamMemoryCheck",
    "TrustedAuthorCheck",
    "WebsiteInBodyCheck",
    "WordlistsCheck",
]
