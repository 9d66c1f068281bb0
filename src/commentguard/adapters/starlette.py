"""Starlette and FastAPI: an async helper and a FastAPI dependency over ``AsyncGuard``.

Example (FastAPI):
    >>> from fastapi import Depends, FastAPI
    >>> from commentguard import Decision
    >>> from commentguard.adapters.starlette import StarletteGuard
    >>> app = FastAPI()
    >>> comments = StarletteGuard(trusted_proxies=["10.0.0.0/8"])
    >>> @app.post("/comments", status_code=201)
    ... async def post_comment(decision: Decision = Depends(comments.dependency)):
    ...     return comments.decision_content(decision)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from commentguard.adapters.http import (
    MAX_BODY_BYTES,
    BadRequest,
    FieldNames,
    check_size,
    decision_body,
    decision_response,
    decision_status,
    error_response,
    hidden_fields_html,
    parse_json_body,
)
from commentguard.adapters.proxies import ForwardedHeader, ProxyPolicy
from commentguard.errors import InvalidSubmission
from commentguard.form_token import FormTokenSigner
from commentguard.guard import AsyncGuard
from commentguard.models import Decision
from commentguard.settings import Settings

try:
    from starlette.requests import Request
    from starlette.responses import JSONResponse
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError(
        "commentguard.adapters.starlette needs Starlette: pip install 'commentguard[fastapi]'"
    ) from exc


class HTML(str):
    """Markup that Jinja (through markupsafe's ``__html__``) renders as it is, unescaped."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


class StarletteGuard:
    """Moderates comments posted to a Starlette or FastAPI app (form or JSON bodies)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        trusted_proxies: Iterable[str] = (),
        trusted_header: str = ForwardedHeader.X_FORWARDED_FOR,
        max_body_bytes: int = MAX_BODY_BYTES,
        fields: FieldNames | None = None,
    ) -> None:
        """Build the guard.

        Args:
            settings: Defaults to :meth:`Settings.load` (files and environment).
            trusted_proxies: CIDRs of the proxies whose ``trusted_header`` is believed.
            trusted_header: ``"X-Forwarded-For"`` or ``"Forwarded"``: the one header your
                proxies set; the other is never read.
            max_body_bytes: Larger request bodies are refused with 413 before being read whole.
            fields: Form field names (WordPress's by default).
        """
        self.guard = AsyncGuard(settings if settings is not None else Settings.load())
        self.proxies = ProxyPolicy.from_cidrs(trusted_proxies, trusted_header)
        self.max_body_bytes = max_body_bytes
        self.fields = fields or FieldNames()
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

    async def submission_data(self, request: Request) -> dict[str, Any]:
        """Read the comment fields and the request context.

        Raises:
            BadRequest: 413 for a body over the limit, 400 for one that cannot be decoded.
        """
        body = await self._read_body(request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            data = parse_json_body(body)
        elif content_type == "multipart/form-data":
            data = {
                key: value
                for key, value in (await request.form()).items()
                if isinstance(value, str)
            }
        else:
            try:
                data = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            except UnicodeDecodeError:
                raise BadRequest("The form data is not valid UTF-8.") from None
        picked = self.fields.read(data)
        peer = request.client.host if request.client else None
        return {**picked, **self.proxies.request_context(peer, request.headers)}

    async def moderate(self, request: Request) -> Decision:
        """Moderate the comment in ``request``.

        Raises:
            InvalidSubmission: field errors.
            BadRequest: the request itself is unreadable.
        """
        return await self.guard.moderate(await self.submission_data(request))

    async def json_response(self, request: Request) -> JSONResponse:
        """Moderate and answer: 201/202/403/409/429 with a message, 422 field errors, 400/413."""
        try:
            status, body = decision_response(await self.moderate(request))
        except (InvalidSubmission, BadRequest) as exc:
            status, body = error_response(exc, self.fields)
        return JSONResponse(body, status_code=status)

    async def dependency(self, request: Request) -> Decision:
        """A FastAPI dependency: the decision, or an ``HTTPException`` FastAPI answers.

        Field errors become a 422 whose body has FastAPI's validation-error shape.
        """
        from fastapi import HTTPException

        try:
            return await self.moderate(request)
        except (InvalidSubmission, BadRequest) as exc:
            status, body = error_response(exc, self.fields)
            raise HTTPException(status, detail=body["detail"]) from None

    def decision_content(self, decision: Decision) -> dict[str, Any]:
        """The JSON body for a decision (pair it with :meth:`status_code`)."""
        return decision_body(decision)

    def status_code(self, decision: Decision) -> int:
        """The HTTP status for a decision."""
        return decision_status(decision)

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
        return b"".join(chunks)
