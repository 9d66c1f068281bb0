"""The newsroom's parts without a browser: configuration, sanitising, threads."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from newsroom import Config, ConfigError, create_app
from newsroom.__main__ import main, startup_message
from newsroom.config import DEVELOPMENT_SECRET_KEY
from newsroom.db import Comment
from newsroom.rendering import comment_count, comment_date, comment_html, highlighted
from newsroom.thread import MAX_DEPTH, build_thread
from newsroom_site import SECRET_KEY

from commentguard import Verdict
from commentguard.adapters.flask import EXTENSION_KEY


def test_production_needs_a_secret_key_and_a_moderator_password() -> None:
    """Without either variable the site refuses to start and names the one to set."""
    with pytest.raises(ConfigError, match="NEWSROOM_SECRET_KEY is not set"):
        Config.from_env({"NEWSROOM_MODERATOR_PASSWORD": "pw"})
    with pytest.raises(ConfigError, match="NEWSROOM_MODERATOR_PASSWORD is not set"):
        Config.from_env({"NEWSROOM_SECRET_KEY": SECRET_KEY})
    config = Config.from_env(
        {
            "NEWSROOM_SECRET_KEY": SECRET_KEY,
            "NEWSROOM_MODERATOR_PASSWORD": "pw",
            "NEWSROOM_DATA_DIR": "d",
        }
    )
    assert (config.secret_key, config.moderator_password, str(config.data_dir)) == (
        SECRET_KEY,
        "pw",
        "d",
    )


@pytest.mark.parametrize(
    ("key", "why"),
    [("k", "is shorter than 32 characters"), (DEVELOPMENT_SECRET_KEY, "is a placeholder")],
)
def test_production_refuses_a_weak_secret_key(key: str, why: str) -> None:
    """A short key, or development mode's public one, names NEWSROOM_SECRET_KEY and why."""
    with pytest.raises(ConfigError, match=f"NEWSROOM_SECRET_KEY {why}"):
        Config.from_env({"NEWSROOM_SECRET_KEY": key, "NEWSROOM_MODERATOR_PASSWORD": "pw"})


def test_development_mode_runs_the_guard_in_its_development_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--dev's public key is accepted by the guard only because it runs in development mode."""
    monkeypatch.chdir(tmp_path)
    config = Config.from_env({"NEWSROOM_DATA_DIR": str(tmp_path / "data")}, development=True)
    guard = create_app(config).extensions[EXTENSION_KEY].guard
    try:
        assert guard.settings.development_mode is True
        assert guard.settings.secret_key_problem is not None
    finally:
        guard.close()


def test_development_mode_makes_up_a_password_nobody_can_guess() -> None:
    first, second = Config.from_env({}, development=True), Config.from_env({}, development=True)
    assert first.secret_key == DEVELOPMENT_SECRET_KEY
    assert len(first.moderator_password) >= 12
    assert first.moderator_password != second.moderator_password


def test_an_empty_password_variable_prints_the_password_development_made_up() -> None:
    environ = {"NEWSROOM_MODERATOR_PASSWORD": ""}
    config = Config.from_env(environ, development=True)
    message = startup_message(config, "http://127.0.0.1:8000", environ)
    assert f"(password: {config.moderator_password})" in message
    assert "$NEWSROOM_MODERATOR_PASSWORD" not in message


def test_a_set_password_is_never_printed() -> None:
    environ = {"NEWSROOM_MODERATOR_PASSWORD": "hunter2-but-longer"}
    config = Config.from_env(environ, development=True)
    message = startup_message(config, "http://127.0.0.1:8000", environ)
    assert "hunter2" not in message
    assert "(password: $NEWSROOM_MODERATOR_PASSWORD)" in message


