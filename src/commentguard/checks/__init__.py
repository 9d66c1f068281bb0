"""The built-in checks. Each module is a plugin registering its check like a third party would."""

from commentguard.checks.bbcode_links import BBCodeLinksCheck
from commentguard.checks.closed_thread import ClosedThreadCheck
from commentguard.checks.disguised_links import DisguisedLinksCheck
from commentguard.checks.disposable_mailbox import DisposableMailboxCheck
from commentguard.checks.duplicate import DuplicateCheck
from commentguard.checks.flood import FloodCheck
from commentguard.checks.form_token import FormTokenCheck
from commentguard.checks.homograph import HomographCheck
from commentguard.checks.honeypot import HoneypotCheck
from commentguard.checks.invisible_text import InvisibleTextCheck
from commentguard.checks.language import LanguageCheck
from commentguard.checks.link_ratio import LinkRatioCheck
from commentguard.checks.links import LinksCheck
from commentguard.checks.profanity import ProfanityCheck
from commentguard.checks.spam_memory import SpamMemoryCheck
from commentguard.checks.trusted_author import TrustedAuthorCheck
from commentguard.checks.website_in_body import WebsiteInBodyCheck
from commentguard.checks.wordlists import WordlistsCheck

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
