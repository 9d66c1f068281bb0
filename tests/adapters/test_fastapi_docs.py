"""docs/fastapi.md runs as written: its code blocks, executed, driven with the real TestClients.

The page's FastAPI blocks build one app, top to bottom, as a reader would paste them into one
``app.py``; the "Plain Starlette" block is an app of its own. The HTML block is the template.
The guard's settings come from the environment, as the page says, with a real Redis store.
"""

from __future__ import annotations

import ast
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from packaging.requirements import Requirement

ROOT = Path(__file__).parents[2]
PAGE = (ROOT / "docs" / "fastapi.md").read_text(encoding="utf-8")
STARLETTE_SECTION = "Plain Starlette"
SECRET_KEY = "fastapi-docs-test-secret-0d6b2e9f4a7c1853"
EMAIL = "reader.private@example.com"


def blocks(language: str) -> list[tuple[str, str]]:
    """``(section heading, code)`` for each fenced block of ``language``, in page order."""
    found: list[tuple[str, str]] = []
    heading = ""
    for part in re.split(r"^(## .*)$", PAGE, flags=re.MULTILINE):
        if part.startswith("## "):
            heading = part[3:].strip()
            continue
        pattern = rf"^ *```{language}\n(.*?)^ *```"
        found += [(heading, code) for code in re.findall(pattern, part, re.MULTILINE | re.DOTALL)]
    return found


def run_as_module(name: str, code: str) -> ModuleType:
    """Execute ``code`` as the body of a fresh module named ``name``."""
    module = ModuleType(name)
    module.__file__ = str(ROOT / "docs" / "fastapi.md")
    sys.modules[name] = module  # pydantic and FastAPI look a module's names up there
    exec(compile(code, "docs/fastapi.md", "exec"), module.__dict__)  # noqa: S102 - the docs' own code
    return module


