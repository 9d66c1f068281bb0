"""Isso, Commento, Remark42 and Staticman loaders on the real dumps: what each reads, counted."""

from __future__ import annotations

import io
import sqlite3
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from loader_counts import FIXTURES, REGISTRY, Counts, count, read, shared

from commentguard import CommentSubmission
from commentguard._loaders import DumpError, Record, RecordError
from commentguard._loaders.formats import (
    COMMENTO,
    DISQUS,
    ISSO_JSON,
    ISSO_SQLITE,
    JSON,
    REMARK42,
    STATICMAN,
    WXR,
    ReadOptions,
)

isso_config = pytest.importorskip("isso.config")
isso_db = pytest.importorskip("isso.db")
isso_migrate = pytest.importorskip("isso.migrate")


def open_isso(path: Path):
    """Isso's own database object, creating its schema in ``path`` if it is new."""
    conf = isso_config.new({"general": {"dbpath": str(path), "max-age": "1h"}})
    return isso_db.SQLite3(str(path), conf)


def isso_database(tmp_path: Path, *imports: tuple[str, str]) -> Path:
    """A database made by Isso's own code: its schema, filled by its importers from dumps."""
    path = tmp_path / "comments.db"
    db = open_isso(path)
    for kind, name in imports:
        dump = str(shared(name))
        if kind == "generic":
            isso_migrate.Generic(db, dump).migrate()
        elif kind == "wordpress":
            with warnings.catch_warnings():
                # isso 0.14's WordPress importer leaves the file it sniffs open (its bug).
                warnings.simplefilter("ignore", ResourceWarning)
                importer = isso_migrate.WordPress(db, dump)
            importer.migrate()
        else:
            isso_migrate.Disqus(db, dump, empty_id=True).migrate()
    return path


# --- Counts on every shared dump ------------------------------------------------------------


@pytest.mark.parametrize(
    ("dump_format", "name", "expected"),
    [
        (WXR, "wordpress-theme-unit-test.xml", Counts(32, 0, 6, 10, {"1": 29, "0": 3})),
        (WXR, "wordpress-isso-fixture.xml", Counts(8, 0, 2, 3, {"1": 8})),
        (DISQUS, "disqus-isso-fixture.xml", Counts(6, 0, 3, 2, {"approved": 5, "deleted": 1})),
        (ISSO_JSON, "isso-generic-fixture.json", Counts(2, 0, 2, 0, {None: 2})),
        (COMMENTO, "commento-remark42-rest-api.json", Counts(7, 0, 1, 2, {"approved": 7})),
        (STATICMAN, "staticman-made-mistakes", Counts(267, 0, 24, 123, {None: 267})),
    ],
)
def test_each_shared_dump_is_read_whole(dump_format, name: str, expected: Counts) -> None:
    """Records read, unreadable ones, threads, replies and statuses, for every shared dump."""
    path = shared(name)
    assert count(read(dump_format, path)) == expected
    detected = (
        REGISTRY.detect_folder(path, name)
        if path.is_dir()
        else REGISTRY.detect(name, path.read_bytes()[: 64 * 1024])
    )
    assert detected is dump_format


# --- Isso --------------------------------------------------------------------------------------


def test_isso_generic_json_reads_the_comments_inside_each_thread() -> None:
    """2 threads of one comment each: 2 comments, not 2 threads read as comments."""
    records = read(ISSO_JSON, shared("isso-generic-fixture.json"))
    assert [(r.data["thread_id"], r.data["name"]) for r in records] == [
        ("/posts/0001/", "texas holdem"),
        ("/posts/0007/", "Richard Crinshaw"),
    ]
    first, second = records
    assert "email" not in first.data  # "" in the dump: no address
    assert first.data["url"] == "http://www.tigerspice.com"
    assert first.data["ip"] == "0.0.0.0"  # noqa: S104 - an address in the dump, not a bind
    assert first.data["submitted_at"] == datetime(2005, 2, 24, 4, 3, 37, tzinfo=UTC)
    assert CommentSubmission.parse(second.data).email.domain == "87750645.com"


