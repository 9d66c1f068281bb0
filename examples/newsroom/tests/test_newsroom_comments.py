"""Readers on the article page: publishing, replies, field errors, the moderation queue's
"awaiting moderation" note, and the honeypot, in a real chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from newsroom_site import TEST_SETTINGS, THREE_LINKS, Site, artifact
from playwright.sync_api import Page, expect


def test_empty_article_invites_the_first_comment(site: Site, page: Page) -> None:
    site.open_article(page)
    expect(page.locator(".comments-title")).to_have_text("Be the first to comment")
    expect(page.locator("#reply-title")).to_have_text("Leave a Reply")
    expect(page.locator(".comment-notes")).to_have_text(
        "Your email address will not be published. Required fields are marked *"
    )
    for label in ("Comment *", "Name *", "Email *", "Website"):
        expect(page.locator("#commentform label", has_text=label)).to_have_count(1)
    # The adapter rendered the honeypot (hidden from people) and the signed form token.
    expect(page.locator("input[name=cg_website]")).to_be_hidden()
    expect(page.locator("input[name=cg_token]")).to_have_attribute("value", re.compile(r".{20,}"))


def test_a_clean_comment_is_published_for_everyone(site: Site, page: Page, new_reader: Any) -> None:
    site.open_article(page)
    site.post_comment(
        page,
        name="Mara Quinn",
        email="mara.quinn@readers.example",
        url="https://mara.example",
        body="Finally! I can return books after my shift.\n\n"
        "Thank <b>you</b>.<script>alert(1)</script>",
    )

    expect(page.locator(".notice")).to_have_text("Thank you for your comment.")
    comment = page.locator(".comment").first
    expect(comment.locator(".comment-author a")).to_have_text("Mara Quinn")
    expect(comment.locator(".comment-author a")).to_have_attribute("href", "https://mara.example")
    expect(comment.locator(".comment-content p")).to_have_count(2)
    expect(comment.locator(".comment-content b")).to_have_text("you")
    expect(comment.locator("script")).to_have_count(0)
    expect(comment.locator("time")).to_have_text(re.compile(r"^\w+ \d+, \d{4} at \d+:\d\d [ap]m$"))
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(0)

    other = new_reader()
    site.open_article(other)
    expect(other.locator(".comments-title")).to_have_text("1 Comment")
    expect(other.locator(".comment .comment-author")).to_have_text("Mara Quinn")


def test_a_form_sent_again_as_it_was_is_refused(site: Site, page: Page) -> None:
    """The page's form, sent a second time with the token it was rendered with (a copy kept
    by the browser's cache, or by a bot), is refused as already sent; the first comment stays."""
    site.open_article(page)
    token = page.locator("input[name=cg_token]").get_attribute("value")
    site.post_comment(page, name="Ines", email="ines@readers.example", body="Is the café open?")
    expect(page.locator(".comments-title")).to_have_text("1 Comment")

    page.locator("input[name=cg_token]").evaluate("(input, token) => input.value = token", token)
    site.post_comment(page, name="Ines", email="ines@readers.example", body="Is it open late?")

    expect(page.locator(".form-message")).to_have_text(
        "This form has already been sent. Please reload the page to write another comment."
    )
    expect(page.locator(".comments-title")).to_have_text("1 Comment")
    expect(page.locator("#comment")).to_have_value("Is it open late?")


def test_replies_are_threaded_under_their_comment(site: Site, page: Page) -> None:
    site.open_article(page)
    site.post_comment(page, name="Ines", email="ines@readers.example", body="Is the café open too?")
    page.click(".comment-reply-link")
    expect(page.locator("#reply-title")).to_contain_text("Leave a Reply to Ines")
    site.post_comment(
        page, name="Librarian", email="desk@library.example", body="No, it closes at six."
    )

    parent = page.locator("li.comment.depth-1")
    expect(parent).to_have_count(1)
    reply = parent.locator("li.comment.depth-2")
    expect(reply.locator(".comment-author")).to_have_text("Librarian")
    expect(page.locator(".comments-title")).to_have_text("2 Comments")


