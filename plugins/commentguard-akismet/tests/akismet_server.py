"""An Akismet server on 127.0.0.1, and checks that talk to it; conftest.py exposes the fixtures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

import commentguard
from commentguard_akismet import AkismetCheck

API_KEY = "test-key-123"
SITE_URL = "https://blog.example.com"
THANKS = "Thanks for making the web a better place."


@dataclass
class AkismetServer:
    """Akismet's documented REST protocol, version 1.1: what each endpoint answers.

    Tests change ``answer``/``headers`` (comment-check), ``status`` and ``delay``; every
    request is kept in ``requests`` as (endpoint, form fields).
    """

    port: int = 0
    answer: str = "false"
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    delay: float = 0.0
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)

    def respond(self, endpoint: str, fields: dict[str, str]) -> tuple[int, str, dict[str, str]]:
        self.requests.append((endpoint, fields))
        if self.delay:
            self.released.wait(self.delay)
        if self.status != 200:
            return self.status, "Internal Server Error", {}
        if endpoint == "verify-key":
            valid = fields.get("key") == API_KEY and fields.get("blog") == SITE_URL
            return 200, "valid" if valid else "invalid", {}
        if fields.get("api_key") != API_KEY:
            return 200, "invalid", {"X-akismet-debug-help": "We were unable to parse your key."}
        if endpoint == "comment-check":
            return 200, self.answer, self.headers
        if endpoint in ("submit-spam", "submit-ham"):
            return 200, THANKS, {}
        return 404, "Not Found", {}

    def fields(self, endpoint: str) -> dict[str, str]:
        """The form fields of the one request made to ``endpoint``."""
        (fields,) = [sent for name, sent in self.requests if name == endpoint]
        return fields


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        fields = {name: values[-1] for name, values in form.items()}
        status, body, headers = self.server.akismet.respond(self.path.rsplit("/", 1)[-1], fields)
        payload = body.encode("utf-8")
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client gave up waiting (the timeout tests)
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    akismet: AkismetServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-answer is what the timeout tests do


@pytest.fixture
def akismet_server() -> Iterator[AkismetServer]:
    """A running Akismet protocol server on a free port of 127.0.0.1."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.akismet = AkismetServer(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield server.akismet
    server.akismet.released.set()
    server.shutdown()
    server.server_close()
    thread.join()


class _ToPort(httpx.BaseTransport):
    """Send requests for rest.akismet.com to a port of 127.0.0.1 instead, over plain HTTP."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._transport = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self._port)
        return self._transport.handle_request(request)

    def close(self) -> None:
        self._transport.close()


class _AsyncToPort(httpx.AsyncBaseTransport):
    def __init__(self, port: int) -> None:
        self._port = port
        self._transport = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self._port)
        return await self._transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self._transport.aclose()


def check_class_for_port(port: int) -> type[AkismetCheck]:
    """AkismetCheck with the real akismet clients, connected to 127.0.0.1:``port``."""

    class LocalAkismetCheck(AkismetCheck):
        def http_client(self) -> httpx.Client:
            return httpx.Client(transport=_ToPort(port), timeout=self.settings.request_timeout)

        def async_http_client(self) -> httpx.AsyncClient:
            return httpx.AsyncClient(
                transport=_AsyncToPort(port), timeout=self.settings.request_timeout
            )

    return LocalAkismetCheck


class RegisterCheck:
    """A plugin object that registers one check class (how tests swap in a subclass)."""

    def __init__(self, check_class: type[AkismetCheck]) -> None:
        self.check_class = check_class

    @commentguard.hookimpl
    def register_checks(self, register: Any) -> None:
        register(self.check_class)


@pytest.fixture
def local_plugin(akismet_server: AkismetServer) -> RegisterCheck:
    """A plugin registering an akismet check that talks to ``akismet_server``."""
    return RegisterCheck(check_class_for_port(akismet_server.port))


@pytest.fixture(autouse=True)
def _no_akismet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's real key in the environment must not reach the tests."""
    monkeypatch.delenv("PYTHON_AKISMET_API_KEY", raising=False)
    monkeypatch.delenv("PYTHON_AKISMET_BLOG_URL", raising=False)
