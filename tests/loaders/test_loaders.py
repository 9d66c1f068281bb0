"""Dump loaders: the shared real dumps load with the right counts; bad input is contained."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commentguard import CommentSubmission
from commentguard._jsonread import JsonError, read_json
from commentguard._loaders import (
    DumpError,
    Record,
    RecordError,
    read_csv,
    read_disqus,
    read_json_array,
    read_jsonl,
    read_wxr,
)
from hostile_json import json_values, to_json
from shared_data import shared_data


def load(reader, name: str) -> list[Record | RecordError]:
    with shared_data(f"dumps/{name}").open("rb") as stream:
        return list(reader(stream, name))


def test_wordpress_theme_unit_test_export() -> None:
    """WXR 1.2 with the https namespace: 32 comments, 28/2/2 by kind, 29 approved, 3 pending."""
    records = load(read_wxr, "wordpress-theme-unit-test.xml")
    assert all(isinstance(record, Record) for record in records)
    assert len(records) == 32
    assert Counter(r.kind for r in records) == {"comment": 28, "pingback": 2, "trackback": 2}
    assert Counter(r.status for r in records) == {"1": 29, "0": 3}


def test_isso_wordpress_fixture_validates_after_stripping_emails() -> None:
    """WXR 1.0 (http namespace): 8 comments; the emails' trailing newlines are stripped."""
    records = load(read_wxr, "wordpress-isso-fixture.xml")
    assert len(records) == 8
    submissions = [CommentSubmission.parse(r.data) for r in records if isinstance(r, Record)]
    assert {s.thread_id for s in submissions} == {r.data.get("thread_id") for r in records}
    assert all(s.email.domain for s in submissions)


def test_disqus_fixture() -> None:
    """6 posts, one deleted; an empty thread id falls back to Disqus's; replies keep parents."""
    records = load(read_disqus, "disqus-isso-fixture.xml")
    assert len(records) == 6
    assert Counter(r.status for r in records) == {"approved": 5, "deleted": 1}
    replies = {r.record_id: r.data.get("parent_id") for r in records}
    assert replies["5"] == "4"


def test_malformed_xml_names_file_line_and_column() -> None:
    broken = b"<?xml version='1.0'?>\n<rss>\n  <channel>\n    <item>\n  </rss>\n"
    with pytest.raises(DumpError, match=r"^dump\.xml:5:\d+: malformed XML"):
        list(read_wxr(io.BytesIO(broken), "dump.xml"))


