"""flood, duplicate and trusted_author: the checks that remember, on every kind of store."""

from __future__ import annotations

from pathlib import Path

import pytest

from commentguard import Guard, Verdict
from commentguard._identity import author_or_name_key
from commentguard._models import CommentSubmission
from commentguard.checks._duplicate import DuplicateCheck
from commentguard.stores import MemoryStore
from commentguard.testing import FakeClock, make_settings, make_submission, running_redis

# Two links among words: links holds it, link_ratio (mostly links) does not.
LINKS = "See https://a.example and https://b.example: both have the council's figures"
SECRET_KEY = "stateful-checks-test-secret-8b4f0d2a6e9c1357"
CAMPAIGN = "Earn 500 dollars a day from home with this one simple trick at {link} today"


def guard(store_url: str, clock: FakeClock | None = None, **checks: dict[str, object]) -> Guard:
    """A guard on ``store_url`` with the given check sections (flood and duplicate on)."""
    sections: dict[str, dict[str, object]] = {"flood": {}, "duplicate": {}}
    sections.update(checks)
    settings = make_settings(store=store_url, secret_key=SECRET_KEY, checks=sections)
    return Guard(settings, load_entry_points=False, clock=clock)


# -- flood ----------------------------------------------------------------------------------


def test_second_comment_from_one_ip_within_15_seconds_is_refused(store_url: str) -> None:
    """WordPress's default: one comment per 15 s per IP, refused with its message."""
    with guard(store_url) as g:
        first = g.moderate(make_submission(email="a@example.com", body="First thought."))
        second = g.moderate(make_submission(email="b@example.com", body="Second thought."))
    assert first.verdict is Verdict.APPROVE
    assert second.verdict is Verdict.REJECT
    assert second.codes == ("flood.too_fast",)
    assert second.author_message == "You are posting comments too quickly. Slow down."


def test_same_email_from_another_ip_is_refused(store_url: str) -> None:
    """The email address is limited too, so changing IP does not help."""
    with guard(store_url) as g:
        g.moderate(make_submission(ip="192.0.2.1", body="One."))
        assert g.moderate(make_submission(ip="198.51.100.2", body="Two.")).codes == (
            "flood.too_fast",
        )


def test_ipv6_clients_are_limited_per_64(store_url: str) -> None:
    """Addresses in one /64 share a limit; another /64 does not."""
    with guard(store_url, flood={"by": ["ip"]}) as g:
        g.moderate(make_submission(ip="2001:db8:1:2::10", body="One."))
        same_64 = g.moderate(make_submission(ip="2001:db8:1:2:ffff::1", body="Two."))
        other_64 = g.moderate(make_submission(ip="2001:db8:1:3::10", body="Three."))
    assert same_64.verdict is Verdict.REJECT
    assert other_64.verdict is Verdict.APPROVE


def test_limit_frees_up_when_the_window_passes(clocked_url: str, clock: FakeClock) -> None:
    """After the window, the same author may comment again (Redis's expiry: the store tests)."""
    with guard(clocked_url, clock, flood={"rates": ["1 per 15 seconds"]}) as g:
        assert g.moderate(make_submission(body="One.")).verdict is Verdict.APPROVE
        clock.advance(14.9)
        assert g.moderate(make_submission(body="Two.")).verdict is Verdict.REJECT
        clock.advance(0.1)
        assert g.moderate(make_submission(body="Three.")).verdict is Verdict.APPROVE


def test_moderators_are_exempt(store_url: str) -> None:
    """author_role='moderator' is not limited by default."""
    with guard(store_url) as g:
        verdicts = [
            g.moderate(make_submission(author_role="moderator", body=f"Note {n}.")).verdict
            for n in range(3)
        ]
    assert verdicts == [Verdict.APPROVE] * 3


def test_bad_rate_is_a_settings_error() -> None:
    """A rate the limits library cannot parse fails at construction, naming the key."""
    from commentguard import SettingsError

    with pytest.raises(SettingsError, match=r"checks\.flood\.rates"):
        guard("memory://", flood={"rates": ["lots per fortnight"]})


# -- duplicate ------------------------------------------------------------------------------


def test_repeat_by_the_same_author_in_a_thread_is_refused(store_url: str) -> None:
    """The same text (ignoring case and spacing) twice from one author: WordPress's refusal."""
    with guard(store_url, flood={"enabled": False}) as g:
        g.moderate(make_submission(body="I agree with the council."))
        repeat = g.moderate(make_submission(body="  i agree with THE council!! "))
        elsewhere = g.moderate(make_submission(body="I agree with the council.", thread_id="x"))
    assert repeat.codes == ("duplicate.repeat",)
    assert repeat.author_message.startswith("Duplicate comment detected")
    assert elsewhere.verdict is Verdict.APPROVE


