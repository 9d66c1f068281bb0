"""The behaviour table: the same scenarios through every framework, as the author sees them.

Each *site* is one framework's app, driven by that framework's own test client; each
*scenario* posts to it as a reader (or a bot) would and returns what the author then sees:
the status and the words on the page or in the JSON body. ``docs/adapters.md`` prints the
table, and a test checks the printed table is the one the sites give today.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any, Protocol

import pytest

from commentguard import FormTokenSigner, Moderation, Settings
from commentguard.testing import make_settings

SECRET_KEY = "behaviour-table-secret-3f9a6c2e8b1d7045"
EMAIL = "reader.private@example.com"
THREAD = "hello-world"
TRUSTED_PROXY = "10.0.0.5"
READER = "192.0.2.10"
OTHER_READER = "192.0.2.77"


def settings() -> Settings:
    """What every site runs: a secret key, and the stateful checks on (a new store each time)."""
    return make_settings(secret_key=SECRET_KEY, checks={"flood": {}, "duplicate": {}})


@dataclass(frozen=True)
class Seen:
    """What the author sees after posting: the status and the words shown to them."""

    status: int
    message: str
    page: str = ""  # the whole response (and the page it redirected to), for privacy checks

    @property
    def cell(self) -> str:
        return f"{self.status} {self.message}"


class Site(Protocol):
    """One framework's app with a comment form for :data:`THREAD`."""

    thread_token_id: object
    """The thread id the site's form tokens are issued for."""

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        """Post the form ``fields`` from ``peer``; what the author sees."""


def token(site: Site, *, age_seconds: float) -> str:
    """A form token for the site's thread, rendered ``age_seconds`` ago."""
    return thread_token(site.thread_token_id, age_seconds=age_seconds)


def thread_token(thread_id: object, *, age_seconds: float) -> str:
    issued = datetime.now(UTC) - timedelta(seconds=age_seconds)
    return FormTokenSigner(SECRET_KEY).issue(thread_id=thread_id, now=issued)


def form(site: Site, **changes: str) -> dict[str, str]:
    """The comment form as a reader fills it in a minute after opening the page."""
    return reader_form(site.thread_token_id, **changes)


def reader_form(thread_id: object, /, **changes: str) -> dict[str, str]:
    """The form's fields in WordPress's names, with a token for ``thread_id`` a minute old."""
    fields = {
        "author": "Ada",
        "email": EMAIL,
        "url": "",
        "comment": "Thanks, this explained it well.",
        "cg_website": "",
        "cg_token": thread_token(thread_id, age_seconds=60),
    }
    return {**fields, **changes}


def post(site: Site, fields: Mapping[str, str], *, peer: str = READER, **headers: str) -> Seen:
    return site.post(fields, peer=peer, headers=headers)


# --------------------------------------------------------------------------------------------
# scenarios: the last post's result is what the table shows


def posting(**changes: str) -> Callable[[Site], Seen]:
    """A scenario of one post: the reader's form with ``changes``."""

    def scenario(site: Site) -> Seen:
        return post(site, form(site, **changes))

    return scenario


def too_fast(site: Site) -> Seen:
    return post(site, form(site, cg_token=token(site, age_seconds=0.5)))


def replayed_token(site: Site) -> Seen:
    first = form(site)
    post(site, first)
    again = form(site, cg_token=first["cg_token"], email="bot@example.net", comment="Buy now.")
    return post(site, again, peer=OTHER_READER)


def flood(site: Site) -> Seen:
    post(site, form(site))
    return post(site, form(site, comment="And another thing."))


def double_submit(site: Site) -> Seen:
    fields = form(site)
    post(site, fields)
    return post(site, fields)


def forged_forwarded_for(site: Site) -> Seen:
    post(site, form(site), X_Forwarded_For="198.51.100.1")
    second = form(site, email="other@example.com", comment="Again.")
    return post(site, second, X_Forwarded_For="198.51.100.2")


def trusted_proxy(site: Site) -> Seen:
    post(site, form(site), peer=TRUSTED_PROXY, X_Forwarded_For="198.51.100.1")
    second = form(site, email="other@example.com", comment="Mine.")
    return post(site, second, peer=TRUSTED_PROXY, X_Forwarded_For="198.51.100.2")


SCENARIOS: dict[str, Callable[[Site], Seen]] = {
    "A valid comment": posting(),
    "No name": posting(author=""),
    "No email": posting(email=""),
    "An empty comment": posting(comment=" "),
    "A malformed email (`ada@`)": posting(email="ada@"),
    "Two links (`max_links = 2`)": posting(comment="See https://a.example and www.b.example"),
    "The hidden honeypot field filled in": posting(cg_website="http://spam.example"),
    "Sent half a second after the form was rendered": too_fast,
    "The form's token used a second time, from elsewhere": replayed_token,
    "A second, different comment at once": flood,
    "The same comment posted twice (a double click)": double_submit,
    "A second comment with a made-up `X-Forwarded-For`, not through a proxy": (
        forged_forwarded_for
    ),
    "Two readers behind a trusted proxy, one after the other": trusted_proxy,
}


