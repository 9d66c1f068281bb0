"""The homograph check: website hosts that mix scripts or only look Latin are held."""

from __future__ import annotations

import pytest

from commentguard import Verdict
from commentguard.checks import HomographCheck
from commentguard.testing import guard_with, make_settings, make_submission
from commentguard.text._homographs import find_homograph


@pytest.mark.parametrize(
    ("url", "scripts", "ascii_host"),
    [
        ("https://аpple.com/", ("Cyrillic", "Latin"), "xn--pple-43d.com"),
        ("http://gооgle.com", ("Cyrillic", "Latin"), "xn--ggle-55da.com"),
        ("paypaӏ.com", ("Cyrillic", "Latin"), "xn--paypa-iof.com"),
        ("https://blog.αpple.com:8443/x", ("Greek", "Latin"), "blog.xn--pple-zld.com"),
        ("https://my_blog.аpple.com", ("Cyrillic", "Latin"), "my_blog.xn--pple-43d.com"),
    ],
)
def test_a_host_mixing_scripts_in_a_label_is_held(
    url: str, scripts: tuple[str, ...], ascii_host: str
) -> None:
    """A label mixing Latin with Cyrillic or Greek letters is held, naming the scripts and
    the host as browsers send it; the span is the host within the url."""
    submission = make_submission(url=url)

    decision = guard_with().moderate(submission)

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "homograph.mixed_scripts"
    assert finding.field == "url"
    assert finding.matched == ascii_host
    assert " and ".join(scripts) in finding.moderator_message
    assert ascii_host in finding.moderator_message
    assert finding.span is not None
    host = submission.url[slice(*finding.span)] if submission.url else ""
    assert host.split(".")[-1] == "com"
    assert "/" not in host
    assert ":" not in host


@pytest.mark.parametrize(
    ("url", "ascii_host"),
    [
        ("http://аррӏе.com", "xn--80ak6aa92e.com"),
        ("http://xn--80ak6aa92e.com/", "xn--80ak6aa92e.com"),  # typed as a browser sends it
        ("https://gıthub.com", "xn--gthub-n4a.com"),  # a dotless i, in Latin only
        ("https://ехамрӏе.org", "xn--80ajb1au1a38g.org"),
    ],
)
def test_a_host_that_only_looks_ascii_is_held(url: str, ascii_host: str) -> None:
    """A label whose letters outside ASCII all look like ASCII ones, under an ASCII top-level
    domain, is a look-alike, in Unicode or in xn-- form."""
    decision = guard_with().moderate(make_submission(url=url))

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "homograph.lookalike"
    assert finding.matched == ascii_host
    assert "look like ASCII" in finding.moderator_message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "bücher.example",
        "https://münchen.de",
        "https://faß.de",
        "https://пример.рф",
        "https://сорок.рф",  # only Latin-looking letters, but under a Cyrillic domain
        "https://例え.テスト",
        "https://ドメイン名例.jp",
        "https://中国.cn",
        "https://abc中文.com",  # Latin with Han is how Chinese names are written
        "https://한국어.kr",
        "https://ελληνικά.gr",
        "https://مثال.إختبار",
        "https://उदाहरण.परीक्षा",
        "https://xn--bcher-kva.example",
        "http://192.0.2.1/",
        "http://localhost:8000",
    ],
)
def test_hosts_in_one_script_pass(url: str) -> None:
    """Single-script international hosts, and the mixes CJK writing uses, give no finding."""
    decision = guard_with().moderate(make_submission(url=url))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_no_website_no_finding() -> None:
    """Without a website the check has nothing to look at."""
    assert list(HomographCheck().check(make_submission(url=None))) == []


def test_verdict_is_configurable() -> None:
    """The homograph verdict setting changes what a look-alike host asks for."""
    settings = make_settings(checks={"homograph": {"verdict": "spam"}})

    decision = guard_with(settings=settings).moderate(make_submission(url="http://аррӏе.com"))

    assert decision.verdict is Verdict.SPAM


def test_the_check_can_be_turned_off() -> None:
    """With ``enabled = false`` a look-alike host is published like any other."""
    settings = make_settings(checks={"homograph": {"enabled": False}})

    decision = guard_with(settings=settings).moderate(make_submission(url="http://аррӏе.com"))

    assert decision.verdict is Verdict.APPROVE


@pytest.mark.parametrize(
    ("host", "kind", "label"),
    [
        ("аpple.com", "mixed_scripts", "аpple"),
        ("XN--80AK6AA92E.COM", "lookalike", "аррӏе"),
        ("ＡＰＰＬＥ.аpple.com.", "mixed_scripts", "аpple"),  # mapped as browsers map it
        ("example.com", None, None),
    ],
)
def test_find_homograph_names_the_label(host: str, kind: str | None, label: str | None) -> None:
    """find_homograph reports the first imitating label, in Unicode, or None."""
    found = find_homograph(host)

    assert (found.kind if found else None) == kind
    assert (found.label if found else None) == label
