"""What the blueprints share: the commentguard extension and the request's database handle."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flask import Flask, current_app, g

from commentguard.adapters.flask import CommentGuard
from newsroom import db

comments = CommentGuard()
"""Renders the hidden form fields, reads submissions from requests, and holds the Guard."""


def database() -> sqlite3.Connection:
    """The current request's connection to the comments database, opened on first use."""
    if "db" not in g:
        g.db = db.connect(Path(current_app.config["NEWSROOM_DATABASE"]))
    connection: sqlite3.Connection = g.db
    return connection


def secret_key() -> str:
    """The site's secret key (signs sessions, the pending-comments cookie and form tokens)."""
    return str(current_app.config["SECRET_KEY"])


def init_database(app: Flask) -> None:
    """Create the database now, and close each request's connection when the request ends."""
    db.initialise(Path(app.config["NEWSROOM_DATABASE"]))

    @app.teardown_appcontext
    def close_database(error: BaseException | None) -> None:
        connection = g.pop("db", None)
        if connection is not None:
            connection.close()
