"""Starlette: an async helper over ``AsyncGuard`` (FastAPI's is :mod:`.fastapi`).

Example:
    >>> from starlette.applications import Starlette
    >>> from starlette.routing import Route
    >>> from commentguard.adapters.starlette import StarletteGuard
    >>> comments = StarletteGuard(trusted_proxies=["10.0.0.0/8"])
    >>> async def post_comment(request):
    ...     moderation = await comments.moderate(request, context={"author_role": "reader"})
    ...     return comments.response(moderation)  # after saving moderation.public
    >>> app = Starlette(routes=[Route("/comments", post_comment, methods=["POST"])])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from commentguard._errors import InvalidSubmission
from commentguard._form_token import FormTokenSigner
from commentguard._guard import AsyncGuard
from commentguard._models import Decision, Moderation
from commentguard._settings import Settings
from commentguard.adapters._http import (
    MAX_BODY_BYTES,
    BadRequest,
    FieldNames,
    InvalidComment,
    body_kind,
    check_size,
    decision_body,
    decision_status,
    hidden_fields_html,
    parse_json_body,
)
from commentguard.adapters._proxies import ForwardedHeader, ProxyPolicy
from commentguard.adapters._sent_fields import SentFields, server_context

try:
    from starlette.formparsers import MultiPartException, MultiPartParser
    from starlette.requests import Request
    from starlette.responses import JSONResponse
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError(
        "commentguard.adapters.starlette needs Starlette: pip install 'commentguard[fastapi]'"
    ) from exc

__all__ = ["HTML", "BadRequest", "InvalidComment", "StarletteGuard"]


class HTML(str):
    """Markup that Jinja (through markupsafe's ``__html__``) renders as it is, unescaped."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


class StarletteGuard:
    """Moderates comments posted to a Starlette app as JSON, urlencoded or multipart bodies."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        guard: AsyncGuard | None = None,
        trusted_proxies: Iterable[str] = (),
        trusted_header: str = ForwardedHeader.X_FORWARDED_FOR,
        max_body_bytes: int = MAX_BODY_BYTES,
        fields: FieldNames | None = None,
        locale_selector: Callable[[Request], str | None] | None = None,
    ) -> None:
        """Build the guard.

        Args:
            settings: Defaults to :meth:`Settings.load` (files and environment).
            guard: A guard built already (with extra plugins, or shared), instead of
                ``settings``.
            trusted_proxies: CIDRs of the proxies whose ``trusted_header`` is believed.
            trusted_header: ``"X-Forwarded-For"`` or ``"Forwarded"``: the one header your
                proxies set; the other is never read.
            max_body_bytes: Larger request bodies are refused with 413 before being read whole.
            fields: Form field names (WordPress's by default; the submission's own names are
                read too).
            locale_selector: Picks the language of the reader's messages for a request
                (``None``: the ``locale`` setting), for example from ``Accept-Language``
                with :func:`commentguard.i18n.negotiate_locale`.
        """
        if guard is not None and settings is not None:
            raise TypeError("give settings or guard, not both")
        self.guard = guard or AsyncGuard(settings if settings is not None else Settings.load())
        self.proxies = ProxyPolicy.from_cidrs(trusted_proxies, trusted_header)
        self.max_body_bytes = max_body_bytes
        self.fields = fields or FieldNames()
        self.locale_selector = locale_selector
        secret = self.guard.settings.secret_key
        self._signer = FormTokenSigner(secret) if secret is not None else None

    def hidden_fields(self, thread_id: object = None) -> HTML:
        """The honeypot and the signed form token as hidden inputs, for a template.

        With Starlette's ``Jinja2Templates``, pass the guard to the template and write
        ``{{ comments.hidden_fields(thread_id=post.id) }}`` inside the form: the result is
        marked as HTML for Jinja (its values are escaped). The id may be of any type. Without
        a ``secret_key`` only the honeypot is rendered.
        """
        token = self._signer.issue(thread_id=thread_id) if self._signer is not None else None
        return HTML(hidden_fields_html(self.fields, token))

    async def request_data(self, request: Request) -> dict[str, Any]:
        """The decoded body (JSON object or form fields), read at most ``max_body_bytes``.

        The request stays readable: the endpoint may still call ``request.json()``,
        ``request.form()`` or ``request.body()``. File parts of a multipart body are ignored.

        Raises:
            BadRequest: 413 for a body over the limit, 415 for a body that is neither JSON nor
                form data, 400 for one that cannot be decoded.
        """
        body = await self._read_body(request)
        kind = body_kind(request.headers.get("content-type"))
        if kind == "json":
            return parse_json_body(body)
        if kind == "multipart":
            return await self._multipart_fields(request)
        try:
            text = body.decode("utf-8")
            return dict(parse_qsl(text, keep_blank_values=True, errors="strict"))
        except UnicodeDecodeError:
            raise BadRequest("The form data is not valid UTF-8.") from None

    async def submission_data(
        self, request: Request, *, context: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The comment fields, ``context`` over them, and the request's address and headers.

        Ready for ``guard.moderate`` or ``guard.parse``, as the Flask and Django adapters'.

        Raises:
            BadRequest: the request itself is unreadable.
            TypeError: ``context`` has a key that is not a server-side field.
        """
        sent = SentFields.read(await self.request_data(request), self.fields)
        return {**sent.values, **server_context(context), **self._request_context(request)}

    async def moderate(
        self, request: Request, *, context: Mapping[str, Any] | None = None
    ) -> Moderation:
        """Moderate the comment in ``request``.

        Args:
            request: The POST request carrying the comment.
            context: Server-side submission fields (``thread_id``, ``thread_published_at``,
                ``author_role``, ``permalink``, ``id``, ``parent_id``) that override what the
                request says: the thread's date from your database, the role of the logged-in
                user.

        Returns:
            The decision, with the validated ``submission`` (and ``public``) to save.

        Raises:
            InvalidComment: field errors, named as the client sent the fields.
            BadRequest: the request itself is unreadable.
            TypeError: ``context`` has a key that is not a server-side field.
            ValueError: a ``context`` value is invalid (a bug in the caller, not the client's).
        """
        server = server_context(context)
        sent = SentFields.read(await self.request_data(request), self.fields)
        data = {**sent.values, **server, **self._request_context(request)}
        try:
            return await self.guard.moderate(data)
        except InvalidSubmission as exc:
            wrong = [error for error in exc.errors if error.field in server]
            if wrong:
                problems = "; ".join(f"{error.field}: {error.message}" for error in wrong)
                raise ValueError(f"invalid server-side context ({problems})") from None
            raise sent.invalid(exc, self.fields, self.locale(request)) from None

    async def json_response(
        self, request: Request, *, context: Mapping[str, Any] | None = None
    ) -> JSONResponse:
        """Moderate and answer: 201/202/403/409/429 with a message, 422 field errors, 400/413.

        For an endpoint that saves the comment, call :meth:`moderate` and :meth:`response`.
        """
        try:
            moderation = await self.moderate(request, context=context)
            return self.response(moderation, locale=self.locale(request))
        except (InvalidComment, BadRequest) as exc:
            return self.error_response(exc)

    def error_response(self, error: InvalidComment | BadRequest) -> JSONResponse:
        """The JSON response for field errors (422, FastAPI's shape) or a bad body (400...)."""
        if isinstance(error, InvalidComment):
            return JSONResponse({"detail": error.detail}, status_code=422)
        return JSONResponse({"detail": str(error)}, status_code=error.status)

    async def dependency(self, request: Request) -> Moderation:
        """A FastAPI dependency without context; :class:`~.fastapi.FastAPIGuard` has more."""
        from commentguard.adapters.fastapi import fastapi_errors

        with fastapi_errors():
            return await self.moderate(request)

    def locale(self, request: Request) -> str:
        """The language of the messages for the reader of ``request``."""
        chosen = self.locale_selector(request) if self.locale_selector is not None else None
        return chosen or self.guard.settings.locale

    def response(self, decision: Decision, *, locale: str | None = None) -> JSONResponse:
        """The JSON response for a decision: its status and the message for the author.

        The message is in ``locale`` (default: the ``locale`` setting); with a
        ``locale_selector``, pass ``locale=comments.locale(request)``.
        """
        body = decision_body(decision, locale=locale or self.guard.settings.locale)
        return JSONResponse(body, status_code=decision_status(decision))

    def decision_content(self, decision: Decision, *, locale: str | None = None) -> dict[str, Any]:
        """The JSON body for a decision (pair it with :meth:`status_code`)."""
        return decision_body(decision, locale=locale or self.guard.settings.locale)

    def status_code(self, decision: Decision) -> int:
        """The HTTP status for a decision."""
        return decision_status(decision)

    async def aclose(self) -> None:
        """Close the guard: its checks and its store (call it when the app shuts down)."""
        await self.guard.aclose()

    def _request_context(self, request: Request) -> dict[str, Any]:
        peer = request.client.host if request.client else None
        return self.proxies.request_context(peer, request.headers)

    async def _read_body(self, request: Request) -> bytes:
        check_size(request.headers.get("content-length"), self.max_body_bytes)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise BadRequest(
                    f"The request body is larger than {self.max_body_bytes} bytes.", status=413
                )
            chunks.append(chunk)
        body = b"".join(chunks)
        # Request.body() caches here, and stream(), json() and form() read the cache, so the
        # endpoint can read the body again after this bounded read.
        request._body = body
        return body

    async def _multipart_fields(self, request: Request) -> dict[str, Any]:
        # Parsed apart from request.form(): the file parts are closed here, and the endpoint,
        # if it reads the form itself, gets its own copy from the cached body, files included.
        parser = MultiPartParser(
            request.headers, request.stream(), max_part_size=self.max_body_bytes
        )
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            raise BadRequest(f"The multipart form data cannot be read: {exc.message}") from None
        try:
            return {key: value for key, value in form.multi_items() if isinstance(value, str)}
        finally:
            await form.close()