# --------------------------------------------------------------------------------------------
# sites


def json_seen(status: int, text: str) -> Seen:
    """What a script posting with ``fetch`` can show: the message, or the field errors."""
    body = json.loads(text)
    if "message" in body:
        message = body["message"]
    elif isinstance(body.get("detail"), list):
        message = " ".join(error["msg"] for error in body["detail"])
    else:
        message = str(body.get("detail"))
    return Seen(status, message, text)


def form_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """The fields with the thread, as a WordPress-shaped form posts them."""
    return {**fields, "comment_post_ID": THREAD}


def header_names(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.replace("_", "-"): value for name, value in headers.items()}


class FlaskJson:
    """Flask: ``moderate_json_response()`` behind a route."""

    thread_token_id: object = THREAD

    def __init__(self) -> None:
        from flask import Flask

        from commentguard.adapters.flask import CommentGuard

        app = Flask(__name__)
        app.config["COMMENTGUARD"] = settings().model_dump()
        app.config["COMMENTGUARD_TRUSTED_PROXIES"] = ["10.0.0.0/8"]
        comments = CommentGuard(app)
        app.add_url_rule("/comments", "post", comments.moderate_json_response, methods=["POST"])
        self.client = app.test_client()

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        response = self.client.post(
            "/comments",
            data=form_fields(fields),
            headers=header_names(headers),
            environ_base={"REMOTE_ADDR": peer},
        )
        return json_seen(response.status_code, response.get_data(as_text=True))


class FlaskForm:
    """Flask: the HTML form of ``docs/flask.md``, as written."""

    thread_token_id: object = THREAD

    def __init__(self, module: Any) -> None:
        self.client = module.app.test_client()

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        environ = {"REMOTE_ADDR": peer}
        response = self.client.post(
            f"/posts/{THREAD}", data=dict(fields), headers=header_names(headers),
            environ_base=environ,
        )  # fmt: skip
        page = response.get_data(as_text=True)
        if response.status_code == 303:
            page += self.client.get(response.headers["Location"], environ_base=environ).get_data(
                as_text=True
            )
            return Seen(303, "→ the article: " + shown(page, r'<p role="status">(.*?)</p>'), page)
        errors = shown(page, r'<span class="error">(.*?)</span>', r'<p role="alert">(.*?)</p>')
        return Seen(response.status_code, "the form again: " + errors, page)


def shown(page: str, *patterns: str) -> str:
    """The texts the patterns find on the page, in order, as one line."""
    found = [unescape(text) for pattern in patterns for text in re.findall(pattern, page)]
    return " ".join(found)


class AsgiJson:
    """An ASGI app (FastAPI or Starlette) with a JSON comment endpoint at ``/comments``."""

    thread_token_id: object = THREAD

    def __init__(self, app: Any) -> None:
        from starlette.testclient import TestClient

        self.app = app
        self.client_class = TestClient

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        with self.client_class(self.app, client=(peer, 50000)) as client:
            response = client.post(
                "/comments", data=form_fields(fields), headers=header_names(headers)
            )
        return json_seen(response.status_code, response.text)


def fastapi_site() -> AsgiJson:
    """FastAPI: the ``comments.moderation()`` dependency of ``docs/fastapi.md``."""
    from fastapi import Depends, FastAPI
    from fastapi.responses import JSONResponse

    from commentguard.adapters.fastapi import FastAPIGuard

    app = FastAPI()
    comments = FastAPIGuard(settings(), trusted_proxies=["10.0.0.0/8"])
    moderated = Depends(comments.moderation())  # a default: the annotation is a string here

    @app.post("/comments", responses=comments.responses)
    async def post_comment(moderation: Moderation = moderated) -> JSONResponse:
        return comments.response(moderation)

    return AsgiJson(app)