def test_field_errors_appear_beside_their_fields_and_keep_the_input(site: Site, page: Page) -> None:
    site.open_article(page)
    body = "The children's corner is the best part."
    site.post_comment(page, name="", email="kim@readers.example", body=body)

    error = page.locator(".comment-form-author .field-error")
    expect(error).to_have_text("Please enter your name.")
    expect(page.locator("#author")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#comment")).to_have_value(body)
    expect(page.locator("#email")).to_have_value("kim@readers.example")
    expect(page.locator(".field-error")).to_have_count(1)

    site.post_comment(page, name="Kim", email="kim at readers", url="kim.example", body=body)
    expect(page.locator(".comment-form-email .field-error")).to_have_text(
        "Please enter a valid email address."
    )
    expect(page.locator("#author")).to_have_value("Kim")
    expect(page.locator("#email")).to_have_value("kim at readers")
    expect(page.locator("#url")).to_have_value("kim.example")
    expect(page.locator("#comment")).to_have_value(body)
    expect(page.locator(".comments-title")).to_have_text("Be the first to comment")


def test_a_held_comment_is_shown_to_its_author_only(
    site: Site, page: Page, new_reader: Any
) -> None:
    site.open_article(page)
    site.post_comment(page, name="Theo", email="theo@readers.example", body=THREE_LINKS)

    mine = page.locator(".comment.pending")
    expect(mine.locator(".comment-awaiting-moderation")).to_have_text(
        "Your comment is awaiting moderation."
    )
    expect(mine.locator(".comment-content")).to_contain_text("Timetables are at")
    expect(page.locator(".comments-title")).to_have_text("Be the first to comment")
    expect(mine.locator(".comment-reply-link")).to_have_count(0)
    page.reload()  # the signed cookie keeps it visible to its author
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(1)

    stranger = new_reader()
    site.open_article(stranger)
    expect(stranger.locator(".comment")).to_have_count(0)
    expect(stranger.get_by_text("Your comment is awaiting moderation.")).to_have_count(0)
    expect(stranger.get_by_text("Timetables are at")).to_have_count(0)


def test_a_forged_pending_cookie_shows_nothing(site: Site, page: Page, new_reader: Any) -> None:
    site.open_article(page)
    site.post_comment(page, name="Theo", email="theo@readers.example", body=THREE_LINKS)
    stranger = new_reader()
    stranger.context.add_cookies([{"name": "newsroom_pending", "value": "[1]", "url": site.url}])
    site.open_article(stranger)
    expect(stranger.locator(".comment")).to_have_count(0)


def test_a_filled_honeypot_is_dropped_silently(site: Site, page: Page, new_reader: Any) -> None:
    site.open_article(page)
    site.fill_comment(page, name="Bot", email="bot@spam.example", body="Great post, visit me")
    page.evaluate("document.querySelector('input[name=cg_website]').value = 'http://spam.example'")
    with page.expect_navigation():
        page.click("#submit")

    # Answered like a held comment, so the bot learns nothing; but nothing was kept.
    expect(page.locator(".notice")).to_have_text("Your comment is awaiting moderation.")
    expect(page.locator(".comment")).to_have_count(0)
    moderator = new_reader()
    moderator.goto(site.url + "/moderation")
    moderator.fill("#password", "test-moderator-password")
    moderator.click("button[type=submit]")
    expect(moderator.locator(".empty-queue")).to_be_visible()


@pytest.mark.parametrize(
    "guard_settings",
    [{**TEST_SETTINGS, "checks": {**TEST_SETTINGS["checks"], "flood": {}}}],
)
def test_a_second_comment_within_fifteen_seconds_is_refused(site: Site, page: Page) -> None:
    site.open_article(page)
    site.post_comment(page, name="Sam", email="sam@readers.example", body="First thought.")
    expect(page.locator(".comments-title")).to_have_text("1 Comment")
    site.post_comment(page, name="Sam", email="sam@readers.example", body="Second thought.")

    expect(page.locator(".form-message")).to_have_text(
        "You are posting comments too quickly. Slow down."
    )
    expect(page.locator("#comment")).to_have_value("Second thought.")
    expect(page.locator(".comments-title")).to_have_text("1 Comment")


def test_article_page_screenshot(site: Site, page: Page) -> None:
    """The article with comments, a reply and a field error, saved to build/newsroom/."""
    site.open_article(page)
    site.post_comment(
        page,
        name="Mara Quinn",
        email="mara.quinn@readers.example",
        url="https://mara.example",
        body="Finally! I can return books after my shift. Thank <em>you</em>.",
    )
    site.post_comment(
        page,
        name="Ines Duarte",
        email="ines@readers.example",
        body="Will the map collection have staff in the evening too?",
    )
    page.locator(".comment-reply-link").nth(1).click()
    site.post_comment(
        page,
        name="Harbour Library",
        email="desk@library.example",
        url="https://library.example",
        body="Yes: a map librarian works until nine on Tuesdays and Thursdays.",
    )
    site.open_article(page)
    site.post_comment(page, name="Theo", email="theo@readers.example", body=THREE_LINKS)
    expect(page.locator(".comments-title")).to_have_text("3 Comments")
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(1)
    page.screenshot(path=artifact("article.png"), full_page=True)
    assert artifact("article.png").stat().st_size > 10_000