def test_same_text_from_many_authors_is_held(store_url: str) -> None:
    """A campaign: the third author sending (nearly) the same text is held."""
    bodies = [
        CAMPAIGN.format(link="https://cash.example/a"),
        CAMPAIGN.format(link="https://cash.example/a").upper(),
        # small edit and another link: still a near-duplicate
        CAMPAIGN.format(link="https://cash.example/b").replace("simple", "easy"),
    ]
    with guard(store_url, flood={"enabled": False}) as g:
        decisions = [
            g.moderate(make_submission(email=f"bot{n}@example.com", ip=f"203.0.113.{n}", body=b))
            for n, b in enumerate(bodies)
        ]
    assert [d.verdict for d in decisions] == [Verdict.APPROVE, Verdict.APPROVE, Verdict.HOLD]
    assert decisions[2].codes == ("duplicate.campaign",)


def test_a_wave_of_senders_stops_growing_the_store(store_url: str) -> None:
    """Past enough senders a text is held at full score and its sets are no longer written."""
    with guard(store_url, flood={"enabled": False}) as g:
        decisions = [
            g.moderate(
                make_submission(
                    email=f"bot{n}@example.com",
                    ip=f"203.0.{n // 250}.{n % 250 + 1}",
                    body=CAMPAIGN.format(link=f"https://cash.example/{n}"),
                )
            )
            for n in range(60)
        ]
        band_sets = [
            g.store.members(key)
            for key in _band_keys(g, CAMPAIGN.format(link="https://cash.example/0"))
        ]
    assert {d.verdict for d in decisions[2:]} == {Verdict.HOLD}
    last = decisions[-1].findings[0]
    assert last.score == 1.0
    assert "at least 6 different authors" in last.moderator_message
    assert max(len(members) for members in band_sets) <= 36  # (2 x campaign_authors) ** 2


def _band_keys(g: Guard, body: str) -> list[str]:
    """The keys of the sets the duplicate check keeps for ``body``'s MinHash bands."""
    from commentguard.text import prepare

    (check,) = (check for check in g.checks if isinstance(check, DuplicateCheck))
    return [key for key, _full in check.band_keys(prepare(body).words)]


def test_short_common_texts_are_never_a_campaign(store_url: str) -> None:
    """'Thanks for the article!' from many readers is normal."""
    with guard(store_url, flood={"enabled": False}) as g:
        verdicts = [
            g.moderate(make_submission(email=f"r{n}@example.com", body="Thanks for this!")).verdict
            for n in range(5)
        ]
    assert verdicts == [Verdict.APPROVE] * 5


def test_store_holds_no_email_and_no_text(tmp_path: Path) -> None:
    """What the checks remember is keyed hashes: the SQLite file contains neither."""
    url = f"sqlite:///{tmp_path}/store.db"
    with guard(url) as g:
        g.moderate(make_submission(email="very.private@example.com", body=CAMPAIGN))
        g.report(make_submission(email="very.private@example.com"), Verdict.APPROVE)
    raw = (tmp_path / "store.db").read_bytes() + b"".join(
        path.read_bytes() for path in tmp_path.glob("store.db-*")
    )
    assert b"very.private" not in raw
    assert b"simple trick" not in raw


# -- trusted_author -------------------------------------------------------------------------


def test_approved_author_skips_the_hold(store_url: str) -> None:
    """After a moderator approves an author, their held-worthy comments are published."""
    with guard(store_url, flood={"enabled": False}) as g:
        first = g.moderate(make_submission(body=LINKS))
        g.report(make_submission(body=LINKS), Verdict.APPROVE)
        second = g.moderate(make_submission(body=LINKS + " again"))
        stranger = g.moderate(make_submission(name="Someone Else", body=LINKS + " too"))
    assert first.verdict is Verdict.HOLD
    assert second.verdict is Verdict.APPROVE
    assert second.codes == ("links.too_many", "trusted_author.known")
    assert stranger.verdict is Verdict.HOLD


def test_trust_never_lifts_spam_or_a_failed_check(store_url: str) -> None:
    """A trusted author's spam is still spam; a failed check still holds."""
    with guard(store_url, flood={"enabled": False}, wordlists={"disallowed_keys": ["casino"]}) as g:
        g.report(make_submission(), "approve")
        assert g.moderate(make_submission(body="casino bonus")).verdict is Verdict.SPAM


def test_report_of_spam_forgets_the_author(store_url: str) -> None:
    """Reporting spam withdraws the trust an approval gave."""
    with guard(store_url, flood={"enabled": False}) as g:
        g.report(make_submission(), "approve")
        g.report(make_submission(), "spam")
        assert g.moderate(make_submission(body=LINKS)).verdict is Verdict.HOLD


# -- Redis going away -----------------------------------------------------------------------


def test_redis_stopping_mid_run_holds_with_a_clear_finding(tmp_path: Path) -> None:
    """When Redis dies, comments are held (fail closed) with check.error findings, no crash."""
    with running_redis(tmp_path) as (url, process), guard(url) as g:
        assert g.moderate(make_submission(body="Before.")).verdict is Verdict.APPROVE
        process.terminate()
        process.wait(timeout=10)
        after = g.moderate(make_submission(email="other@example.com", body="After."))
    assert after.verdict is Verdict.HOLD
    failed = {f.check for f in after.findings if f.code == "check.error"}
    assert failed == {"flood", "duplicate", "spam_memory", "trusted_author"}
    assert all("ConnectionError" in f.moderator_message or "raised" in f.moderator_message
               for f in after.findings)  # fmt: skip


