"""A WordPress export cut into pieces reads as it does in one go: the same records and errors.

The reference is :func:`read_wxr` on the whole file; the pieces are read one after the other,
as the workers would read them, and must give the same records (line numbers included) and,
for a broken document, the same error after the same records.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commentguard._loaders import wxr_pieces
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.wxr import read_wxr
from commentguard._loaders.wxr_pieces import WxrBlock, split_wxr

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "dumps"

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<!-- generator="WordPress/6.4" -->\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '\txmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n\t<title>A blog</title>\n'
)
TAIL = "</channel>\n</rss>\n"


def read_all(items: Iterator[Record | RecordError]) -> tuple[list[Record | RecordError], str]:
    """The records read before any error, and the error's message ("" for none)."""
    records: list[Record | RecordError] = []
    try:
        for item in items:
            records.append(item)
    except DumpError as exc:
        return records, str(exc)
    return records, ""


def read_in_pieces(data: bytes, size: int, max_bytes: int) -> tuple[list[object], str]:
    records: list[object] = []

    def pieces() -> Iterator[Record | RecordError]:
        for piece in split_wxr(io.BytesIO(data), "dump.xml", size, max_bytes):
            yield from piece.records()

    found, error = read_all(pieces())
    records.extend(found)
    return records, error


def comment(number: int, body: str) -> str:
    return (
        f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{number}</wp:comment_id>\n"
        f"\t\t\t<wp:comment_author><![CDATA[Reader {number}]]></wp:comment_author>\n"
        f"\t\t\t<wp:comment_author_email><![CDATA[r{number}@example.org]]>"
        "</wp:comment_author_email>\n"
        "\t\t\t<wp:comment_date_gmt><![CDATA[2024-01-02 03:04:05]]></wp:comment_date_gmt>\n"
        f"\t\t\t<wp:comment_content><![CDATA[{body}]]></wp:comment_content>\n"
        "\t\t\t<wp:comment_approved><![CDATA[1]]></wp:comment_approved>\n"
        "\t\t</wp:comment>\n"
    )


def item(post: int, comments: list[str], extra: str = "") -> str:
    return (
        f"\t<item>\n\t\t<title>Post {post}</title>\n"
        f"\t\t<link>https://blog.example/{post}/</link>\n{extra}"
        f"\t\t<wp:post_id>{post}</wp:post_id>\n{''.join(comments)}\t</item>\n"
    )


# What may sit in a comment's text or between items and look like a piece boundary.
TRICKS = [
    "plain words",
    "<item> inside CDATA </item>",
    "]] > almost the end",
    "<!-- not a comment in CDATA -->",
    "line one\r\nline two",
    "é ü ß 漢字 \U0001f600",
]
GAPS = ["", "\n", "\n<!-- <item> in a comment -->\n", "<?pi <item> ?>", "  \r\n  "]


@st.composite
def exports(draw: st.DrawFn) -> str:
    """A WXR export with posts of zero or more comments and tricky text around them."""
    posts = []
    number = 0
    for post in range(draw(st.integers(0, 8))):
        comments = []
        for _ in range(draw(st.integers(0, 3))):
            number += 1
            comments.append(comment(number, draw(st.sampled_from(TRICKS))))
        extra = draw(
            st.sampled_from(
                [
                    "",
                    "\t\t<description><item>raw, nested</item></description>\n",
                    "\t\t<item/>\n",
                    '\t\t<category domain="a&gt;b"><![CDATA[<item>]]></category>\n',
                ]
            )
        )
        posts.append(item(post + 1, comments, extra) + draw(st.sampled_from(GAPS)))
    text = HEAD + "".join(posts) + TAIL
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):  # minified: one line
        text = text.replace("\r\n", " ").replace("\n", " ")
    return text


@settings(max_examples=200, deadline=None)
@given(exports(), st.integers(1, 4), st.sampled_from([1, 200, 1 << 20]))
def test_pieces_read_as_the_whole_export(text: str, size: int, max_bytes: int) -> None:
    data = text.encode()
    assert read_in_pieces(data, size, max_bytes) == read_all(read_wxr(io.BytesIO(data), "dump.xml"))


@settings(max_examples=200, deadline=None)
@given(exports(), st.data())
def test_a_truncated_or_broken_export_fails_as_in_one_go(text: str, data: st.DataObject) -> None:
    """The same records, then the same error at the same line and column."""
    raw = text.encode()
    cut = data.draw(st.integers(0, len(raw)))
    broken = data.draw(
        st.sampled_from([raw[:cut], raw[:cut] + b"<oops>" + raw[cut:], raw[:cut] + raw[cut + 1 :]])
    )
    whole = read_all(read_wxr(io.BytesIO(broken), "dump.xml"))
    assert read_in_pieces(broken, 2, 300) == whole


