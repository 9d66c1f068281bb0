"""The ``akismet`` check: ask Akismet about each comment, and tell it what moderators decided."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from importlib.metadata import version
from typing import ClassVar

import akismet
import httpx

from commentguard import Check, CommentSubmission, Finding, Verdict
from commentguard_akismet.arguments import AkismetRequest, akismet_request
from commentguard_akismet.settings import AkismetSettings, akismet_config

logger = logging.getLogger("commentguard.akismet")

USER_AGENT = f"commentguard/{version('commentguard')} | {akismet.USER_AGENT}"
"""Sent with every request, as Akismet asks: the application, then the client library."""


class AkismetCheck(Check):
    """Mark as spam what Akismet calls spam, and discard what it calls blatant spam.

    Runs through the maintained ``akismet`` package: :class:`akismet.SyncClient` under
    ``Guard``, :class:`akismet.AsyncClient` under ``AsyncGuard``. When Akismet cannot answer
    (a timeout, a network error, an error status, an answer that is not Akismet's, a key it
    refuses), the check returns a finding with the ``fallback`` verdict instead of raising, so
    the request carries on. ``Guard.report`` reaches :meth:`learn`, which sends the
    moderator's verdict back to Akismet.

    To change how it connects (a proxy, a test server), subclass it and override
    :meth:`http_client` and :meth:`async_http_client`; to use the akismet package's test
    clients, set :attr:`sync_client_class` and :attr:`async_client_class`.
    """

    name = "akismet"
    settings_model = AkismetSettings
    default_order = 90  # a network round trip: after every local check, which may settle it
    default_timeout = 10.0  # a backstop; request_timeout normally answers first, with fallback
    settings: AkismetSettings

    sync_client_class: ClassVar[type[akismet.SyncClient]] = akismet.SyncClient
    """The client used by :meth:`check` and :meth:`learn`."""
    async_client_class: ClassVar[type[akismet.AsyncClient]] = akismet.AsyncClient
    """The client used by :meth:`acheck`."""

    def __init__(self, settings: AkismetSettings | None = None) -> None:
        """Build both clients; neither connects until it is used.

        Raises:
            NotConfigured: no API key in the settings or the environment; the guard leaves
                the check out with a warning, unless ``required = true``.
            ConfigurationError: a key, but no site URL (or one that is not a web address).
        """
        super().__init__(settings)
        config = akismet_config(self.settings)
        # Kept to close them: the akismet clients have no public close outside a with block.
        self._http = self.http_client()
        self._async_http = self.async_http_client()
        self._client = self.sync_client_class(config, http_client=self._http)
        self._async_client = self.async_client_class(config, http_client=self._async_http)

    def http_client(self) -> httpx.Client:
        """The HTTP client behind the sync Akismet client (shared by threads, kept open)."""
        return httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=self.settings.request_timeout
        )

    def async_http_client(self) -> httpx.AsyncClient:
        """The HTTP client behind the async Akismet client."""
        return httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT}, timeout=self.settings.request_timeout
        )

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Ask Akismet's comment-check about ``submission``."""
        request = self._request(submission)
        if request is None:
            return (self._not_checked(),)
        try:
            answer = self._client.comment_check(request.user_ip, **request.arguments)
        except akismet.AkismetError as exc:
            return (self._failed(exc),)
        return self._findings(answer)

    async def acheck(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Ask Akismet's comment-check about ``submission``, without blocking the event loop."""
        request = self._request(submission)
        if request is None:
            return (self._not_checked(),)
        try:
            answer = await self._async_client.comment_check(request.user_ip, **request.arguments)
        except akismet.AkismetError as exc:
            return (self._failed(exc),)
        return self._findings(answer)

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Send a moderator's verdict to Akismet: ``approve`` as ham, ``spam``/``discard`` as spam.

        ``hold`` and ``reject`` say nothing about spam and are not sent. A failure is logged
        (the operation and the error's type) and does not raise: the other learners still
        hear the verdict.
        """
        if not self.settings.report or verdict not in _SUBMISSIONS:
            return
        operation = _SUBMISSIONS[verdict]
        request = self._request(submission)
        if request is None:
            logger.warning("akismet %s skipped: the comment has no IP address", operation)
            return
        submit = self._client.submit_ham if operation == "submit-ham" else self._client.submit_spam
        try:
            submit(request.user_ip, **request.arguments)
        except akismet.AkismetError as exc:
            code, problem = _failure(exc)
            logger.warning(
                "akismet %s failed: %s (%s); the verdict was not sent", operation, problem, code
            )

    def close(self) -> None:
        """Close the sync client's connections."""
        self._http.close()

    async def aclose(self) -> None:
        """Close both clients' connections."""
        self.close()
        await self._async_http.aclose()

    def _request(self, submission: CommentSubmission) -> AkismetRequest | None:
        return akismet_request(
            submission,
            comment_type=self.settings.comment_type,
            honeypot_field_name=self.settings.honeypot_field_name,
            blog_lang=self.settings.blog_lang,
            is_test=self.settings.is_test,
        )

    def _findings(self, answer: akismet.CheckResponse) -> Sequence[Finding]:
        if answer is akismet.CheckResponse.DISCARD:
            return (
                self.finding(
                    "akismet.discard",
                    self.settings.discard_verdict,
                    "Akismet called the comment blatant spam (X-akismet-pro-tip: discard).",
                    score=1.0,
                ),
            )
        if answer is akismet.CheckResponse.SPAM:
            return (
                self.finding(
                    "akismet.spam",
                    self.settings.spam_verdict,
                    "Akismet called the comment spam.",
                ),
            )
        return ()

    def _failed(self, exc: akismet.AkismetError) -> Finding:
        # The package's messages can quote Akismet's answer: log our description, not them.
        code, problem = _failure(exc)
        fallback = self.settings.fallback.value
        logger.warning(
            "akismet comment-check failed: %s (%s); fallback %s", problem, code, fallback
        )
        return self.finding(
            f"akismet.{code}",
            self.settings.fallback,
            f"Akismet could not check the comment: {problem}. It gets the fallback verdict, "
            f"{fallback}.",
        )

    def _not_checked(self) -> Finding:
        return self.finding(
            "akismet.no_ip",
            Verdict.APPROVE,
            "The comment has no IP address, which Akismet requires; it was not checked.",
        )


_SUBMISSIONS = {
    Verdict.APPROVE: "submit-ham",
    Verdict.SPAM: "submit-spam",
    Verdict.DISCARD: "submit-spam",
}


def _failure(exc: akismet.AkismetError) -> tuple[str, str]:
    """The finding code and a description of what went wrong, from the package's exception."""
    if isinstance(exc, akismet.APIKeyError):
        return "invalid_key", "it refused the API key or site URL"
    if isinstance(exc, akismet.RequestError):
        if isinstance(exc.__cause__, httpx.TimeoutException):
            return "timeout", "it did not answer in time"
        if isinstance(exc.__cause__, httpx.HTTPStatusError):
            return "unavailable", f"it answered HTTP {exc.__cause__.response.status_code}"
        return "unavailable", "it could not be reached"
    if isinstance(exc, akismet.ProtocolError):
        return "bad_response", "its answer was not one of those it documents"
    return "error", f"the request failed ({type(exc).__name__})"
