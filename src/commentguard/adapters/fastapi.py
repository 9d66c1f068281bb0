"""FastAPI: a dependency giving the endpoint a :class:`~commentguard.Moderation`.

Example:
    >>> from typing import Annotated
    >>> from fastapi import Depends, FastAPI
    >>> from commentguard import Moderation
    >>> from commentguard.adapters.fastapi import FastAPIGuard
    >>> app = FastAPI()
    >>> comments = FastAPIGuard(trusted_proxies=["10.0.0.0/8"])
    >>> @app.post(
    ...     "/comments",
    ...     status_code=201,
    ...     responses=comments.responses,
    ...     openapi_extra=comments.openapi_extra,
    ... )
    ... async def post_comment(
    ...     moderation: Annotated[Moderation, Depends(comments.moderation())],
    ... ):
    ...     return comments.response(moderation)  # after saving moderation.public
"""

# No ``from __future__ import annotations``: FastAPI reads the dependency's signature at run
# time, and a string annotation could not name the closure's ``context`` dependency.

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any

from commentguard._models import Moderation
from commentguard.adapters._http import BadRequest
from commentguard.adapters._schemas import (
    CommentIn,
    comment_request_body,
    comment_responses,
)
from commentguard.adapters.starlette import InvalidComment, StarletteGuard

try:
    from fastapi import Depends, HTTPException, Request
    from fastapi.exceptions import RequestValidationError
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError(
        "commentguard.adapters.fastapi needs FastAPI: pip install 'commentguard[fastapi]'"
    ) from exc

__all__ = ["CommentIn", "FastAPIGuard", "fastapi_errors"]

ContextSource = Mapping[str, Any] | Callable[..., Any]
"""A context mapping, or a FastAPI dependency (sync or async) that returns one."""


@contextmanager
def fastapi_errors() -> Iterator[None]:
    """Turn the adapter's errors into the exceptions FastAPI answers.

    Field errors become a ``RequestValidationError`` (422, FastAPI's own body, or your handler
    for it); an unreadable request an ``HTTPException`` (400, 413, 415).
    """
    try:
        yield
    except InvalidComment as exc:
        raise RequestValidationError(exc.detail) from None
    except BadRequest as exc:
        raise HTTPException(exc.status, detail=str(exc)) from None


class FastAPIGuard(StarletteGuard):
    """Moderates comments posted to a FastAPI app; see :class:`StarletteGuard` for settings."""

    @property
    def responses(self) -> dict[int | str, dict[str, Any]]:
        """For the route's ``responses=``: 201, 202, 400, 403, 409, 413, 415, 422 and 429."""
        return comment_responses()

    @property
    def openapi_extra(self) -> dict[str, Any]:
        """For the route's ``openapi_extra=``: :class:`CommentIn` as JSON and form body."""
        return comment_request_body()

    def moderation(
        self, *, context: ContextSource | None = None
    ) -> Callable[..., Awaitable[Moderation]]:
        """A dependency that moderates the request's comment and returns the ``Moderation``.

        The body is read once, bounded by ``max_body_bytes``, and stays readable for the
        endpoint. Field errors are a 422 in FastAPI's shape, an unreadable body 400/413/415.

        Args:
            context: Server-side submission fields that override the request's (``thread_id``,
                ``thread_published_at``, ``author_role``, ``permalink``, ``id``,
                ``parent_id``): a mapping, or a dependency returning one, which FastAPI
                resolves with its own dependencies (path parameters, the logged-in user,
                a database session).
        """
        if callable(context):
            source = context

            async def moderate_with(
                request: Request, server: Annotated[Mapping[str, Any], Depends(source)]
            ) -> Moderation:
                with fastapi_errors():
                    return await self.moderate(request, context=server)

            return moderate_with
        fixed = context

        async def moderate_fixed(request: Request) -> Moderation:
            with fastapi_errors():
                return await self.moderate(request, context=fixed)

        return moderate_fixed