async def test_async_guard_shares_the_limits(store_url: str) -> None:
    """AsyncGuard runs the same stateful checks (in worker threads) against the same store."""
    from commentguard import AsyncGuard

    settings = make_settings(
        store=store_url, secret_key=SECRET_KEY, checks={"flood": {}, "duplicate": {}}
    )
    async with AsyncGuard(settings, load_entry_points=False) as g:
        first = await g.moderate(make_submission(body="Async one."))
        second = await g.moderate(make_submission(body="Async two."))
    assert (first.verdict, second.verdict) == (Verdict.APPROVE, Verdict.REJECT)


def test_unrelated_short_comments_are_not_a_campaign(store_url: str) -> None:
    """Different 7-word comments from many authors share no band: none is held."""
    bodies = [
        "The new bike lane on Elm Street works well",
        "Council should publish the full budget line by line",
        "My kids loved the school and its teachers",
        "What a match, the replay was even better",
        "Please fix the potholes on Mill Road soon",
        "The library opening hours are far too short",
        "Parking near the station has become impossible lately",
        "Thanks to the reporter for covering the meeting",
        "The bus timetable changed again without any notice",
        "Great photos of the harvest festival this year",
        "Will the swimming pool reopen before the summer",
        "Volunteers cleaned the riverbank on Saturday morning",
    ]
    with guard(store_url, flood={"enabled": False}) as g:
        decisions = [
            g.moderate(make_submission(email=f"r{n}@example.com", ip=f"198.51.100.{n}", body=b))
            for n, b in enumerate(bodies)
        ]
    assert [d.codes for d in decisions] == [()] * len(bodies)


def test_texts_without_words_are_compared_as_written(store_url: str) -> None:
    """Emoji-only comments are repeats only of the same emoji."""
    with guard(store_url, flood={"enabled": False}) as g:
        verdicts = [
            g.moderate(make_submission(body=body)).verdict for body in ("👍", "❤️", "!!!", "👍")
        ]
    assert verdicts == [Verdict.APPROVE, Verdict.APPROVE, Verdict.APPROVE, Verdict.REJECT]


def _fresh_repeat_key(check: DuplicateCheck, submission: CommentSubmission) -> str:
    """The repeat key worked out from scratch, as confirm() does without check()'s."""
    words = submission.prepared.body.words
    author = author_or_name_key(submission, check.store_secret)
    return check._repeat_key(submission, author, words, " ".join(words))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({}, id="unchanged"),
        pytest.param({"body": "Another text altogether, not the one checked."}, id="body"),
        pytest.param({"thread_id": "another-thread"}, id="thread"),
        pytest.param({"email": None, "name": "Someone Else"}, id="author"),
    ],
)
def test_confirm_remembers_the_key_of_what_it_confirms(change: dict[str, object]) -> None:
    """check() leaves confirm() the repeat key; a copy with other fields, or another check
    (another secret), works out its own, so the store gets the key of what is confirmed."""
    first = DuplicateCheck(store=MemoryStore(), secret=b"one")
    other = DuplicateCheck(store=MemoryStore(), secret=b"two")
    submission = make_submission(body="The council's figures for the year are out.")
    for check in (other, first):
        assert first.check(submission) == ()  # leaves its key on the submission
        copy = submission.model_copy(update=change)  # and on the copy
        assert copy.__dict__.keys() == submission.__dict__.keys()
        assert check.confirm(copy) == ()
        assert check._store is not None
        assert check._store.get(_fresh_repeat_key(check, copy)) == "1"
    assert first.check(submission) == (() if change else (first._repeat(),))


def test_concurrent_identical_posts_admit_one(tmp_path: Path) -> None:
    """Eight threads posting the same comment at once: exactly one gets through."""
    import threading

    url = f"sqlite:///{tmp_path}/store.db"
    with guard(url, flood={"enabled": False}) as g:
        start = threading.Barrier(8)
        verdicts: list[Verdict] = []

        def post() -> None:
            start.wait()
            verdicts.append(g.moderate(make_submission(body="Same words, same time.")).verdict)

        threads = [threading.Thread(target=post) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(verdicts).count(Verdict.APPROVE) == 1


# -- timeouts -------------------------------------------------------------------------------


def test_store_checks_on_an_in_process_store_run_without_a_worker_thread(store_url: str) -> None:
    """Nothing in memory can hang: no timeout, so no hand-over to the guard's thread pool."""
    with guard(store_url) as g:
        timeouts = {c.name: c.timeout for c in g.checks if c.store_io_only}
    expected = None if store_url.startswith("memory:") else 3.0
    assert timeouts == dict.fromkeys(timeouts, expected)
    assert {"duplicate", "form_token", "trusted_author"} <= set(timeouts)


def test_a_configured_timeout_holds_on_any_store() -> None:
    with guard("memory://", duplicate={"timeout": 0.5}) as g:
        duplicate = next(c for c in g.checks if c.name == "duplicate")
    assert duplicate.timeout == 0.5
