"""commentguard.text._links.find_links: every kind of link in comment text, each once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commentguard.text._links import Link, find_links


def summary(text):
    """(kind, target, domain, text of the span) for each link found."""
    return [
        (link.kind, link.target, link.domain, text[link.start : link.end])
        for link in find_links(text)
    ]


def test_no_links():
    """Plain text, file names and email addresses are not links."""
    text = "Hello, run setup.py, read README.md and notes.txt, mail bob@example.com, e.g. now"
    assert find_links(text) == []
    assert find_links("or bob@www.example.com, or Node.js and ASP.NET Core 8.0") == [
        Link("ASP.NET", 39, 46, "host")  # a real host: the name of a site as well
    ]


@pytest.mark.parametrize(
    ("text", "target", "domain"),
    [
        ("see bit.ly/abc now", "bit.ly/abc", "bit.ly"),
        ("go to google.de/maps.", "google.de/maps", "google.de"),
        ("Visit example.com.", "example.com", "example.com"),
        ("cheap pills at pills-shop.ru", "pills-shop.ru", "pills-shop.ru"),
        ("on example.org:8080/x", "example.org:8080/x", "example.org"),
        ("at xn--80ak6aa92e.xn--p1ai/a", "xn--80ak6aa92e.xn--p1ai/a", "xn--80ak6aa92e.xn--p1ai"),
    ],
)
def test_a_host_without_a_scheme_is_a_link(text, target, domain):
    """A host with a path and a real top-level domain, or a generic one alone, is a link."""
    [link] = find_links(text)
    assert (link.kind, link.target, link.domain) == ("host", target, domain)
    assert text[link.start : link.end] == target


@pytest.mark.parametrize("text", ["bbc.co.uk", "see photo.jpg/x", "a.b/c", "script.sh"])
def test_a_host_without_a_path_or_a_known_domain_is_not_a_link(text):
    """Without a path, only generic top-level domains count; the domain must be real."""
    assert find_links(text) == []


def test_a_host_inside_a_url_counts_once():
    """The URL's path may name another host: still one link."""
    assert [link.kind for link in find_links("http://a.example/go/evil.com/x y")] == ["url"]


def test_bare_url():
    """A bare http(s) URL is a 'url' link whose span is the URL."""
    assert summary("see https://Example.COM/a?b=1#c now") == [
        ("url", "https://Example.COM/a?b=1#c", "example.com", "https://Example.COM/a?b=1#c")
    ]


@pytest.mark.parametrize("punctuation", [".", ",", ";", ":", "!", "?", "...", "?!"])
def test_trailing_punctuation_is_stripped(punctuation):
    """Sentence punctuation after a URL or www host is not part of the link."""
    text = f"Go to https://a.example/path{punctuation} or www.b.example{punctuation}"

    assert [(link.target, text[link.start : link.end]) for link in find_links(text)] == [
        ("https://a.example/path", "https://a.example/path"),
        ("www.b.example", "www.b.example"),
    ]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("(https://a.example/x)", "https://a.example/x"),
        ("<https://a.example/x>", "https://a.example/x"),
        ('"https://a.example/x"', "https://a.example/x"),
        ("[https://a.example/x]", "https://a.example/x"),
    ],
)
def test_brackets_and_quotes_end_a_bare_url(text, target):
    """A closing bracket or quote around a bare URL is not part of it."""
    (link,) = find_links(text)

    assert link.target == target
    assert text[link.start : link.end] == target


def test_www_host():
    """A 'www.' host is a 'www' link; its domain drops the www. prefix."""
    assert summary("visit WWW.Shop.Example.org today") == [
        ("www", "WWW.Shop.Example.org", "shop.example.org", "WWW.Shop.Example.org")
    ]


@pytest.mark.parametrize("text", ["bob@www.example.com", "/path/www.example.com", "x-www.a.b"])
def test_www_after_at_dot_slash_or_dash_is_not_a_link(text):
    """'www.' preceded by '@', '/' or '-' (an email, a path, a longer word) is not a link."""
    assert find_links(text) == []


