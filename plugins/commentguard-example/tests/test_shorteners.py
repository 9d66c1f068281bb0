"""The url_shorteners check, through a guard built with only this plugin (commentguard.testing)."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
from click.testing import CliRunner

import commentguard_example
from commentguard import SettingsError, Verdict
from commentguard.cli import build_cli
from commentguard.testing import (
    assert_plugin_installed,
    async_guard_with,
    guard_with,
    make_settings,
    make_submission,
)
from commentguard_example import DEFAULT_SHORTENERS, ShortenerCheck, ShortenerSettings


def test_the_plugin_is_installed_under_its_entry_point_name():
    assert_plugin_installed("example")


def test_the_cli_lists_the_check_with_its_default_settings(monkeypatch, tmp_path):
    """The entry point works end to end: `commentguard checks` builds and lists the check."""
    others = {entry.name for entry in entry_points(group="commentguard")} - {"example"}
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", ",".join(others))  # only this plugin
    monkeypatch.chdir(tmp_path)  # no commentguard.toml
    result = CliRunner().invoke(build_cli(["checks"]), ["checks"])

    assert result.exit_code == 0, result.output
    assert '"name": "url_shorteners"' in result.stdout
    assert '"commentguard_example.shorteners.ShortenerCheck"' in result.stdout


def test_a_comment_linking_through_a_shortener_is_held():
    guard = guard_with(commentguard_example)

    decision = guard.moderate(make_submission(body="Great deals here: https://bit.ly/3xYzAb"))

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("url_shorteners.link",)


def test_a_comment_linking_to_the_real_address_is_published():
    guard = guard_with(commentguard_example)

    # Words around the link: "Source: <link>" alone is mostly link, and link_ratio holds it.
    body = "The source is the council's own report: https://example.org/report.pdf"
    decision = guard.moderate(make_submission(body=body))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


# More cases follow: each way of writing a link, the website field, settings, async.


@pytest.mark.parametrize(
    "body",
    [
        '<a href="https://tinyurl.com/abc">my site</a>',
        "[read this](https://t.co/xyz)",
        "[url=https://goo.gl/abc]click[/url]",
        "[url]https://ow.ly/abc[/url]",
        "www.is.gd/abc",
        "HTTPS://BUFF.LY/ABC",
        "https://www.bit.ly/abc",
        "https://m.bit.ly/abc",
    ],
)
def test_every_link_form_and_subdomain_is_recognised(body):
    (finding,) = ShortenerCheck().check(make_submission(body=body))

    assert finding.code == "url_shorteners.link"
    assert finding.field == "body"


@pytest.mark.parametrize(
    "body",
    [
        "https://notbit.ly/abc",  # a different domain that ends in the same letters
        "https://bit.ly.example.com/abc",  # the listed name as a subdomain of another site
        "https://example.com/?next=https%3A%2F%2Fbit.ly%2Fabc",  # only mentioned in a query
        "I read it on bit.ly last week",  # a mention, not a link
    ],
)
def test_look_alikes_are_not_shorteners(body):
    assert ShortenerCheck().check(make_submission(body=body)) == []


def test_the_finding_names_every_shortener_and_points_at_the_first_link():
    body = "First https://tinyurl.com/a then https://bit.ly/b and https://bit.ly/c"

    (finding,) = ShortenerCheck().check(make_submission(body=body))

    assert finding.verdict is Verdict.HOLD
    assert finding.matched == "tinyurl.com"
    assert "3 links" in finding.moderator_message
    assert "(bit.ly, tinyurl.com)" in finding.moderator_message
    start, end = finding.span
    assert body[start:end] == "https://tinyurl.com/a"


def test_the_authors_website_is_checked_too():
    submission = make_submission(url="https://bit.ly/my-homepage")

    (finding,) = ShortenerCheck().check(submission)

    assert finding.code == "url_shorteners.author_url"
    assert finding.field == "url"
    assert finding.moderator_message.startswith("The author's website is a link")


def test_the_authors_website_can_be_left_alone():
    check = ShortenerCheck(ShortenerSettings(check_author_url=False))

    assert check.check(make_submission(url="https://bit.ly/my-homepage")) == []


def test_the_default_list_holds_the_well_known_services():
    for domain in ("bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly"):
        assert domain in DEFAULT_SHORTENERS


def test_settings_come_from_the_checks_section_of_the_configuration():
    settings = make_settings(
        checks={"url_shorteners": {"extra_domains": ["lnkd.in"], "verdict": "spam"}}
    )
    guard = guard_with(commentguard_example, settings=settings, builtins=False)

    assert [check.name for check in guard.checks] == ["url_shorteners"]
    assert guard.moderate(make_submission(body="https://lnkd.in/abc")).verdict is Verdict.SPAM
    # extra_domains adds to the default list rather than replacing it.
    assert guard.moderate(make_submission(body="https://bit.ly/abc")).verdict is Verdict.SPAM


def test_domains_replaces_the_default_list():
    check = ShortenerCheck(ShortenerSettings(domains=("Short.Example", "www.tiny.example")))

    assert check.check(make_submission(body="https://bit.ly/abc")) == []
    assert check.shortener_of("short.example") == "short.example"
    assert check.shortener_of("tiny.example") == "tiny.example"


@pytest.mark.parametrize("domain", ["https://bit.ly/", "bit.ly/path", "localhost", "", "a b.com"])
def test_a_domain_that_is_not_a_host_name_is_a_settings_error(domain):
    settings = make_settings(checks={"url_shorteners": {"domains": [domain]}})

    with pytest.raises(SettingsError, match=r"checks\.url_shorteners\.domains"):
        guard_with(commentguard_example, settings=settings)


def test_a_misspelt_setting_is_an_error_not_silently_ignored():
    settings = make_settings(checks={"url_shorteners": {"extra_domain": ["lnkd.in"]}})

    with pytest.raises(SettingsError, match=r"checks\.url_shorteners\.extra_domain"):
        guard_with(commentguard_example, settings=settings)


def test_a_list_from_an_environment_variable_is_json(monkeypatch):
    """COMMENTGUARD_CHECKS__URL_SHORTENERS__EXTRA_DOMAINS='["lnkd.in"]' extends the list."""
    monkeypatch.setenv("COMMENTGUARD_CHECKS__URL_SHORTENERS__EXTRA_DOMAINS", '["lnkd.in"]')
    from commentguard import Settings

    guard = guard_with(commentguard_example, settings=Settings(), builtins=False)

    assert guard.moderate(make_submission(body="https://lnkd.in/abc")).verdict is Verdict.HOLD


async def test_the_async_guard_runs_the_check_too():
    guard = async_guard_with(commentguard_example)

    decision = await guard.moderate(make_submission(body="https://t.co/abc"))

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("url_shorteners.link",)


def test_only_the_last_labels_of_a_long_host_are_tried():
    """A host of thousands of labels is answered from its last ones: bit.ly is found, x.ly not."""
    check = ShortenerCheck()
    assert check.shortener_of("www." * 5_000 + "bit.ly") == "bit.ly"
    assert check.shortener_of("bit.ly." * 5_000 + "x.ly") is None
