"""The moderator's queue: logging in, the findings, and Approve / Spam / Delete reported back
to the guard, in a real chromium."""

from __future__ import annotations

from typing import Any

from newsroom_site import PASSWORD, THREE_LINKS, Site, artifact
from playwright.sync_api import Page, expect


def log_in(site: Site, page: Page, password: str = PASSWORD) -> None:
    page.goto(site.url + "/moderation")
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def hold_a_comment(site: Site, page: Page, **fields: str) -> None:
    site.open_article(page)
    comment = {"name": "Theo", "email": "theo@readers.example", "body": THREE_LINKS} | fields
    site.post_comment(page, **comment)
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(1)


def test_the_queue_needs_the_password(site: Site, page: Page) -> None:
    log_in(site, page, password="guess")
    expect(page.locator(".form-message")).to_have_text("That password is not right.")
    expect(page.locator("h1")).to_have_text("Moderation")
    expect(page.locator(".queued")).to_have_count(0)

    response = page.request.post(site.url + "/moderation/1/approve", form={"csrf_token": "x"})
    assert response.status == 403


def test_password_guessing_is_throttled(site: Site, page: Page) -> None:
    for _ in range(5):
        log_in(site, page, password="guess")
    log_in(site, page)  # even the right password waits out the minute
    expect(page.locator(".form-message")).to_have_text(
        "Too many attempts. Wait a minute and try again."
    )


def test_each_row_shows_the_findings_with_the_match_highlighted(
    site: Site, page: Page, new_reader: Any
) -> None:
    hold_a_comment(site, page)
    hold_a_comment(
        site,
        new_reader(),
        name="Lucky",
        email="lucky@spin.example",
        body="Free spins every night at https://casino.example, plus cheap viagra.",
    )
    moderator = new_reader()
    log_in(site, moderator)

    rows = moderator.locator(".queued")
    expect(rows).to_have_count(2)
    held = moderator.locator(".queued.status-hold")
    expect(held.locator(".comment-author")).to_have_text("Theo")
    links = held.locator("tr.finding", has_text="links.too_many")
    expect(links.locator("td").first).to_have_text("links")
    expect(links).to_contain_text("The comment has 3 links")
    expect(links.locator("mark")).to_have_text(
        "https://buses.example/night, https://ferry.example/late and https://trains.example/evening"
    )
    expect(held.locator(".meta")).to_contain_text("t***@readers.example")

    spam = moderator.locator(".queued.status-spam")
    expect(spam.locator(".badge")).to_have_text("Spam")
    expect(
        spam.locator("tr.finding", has_text="wordlists.disallowed").locator("mark")
    ).to_have_text("viagra")
    expect(spam.locator("button.spam")).to_have_count(0)
    moderator.screenshot(path=artifact("moderation.png"), full_page=True)
    assert artifact("moderation.png").stat().st_size > 10_000


def test_approving_publishes_the_comment_and_trusts_its_author(
    site: Site, page: Page, new_reader: Any
) -> None:
    hold_a_comment(site, page)
    moderator = new_reader()
    log_in(site, moderator)
    with moderator.expect_navigation():
        moderator.click(".queued button.approve")
    expect(moderator.locator(".notice")).to_have_text("The comment by Theo was approved.")
    expect(moderator.locator(".empty-queue")).to_be_visible()

    reader = new_reader()
    site.open_article(reader)
    expect(reader.locator(".comments-title")).to_have_text("1 Comment")
    expect(reader.locator(".comment .comment-content")).to_contain_text("Timetables are at")
    expect(reader.locator(".comment-awaiting-moderation")).to_have_count(0)

    # Guard.report remembered the approval: the same author's next links go straight through.
    site.post_comment(
        page,
        name="Theo",
        email="theo@readers.example",
        body="Two more: https://buses.example/sunday and https://ferry.example/sunday",
    )
    expect(page.locator(".notice")).to_have_text("Thank you for your comment.")
    expect(page.locator(".comments-title")).to_have_text("2 Comments")
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(0)


def test_spam_and_delete_keep_the_comment_off_the_article(
    site: Site, page: Page, new_reader: Any
) -> None:
    hold_a_comment(site, page)
    moderator = new_reader()
    log_in(site, moderator)
    with moderator.expect_navigation():
        moderator.click(".queued button.spam")
    expect(moderator.locator(".notice")).to_have_text("The comment by Theo was marked as spam.")
    expect(moderator.locator(".queued.status-spam")).to_have_count(1)

    site.open_article(page)  # the author still sees it pending, like any held comment
    expect(page.locator(".comment-awaiting-moderation")).to_have_count(1)
    stranger = new_reader()
    site.open_article(stranger)
    expect(stranger.locator(".comment")).to_have_count(0)

    with moderator.expect_navigation():
        moderator.click(".queued button.delete")
    expect(moderator.locator(".notice")).to_have_text("The comment by Theo was deleted.")
    expect(moderator.locator(".empty-queue")).to_be_visible()
    site.open_article(page)
    expect(page.locator(".comment")).to_have_count(0)


def test_a_moderators_form_from_another_site_is_refused(site: Site, page: Page) -> None:
    hold_a_comment(site, page)
    log_in(site, page)
    response = page.request.post(site.url + "/moderation/1/approve", form={"csrf_token": "forged"})
    assert response.status == 400
    expect(page.locator(".queued")).to_have_count(1)
