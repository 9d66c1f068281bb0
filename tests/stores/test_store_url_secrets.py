"""Store URLs carry passwords; no message, repr, warning or log record ever shows one.

Every way of building a store or settings from a URL that can fail is tried with a password in
the URL's userinfo and in its query, and everything the attempt produced is searched for it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import pytest
from limits import parse

from commentguard import Guard, Settings
from commentguard._redaction import redacted, scrubbed
from commentguard.stores import open_store
from commentguard.testing import make_submission, running_redis

SECRET_KEY = "store-url-secrets-test-key-0123456789abcdef"
# Written into URLs as is and percent-encoded; neither form may show.
PASSWORDS = ["hunter2-Sekr1t", "p@ss/w:rd#42"]
T = TypeVar("T")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# (what goes wrong, URL with {auth} where userinfo goes; query parameters of the case)
CASES: list[tuple[str, str, list[str]]] = [
    ("unknown scheme", "reddis://{auth}localhost:6379/0", []),
    ("scheme redis-py knows but we do not", "unix://{auth}/run/redis.sock", []),
    ("unclosed IPv6 address", "redis://{auth}[::1", []),
    ("port that is not a number", "redis://{auth}localhost:notaport/0", []),
    ("port out of range", "redis://{auth}localhost:99999/0", []),
    ("database that is not a number", "redis://{auth}127.0.0.1:{closed}/notadb", []),
    ("option redis-py cannot read", "redis://{auth}localhost:6379/0", ["socket_timeout=abc"]),
    ("Redis that does not answer", "redis://{auth}127.0.0.1:{closed}/0", []),
    ("Redis that has no password set", "{redis}", []),
    ("Redis that wants another password", "{locked_redis}", []),
    ("SQLite URL with a host", "sqlite://{auth}host/comments.db", []),
    ("SQLite directory that does not exist", "sqlite://{auth}/no/such/dir/guard.db", []),
    ("SQLite path that is a directory", "sqlite://{auth}/{tmp}", []),
]
PLACEMENTS = {
    "userinfo": lambda password: (f":{quote(password, safe='')}@", []),
    "user and password": lambda password: (f"admin:{password}@", []),
    "query": lambda password: ("", [f"password={quote(password, safe='')}"]),
    "ssl_password query": lambda password: ("", [f"ssl_password={password}"]),
}


@pytest.fixture(scope="module")
def locked_redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server that requires a password none of the tests knows."""
    with running_redis(tmp_path_factory.mktemp("redis"), password="the-real-one") as (url, _):
        yield url


def build_url(
    template: str, auth: str, params: list[str], servers: dict[str, str], tmp: str
) -> str:
    if template in ("{redis}", "{locked_redis}"):
        server = servers[template.strip("{}")]
        template = "redis://{auth}" + server.partition("://")[2].rpartition("@")[2]
    url = template.format(auth=auth, closed=closed_port(), tmp=tmp.lstrip("/"))
    return url + ("?" + "&".join(params) if params else "")


def exception_text(exc: BaseException) -> str:
    """What a traceback of ``exc`` would show, its chained causes included, and its repr."""
    return "".join(traceback.format_exception(exc)) + repr(exc)


def attempt(action: Callable[[], T], seen: list[str]) -> T | None:
    try:
        result = action()
    except Exception as exc:
        seen.append(exception_text(exc))
        return None
    seen.append(repr(result))
    seen.append(str(result))
    return result