def test_a_longer_host_with_www_inside_is_one_host_link():
    """``sub.www.example.com`` is a host of its own, not a 'www' link."""
    assert summary("sub.www.example.com") == [
        ("host", "sub.www.example.com", "sub.www.example.com", "sub.www.example.com")
    ]


def test_www_inside_a_url_counts_once():
    """A URL whose host or path contains 'www.' is one link."""
    assert [link.kind for link in find_links("http://www.a.example/www.b.example")] == ["url"]


def test_html_anchor_spans_to_closing_tag():
    """An HTML anchor is one 'html' link spanning from <a to </a>, whatever its text."""
    text = 'x <A class="c" HREF="https://a.example/p">https://a.example/p</a> y'

    assert summary(text) == [
        (
            "html",
            "https://a.example/p",
            "a.example",
            '<A class="c" HREF="https://a.example/p">https://a.example/p</a>',
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<a href='https://a.example'>t</a>",
        "<a href=https://a.example>t</a>",
        '<a href = "https://a.example" rel="nofollow">t</a>',
        '<a\nhref="https://a.example">t</a>',
    ],
)
def test_html_anchor_quoting_styles(text):
    """Single, double or no quotes around href, and extra attributes, all work."""
    assert [(link.kind, link.target) for link in find_links(text)] == [
        ("html", "https://a.example")
    ]


def test_anchor_without_href_is_not_a_link():
    """An <a> tag without href is not a link."""
    assert find_links('<a name="top">top</a>') == []


def test_markdown_link():
    """A Markdown link [text](url) is one link; a title or angle brackets are allowed."""
    text = '[docs](https://a.example/d) and [t](<https://b.example/q> "title")'

    assert summary(text) == [
        ("markdown", "https://a.example/d", "a.example", "[docs](https://a.example/d)"),
        ("markdown", "https://b.example/q", "b.example", '[t](<https://b.example/q> "title")'),
    ]


def test_markdown_link_text_that_is_a_url_counts_once():
    """[https://x](https://x) is a single link."""
    assert [link.kind for link in find_links("[https://a.example](https://a.example)")] == [
        "markdown"
    ]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("[url=https://a.example]cheap[/url]", "https://a.example"),
        ("[URL=https://a.example]https://a.example[/URL]", "https://a.example"),
        ("[url]https://a.example[/url]", "https://a.example"),
        ("[url] www.a.example [/url]", "www.a.example"),
    ],
)
def test_bbcode_links(text, target):
    """BBCode [url=..]..[/url] and [url]..[/url] are one 'bbcode' link each."""
    (link,) = find_links(text)

    assert (link.kind, link.target, link.domain) == ("bbcode", target, "a.example")
    assert link.start == 0


def test_links_are_returned_in_text_order():
    """Links of different kinds come back sorted by position."""
    text = (
        "https://e.example [url]https://d.example[/url] [c](https://c.example) "
        '<a href="https://b.example">b</a> www.a.example'
    )

    assert [(link.kind, link.domain) for link in find_links(text)] == [
        ("url", "e.example"),
        ("bbcode", "d.example"),
        ("markdown", "c.example"),
        ("html", "b.example"),
        ("www", "a.example"),
    ]


def test_repeated_links_are_each_counted():
    """The same URL twice is two links (the check counts links, not domains)."""
    assert len(find_links("https://a.example https://a.example")) == 2


@pytest.mark.parametrize(
    ("target", "domain"),
    [
        ("https://WWW.Example.com:8080/x", "example.com"),
        ("www.example.com", "example.com"),
        ("/relative/path", None),
        ("http://[::1", None),
    ],
)
def test_link_domain(target, domain):
    """Link.domain is the lower-cased host without www., or None when there is none."""
    assert Link(target, 0, len(target), "html").domain == domain


def test_unclosed_bbcode_tag_does_not_swallow_later_urls():
    """Bare URLs after an unclosed [url] tag are found as links of their own."""
    links = find_links("[url] buy https://a.example and https://b.example")

    assert [link.domain for link in links if link.domain] == ["a.example", "b.example"]


# --- properties ---------------------------------------------------------------------------

