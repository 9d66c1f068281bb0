"""Client-address spoofs through each adapter's real request, judged by the flood limit.

Every site trusts ``10.0.0.0/8`` and allows one comment per address per 15 seconds, so a
second comment from the same reader is refused. A spoof that works shows up as a second
comment getting through; a reader wrongly sharing the proxy's address shows up as a first
comment being refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from urllib.parse import urlencode

import pytest

from commentguard.testing import make_settings

Lines = list[tuple[str, str]]
Post = Callable[[str, Lines], bool]
"""Send a fresh, valid comment from ``peer`` with these header lines; True if it was limited."""

PROXY = "10.0.0.5"
MAPPED_PROXY = "::ffff:10.0.0.5"  # the same proxy, as a dual-stack listener sees it
TRUSTED = ["10.0.0.0/8"]
_serial = itertools.count()


def comment() -> dict[str, str]:
    """A valid comment no earlier one repeats (the email is limited too, and duplicates held)."""
    n = next(_serial)
    return {"author": "Ada", "email": f"reader{n}@example.com", "comment": f"Thought number {n}."}


def flask_site(header: str) -> Post:
    from flask import Flask

    from commentguard.adapters.flask import CommentGuard

    app = Flask(__name__)
    app.config["COMMENTGUARD"] = make_settings(checks={"flood": {}}).model_dump()
    app.config["COMMENTGUARD_TRUSTED_PROXIES"] = TRUSTED
    app.config["COMMENTGUARD_TRUSTED_HEADER"] = header
    comments = CommentGuard(app)
    app.post("/comments")(comments.moderate_json_response)
    client = app.test_client()

    def post(peer: str, lines: Lines) -> bool:
        # Werkzeug's test client joins repeated lines into one environ value, as WSGI servers do.
        response = client.post(
            "/comments", data=comment(), headers=lines, environ_base={"REMOTE_ADDR": peer}
        )
        return response.status_code == 429

    return post


def _starlette_guard(header: str) -> Any:
    from commentguard.adapters.starlette import StarletteGuard

    settings = make_settings(checks={"flood": {}})
    return StarletteGuard(settings, trusted_proxies=TRUSTED, trusted_header=header)


def _asgi_post(app: Any) -> Post:
    from starlette.testclient import TestClient

    def post(peer: str, lines: Lines) -> bool:
        # Each line reaches the app as its own (name, value) pair, as from an ASGI server.
        with TestClient(app, client=(peer, 50000)) as client:
            response = client.post("/comments", data=comment(), headers=lines)
        return response.status_code == 429

    return post


def starlette_site(header: str) -> Post:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    comments = _starlette_guard(header)

    async def post_comment(request: Request) -> JSONResponse:
        return await comments.json_response(request)

    return _asgi_post(Starlette(routes=[Route("/comments", post_comment, methods=["POST"])]))


def fastapi_site(header: str) -> Post:
    from fastapi import Depends, FastAPI
    from fastapi.responses import JSONResponse

    from commentguard import Decision

    app = FastAPI()
    comments = _starlette_guard(header)

    @app.post("/comments")
    async def post_comment(decision: Decision = Depends(comments.dependency)) -> JSONResponse:
        return JSONResponse(
            comments.decision_content(decision), status_code=comments.status_code(decision)
        )

    return _asgi_post(app)


@contextmanager
def django_guard(header: str) -> Iterator[None]:
    """The test project's guard with ``COMMENTGUARD_TRUSTED_HEADER`` set, rebuilt around it."""
    from django_setup import django_ready, fresh_django_guard

    django_ready()  # before override_settings, which needs the project's settings loaded
    from django.test import override_settings

    with override_settings(
        COMMENTGUARD_TRUSTED_PROXIES=TRUSTED, COMMENTGUARD_TRUSTED_HEADER=header
    ):
        fresh_django_guard()
        yield
    fresh_django_guard()


def wsgi_environ(peer: str, lines: Lines) -> dict[str, str]:
    """What a WSGI server hands Django: repeated lines joined with commas under one key."""
    environ = {"REMOTE_ADDR": peer}
    for name, value in lines:
        key = "HTTP_" + name.upper().replace("-", "_")
        environ[key] = f"{environ[key]},{value}" if key in environ else value
    return environ


def django_api_post(peer: str, lines: Lines) -> bool:
    from django.test import Client

    response = Client().post("/api/comments", comment(), **wsgi_environ(peer, lines))
    return response.status_code == 429


def django_asgi_post(peer: str, lines: Lines) -> bool:
    """The API view on Django's ASGI request, which joins repeated lines itself."""
    from django.test import AsyncRequestFactory
    from django.test.client import FakePayload

    from commentguard.adapters.django.service import json_response

    body = urlencode(comment()).encode()
    request = AsyncRequestFactory().request(
        method="POST",
        path="/api/comments",
        client=[peer, 50000],
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in lines),
        ],
        _body_file=FakePayload(body),
    )
    return json_response(request).status_code == 429


