"""Duplicates: the same comment twice from one author, or from many authors at once."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pydantic import Field, PositiveFloat, PositiveInt

from commentguard._check import Check, CheckSettings, StoreCheck
from commentguard._hookspecs import hookimpl
from commentguard._identity import author_or_name_key, keyed_hash, network_key
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_
from commentguard.text._minhash import band_hashers, band_hashes, signature

if TYPE_CHECKING:
    from commentguard.stores import Store

_REPEAT_KEY = "_commentguard_duplicate_repeat"  # where check() leaves confirm() the repeat key

CAMPAIGN_TEXT_CHARS = 16_384
"""Characters of normalised text a campaign is recognised by: copies share their beginning.

Hashing every 4-gram of a 64 KB body costs about 25 ms; spam copies share their opening as
much as the rest, so the first 16 KB decide (about 6 ms at the most).
"""

# WordPress's message for a duplicate (wp-includes/comment.php).
_DUPLICATE_MESSAGE = N_(
    "Duplicate comment detected; it looks as though you\u2019ve already said that!"
)


class DuplicateSettings(CheckSettings):
    """Settings of the ``duplicate`` check."""

    repeat_window_seconds: PositiveFloat = Field(
        86_400.0, description="How long an author's comment text is remembered per thread."
    )
    campaign_authors: PositiveInt = Field(
        3, description="Hold a text once this many distinct authors or addresses sent it."
    )
    campaign_window_seconds: PositiveFloat = Field(
        3_600.0, description="How long texts are remembered for spotting campaigns."
    )
    campaign_min_words: PositiveInt = Field(
        6, description="Shorter texts ('Thanks!') are ordinary to repeat and never a campaign."
    )


class DuplicateCheck(StoreCheck):
    """Reject an author repeating a comment in a thread; hold a text many authors send.

    Repeats compare the normalised text (case, spacing and punctuation ignored) with the texts
    of comments the site took (any verdict but reject), remembered in :meth:`confirm`. Campaigns
    compare MinHash signatures of character 4-grams, so small edits and shuffled links still
    match. The store holds only keyed hashes, never the text or the author.
    """

    name = "duplicate"
    settings_model = DuplicateSettings
    # Before form_token (12) and flood (13): a double click's second copy is a repeat, and is
    # answered as one ("already said that", HTTP 409), not as a flood or a replayed form.
    default_order = 11
    default_timeout = 3.0
    settings: DuplicateSettings

    def __init__(
        self,
        settings: CheckSettings | None = None,
        store: Store | None = None,
        secret: bytes = b"",
    ) -> None:
        super().__init__(settings, store, secret)
        self._band_hashers = band_hashers(secret)
        self._band_prefix = self.store_key("band", "")
        self._full_prefix = self.store_key("band-full", "")
        self._repeat_prefix = self.store_key("repeat", "")
        # Marks the repeat keys this check left on submissions: an object of its own (not the
        # secret, which would be pickled with a submission), equal to no other check's.
        self._token = object()

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Look for a repeat of a comment the site took from this author, then for a campaign."""
        if self._store is None:
            return ()
        words = submission.prepared.body.words
        author = author_or_name_key(submission, self._secret)
        joined = " ".join(words)
        key = self._repeat_key(submission, author, words, joined)
        # For confirm(), with what the key was made of: a copy of the submission with other
        # fields (model_copy keeps this) or another check (another token) makes its own.
        submission.__dict__[_REPEAT_KEY] = (self._token, *_repeat_inputs(submission), key)
        if self._store.get(key) is not None:
            return (self._repeat(),)
        campaign = self._campaign(submission, author, words, joined)
        return (campaign,) if campaign is not None else ()

    def confirm(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Remember the text of a comment the site takes; refuse it if the same came first.

        The claim is atomic (``Store.add``): of two copies racing through the guard (a double
        click answered by two workers), one is taken and the other refused as a repeat. A
        comment refused for another reason (a flood, a closed thread) is not remembered, so
        sending it again later is not a repeat.
        """
        if self._store is None:
            return ()
        known = submission.__dict__.pop(_REPEAT_KEY, None)
        if (
            known is not None
            and known[0] is self._token
            and known[1:-1] == _repeat_inputs(submission)
        ):
            key = known[-1]
        else:
            words = submission.prepared.body.words
            author = author_or_name_key(submission, self._secret)
            key = self._repeat_key(submission, author, words, " ".join(words))
        if self._store.add(key, "1", self.settings.repeat_window_seconds):
            return ()
        return (self._repeat(),)

    def _repeat_key(
        self, submission: CommentSubmission, author: str, words: Sequence[str], joined: str
    ) -> str:
        """The store key of the author's text in the thread; ``joined``: the words, joined."""
        # A text of no words (emoji, punctuation) is compared as written.
        normal = joined if words else unicodedata.normalize("NFKC", submission.body)
        text = keyed_hash(self._secret, submission.thread_id or "", normal)
        return f"{self._repeat_prefix}{author}:{text}"

    def _band_sets(
        self, words: Sequence[str], sender: str, window: float, full_at: int, joined: str
    ) -> list[list[str] | None]:
        """Add ``sender`` to the set of each of the text's bands; the members, or None if full."""
        assert self._store is not None  # noqa: S101 - check() tested it
        keys = self.band_keys(words, joined)
        return self._store.add_member_unless_full(keys, sender, window, full_at)

    def band_keys(self, words: Sequence[str], joined: str | None = None) -> list[tuple[str, str]]:
        """The store keys of the text's MinHash bands: each band's set and its full mark.

        ``joined`` is the words joined by spaces, if the caller has it already.
        """
        if joined is None:
            joined = " ".join(words)
        # Its first CAMPAIGN_TEXT_CHARS, cut where a word ends (all of it, most of the time).
        text = joined
        if len(joined) > CAMPAIGN_TEXT_CHARS:
            text = " ".join(_first_chars(words, CAMPAIGN_TEXT_CHARS))
        return [
            (self._band_prefix + band, self._full_prefix + band)
            for band in band_hashes(signature(text), self._band_hashers)
        ]

    def _repeat(self) -> Finding:
        return self.finding(
            "duplicate.repeat",
            Verdict.REJECT,
            "The author already sent this text to this thread.",
            author_message=_DUPLICATE_MESSAGE,
        )

    def _campaign(
        self, submission: CommentSubmission, author: str, words: Sequence[str], joined: str
    ) -> Finding | None:
        if len(words) < self.settings.campaign_min_words:
            return None
        network = ""
        if submission.ip is not None:
            network = keyed_hash(self._secret, network_key(submission.ip, 64))
        window = self.settings.campaign_window_seconds
        # Past ``enough`` senders the finding no longer changes (its score is 1.0). A band's set
        # of "author/network" pairs is read only while it is small: once it holds
        # ``enough ** 2`` pairs, there are at least ``enough`` authors or networks in it
        # (a x b >= enough ** 2 means a or b >= enough), so the band is marked full and no
        # longer written or read. A spam wave of 10,000 senders then costs each comment what
        # a wave of 10 does.
        enough = 2 * self.settings.campaign_authors
        sets = self._band_sets(words, f"{author}/{network}", window, enough**2, joined)
        full = None in sets
        # The bands of one text mostly hold the same senders: each is split once.
        senders_seen = set().union(*(members for members in sets if members is not None))
        pairs = [member.partition("/") for member in senders_seen]
        authors = {author, *(pair[0] for pair in pairs)}
        networks = {network, *(pair[2] for pair in pairs)} - {""}
        senders = enough if full else max(len(authors), len(networks))
        if senders < self.settings.campaign_authors:
            return None
        counted = f"at least {senders}" if full else str(senders)
        return self.finding(
            "duplicate.campaign",
            Verdict.HOLD,
            f"The same or nearly the same text came from {counted} different authors or "
            f"addresses within {window:g} s.",
            score=min(1.0, senders / enough),
        )


def _repeat_inputs(submission: CommentSubmission) -> tuple[object, ...]:
    """What the repeat key is made of besides the check's secret (the words are the body's)."""
    return (submission.thread_id, submission.body, submission.email, submission.name)


def _first_chars(words: Sequence[str], limit: int) -> list[str]:
    """The words that fit in ``limit`` characters (spaces counted), from the first."""
    kept, used = [], 0
    for word in words:
        used += len(word) + 1
        if used > limit + 1:
            break
        kept.append(word)
    return kept or list(words[:1])


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the duplicate check."""
    register(DuplicateCheck)