def starlette_site() -> AsgiJson:
    """Starlette without FastAPI: ``json_response(request)`` as the endpoint."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    from commentguard.adapters.starlette import StarletteGuard

    comments = StarletteGuard(settings(), trusted_proxies=["10.0.0.0/8"])
    return AsgiJson(
        Starlette(routes=[Route("/comments", comments.json_response, methods=["POST"])])
    )


class DjangoJson:
    """Django without django-contrib-comments: ``json_response(request)`` in a view."""

    thread_token_id: object = THREAD

    def __init__(self) -> None:
        from django.test import Client

        self.client_class = Client

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        client = self.client_class(REMOTE_ADDR=peer)
        response = client.post(
            "/api/comments", data=form_fields(fields), headers=header_names(headers)
        )
        return json_seen(response.status_code, response.content.decode())


class DjangoComments:
    """django-contrib-comments through commentguard's view, as ``docs/django.md`` sets it up.

    The article page renders ``{% render_comment_form for article %}``; each post fills in
    that form (its hidden fields, honeypot and token included) as a browser does.
    """

    def __init__(self, article: Any) -> None:
        from django.contrib.contenttypes.models import ContentType
        from django.test import Client

        self.article = article
        content_type = ContentType.objects.get_for_model(article)
        self.thread_token_id = f"{content_type.pk}:{article.pk}"
        self.client_class = Client

    def post(self, fields: Mapping[str, str], *, peer: str, headers: Mapping[str, str]) -> Seen:
        from django_setup import FormFields

        client = self.client_class(REMOTE_ADDR=peer)
        form = FormFields(client.get(f"/articles/{self.article.pk}/").content.decode())
        named = {"name" if key == "author" else key: value for key, value in fields.items()}
        response = client.post(form.action, {**form.fields, **named}, headers=header_names(headers))
        page = response.content.decode()
        if response.status_code == 302:
            page += client.get(response["Location"]).content.decode()
            heading = shown(page, r"<h1>(.*?)</h1>")
            return Seen(302, "→ " + heading, page)
        errors = shown(page, r'<ul class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>')
        return Seen(response.status_code, "the preview form: " + errors, page)


@contextmanager
def django_comments_site() -> Iterator[DjangoComments]:
    from django_setup import clear_database, django_ready, fresh_django_guard

    django_ready()
    from blog.models import Article
    from django.test import override_settings

    with override_settings(COMMENTGUARD=settings().model_dump()):
        fresh_django_guard()
        try:
            yield DjangoComments(Article.objects.create(title="Hello"))
        finally:
            clear_database()
    fresh_django_guard()


@contextmanager
def django_json_site() -> Iterator[DjangoJson]:
    from django_setup import django_ready, fresh_django_guard

    django_ready()
    from django.test import override_settings

    with override_settings(COMMENTGUARD=settings().model_dump()):
        fresh_django_guard()
        yield DjangoJson()
    fresh_django_guard()


@contextmanager
def flask_form_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskForm]:
    from doc_apps import page_module

    environ = {
        "FLASK_SECRET_KEY": "flask-session-key-for-the-behaviour-table",
        "COMMENTGUARD_SECRET_KEY": SECRET_KEY,
    }
    with page_module("flask.md", tmp_path, monkeypatch, environ=environ) as module:
        yield FlaskForm(module)


SITES: dict[str, Callable[[Path, pytest.MonkeyPatch], Any]] = {
    "Flask, HTML form": flask_form_site,
    "Flask, JSON": lambda _path, _patch: _plain(FlaskJson),
    "Django, JSON": lambda _path, _patch: django_json_site(),
    "Django, django-contrib-comments": lambda _path, _patch: django_comments_site(),
    "FastAPI": lambda _path, _patch: _plain(fastapi_site),
    "Starlette": lambda _path, _patch: _plain(starlette_site),
}
"""Column name -> a context manager factory giving a fresh site (empty store)."""

JSON_SITES = ("Flask, JSON", "Django, JSON", "FastAPI", "Starlette")
"""The columns that answer in JSON: their cells are the same, word for word."""


@contextmanager
def _plain(site_class: Callable[[], Site]) -> Iterator[Site]:
    yield site_class()


# --------------------------------------------------------------------------------------------
# the printed table

TABLE_START = "<!-- behaviour-table: start -->"
TABLE_END = "<!-- behaviour-table: end -->"


def render_table(results: Mapping[str, Mapping[str, Seen]]) -> str:
    """The Markdown table: one row per scenario, one column per site."""
    sites = list(next(iter(results.values())))
    lines = [
        "| What the author does | " + " | ".join(sites) + " |",
        "|---" * (len(sites) + 1) + "|",
    ]
    for scenario, row in results.items():
        cells = [row[site].cell.replace("|", "\\|") for site in sites]
        lines.append(f"| {scenario} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def printed_table(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START), text.index(TABLE_END)
    return text[start + len(TABLE_START) : end].strip()


def write_table(page: Path, table: str) -> None:
    text = page.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START), text.index(TABLE_END)
    page.write_text(
        text[: start + len(TABLE_START)] + "\n\n" + table + "\n\n" + text[end:], encoding="utf-8"
    )
