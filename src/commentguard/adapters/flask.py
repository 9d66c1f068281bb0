"""Flask: the ``CommentGuard`` extension.

Example:
    >>> from flask import Flask, request
    >>> from commentguard.adapters.flask import CommentGuard
    >>> app = Flask(__name__)
    >>> app.config["COMMENTGUARD"] = {"store": "sqlite:///guard.db"}  # COMMENTGUARD_SECRET_KEY
    >>> comments = CommentGuard(app)
    >>> @app.post("/comments")
    ... def post_comment():
    ...     return comments.moderate_json_response()  # or moderate_request() for HTML forms

``docs/flask.md`` shows an HTML form that re-renders with field errors and saves the comment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from commentguard._errors import InvalidSubmission
from commentguard._form_token import FormTokenSigner
from commentguard._guard import Guard
from commentguard._models import Decision, Moderation
from commentguard._settings import Settings
from commentguard.adapters._http import (
    MAX_BODY_BYTES,
    BadRequest,
    FieldNames,
    InvalidComment,
    body_kind,
    check_size,
    decision_response,
    decision_status,
    error_response,
    hidden_fields_html,
    parse_json_body,
)
from commentguard.adapters._proxies import ForwardedHeader, ProxyPolicy
from commentguard.adapters._sent_fields import SentFields, server_context

try:
    from flask import Flask, Response, current_app, jsonify, request
    from markupsafe import Markup
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError(
        "commentguard.adapters.flask needs Flask: pip install 'commentguard[flask]'"
    ) from exc

__all__ = ["BadRequest", "CommentGuard", "FieldNames", "InvalidComment"]

EXTENSION_KEY = "commentguard"


class CommentGuard:
    """A Flask extension holding one :class:`~commentguard.Guard` per application.

    Settings come from ``app.config["COMMENTGUARD"]`` (a dict of :class:`Settings` keys, read
    on top of ``commentguard.toml`` and ``COMMENTGUARD_*`` variables), plus
    ``COMMENTGUARD_TRUSTED_PROXIES`` (CIDRs whose address header is believed),
    ``COMMENTGUARD_TRUSTED_HEADER`` (that header: ``"X-Forwarded-For"``, the default, or
    ``"Forwarded"``) and ``COMMENTGUARD_MAX_BODY_BYTES``.

    Messages for readers are in the ``locale`` setting's language, or in the one
    ``locale_selector`` returns for the current request (``None``: the setting's), such as
    ``lambda: negotiate_locale(request.headers.get("Accept-Language"))`` from
    :mod:`commentguard.i18n`, or Flask-Babel's ``get_locale``.
    """

    def __init__(
        self,
        app: Flask | None = None,
        *,
        fields: FieldNames | None = None,
        locale_selector: Callable[[], object] | None = None,
    ) -> None:
        self.fields = fields or FieldNames()
        self.locale_selector = locale_selector
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Build the guard for ``app`` and register the template helper."""
        settings = Settings.load(**app.config.get("COMMENTGUARD", {}))
        state = _State(
            guard=Guard(settings),
            proxies=ProxyPolicy.from_cidrs(
                app.config.get("COMMENTGUARD_TRUSTED_PROXIES", ()),
                app.config.get("COMMENTGUARD_TRUSTED_HEADER", ForwardedHeader.X_FORWARDED_FOR),
            ),
            max_body=int(app.config.get("COMMENTGUARD_MAX_BODY_BYTES", MAX_BODY_BYTES)),
            signer=FormTokenSigner(settings.secret_key) if settings.secret_key else None,
        )
        app.extensions[EXTENSION_KEY] = state
        app.jinja_env.globals["commentguard_hidden_fields"] = self.hidden_fields
        app.register_error_handler(BadRequest, _bad_request_response)

    @property
    def guard(self) -> Guard:
        """The current application's guard."""
        return _state().guard

    def locale(self) -> str:
        """The language of the messages for the current request's reader."""
        chosen = self.locale_selector() if self.locale_selector is not None else None
        # Flask-Babel's get_locale() gives a babel.Locale, whose str() is "de_AT".
        return str(chosen) if chosen else _state().guard.settings.locale

    def submission_data(self, context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The current request's comment fields and context, ready for ``Guard.parse``.

        Args:
            context: Submission fields only the server knows (``thread_id``,
                ``thread_published_at``, ``author_role``, ``permalink``, ``id``, ``parent_id``);
                they override what the request says.

        Raises:
            BadRequest: 413 when the body is too large, 415 when it is neither JSON nor form
                data, 400 when it cannot be decoded.
            TypeError: ``context`` has a key that is not a server-side field.
        """
        return self._submission_data(self._sent_fields(), context)

    def _sent_fields(self) -> SentFields:
        """The request's comment fields, and the name each was sent under."""
        state = _state()
        check_size(request.headers.get("Content-Length"), state.max_body)
        request.max_content_length = state.max_body
        if body_kind(request.content_type) == "json":
            data: dict[str, Any] = parse_json_body(request.get_data(cache=True))
        else:
            try:
                data = request.form.to_dict()  # file parts are in request.files: not read
            except UnicodeDecodeError:
                raise BadRequest("The form data is not valid UTF-8.") from None
        return SentFields.read(data, self.fields)

    def _submission_data(
        self, sent: SentFields, context: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        where = _state().proxies.request_context(request.remote_addr, request.headers)
        return {**sent.values, **where, **server_context(context)}

    def moderate_request(self, context: Mapping[str, Any] | None = None) -> Moderation:
        """Moderate the comment in the current request.

        Args:
            context: Server-side submission fields, as for :meth:`submission_data`; for example
                ``{"thread_id": post.id, "thread_published_at": post.published_at,
                "author_role": "moderator"}``.

        Returns:
            The decision, with the validated ``submission`` to save beside it.

        Raises:
            InvalidComment: field errors (an :class:`~commentguard.InvalidSubmission`), to show
                beside the form fields (``exc.by_field()``); its ``detail`` names the fields
                as the client sent them.
            BadRequest: the request itself is unreadable (the registered handler answers it).
            TypeError: ``context`` has a key that is not a server-side field.
        """
        sent = self._sent_fields()
        try:
            return _state().guard.moderate(self._submission_data(sent, context))
        except InvalidSubmission as exc:
            raise sent.invalid(exc, self.fields, self.locale()) from None

    def moderate_json_response(
        self, context: Mapping[str, Any] | None = None
    ) -> tuple[Response, int]:
        """Moderate and answer in JSON: 201/202/403/409/429 with a message, 422 field errors.

        The messages are in :meth:`locale`'s language.
        """
        try:
            status, body = decision_response(self.moderate_request(context), locale=self.locale())
        except InvalidSubmission as exc:
            status, body = error_response(exc, self.fields, locale=self.locale())
        return jsonify(body), status

    def status_code(self, decision: Decision) -> int:
        """The HTTP status for a decision: 201 published, 202 pending, 409/429/403 refused.

        Spam and discarded comments get 202, like held ones, so a spammer learns nothing.
        """
        return decision_status(decision)

    def hidden_fields(self, thread_id: object = None) -> Markup:
        """The honeypot and signed form token as hidden inputs, for a Jinja template.

        Use ``{{ commentguard_hidden_fields(thread_id=post.id) }}`` inside the form; the id may
        be of any type (``42`` and ``"42"`` are one thread, as in the posted form).
        """
        signer = _state().signer
        token = signer.issue(thread_id=thread_id) if signer is not None else None
        return Markup(hidden_fields_html(self.fields, token))  # noqa: S704 - values escaped


class _State:
    def __init__(
        self, guard: Guard, proxies: ProxyPolicy, max_body: int, signer: FormTokenSigner | None
    ) -> None:
        self.guard, self.proxies, self.max_body, self.signer = guard, proxies, max_body, signer


def _state() -> _State:
    state = current_app.extensions.get(EXTENSION_KEY)
    if state is None:
        raise RuntimeError("CommentGuard was not initialised for this app (call init_app)")
    return state  # type: ignore[no-any-return] # app.extensions is dict[str, Any]; init_app put a _State


def _bad_request_response(error: BadRequest) -> tuple[Response, int]:
    status, body = error_response(error, FieldNames())
    return jsonify(body), status