def test_the_site_starts_with_every_installed_plugin_and_no_akismet_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHON_AKISMET_API_KEY", raising=False)
    app = create_app(
        Config(data_dir=tmp_path / "data", secret_key=SECRET_KEY, moderator_password="pw")
    )
    guard = app.extensions[EXTENSION_KEY].guard
    try:
        checks = {check.name for check in guard.checks}
        inactive = {check.name for check in guard.unconfigured}
    finally:
        guard.close()
    assert "akismet" not in checks
    assert inactive == {"akismet"}  # installed, without a key: inactive, with a warning
    assert {"links", "wordlists", "form_token", "closed_thread"} <= checks


def test_serve_without_configuration_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("NEWSROOM_SECRET_KEY", raising=False)
    assert main([]) == 2
    assert "NEWSROOM_SECRET_KEY is not set" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("Hello\n\nWorld\nagain", "<p>Hello</p><p>World<br>again</p>"),
        ("<b>bold</b> <em>em</em> <code>x</code>", "<p><b>bold</b> <em>em</em> <code>x</code></p>"),
        ("<script>alert(1)</script>hi", "<p>hi</p>"),
        ('<img src=x onerror="alert(1)">', ""),
        (
            '<a href="javascript:alert(1)">x</a>',
            '<p><a rel="nofollow ugc noopener noreferrer">x</a></p>',
        ),
        (
            '<a href="https://a.example" onclick="x()">a</a>',
            '<p><a href="https://a.example" rel="nofollow ugc noopener noreferrer">a</a></p>',
        ),
        ('<p style="color:red" class="x">styled</p>', "<p>styled</p>"),
        ("1 < 2 & 3 > 2", "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"),
    ],
)
def test_comment_bodies_keep_only_the_allowed_html(body: str, html: str) -> None:
    assert str(comment_html(body)) == html


def test_a_highlight_escapes_the_text_around_the_match() -> None:
    text = "<b>" + "x" * 100 + "buy pills" + "y" * 100
    shown = str(highlighted(text, (103, 112), context=5))
    assert shown == "…xxxxx<mark>buy pills</mark>yyyyy…"
    assert str(highlighted("<i>tiny</i>", None)) == "&lt;i&gt;tiny&lt;/i&gt;"


def test_dates_and_counts_read_like_wordpress() -> None:
    assert comment_date(datetime(2026, 3, 5, 14, 7, tzinfo=UTC)) == "March 5, 2026 at 2:07 pm"
    assert comment_date(datetime(2026, 3, 5, 0, 30, tzinfo=UTC)) == "March 5, 2026 at 12:30 am"
    assert [comment_count(n) for n in (0, 1, 2)] == [
        "Be the first to comment",
        "1 Comment",
        "2 Comments",
    ]


def _comment(number: int, parent: int | None) -> Comment:
    return Comment(
        id=number,
        article_slug="a",
        parent_id=parent,
        status=Verdict.APPROVE,
        name=f"n{number}",
        url=None,
        body="b",
        avatar_key="00ff00",
        submitted_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_replies_nest_up_to_the_last_level_then_sit_beside_their_parent() -> None:
    chain = [_comment(1, None)] + [_comment(n, n - 1) for n in range(2, MAX_DEPTH + 3)]
    orphan = _comment(99, 50)  # its parent is not visible to this reader
    roots = build_thread([*chain, orphan])

    assert [node.comment.id for node in roots] == [1, 99]
    node, depths = roots[0], []
    while node.replies:
        depths.append(len(node.replies))
        node = node.replies[0]
    assert node.depth == MAX_DEPTH
    assert depths == [1] * (MAX_DEPTH - 2) + [3]  # the last level holds the deeper replies


def test_an_oversized_post_gets_an_html_page_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app(
        Config(data_dir=tmp_path / "data", secret_key=SECRET_KEY, moderator_password="pw")
    )
    try:
        response = app.test_client().post(
            "/articles/harbour-library-opens-late/comments",
            data={"author": "Ada", "email": "ada@example.com", "comment": "x" * 300_000},
        )
    finally:
        app.extensions[EXTENSION_KEY].guard.close()
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "larger than 262144 bytes" in response.get_data(as_text=True)