def test_chunks_cut_anywhere_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokens split between two reads of the stream are found whole."""
    text = HEAD + "".join(item(n, [comment(n, TRICKS[n % 6])]) for n in range(1, 30)) + TAIL
    expected = read_all(read_wxr(io.BytesIO(text.encode()), "dump.xml"))
    for chunk in (1, 2, 3, 7, 64):
        monkeypatch.setattr(wxr_pieces, "_CHUNK", chunk)
        assert read_in_pieces(text.encode(), 3, 500) == expected


def test_the_pieces_are_cut_at_items_and_travel_small() -> None:
    text = HEAD + "".join(item(n, [comment(n, "hello")] * 2) for n in range(1, 11)) + TAIL
    pieces = list(split_wxr(io.BytesIO(text.encode()), "dump.xml", 3, 1 << 20))
    assert all(isinstance(piece, WxrBlock) for piece in pieces)
    assert [piece.data.count(b"<item>") for piece in pieces] == [3, 3, 3, 1]
    assert all(piece.data.startswith(b"<item>") for piece in pieces)


def test_a_dtd_is_refused_before_any_piece_as_in_one_go() -> None:
    text = HEAD.replace("<rss", '<!DOCTYPE rss [<!ENTITY a "<item>">]>\n<rss') + item(1, []) + TAIL
    with pytest.raises(DumpError) as whole:
        list(read_wxr(io.BytesIO(text.encode()), "dump.xml"))
    with pytest.raises(DumpError) as pieces:
        next(split_wxr(io.BytesIO(text.encode()), "dump.xml", 2))
    assert str(pieces.value) == str(whole.value)
    assert "declares a DTD" in str(pieces.value)


def test_a_utf16_export_is_read_in_one_go() -> None:
    text = HEAD.replace("UTF-8", "UTF-16") + item(1, [comment(1, "hi")]) + TAIL
    data = text.encode("utf-16")
    assert read_in_pieces(data, 1, 10) == read_all(read_wxr(io.BytesIO(data), "dump.xml"))
    assert read_in_pieces(data, 1, 10)[0]


@pytest.mark.parametrize(
    "path",
    sorted([*FIXTURES.glob("*.xml"), *SHARED.glob("wordpress*.xml")]),
    ids=lambda path: path.name,
)
def test_real_exports_read_as_in_one_go(path: Path) -> None:
    data = path.read_bytes()
    if b"wordpress.org/export" not in data[:4096]:
        pytest.skip("not a WordPress export")
    expected = read_all(read_wxr(io.BytesIO(data), path.name))
    for size, max_bytes in ((1, 1), (2, 2000), (512, 1 << 20)):
        got, error = read_all(
            record
            for piece in split_wxr(io.BytesIO(data), path.name, size, max_bytes)
            for record in piece.records()
        )
        assert (got, error) == expected


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95, 1.0])
def test_a_latin1_export_on_one_line_fails_where_it_does_in_one_go(cut: float) -> None:
    """Columns count characters in the document's own encoding."""
    posts = "".join(item(n, [comment(n, "café à la crème")]) for n in range(1, 6))
    text = (HEAD.replace("UTF-8", "ISO-8859-1") + posts + TAIL).replace("\n", " ")
    data = text.encode("latin-1")
    broken = data[: int(len(data) * cut)] + b"<" + data[int(len(data) * cut) :]
    expected = read_all(read_wxr(io.BytesIO(broken), "dump.xml"))
    assert read_in_pieces(broken, 1, 10) == expected
    assert expected[1]  # it is broken


def test_what_no_piece_could_take_is_streamed_to_the_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A post bigger than the scanner holds, and text after the last item, read as in one go."""
    monkeypatch.setattr(wxr_pieces, "_MAX_HELD", 600)
    monkeypatch.setattr(wxr_pieces, "_CHUNK", 100)
    big = item(2, [comment(n, "long " * 40) for n in range(2, 6)])
    text = HEAD + item(1, [comment(1, "short")]) + big + item(3, [comment(9, "x")])
    for tail in (TAIL, TAIL + " " * 2000, "</channel>" + "junk " * 300):
        data = (text + tail).encode()
        expected = read_all(read_wxr(io.BytesIO(data), "dump.xml"))
        assert read_in_pieces(data, 1, 1 << 20) == expected


@pytest.mark.parametrize("broken", [False, True], ids=["whole", "truncated-near-the-end"])
def test_a_one_line_export_over_10_mb_reads_as_in_one_go(broken: bool) -> None:
    """Its last pieces start millions of columns in: they are read there, not padded to it.

    Padding a piece with spaces to its column made a whitespace text node over libxml2's 10 MB
    limit, and a valid export was refused.
    """
    posts = "".join(item(n, [comment(n, "x" * 400)]) for n in range(1, 12_001))
    text = (HEAD + posts + TAIL).replace("\n", " ")
    data = text.encode()
    assert len(data) > 10 * 2**20
    if broken:
        data = data[:-3_000]
    expected = read_all(read_wxr(io.BytesIO(data), "dump.xml"))
    assert read_in_pieces(data, 512, 1 << 20) == expected
    assert bool(expected[1]) is broken