def test_isso_database_made_by_isso_from_all_three_of_its_fixtures(tmp_path: Path) -> None:
    """Isso's importers put 15 comments in 6 threads (they drop Disqus's orphan); 5 replies."""
    path = isso_database(
        tmp_path,
        ("generic", "isso-generic-fixture.json"),
        ("wordpress", "wordpress-isso-fixture.xml"),
        ("disqus", "disqus-isso-fixture.xml"),
    )
    assert REGISTRY.detect("comments.db", path.read_bytes()[: 64 * 1024]) is ISSO_SQLITE
    records = read(ISSO_SQLITE, path)
    assert count(records) == Counts(15, 0, 6, 5, {"approved": 14, "deleted": 1})
    by_id = {r.record_id: r for r in records if isinstance(r, Record)}
    assert by_id["5"].data["parent_id"] == "4"
    assert by_id["3"].data["thread_id"] == "/2014/test/"
    assert by_id["3"].data["ip"] == "82.119.20.0"  # Isso keeps addresses anonymised


def test_isso_database_holds_what_the_generic_loader_reads(tmp_path: Path) -> None:
    """The same comments, imported by Isso or read by commentguard, give the same fields."""
    path = isso_database(tmp_path, ("generic", "isso-generic-fixture.json"))
    from_db = [r for r in read(ISSO_SQLITE, path) if isinstance(r, Record)]
    from_json = read(ISSO_JSON, shared("isso-generic-fixture.json"))
    fields = ("thread_id", "name", "url", "ip", "body")
    assert [[r.data.get(f) for f in fields] for r in from_db] == [
        [r.data.get(f) for f in fields] for r in from_json
    ]


def test_isso_database_bounds_each_row_in_sql(tmp_path: Path) -> None:
    """A row longer than any comment is an error without its text being fetched."""
    path = tmp_path / "comments.db"
    db = open_isso(path)
    db.threads.new("/long/", "A long comment")
    for text in ("x" * 5000, "Short."):  # as Isso stores a comment posted to it
        db.comments.add("/long/", {"text": text, "author": "A", "mode": 1, "remote_addr": "::1"})
    options = ReadOptions(max_record_bytes=1000)
    items = list(ISSO_SQLITE.read_path(path, "comments.db", options))
    assert [type(item) for item in items] == [RecordError, Record]
    assert str(items[0]) == (
        "comments.db (record '1'): the record holds over 1,000 bytes, more than a comment can take"
    )


def test_a_sqlite_file_that_is_not_isso_is_named_and_stdin_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE posts (id INTEGER)")
    assert not ISSO_SQLITE.sniff("other.db", other.read_bytes())
    with pytest.raises(DumpError, match=r"^other\.db: not an Isso database \(no such table"):
        read(ISSO_SQLITE, other)
    with pytest.raises(DumpError, match="read from its file, not from standard input"):
        list(ISSO_SQLITE.read(io.BytesIO(other.read_bytes()), "<stdin>", ReadOptions()))


def test_a_malformed_isso_thread_is_one_error_and_the_others_are_read() -> None:
    text = '[{"id": "/a/", "comments": 3}, 7, {"id": "/b/", "comments": [{"text": "Hi"}, 1]}]'
    items = list(ISSO_JSON.read(io.BytesIO(text.encode()), "g.json", ReadOptions()))
    assert [str(item) if isinstance(item, RecordError) else item.data for item in items] == [
        "g.json:1 (record '/a/'): a thread needs a comments list",
        "g.json:1: a thread must be a JSON object",
        {"thread_id": "/b/", "body": "Hi"},
        "g.json:1: a comment must be a JSON object",
    ]


# --- Commento ---------------------------------------------------------------------------------


def test_commento_joins_authors_through_commenter_hex() -> None:
    """7 comments by the one anonymous commenter; "undefined" is no email and no website."""
    records = read(COMMENTO, shared("commento-remark42-rest-api.json"))
    assert {r.data["name"] for r in records} == {"blank"}
    assert all("email" not in r.data and "url" not in r.data for r in records)
    assert {r.data["thread_id"] for r in records} == {"example.com/example"}
    parents = {r.record_id: r.data.get("parent_id") for r in records}
    assert parents["6d3bb64ff73b5f9d6a959212ffde472a51abf8bdefaa5ed843659796bceef9de"] == (
        "46baf36433830a4e8bda1de56290cf5fd74c08bfa844fee4ec1744985dc77010"
    )
    # The export has no text at all: every body is empty, which validation reports.
    assert all("body" not in r.data for r in records)


