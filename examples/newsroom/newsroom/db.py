"""The site's own database (SQLite): articles and their comments.

A comment row keeps what the article page shows (name, website, body, date) in columns, and
the whole validated submission, email included, as JSON: a moderator's verdict is later passed
to ``Guard.report`` with it, so trusted authors and learning checks learn from the real
comment. The email lives only in that JSON and never reaches a template.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from commentguard import CommentSubmission, Decision, Finding, PublicComment, Verdict
from newsroom.content import FIRST_ARTICLE

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS articles (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    byline TEXT NOT NULL,
    body_html TEXT NOT NULL,            -- written by the newsroom, trusted
    published_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    article_slug TEXT NOT NULL REFERENCES articles (slug),
    parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('approve', 'hold', 'spam')),
    name TEXT NOT NULL,
    url TEXT,
    body TEXT NOT NULL,                 -- as submitted; sanitised when rendered
    avatar_key TEXT NOT NULL,           -- keyed hash of the email, never the email
    submitted_at TEXT NOT NULL,
    submission TEXT NOT NULL,           -- the validated submission with the email, for reports
    findings TEXT NOT NULL              -- the decision's findings, for the moderation queue
);
CREATE INDEX IF NOT EXISTS comments_by_article ON comments (article_slug, status, id);
"""

STORED_VERDICTS = (Verdict.APPROVE, Verdict.HOLD, Verdict.SPAM)
"""Verdicts whose comments are kept; discarded and rejected ones never reach the database."""


@dataclass(frozen=True)
class Article:
    """An article as the page shows it."""

    slug: str
    title: str
    byline: str
    body_html: str
    published_at: datetime


@dataclass(frozen=True)
class Comment:
    """A comment as readers may see it: no email anywhere."""

    id: int
    article_slug: str
    parent_id: int | None
    status: Verdict
    name: str
    url: str | None
    body: str
    avatar_key: str
    submitted_at: datetime


@dataclass(frozen=True)
class QueuedComment:
    """A held or spam comment with what the moderator needs to judge it."""

    comment: Comment
    article_title: str
    submission_data: dict[str, Any]
    """The stored submission, email included: pass it to ``Guard.parse`` or ``Guard.report``."""
    findings: tuple[Finding, ...]


def connect(path: Path) -> sqlite3.Connection:
    """Open the database, creating the tables and the first article when it is new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.executescript(SCHEMA)
    connection.execute(
        "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)",
        (*FIRST_ARTICLE, _now().isoformat()),
    )
    return connection


def initialise(path: Path) -> None:
    """Create the database file and its tables."""
    with closing(connect(path)):
        pass


def articles(db: sqlite3.Connection) -> list[tuple[Article, int]]:
    """Every article, newest first, with its number of published comments."""
    rows = db.execute(
        "SELECT a.*, (SELECT count(*) FROM comments c WHERE c.article_slug = a.slug "
        "AND c.status = 'approve') AS published FROM articles a ORDER BY published_at DESC"
    )
    return [(_article(row), int(row["published"])) for row in rows]


def article(db: sqlite3.Connection, slug: str) -> Article | None:
    """The article with this slug, if there is one."""
    row = db.execute("SELECT * FROM articles WHERE slug = ?", (slug,)).fetchone()
    return _article(row) if row is not None else None


def visible_comments(
    db: sqlite3.Connection, slug: str, pending_ids: frozenset[int]
) -> list[Comment]:
    """The article's published comments, plus the reader's own pending ones, oldest first."""
    marks = ",".join("?" * len(pending_ids))
    rows = db.execute(
        "SELECT * FROM comments WHERE article_slug = ? AND "
        f"(status = 'approve' OR (status IN ('hold', 'spam') AND id IN ({marks}))) ORDER BY id",
        (slug, *sorted(pending_ids)),
    )
    return [_comment(row) for row in rows]


def published_comment(db: sqlite3.Connection, slug: str, comment_id: int) -> Comment | None:
    """A published comment of this article (the only kind a reader may reply to)."""
    row = db.execute(
        "SELECT * FROM comments WHERE id = ? AND article_slug = ? AND status = 'approve'",
        (comment_id, slug),
    ).fetchone()
    return _comment(row) if row is not None else None


def save_comment(
    db: sqlite3.Connection, submission: CommentSubmission, decision: Decision, secret: str
) -> int:
    """Store a comment the guard let in (approve, hold or spam) and return its id."""
    if decision.verdict not in STORED_VERDICTS:
        raise ValueError(f"a {decision.verdict} comment is not stored")
    public = PublicComment.from_submission(submission, secret=secret)
    cursor = db.execute(
        "INSERT INTO comments (article_slug, parent_id, status, name, url, body, avatar_key, "
        "submitted_at, submission, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            public.thread_id,
            int(public.parent_id) if public.parent_id else None,
            decision.verdict.value,
            public.name,
            public.url,
            public.body,
            public.avatar_key,
            public.submitted_at.isoformat(),
            submission.model_dump_json(context={"reveal_email": True}),
            json.dumps([finding.model_dump(mode="json") for finding in decision.findings]),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def queue(db: sqlite3.Connection) -> Iterator[QueuedComment]:
    """Held comments first, then spam, newest first within each."""
    rows = db.execute(
        "SELECT c.*, a.title FROM comments c JOIN articles a ON a.slug = c.article_slug "
        "WHERE c.status IN ('hold', 'spam') ORDER BY c.status = 'spam', c.id DESC"
    )
    for row in rows:
        yield _queued(row)


def queued_comment(db: sqlite3.Connection, comment_id: int) -> QueuedComment | None:
    """One comment of the moderation queue."""
    row = db.execute(
        "SELECT c.*, a.title FROM comments c JOIN articles a ON a.slug = c.article_slug "
        "WHERE c.id = ? AND c.status IN ('hold', 'spam')",
        (comment_id,),
    ).fetchone()
    return _queued(row) if row is not None else None


def set_status(db: sqlite3.Connection, comment_id: int, verdict: Verdict) -> None:
    """Publish a comment (approve) or file it as spam."""
    db.execute("UPDATE comments SET status = ? WHERE id = ?", (verdict.value, comment_id))


def delete_comment(db: sqlite3.Connection, comment_id: int) -> None:
    """Delete a comment and its replies."""
    db.execute("DELETE FROM comments WHERE id = ?", (comment_id,))


def _now() -> datetime:
    return datetime.now(UTC)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        slug=row["slug"],
        title=row["title"],
        byline=row["byline"],
        body_html=row["body_html"],
        published_at=datetime.fromisoformat(row["published_at"]),
    )


def _comment(row: sqlite3.Row) -> Comment:
    return Comment(
        id=row["id"],
        article_slug=row["article_slug"],
        parent_id=row["parent_id"],
        status=Verdict(row["status"]),
        name=row["name"],
        url=row["url"],
        body=row["body"],
        avatar_key=row["avatar_key"],
        submitted_at=datetime.fromisoformat(row["submitted_at"]),
    )


def _queued(row: sqlite3.Row) -> QueuedComment:
    return QueuedComment(
        comment=_comment(row),
        article_title=row["title"],
        submission_data=json.loads(row["submission"]),
        findings=tuple(Finding.model_validate(item) for item in json.loads(row["findings"])),
    )