_host = st.from_regex(r"[a-z][a-z0-9]{0,8}\.(com|org|example)", fullmatch=True)
_separator = st.sampled_from([" ", "\n", " and ", ", ", " (see) "])


@given(hosts=st.lists(_host, min_size=1, max_size=6), sep=_separator, scheme=st.booleans())
def test_bare_links_are_each_found_once(hosts, sep, scheme):
    """N bare URLs or www hosts separated by text give exactly N links, in order."""
    parts = [f"https://{host}/p" if scheme else f"www.{host}" for host in hosts]
    text = sep.join(parts)

    links = find_links(text)

    assert [link.domain for link in links] == hosts
    assert [text[link.start : link.end] for link in links] == parts


@given(text=st.text(max_size=200))
def test_spans_are_ordered_and_inside_the_text(text):
    """Links come back sorted by start, with spans inside the text."""
    links = find_links(text)

    assert [link.start for link in links] == sorted(link.start for link in links)
    for link in links:
        assert 0 <= link.start < link.end <= len(text)


LINKISH = st.text(
    alphabet="<>[]()=:/.\"' \nahrefuUlLwWA\u017f\u212a\u0130htpsx0-",
    max_size=40,
)


@settings(max_examples=1000)
@given(LINKISH)
def test_texts_without_link_markers_are_skipped_correctly(text: str) -> None:
    """The shortcut for texts without ``<a``, ``](``, ``[url``, ``://`` or ``www.`` never hides
    a link: each pattern, run on its own, finds nothing in such texts."""
    from commentguard.text import _links as links

    if links._may_hold_links(text, text.lower()):
        return
    for pattern in (
        links._HTML_ANCHOR,
        links._MARKDOWN_LINK,
        links._BBCODE_LINK,
        links._BARE_URL,
        links._WWW_HOST,
    ):
        assert pattern.search(text) is None, (pattern.pattern, text)


@settings(max_examples=1000)
@given(LINKISH)
def test_the_bare_patterns_are_skipped_only_when_they_cannot_match(text: str) -> None:
    """find_links runs the bare URL and www patterns only on a text holding "://" or "www."
    (in any case): each, run on its own, finds nothing in the others."""
    from commentguard.text import _links as links

    if "://" not in text:
        assert links._BARE_URL.search(text) is None, text
    if "www." not in text.lower():
        assert links._WWW_HOST.search(text) is None, text


@pytest.mark.parametrize(
    ("text", "kind", "target", "link_text"),
    [
        ('<a href="http://evil.example">https://paypal.com</a>', "html", "http://evil.example", "https://paypal.com"),
        ("<A HREF='x.example/a'>click <b>here</b></A>", "html", "x.example/a", "click <b>here</b>"),
        ("[PayPal.com](http://evil.example/x)", "markdown", "http://evil.example/x", "PayPal.com"),
        ("[](http://empty.example)", "markdown", "http://empty.example", ""),
        ("[url=http://e.example]paypal.com[/url]", "bbcode", "http://e.example", "paypal.com"),
        ("[url]http://f.example[/url]", "bbcode", "http://f.example", None),
        ("[url=http://g.example]no end", "bbcode", "http://g.example", None),
        ('<a href="http://h.example">never closed', "html", "http://h.example", None),
    ],
)  # fmt: skip
def test_a_markup_link_keeps_its_text(text, kind, target, link_text):
    """A markup link's text as written is its ``text``; a bare link has none."""
    [link] = find_links(text)
    assert (link.kind, link.target, link.text) == (kind, target, link_text)


def test_a_bare_link_has_no_text():
    """Bare URLs, www. hosts and hosts without a scheme have ``text`` None."""
    assert [link.text for link in find_links("https://a.example www.b.example c.com")] == [
        None,
        None,
        None,
    ]


def test_an_anchor_opened_inside_another_ends_its_text():
    """As in a browser, ``<a>`` inside ``<a>`` closes the first: its text stops there."""
    text = '<a href="http://i.example">one<a href="http://j.example">two</a>'
    assert [(link.target, link.text) for link in find_links(text)] == [
        ("http://i.example", "one"),
        ("http://j.example", "two"),
    ]