def test_commento_states_deleted_and_anonymous_comments() -> None:
    text = """{"version": 1, "comments": [
      {"commentHex": "a", "commenterHex": "c1", "markdown": "Hi **there**", "html": "<p>x</p>",
       "parentHex": "root", "state": "unapproved", "url": "/p", "domain": "d.example",
       "creationDate": "2020-01-01T00:00:00Z"},
      {"commentHex": "b", "commenterHex": "anonymous", "markdown": "", "html": "<p>Hey</p>",
       "parentHex": "a", "state": "approved", "deleted": true},
      "oops",
      {"commentHex": "d", "commenterHex": "c1", "markdown": "x", "creationDate": "soon"}
    ], "commenters": [{"commenterHex": "c1", "name": "Ada", "email": "ada@example.com",
                       "link": "https://ada.example"}]}"""
    items = list(COMMENTO.read(io.BytesIO(text.encode()), "c.json", ReadOptions()))
    first, second, third, fourth = items
    assert isinstance(first, Record)
    assert isinstance(second, Record)
    assert (first.status, first.data["name"], first.data["body"]) == (
        "unapproved",
        "Ada",
        "Hi **there**",
    )
    assert first.data["thread_id"] == "d.example/p"
    assert CommentSubmission.parse(first.data).email.domain == "example.com"
    assert (second.status, second.data["name"], second.data["body"]) == (
        "deleted",
        "Anonymous",
        "<p>Hey</p>",
    )
    assert str(third) == "c.json: comments[2] must be a JSON object"
    assert str(fourth) == "c.json (record 'd'): creationDate is not a date"


# --- Remark42 ---------------------------------------------------------------------------------

REMARK42_BACKUP = FIXTURES / "remark42" / "backup.jsonl"


def test_remark42_backup_from_its_documented_shape() -> None:
    """5 comments on 2 posts after the header line: 2 replies, 1 deleted; hashed IPs dropped."""
    records = read(REMARK42, REMARK42_BACKUP)
    assert count(records) == Counts(5, 0, 2, 2, {"approved": 4, "deleted": 1})
    assert [r.line for r in records] == [2, 3, 4, 5, 6]
    first = records[0]
    assert isinstance(first, Record)
    assert first.data["body"] == "Thanks, this helped me move off Disqus."  # orig, not the HTML
    assert first.data["permalink"] == "https://blog.example.org/2019/static-sites/"
    assert first.data["submitted_at"].utcoffset().total_seconds() == 7200
    assert all("ip" not in r.data and "email" not in r.data for r in records)
    assert REGISTRY.detect("backup.jsonl", REMARK42_BACKUP.read_bytes()) is REMARK42


def test_remark42_bad_lines_are_errors_and_a_bad_header_stops() -> None:
    header = b'{"version": 1, "users": [], "posts": []}\n'
    lines = header + b'{"id": "1", "text": "ok", "user": {"name": "A"}}\n{broken\n[1]\n'
    items = list(REMARK42.read(io.BytesIO(lines), "b.jsonl", ReadOptions()))
    assert [str(item) if isinstance(item, RecordError) else item.record_id for item in items] == [
        "1",
        "b.jsonl:3: not valid JSON: Expecting property name enclosed in double quotes",
        "b.jsonl:4: a line must be a JSON object",
    ]
    with pytest.raises(DumpError, match=r"^b\.jsonl:1: Remark42 backup version 7 is unknown"):
        list(REMARK42.read(io.BytesIO(b'{"version": 7, "users": []}\n'), "b.jsonl", ReadOptions()))


# --- Staticman --------------------------------------------------------------------------------


def test_staticman_replies_find_their_parent_by_position_and_hashes_are_no_email() -> None:
    records = read(STATICMAN, shared("staticman-made-mistakes"))
    by_id = {r.record_id: r for r in records if isinstance(r, Record)}
    # 94 comments made by Staticman have a UUID; 173 migrated from Disqus keep their Disqus id.
    assert Counter(len(i) == 36 for i in by_id) == {True: 94, False: 173}
    assert all(not i.startswith("comment-") or len(i) != 36 for i in by_id)
    assert all("email" not in r.data for r in records)  # an md5 hash is not an address
    reply = next(
        r for r in records if r.source.endswith("using-jekyll-2016/comment-1488728466677.yml")
    )
    assert reply.data["thread_id"] == "using-jekyll-2016"
    post = sorted(
        (r for r in records if r.data["thread_id"] == "using-jekyll-2016"),
        key=lambda r: Path(r.source).stem,
    )
    top_level = [r for r in post if "parent_id" not in r.data]
    assert reply.data["parent_id"] == top_level[18].record_id  # replying_to: '19'
    assert all(r.data["submitted_at"].tzinfo is not None for r in records)