def django_comments_post(peer: str, lines: Lines) -> bool:
    """A django-contrib-comments form post; a refused comment gets the form again (200, the
    preview page with the message) and is not saved; a taken one is redirected (302)."""
    from django.contrib.sites.models import Site
    from django.test import Client
    from django_comments.forms import CommentForm
    from django_comments.models import Comment

    fields = comment()
    data = {
        **CommentForm(Site.objects.get(pk=1)).initial,
        "name": fields["author"],
        "email": fields["email"],
        "url": "",
        "comment": fields["comment"],
    }
    response = Client().post("/comments/post/", data, **wsgi_environ(peer, lines))
    saved = Comment.objects.filter(comment=fields["comment"]).exists()
    refused = response.status_code == 200
    assert refused is not saved
    return refused


DJANGO_POSTS = {
    "django": django_api_post,
    "django-asgi": django_asgi_post,
    "django-comments": django_comments_post,
}
OTHER_SITES = {"flask": flask_site, "starlette": starlette_site, "fastapi": fastapi_site}


@pytest.fixture(params=[*OTHER_SITES, *DJANGO_POSTS])
def site(request: pytest.FixtureRequest) -> Iterator[Callable[[str], Post]]:
    """A factory: the adapter's site trusting the header named, ready to post to."""
    kind: str = request.param
    if kind not in DJANGO_POSTS:
        yield OTHER_SITES[kind]
        return
    with ExitStack() as stack:

        def build(header: str) -> Post:
            stack.enter_context(django_guard(header))
            return DJANGO_POSTS[kind]

        yield build


def test_a_clients_forwarded_header_is_ignored_behind_an_x_forwarded_for_proxy(
    site: Callable[[str], Post],
) -> None:
    """nginx sets X-Forwarded-For and passes a client's own Forwarded on: by default the
    client cannot change the address it is limited on by writing a new Forwarded each time."""
    post = site("X-Forwarded-For")

    first = post(PROXY, [("X-Forwarded-For", "198.51.100.1"), ("Forwarded", "for=203.0.113.1")])
    second = post(PROXY, [("X-Forwarded-For", "198.51.100.1"), ("Forwarded", "for=203.0.113.2")])

    assert (first, second) == (False, True)


def test_forwarded_when_chosen_is_read_and_x_forwarded_for_is_ignored(
    site: Callable[[str], Post],
) -> None:
    """Behind a proxy that sets Forwarded, that header names the client and a client's own
    X-Forwarded-For changes nothing."""
    post = site("Forwarded")

    first = post(PROXY, [("Forwarded", "for=198.51.100.1"), ("X-Forwarded-For", "203.0.113.1")])
    other_reader = post(PROXY, [("Forwarded", "for=198.51.100.2")])
    again = post(PROXY, [("Forwarded", "for=198.51.100.1"), ("X-Forwarded-For", "203.0.113.2")])

    assert (first, other_reader, again) == (False, False, True)


def test_repeated_header_lines_are_read_together(site: Callable[[str], Post]) -> None:
    """A proxy that adds its own X-Forwarded-For line (HAProxy, a second proxy) is not taken
    for the whole chain, and a client's own line before the proxy's changes nothing."""
    post = site("X-Forwarded-For")

    first = post(PROXY, [("X-Forwarded-For", "198.51.100.1"), ("X-Forwarded-For", "10.0.0.9")])
    other = post(PROXY, [("X-Forwarded-For", "198.51.100.2"), ("X-Forwarded-For", "10.0.0.9")])
    spoofed = post(PROXY, [("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-For", "198.51.100.1")])

    assert (first, other, spoofed) == (False, False, True)


def test_a_trusted_proxy_seen_as_an_ipv4_mapped_peer_is_recognised(
    site: Callable[[str], Post],
) -> None:
    """On a dual-stack listener the proxy is ``::ffff:10.0.0.5``: it is still trusted, so two
    readers are two addresses, and the same reader again is limited."""
    post = site("X-Forwarded-For")

    first = post(MAPPED_PROXY, [("X-Forwarded-For", "198.51.100.1")])
    other_reader = post(MAPPED_PROXY, [("X-Forwarded-For", "198.51.100.2")])
    again = post(MAPPED_PROXY, [("X-Forwarded-For", "198.51.100.1")])

    assert (first, other_reader, again) == (False, False, True)


def test_an_untrusted_peer_cannot_use_either_header(site: Callable[[str], Post]) -> None:
    """From a peer that is not a trusted proxy neither header counts, whichever is chosen."""
    post = site("Forwarded")

    first = post("192.0.2.1", [("Forwarded", "for=198.51.100.1")])
    second = post(
        "192.0.2.1", [("Forwarded", "for=198.51.100.2"), ("X-Forwarded-For", "198.51.100.3")]
    )

    assert (first, second) == (False, True)