def everything_said(url: str, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Build a store, settings and a guard on ``url`` and use them; collect every text."""
    seen: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = attempt(lambda: open_store(url), seen)
        if store is not None:
            attempt(lambda: store.get("commentguard:test"), seen)
            attempt(lambda: store.hit(parse("1/second"), "test"), seen)
            store.close()
        settings = attempt(
            lambda: Settings(store=url, secret_key=SECRET_KEY, checks={"flood": {}}), seen
        )
        attempt(lambda: Settings.load(store=url, batch_size=0), seen)
        attempt(lambda: Settings(store=url, secret_key=SECRET_KEY, batch_size=0), seen)
        attempt(lambda: Settings(store=url), seen)  # refused: no secret key
        attempt(lambda: Settings(store=url, development_mode=True), seen)
        if settings is not None:
            guard = attempt(lambda: Guard(settings, load_entry_points=False), seen)
            if guard is not None:
                seen.append(repr(attempt(lambda: guard.moderate(make_submission()), seen)))
                attempt(lambda: guard.report(make_submission(), "approve"), seen)
                guard.close()
    seen.extend(str(warning.message) for warning in caught)
    for record in caplog.records:
        seen.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            seen.append(exception_text(record.exc_info[1]))
    return seen


@pytest.mark.parametrize("password", PASSWORDS)
@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize(("case", "template", "params"), CASES, ids=[case[0] for case in CASES])
def test_no_error_path_shows_the_password(
    case: str,
    template: str,
    params: list[str],
    placement: str,
    password: str,
    redis_url: str,
    locked_redis_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever goes wrong with a store URL, the password is in no message, repr or log."""
    auth, secret_params = PLACEMENTS[placement](password)
    servers = {"redis": redis_url, "locked_redis": locked_redis_url}
    url = build_url(template, auth, [*secret_params, *params], servers, str(tmp_path))
    caplog.set_level(logging.DEBUG)

    seen = everything_said(url, caplog)

    assert seen, "nothing was tried"
    for form in {password, quote(password, safe="")}:
        leaks = [text for text in seen if form in text]
        assert not leaks, f"{url!r}: the password shows in {leaks[0]!r}"


@pytest.mark.parametrize(
    ("secret_key", "message"),
    [
        (SECRET_KEY, "unknown store 'reddis://:***@db/0'"),
        (None, "the store 'reddis://:***@db/0' would keep hashes"),
    ],
    ids=["unknown store", "store without a secret key"],
)
@pytest.mark.parametrize("password", PASSWORDS)
def test_the_command_line_never_prints_the_store_password(
    password: str, secret_key: str | None, message: str
) -> None:
    """A bad store in COMMENTGUARD_STORE is a one-line error without its password."""
    environment = {**os.environ, "COMMENTGUARD_STORE": f"reddis://:{quote(password, safe='')}@db/0"}
    if secret_key is not None:
        environment["COMMENTGUARD_SECRET_KEY"] = secret_key
    submission = json.dumps({"name": "Ada", "email": "ada@example.com", "body": "Hi"})

    result = subprocess.run(
        [sys.executable, "-c", "from commentguard.cli import main; main()", "moderate"],
        input=submission,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert result.returncode != 0
    assert message in result.stderr
    for form in {password, quote(password, safe="")}:
        assert form not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:pw@redis.internal:6379/0", "redis://:***@redis.internal:6379/0"),
        ("redis://app:pw@redis.internal:6379/0", "redis://app:***@redis.internal:6379/0"),
        ("redis://p@ss/w:rd@redis.internal/0", "redis://***@redis.internal/0"),
        ("redis://lonely-pw@redis.internal/0", "redis://***@redis.internal/0"),
        (
            "rediss://h/0?ssl_cert_reqs=none&password=pw",
            "rediss://h/0?ssl_cert_reqs=none&password=***",
        ),
        ("redis://app:pw-where-host-goes:6379/0", "redis://app:***/0"),
        ("redis://[::1]:6379/0", "redis://[::1]:6379/0"),
        ("sqlite:////var/lib/site/guard.db", "sqlite:////var/lib/site/guard.db"),
        ("memory://", "memory://"),
    ],
)
def test_redacted_hides_passwords_and_keeps_the_rest(url: str, shown: str) -> None:
    """The user name, host, port, path and other options stay readable for the operator."""
    assert redacted(url) == shown


def test_scrubbed_hides_the_passwords_a_backend_quotes() -> None:
    """A driver's message quoting a piece of the URL loses the passwords in it."""
    url = "redis://app:s3cret-value@h/0?password=other%2Fsecret"
    message = "could not use 's3cret-value' nor 'other/secret' nor 'other%2Fsecret'"

    assert scrubbed(message, url) == "could not use '***' nor '***' nor '***'"