def test_staticman_bad_files_are_errors_and_the_folder_goes_on(tmp_path: Path) -> None:
    post = tmp_path / "comments" / "a-post"
    post.mkdir(parents=True)
    (post / "comment-1.yml").write_text("message: Hello\nname: Ada\ndate: '2020-01-01T00:00:00Z'\n")
    (post / "comment-2.yml").write_text("message: [unclosed\nname: Bob\n")
    (post / "comment-3.yml").write_text("- a list\n")
    (post / "comment-4.yml").write_text("message: Reply\nname: Cy\nreplying_to: '1'\nhidden: x\n")
    (post / "comment-5.yml").write_text("message: " + "x" * 2000 + "\n")
    (tmp_path / "comments" / ".git").mkdir()
    (tmp_path / "comments" / ".git" / "junk.yml").write_text("message: no\n")
    items = list(
        STATICMAN.read_path(tmp_path / "comments", "comments", ReadOptions(max_record_bytes=1000))
    )
    described = [str(i) if isinstance(i, RecordError) else (i.record_id, i.data) for i in items]
    assert described[0] == (
        "comment-1",
        {"id": "comment-1", "thread_id": "a-post", "name": "Ada", "body": "Hello",
         "submitted_at": datetime(2020, 1, 1, tzinfo=UTC)},
    )  # fmt: skip
    assert described[1].startswith("comments/a-post/comment-2.yml:")
    assert "not valid YAML" in described[1]
    assert (
        described[2] == "comments/a-post/comment-3.yml:1: a comment file must hold a YAML mapping"
    )
    assert described[3] == (
        "comment-4",
        {"id": "comment-4", "thread_id": "a-post", "parent_id": "comment-1", "name": "Cy",
         "body": "Reply", "honeypot": "x"},
    )  # fmt: skip
    assert described[4] == (
        "comments/a-post/comment-5.yml: the file is over 1,000 bytes, more than a comment can take"
    )


def test_json_reads_one_pretty_printed_object_as_one_comment() -> None:
    text = b'{\n  "id": "c1",\n  "name": "Ada",\n  "body": "Hello"\n}\n'
    assert REGISTRY.detect("comment.json", text) is JSON
    items = list(JSON.read(io.BytesIO(text), "comment.json", ReadOptions()))
    assert [(i.record_id, i.data["name"]) for i in items if isinstance(i, Record)] == [
        ("c1", "Ada")
    ]


def test_a_yaml_alias_bomb_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """40 levels of aliases stand for 2**40 strings; fields must be text, so none is expanded."""
    lines = ['a0: &a0 ["lol", "lol"]']
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, 40)]
    (tmp_path / "comment-1.yml").write_text("\n".join([*lines, "message: *a39", "name: x"]) + "\n")
    items = list(STATICMAN.read_path(tmp_path, "post", ReadOptions()))
    assert [str(item) for item in items] == [
        "post/comment-1.yml:1 (record 'comment-1'): message must be text, not a YAML collection"
    ]


def test_staticman_replying_to_may_name_the_parent_id(tmp_path: Path) -> None:
    """Themes other than Made Mistakes' write the parent's _id; unknown parents stay unknown."""
    (tmp_path / "comment-1.yml").write_text("_id: aaa\nmessage: First\nname: A\n")
    (tmp_path / "comment-2.yml").write_text("_id: bbb\nmessage: Re\nname: B\nreplying_to: aaa\n")
    (tmp_path / "comment-3.yml").write_text("_id: ccc\nmessage: Re\nname: C\nreplying_to: '7'\n")
    items = list(STATICMAN.read_path(tmp_path, "post", ReadOptions()))
    assert [item.data.get("parent_id") for item in items] == [None, "aaa", None]
