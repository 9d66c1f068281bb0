"""Pieces of a dump are bounded by bytes as well as by records, so big records never pile up."""

from __future__ import annotations

import io
import json
from itertools import chain

from hypothesis import given
from hypothesis import strategies as st

from commentguard._loaders import Record, RecordError
from commentguard._loaders.formats import JSON, JSONL, WXR, ReadOptions
from commentguard._loaders.jsonl import LineBlock
from commentguard._loaders.pieces import PIECE_BYTES, RecordList, cut, record_size
from commentguard._models.limits import RECORD_MAX_BYTES, SubmissionLimits, record_max_bytes

MB = 2**20


def comment(number: int, body: str) -> dict[str, str]:
    return {"id": f"c{number}", "name": "Ada", "email": "ada@example.com", "body": body}


def sizes_of_big_and_small(count: int) -> list[int]:
    """Body sizes: mostly a few hundred bytes, every fifth near the piece size or just over it.

    Kept small: a child process's ru_maxrss includes its parent's peak (the test process's).
    """
    return [(300, 900_000, 300, MB + 100_000, 300)[number % 5] for number in range(count)]


@given(
    weights=st.lists(st.integers(0, 5_000), max_size=60),
    size=st.integers(1, 10),
    max_bytes=st.integers(1, 10_000),
)
def test_cut_bounds_each_list_by_items_and_by_bytes(
    weights: list[int], size: int, max_bytes: int
) -> None:
    """At most size items, under max_bytes before the last item, nothing lost or reordered."""
    lists = list(cut(weights, size, max_bytes, lambda weight: weight))
    assert list(chain.from_iterable(lists)) == weights
    assert all(0 < len(items) <= size for items in lists)
    assert all(sum(items[:-1]) < max_bytes for items in lists)


def test_jsonl_pieces_hold_at_most_a_piece_and_a_line_and_never_a_line_over_the_limit() -> None:
    """Lines over the record limit are skipped unread (None); others fill pieces up to 1 MiB."""
    bodies = ["x" * size for size in sizes_of_big_and_small(40)]
    data = b"".join(json.dumps(comment(n, body)).encode() + b"\n" for n, body in enumerate(bodies))
    pieces = list(JSONL.pieces(io.BytesIO(data), "d.jsonl", ReadOptions(), 512))
    assert all(isinstance(piece, LineBlock) for piece in pieces)
    for piece in pieces:
        held = [len(line) for line in piece.lines if line is not None]
        assert sum(held[:-1]) < PIECE_BYTES
        assert max(held, default=0) <= RECORD_MAX_BYTES
    lines = [line for piece in pieces for line in piece.lines]
    assert [line is None for line in lines] == [len(body) > RECORD_MAX_BYTES for body in bodies]
    errors = [item for piece in pieces for item in piece.records() if isinstance(item, RecordError)]
    assert [error.line for error in errors] == [4, 9, 14, 19, 24, 29, 34, 39]
    assert str(errors[0]) == (
        "d.jsonl:4: the line is over 1,048,576 bytes, more than a comment can take"
    )


def test_a_json_array_element_over_the_limit_is_skipped_and_pieces_stay_small() -> None:
    """An element longer than any comment is an error without its text; reading goes on."""
    bodies = ["x" * size for size in sizes_of_big_and_small(15)]
    text = "[" + ",\n".join(json.dumps(comment(n, body)) for n, body in enumerate(bodies)) + "]"
    pieces = list(JSON.pieces(io.BytesIO(text.encode()), "d.json", ReadOptions(), 512))
    assert all(isinstance(piece, RecordList) for piece in pieces)
    for piece in pieces:
        assert sum(record_size(item) for item in piece.items[:-1]) < PIECE_BYTES
    items = [item for piece in pieces for item in piece.items]
    assert [type(item) for item in items] == [
        RecordError if len(body) > RECORD_MAX_BYTES else Record for body in bodies
    ]
    assert str(items[3]) == (
        "d.json:4: the element is over 1,048,576 characters, more than a comment can take"
    )


def test_a_wxr_comment_over_the_limit_travels_as_an_error_without_its_text() -> None:
    """XML must be parsed whole, but a comment longer than any valid one is dropped there."""
    sizes = sizes_of_big_and_small(10)
    comments = "".join(
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_content>{'y' * size}"
        "</wp:comment_content></wp:comment>\n"
        for n, size in enumerate(sizes)
    )
    dump = (
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>\n'
        f"{comments}</item></channel></rss>"
    )
    pieces = list(WXR.pieces(io.BytesIO(dump.encode()), "d.xml", ReadOptions(), 512))
    items = [item for piece in pieces for item in piece.records()]
    assert [type(item) for item in items] == [
        RecordError if size > RECORD_MAX_BYTES else Record for size in sizes
    ]
    assert str(items[3]) == (
        "d.xml:5 (record '3'): the record holds over 1,048,576 characters, more than a comment "
        "can take"
    )
    assert all(record_size(item) <= RECORD_MAX_BYTES for item in items)


def test_the_record_limit_follows_the_site_limits() -> None:
    """No valid comment is longer than the limit: 1 MiB by default, more for larger limits."""
    assert record_max_bytes(SubmissionLimits()) == RECORD_MAX_BYTES == MB
    larger = record_max_bytes(SubmissionLimits(body_max_bytes=1_000_000))
    assert larger > 6 * 1_000_000
    longest = json.dumps(comment(1, "\U0001f600" * (1_000_000 // 4)))  # escaped: 12 bytes each
    assert len(longest) < larger