@pytest.fixture
def environment(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The variables the page sets, a clean Redis, and the template in ``templates/``."""
    redis.Redis.from_url(redis_url).flushdb()
    monkeypatch.setenv("COMMENTGUARD_STORE", redis_url)
    monkeypatch.setenv("COMMENTGUARD_SECRET_KEY", SECRET_KEY)
    # The form test posts at once; people take longer than the default minimum to type.
    monkeypatch.setenv("COMMENTGUARD_CHECKS__FORM_TOKEN__MIN_SECONDS", "0")
    ((_, template),) = blocks("html")
    Path("templates").mkdir()
    Path("templates", "article.html").write_text(template, encoding="utf-8")
    yield redis_url
    for name in ("fastapi_docs_app", "starlette_docs_app"):
        sys.modules.pop(name, None)


@pytest.fixture
def fastapi_page(environment: str) -> ModuleType:
    code = "\n\n".join(code for heading, code in blocks("python") if heading != STARLETTE_SECTION)
    return run_as_module("fastapi_docs_app", code)


@pytest.fixture
def starlette_page(environment: str) -> ModuleType:
    (code,) = [code for heading, code in blocks("python") if heading == STARLETTE_SECTION]
    return run_as_module("starlette_docs_app", code)


def comment(n: int, **fields: str) -> dict[str, str]:
    return {
        "author": "Ada",
        "email": f"reader{n}@example.com",
        "comment": f"Thought {n}.",
        **fields,
    }


def client(app: Any, n: int) -> TestClient:
    return TestClient(app, client=(f"192.0.2.{n}", 50000))


def redis_connections(probe: redis.Redis) -> set[str]:
    """The ids of the connections the Redis server has open."""
    return {str(connection["id"]) for connection in probe.client_list()}


def test_the_page_shows_both_apps_and_the_template() -> None:
    headings = [heading for heading, _ in blocks("python")]
    assert headings.count(STARLETTE_SECTION) == 1
    assert len(headings) >= 4
    assert len(blocks("html")) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"json": {"name": "Ada", "email": EMAIL, "body": "From a JS client."}},
        {"data": {"author": "Ada", "email": EMAIL, "comment": "From an HTML form."}},
        {
            "data": {"author": "Ada", "email": EMAIL, "comment": "With a file input."},
            "files": {"avatar": ("me.png", b"\x89PNG")},
        },
    ],
    ids=["json", "urlencoded", "multipart"],
)
def test_the_endpoint_publishes_and_saves_each_kind_of_body(
    fastapi_page: ModuleType, body: dict[str, Any]
) -> None:
    with client(fastapi_page.app, 1) as test_client:
        response = test_client.post("/comments", **body)
    assert (response.status_code, response.json()["status"]) == (201, "published")
    (saved,) = fastapi_page.saved
    assert saved["status"] == "approve"
    assert saved["comment"].name == "Ada"
    assert EMAIL not in response.text
    assert EMAIL not in saved["comment"].model_dump_json()


def test_field_errors_are_fastapis_422_without_the_email(fastapi_page: ModuleType) -> None:
    with client(fastapi_page.app, 2) as test_client:
        response = test_client.post("/comments", json={"name": "", "email": EMAIL, "body": "x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    assert EMAIL not in response.text
    assert fastapi_page.saved == []


def connections_left_open(app: Any, url: str) -> tuple[set[str], set[str]]:
    """Serve one comment: the Redis connections the guard opened, and those still open after
    the app shut down."""
    probe = redis.Redis.from_url(url)
    with client(app, 3) as test_client:
        before = redis_connections(probe)
        assert test_client.post("/comments", data=comment(3)).status_code == 201
        opened = redis_connections(probe) - before
    deadline = time.monotonic() + 1  # a local server sees a closed socket at once
    while opened & redis_connections(probe) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = opened & redis_connections(probe)
    probe.close()
    return opened, left


def test_the_lifespan_closes_the_guard(fastapi_page: ModuleType, environment: str) -> None:
    """The store's connection, opened while serving, is closed when the app shuts down."""
    opened, left = connections_left_open(fastapi_page.app, environment)
    assert opened, "the guard used Redis"
    assert left < opened


def test_the_lifespan_closes_every_redis_connection(
    fastapi_page: ModuleType, environment: str
) -> None:
    _, left = connections_left_open(fastapi_page.app, environment)
    assert not left


def test_openapi_shows_the_body_and_the_answers(fastapi_page: ModuleType) -> None:
    schema = fastapi_page.app.openapi()
    for path in ("/comments", "/articles/{article_id}/comments"):
        operation = schema["paths"][path]["post"]
        assert "multipart/form-data" in operation["requestBody"]["content"]
        assert {"201", "202", "409", "422", "429"} <= set(operation["responses"])
        assert "200" not in operation["responses"]


def test_the_rendered_form_posts_with_its_token_to_the_article(fastapi_page: ModuleType) -> None:
    """The form from the template: fields, hidden token for the article, the fetch script."""
    with client(fastapi_page.app, 4) as test_client:
        page = test_client.get("/articles/42").text
        token = re.search(r'name="cg_token" value="([^"]+)"', page)
        assert token is not None
        assert 'action="/articles/42/comments"' in page
        assert "new FormData(event.target)" in page
        fields = comment(4, cg_token=token.group(1), cg_website="")
        response = test_client.post("/articles/42/comments", data=fields)
        forged = test_client.post(
            "/articles/42/comments", data=comment(5, cg_token=token.group(1) + "x")
        )
        missing = test_client.post("/articles/7/comments", data=comment(6))
    assert (response.status_code, response.json()["status"]) == (201, "published")
    assert fastapi_page.saved[0]["comment"].thread_id == "42"
    assert forged.status_code == 403
    assert missing.status_code == 404


def test_the_context_gives_moderators_their_role(fastapi_page: ModuleType) -> None:
    """Readers are flood-limited; the editor, logged in, is a moderator and is not."""
    app = fastapi_page.app
    with client(app, 8) as test_client:
        first = test_client.post("/articles/42/comments", data=comment(8))
        again = test_client.post("/articles/42/comments", data=comment(8, comment="More."))
        app.dependency_overrides[fastapi_page.current_user] = lambda: "editor"
        editor = test_client.post("/articles/42/comments", data=comment(8, comment="Edit."))
    assert [first.status_code, again.status_code, editor.status_code] == [201, 429, 201]


@pytest.mark.parametrize(
    "body",
    [{"data": comment(9)}, {"data": comment(9), "files": {"avatar": ("me.png", b"\x89PNG")}}],
    ids=["urlencoded", "multipart"],
)
def test_the_plain_starlette_app_saves_comments(
    starlette_page: ModuleType, body: dict[str, Any]
) -> None:
    with client(starlette_page.app, 9) as test_client:
        response = test_client.post("/articles/42/comments", **body)
        invalid = test_client.post("/articles/42/comments", data=comment(10, author=""))
    assert (response.status_code, invalid.status_code) == (201, 422)
    assert invalid.json()["detail"][0]["loc"] == ["body", "author"]
    (saved,) = starlette_page.saved
    assert saved["comment"].thread_id == "42"


def fastapi_extra() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["fastapi"]
    return {Requirement(line).name for line in extra}


def test_the_fastapi_extra_installs_what_the_page_uses() -> None:
    """Each package the code imports, and what the page's features need, is in the extra."""
    imported = {
        alias.name.split(".")[0] if isinstance(node, ast.Import) else str(node.module).split(".")[0]
        for _, code in blocks("python")
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    third_party = imported - set(sys.stdlib_module_names) - {"commentguard"}
    provided_by_fastapi = {"starlette"}
    assert third_party - provided_by_fastapi <= fastapi_extra()
    needs = {
        "redis": "COMMENTGUARD_STORE=redis://" in PAGE,
        "python-multipart": "multipart/form-data" in PAGE,
        "jinja2": "Jinja2Templates" in PAGE,
    }
    assert {package for package, needed in needs.items() if needed} <= fastapi_extra()