@pytest.mark.parametrize("reader", [read_wxr, read_disqus])
def test_documents_with_a_dtd_are_refused_before_their_content_is_read(reader) -> None:
    """Billion laughs and external entities both need a DTD; a DTD is refused at the root."""
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:post_id>1</wp:post_id>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>&b;</wp:comment_author>
<wp:comment_content>&ext;</wp:comment_content></wp:comment></item></channel></rss>"""
    with pytest.raises(DumpError, match=r"^bomb\.xml:4: the document declares a DTD"):
        list(reader(io.BytesIO(bomb), "bomb.xml"))


def test_jsonl_bad_lines_are_reported_and_skipped() -> None:
    lines = [b'{"id": "1", "name": "A"}\n', b"{broken\n", b"[1]\n", b"\xff\n", b'{"id": 4}\n']
    results = list(read_jsonl(lines, "d.jsonl"))
    assert [r.line for r in results if isinstance(r, Record)] == [1, 5]
    assert [(r.line, r.message.split(":")[0]) for r in results if isinstance(r, RecordError)] == [
        (2, "not valid JSON"),
        (3, "a line must be a JSON object"),
        (4, "not valid UTF-8 (byte 0)"),
    ]


def test_csv_mapping_and_wrong_column_counts() -> None:
    text = "\ufeffCOMMENT_ID,AUTHOR,CONTENT\nc1,Ada,Hello\nc2,Bob\nc3,Cy,Hi,extra\nc4,Di,Bye\n"
    mapping = {"id": "COMMENT_ID", "name": "AUTHOR", "body": "CONTENT"}
    results = list(read_csv(io.StringIO(text), "d.csv", mapping))
    good = [r for r in results if isinstance(r, Record)]
    assert [(r.record_id, r.data["name"], r.data["body"]) for r in good] == [
        ("c1", "Ada", "Hello"),
        ("c4", "Di", "Bye"),
    ]
    assert [str(r) for r in results if isinstance(r, RecordError)] == [
        "d.csv:3: 2 columns where the header has 3",
        "d.csv:4: 4 columns where the header has 3",
    ]


def test_record_repr_never_shows_the_email() -> None:
    record = Record("d", 1, "1", {"email": "very.private@example.com"})
    assert "very.private" not in repr(record)


@pytest.mark.parametrize("size", [1, 3, 7, 1000])
def test_json_array_is_read_element_by_element_across_chunks(size: int) -> None:
    """Chunk boundaries anywhere (even inside strings and numbers) change nothing."""
    from commentguard._loaders import read_json_array

    text = '[\n {"id": 1, "body": "a, b ] c"},\n 42,\n {"id": "x", "n": 12345}\n]\n'
    chunks = [text[start : start + size] for start in range(0, len(text), size)]
    results = list(read_json_array(chunks, "d.json"))
    assert [(type(r).__name__, r.line) for r in results] == [
        ("Record", 2),
        ("RecordError", 3),
        ("Record", 4),
    ]
    assert results[2].data == {"id": "x", "n": 12345}


@pytest.mark.parametrize(
    ("text", "message"),
    [("{}", "expected a JSON array"), ('[{"a": 1}', "not closed"), ("[{oops}]", "not valid JSON")],
)
def test_json_array_errors_say_where(text: str, message: str) -> None:
    from commentguard._loaders import read_json_array

    with pytest.raises(DumpError, match=message):
        list(read_json_array([text], "d.json"))


class EndlessComment(io.RawIOBase):
    """A WXR export whose one comment has a body of ``size`` bytes, made as it is read."""

    def __init__(self, size: int) -> None:
        self.head = (
            b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
            b"<wp:comment><wp:comment_content>"
        )
        self.left = size
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.head:
            data, self.head = self.head[: len(buffer)], self.head[len(buffer) :]
        elif self.left > 0:
            data = b"a" * min(len(buffer), self.left)
            self.left -= len(data)
        else:
            data = b""
        buffer[: len(data)] = data
        self.served += len(data)
        return len(data)


def test_a_500_mb_text_node_is_refused_after_reading_little_of_it() -> None:
    stream = EndlessComment(500 * 2**20)
    with pytest.raises(DumpError, match=r"^huge\.xml:1:\d+: a text or name in the XML is over"):
        list(read_wxr(io.BufferedReader(stream), "huge.xml"))
    assert stream.served < 32 * 2**20  # refused at libxml2's 10 MB limit, not at the end


@pytest.mark.parametrize("date", ["2014-01-14T17:32:12+05:00", "2014-01-14", "14/01/2014 17:32"])
def test_a_wxr_date_in_another_shape_is_a_record_error(date: str) -> None:
    wxr = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
        "<wp:comment><wp:comment_id>7</wp:comment_id>"
        f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt></wp:comment></item></channel></rss>"
    ).encode()
    (error,) = read_wxr(io.BytesIO(wxr), "d.xml")
    assert isinstance(error, RecordError)
    assert str(error) == "d.xml:1 (record '7'): comment_date_gmt is not a date"


def test_jsonl_pieces_read_like_the_whole_file() -> None:
    """Workers read JSON Lines in pieces: same records, line numbers and errors as one read."""
    from commentguard._loaders.formats import JSONL, ReadOptions
    from commentguard._loaders.jsonl import LineBlock

    lines = [b'\xef\xbb\xbf{"id": "0"}', b"", b"{broken", *(b'{"id": "%d"}' % n for n in range(9))]
    data = b"\n".join(lines) + b"\n"
    whole = list(JSONL.read(io.BytesIO(data), "d.jsonl", ReadOptions()))
    for size in (1, 2, 5, 100):
        pieces = list(JSONL.pieces(io.BytesIO(data), "d.jsonl", ReadOptions(), size))
        assert [item for piece in pieces for item in piece.records()] == whole
    assert whole[0].record_id == "0"  # the byte order mark is dropped from the first line only
    block = LineBlock("d.jsonl", 40, [b'{"id": "a"}', None])  # None: a line over the limit
    assert [str(item) for item in block.records()][1] == (
        "d.jsonl:41: the line is over 1,048,576 bytes, more than a comment can take"
    )


def changed_dump(name: str, old: bytes, new: bytes) -> io.BytesIO:
    """A shared dump with the one occurrence of ``old`` replaced by ``new``."""
    data = shared_data(f"dumps/{name}").read_bytes()
    assert data.count(old) == 1
    return io.BytesIO(data.replace(old, new))


ISSO_BODY = b"<wp:comment_content><![CDATA[Zweiter.]]></wp:comment_content>"


def test_a_wxr_body_with_child_elements_is_read_whole_as_its_html() -> None:
    """Real child elements (not CDATA) are kept as markup: every word and link is there."""
    html = 'Nice<br/>buy <a href="https://pills.example/?a=1&amp;b=2">viagra</a> now<?pi x?>!'
    dump = changed_dump(
        "wordpress-isso-fixture.xml",
        ISSO_BODY,
        f"<wp:comment_content>{html}</wp:comment_content>".encode(),
    )
    bodies = {record.record_id: record.data.get("body") for record in read_wxr(dump, "x.xml")}
    assert (
        bodies["6"] == 'Nice<br/>buy <a href="https://pills.example/?a=1&amp;b=2">viagra</a> now!'
    )


def test_a_disqus_message_with_child_elements_is_read_whole_without_namespaces() -> None:
    """In Disqus's default namespace the children's tags come out as plain HTML tags."""
    dump = changed_dump(
        "disqus-isso-fixture.xml",
        b"<message><![CDATA[<p>Message from thread with empty title and id</p>]]></message>",
        b"<message>Nice<br/><b>buy</b> viagra</message>",
    )
    bodies = [record.data.get("body") for record in read_disqus(dump, "x.xml")]
    assert "Nice<br/><b>buy</b> viagra" in bodies


def test_posts_links_and_comments_inside_a_body_are_part_of_that_body() -> None:
    """An <item>, <link>, <wp:post_id> or <wp:comment> in a body changes no other record."""
    inside = (
        b"<item><link>https://evil.example/</link><wp:post_id>666</wp:post_id>"
        b"<wp:comment><wp:comment_id>99</wp:comment_id></wp:comment></item>"
    )
    before = load(read_wxr, "wordpress-isso-fixture.xml")
    dump = changed_dump(
        "wordpress-isso-fixture.xml",
        ISSO_BODY,
        b"<wp:comment_content>Zweiter." + inside + b"</wp:comment_content>",
    )
    after = list(read_wxr(dump, "wordpress-isso-fixture.xml"))
    assert [record.record_id for record in after] == [record.record_id for record in before]
    assert [(r.data.get("thread_id"), r.data.get("permalink")) for r in after] == [
        (r.data.get("thread_id"), r.data.get("permalink")) for r in before
    ]
    body = next(record.data["body"] for record in after if record.record_id == "6")
    assert body == (
        "Zweiter.<item><link>https://evil.example/</link><post_id>666</post_id>"
        "<comment><comment_id>99</comment_id></comment></item>"
    )


def expected_element(text: str, max_chars: int) -> tuple[str, str | None]:
    """What one element of a JSON array should read as, from its text alone."""
    if len(text) > max_chars:
        return (
            "RecordError",
            f"the element is over {max_chars:,} characters, more than a comment can take",
        )
    try:
        value = read_json(text)
    except JsonError as exc:
        return "RecordError", f"not valid JSON: {exc.msg}"
    return (
        ("Record", None)
        if isinstance(value, dict)
        else ("RecordError", "an element must be a JSON object")
    )


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    elements=st.lists(json_values, min_size=1, max_size=6),
    chunk=st.integers(1, 300),
    max_chars=st.integers(20, 400),
)
def test_a_json_array_reads_each_element_alone_whatever_the_chunks(
    elements: list[Any], chunk: int, max_chars: int
) -> None:
    """Long elements are skipped, others read as the bounded reader reads them on their own."""
    texts = [to_json(element) for element in elements]
    document = "[\n" + ",\n".join(texts) + "\n]\n"
    chunks = [document[start : start + chunk] for start in range(0, len(document), chunk)]
    found = [
        (type(item).__name__, getattr(item, "message", None), item.line)
        for item in read_json_array(chunks, "d.json", max_element_chars=max_chars)
    ]
    expected = [
        (*expected_element(text, max_chars), line) for line, text in enumerate(texts, start=2)
    ]
    assert found == expected
