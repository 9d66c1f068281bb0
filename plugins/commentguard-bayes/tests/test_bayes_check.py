"""The bayes check scores comments, learns from moderators, and keeps its model in the store."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commentguard_bayes
from commentguard import Guard, SettingsError, Verdict
from commentguard.stores import MemoryStore, open_store
from commentguard.testing import (
    FakeClock,
    assert_plugin_installed,
    guard_with,
    make_settings,
    make_submission,
)
from commentguard_bayes import BayesCheck, BayesSettings, NaiveBayes, SpamText
from commentguard_bayes.features import FEATURES_VERSION

SECRET_KEY = "bayes-check-test-secret-6c0a4e8f2b9d1357"
SPAM_BODY = "Check out my channel and subscribe!!! http://bit.ly/xyz"
PIGEON_SPAM = [
    "Racing pigeons for sale, champion bloodlines, pigeonloft.example has them all",
    "Best racing pigeons online: pigeonloft.example, champion birds cheap",
    "Champion racing pigeons at pigeonloft.example, buy today",
    "Looking for racing pigeons? pigeonloft.example sells champion bloodlines",
    "Racing pigeon bloodlines, champion stock, pigeonloft.example",
]


TAUGHT = {"bayes": {"cold_start_lessons": 0}}
"""A site whose moderators have taught the filter: the seed's word is final (see cold start)."""


def bayes_verdicts(guard: Guard, body: str) -> list[Verdict]:
    decision = guard.moderate(make_submission(body=body))
    return [finding.verdict for finding in decision.findings if finding.check == "bayes"]


def test_the_plugin_is_installed_through_its_entry_point() -> None:
    assert_plugin_installed("bayes")


def test_the_seed_model_catches_channel_spam_and_passes_ordinary_comments() -> None:
    """A new site starts from the shipped seed: classic comment spam is held, prose passes."""
    guard = guard_with(commentguard_bayes)
    assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.HOLD]
    assert bayes_verdicts(guard, "I disagree with the second point; the data says otherwise.") == []
    assert guard.moderate(
        make_submission(body="Great article, thanks for writing it.")
    ).verdict == (Verdict.APPROVE)


def test_the_finding_carries_the_probability_and_the_tokens_never_the_email() -> None:
    guard = guard_with(commentguard_bayes, settings=make_settings(checks=TAUGHT))
    submission = make_submission(body=SPAM_BODY, email="subscribe.channel@example.com")
    (finding,) = [f for f in guard.moderate(submission).findings if f.check == "bayes"]
    assert finding.code == "bayes.spam"
    assert finding.score is not None
    assert finding.score >= 0.9
    assert f"{finding.score:.3f}" in finding.moderator_message
    assert "'subscribe'" in finding.moderator_message
    assert finding.matched is not None
    assert "subscribe" in finding.matched.split(", ")  # the tokens, as data
    assert "example.com" not in finding.model_dump_json()
    assert finding.author_message is None  # the author is not told what tripped the filter


def test_learning_from_reports_changes_later_decisions() -> None:
    """Moderators' spam reports teach a new kind of spam; their approvals teach ham."""
    taught_by_five = {"bayes": {"cold_start_lessons": len(PIGEON_SPAM)}}
    guard = guard_with(commentguard_bayes, settings=make_settings(checks=taught_by_five))
    probe = "Champion racing pigeons, see pigeonloft.example for bloodlines"
    assert bayes_verdicts(guard, probe) == []
    for body in PIGEON_SPAM:
        guard.report(make_submission(body=body), "spam")
    assert bayes_verdicts(guard, probe) in ([Verdict.HOLD], [Verdict.SPAM])
    # Holds and rejects teach nothing; approvals teach ham and pull the score back down.
    check = next(c for c in guard.checks if isinstance(c, BayesCheck))
    assert check.model is not None
    before = check.model.documents()
    guard.report(make_submission(body=probe), "hold")
    assert check.model.documents() == before
    for _ in range(6):
        guard.report(make_submission(body=probe), "approve")
    assert check.model.documents() == {"spam": before["spam"], "ham": before["ham"] + 6}
    assert bayes_verdicts(guard, probe) == []


def test_without_the_seed_the_filter_waits_for_enough_examples() -> None:
    """seed = false: no opinion until min_documents of each class have been reported."""
    settings = make_settings(checks={"bayes": {"seed": False, "min_documents": 3}})
    guard = guard_with(commentguard_bayes, settings=settings)
    assert bayes_verdicts(guard, PIGEON_SPAM[0]) == []
    for body in PIGEON_SPAM[:3]:
        guard.report(make_submission(body=body), "discard")
    assert bayes_verdicts(guard, PIGEON_SPAM[4]) == []  # still no ham at all
    for body in ("Nice write-up.", "Thanks, this helped me.", "I tried it and it works."):
        guard.report(make_submission(body=body), "approve")
    assert bayes_verdicts(guard, PIGEON_SPAM[4]) == [Verdict.SPAM]
    assert bayes_verdicts(guard, "Thanks, nice write-up, it works.") == []


def test_the_model_survives_a_new_guard_on_a_real_store(persistent_store_url: str) -> None:
    """Counts live in SQLite or Redis: a new guard (a restart, another worker) knows them."""
    settings = make_settings(store=persistent_store_url, secret_key=SECRET_KEY, checks=TAUGHT)
    probe = "Champion racing pigeons, see pigeonloft.example for bloodlines"
    with guard_with(commentguard_bayes, settings=settings) as first:
        assert bayes_verdicts(first, probe) == []
        for body in PIGEON_SPAM:
            first.report(make_submission(body=body), "spam")
        learned = bayes_verdicts(first, probe)
    assert learned
    with guard_with(commentguard_bayes, settings=settings) as second:
        assert bayes_verdicts(second, probe) == learned
        check = next(c for c in second.checks if isinstance(c, BayesCheck))
        assert check.store is second.store  # the guard's, through its CheckContext
        assert check.model is not None
        # Seeded once (350 + 350 comments), not once per guard.
        assert check.model.documents() == {"spam": 350 + len(PIGEON_SPAM), "ham": 350}
    with open_store(persistent_store_url) as store:
        # Plain numbers in a tally of the store: nothing that runs code when loaded.
        counts = store.counts(
            f"commentguard:bayes:{FEATURES_VERSION}:model", ["documents:spam", "documents:ham"]
        )
        assert counts == {"documents:spam": 355.0, "documents:ham": 350.0}


def test_check_many_scores_a_batch_as_check_scores_each() -> None:
    guard = guard_with(commentguard_bayes, settings=make_settings(checks=TAUGHT))
    check = next(c for c in guard.checks if isinstance(c, BayesCheck))
    submissions = [make_submission(body=body) for body in [SPAM_BODY, *PIGEON_SPAM, "Nice."]]
    assert check.check_many(submissions) == [check.check(s) for s in submissions]
    decisions = list(guard.moderate_many(submissions))
    assert [d.verdict for d in decisions] == [guard.moderate(s).verdict for s in submissions]


def test_a_check_without_a_store_finds_nothing() -> None:
    check = BayesCheck(BayesSettings())
    assert check.check(make_submission(body=SPAM_BODY)) == ()
    check.learn(make_submission(body=SPAM_BODY), Verdict.SPAM)  # nothing to learn into


def test_thresholds_must_be_in_order() -> None:
    settings = make_settings(checks={"bayes": {"hold_threshold": 0.9, "spam_threshold": 0.5}})
    with pytest.raises(SettingsError, match=r"checks\.bayes"):
        guard_with(commentguard_bayes, settings=settings)


def test_the_model_scores_from_counts_alone() -> None:
    """Two models fed the same examples give the same probabilities (no hidden state)."""
    examples = [(SpamText(body), True) for body in PIGEON_SPAM] + [
        (SpamText("A calm remark about pigeons in the park."), False)
    ] * 5
    with open_store("memory://") as one, open_store("memory://") as two:
        first, second = NaiveBayes(one, "a", ttl=60), NaiveBayes(two, "b", ttl=60)
        first.learn_many(examples)
        for example in examples:
            second.learn_many([example])
        texts = [SpamText("pigeons for sale at pigeonloft.example"), SpamText("park pigeons")]
        scored_first, scored_second = first.score_many(texts), second.score_many(texts)
        for a, b in zip(scored_first, scored_second, strict=True):
            assert a is not None
            assert b is not None
            assert a.probability == pytest.approx(b.probability)
        assert scored_first[0].probability > 0.5 > scored_first[1].probability  # type: ignore[union-attr]


def test_min_documents_must_be_positive() -> None:
    settings = make_settings(checks={"bayes": {"min_documents": 0}})
    with pytest.raises(SettingsError, match=r"checks\.bayes\.min_documents"):
        guard_with(commentguard_bayes, settings=settings)


def test_a_model_missing_a_class_has_no_opinion() -> None:
    """Only spam learned: no ham prior to divide by, so no score (even with min_documents 0)."""
    with open_store("memory://") as store:
        model = NaiveBayes(store, "k", ttl=60, min_documents=0)
        model.learn_many([(SpamText(body), True) for body in PIGEON_SPAM])
        assert model.score_many([SpamText(PIGEON_SPAM[0])]) == [None]
        model.learn_many([(SpamText("A calm remark about the park."), False)])
        (score,) = model.score_many([SpamText(PIGEON_SPAM[0])])
        assert score is not None
        assert score.probability > 0.5


class CountingStore(MemoryStore):
    """The memory store, counting the writes to tallies."""

    def __init__(self, url: str = "memory://") -> None:
        super().__init__(url)
        self.tally_writes = 0

    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        self.tally_writes += 1
        return super().add_counts(key, amounts, ttl)


def test_learning_is_one_write_and_the_vocabulary_counts_each_slot_once() -> None:
    store = CountingStore()
    model = NaiveBayes(store, "k", ttl=60)
    first = model.learn_many([(SpamText("pigeons for sale"), True)])
    assert store.tally_writes == 1
    second = model.learn_many([(SpamText("pigeons in the park"), False)])
    assert store.tally_writes == 2
    slots = set(first.frequency) | set(second.frequency)
    assert store.counts("k", ["vocabulary"]) == {"vocabulary": float(len(slots))}


def bayes_check(
    store_url: str = "memory://", clock: FakeClock | None = None, **section: object
) -> tuple[Guard, BayesCheck]:
    guard = guard_with(
        commentguard_bayes,
        settings=make_settings(store=store_url, secret_key=SECRET_KEY, checks={"bayes": section}),
        clock=clock,
    )
    return guard, next(c for c in guard.checks if isinstance(c, BayesCheck))


def test_a_worker_that_died_while_seeding_only_delays_the_seed() -> None:
    """The seeding lease expires: another worker seeds once it has run out."""
    clock = FakeClock()
    guard, check = bayes_check(clock=clock, cold_start_lessons=0)
    with guard:
        lease = check.store_key(FEATURES_VERSION, "seeding")
        assert guard.store.add(lease, "a worker that died", 60)
        model = check.model
        assert model is not None
        assert model.documents() == {"spam": 0, "ham": 0}  # not seeded while the lease lives
        assert bayes_verdicts(guard, SPAM_BODY) == []
        clock.advance(60)
        model = check.model
        assert model is not None
        assert model.documents() == {"spam": 350, "ham": 350}
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.SPAM]


def test_a_model_that_expired_is_seeded_again() -> None:
    clock = FakeClock()
    guard, check = bayes_check(clock=clock, remember_seconds=3600, cold_start_lessons=0)
    with guard:
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.SPAM]
        clock.advance(3600)  # nothing learned for remember_seconds: the tally is gone
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.SPAM]
        model = check.model
        assert model is not None
        assert model.documents() == {"spam": 350, "ham": 350}


UNBOUNDED_BARE_HOST = re.compile(
    r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|ly|be|me|tk|us|co|io|tv|ru|pl|de|uk))\b"
)  # the pattern before it was bounded: quadratic on "a.a.a.a...", kept as the reference


HOST_PIECES = ["a", "bit", "com", "ly", "co", "uk", "x1", ".", " ", "/", "é"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(HOST_PIECES), max_size=30).filter(lambda p: p.count(".") <= 8))
def test_bare_hosts_are_those_of_the_unbounded_pattern(pieces: list[str]) -> None:
    """In text of up to eight dots, hosts are found as the unbounded pattern found them."""
    from commentguard_bayes.features import _BARE_HOST

    text = "".join(pieces)
    assert _BARE_HOST.findall(text) == UNBOUNDED_BARE_HOST.findall(text)


def test_an_untaught_filter_holds_at_most_and_only_when_nearly_sure() -> None:
    """Cold start: the seed learned other sites' comments, so it never files a reader as spam."""
    guard, check = bayes_check()
    with guard:
        (finding,) = [
            f
            for f in guard.moderate(make_submission(body=SPAM_BODY)).findings
            if f.check == "bayes"
        ]
        assert (finding.code, finding.verdict) == ("bayes.likely_spam", Verdict.HOLD)
        assert finding.score is not None
        assert finding.score >= check.settings.cold_hold_threshold
        assert "until the site has taught the filter 50 comments: 0 so far" in (
            finding.moderator_message
        )
        # Likely spam to the seed (0.956), not nearly sure: an untaught filter lets it through,
        # where a taught one would hold it.
        likely = "Great post, thanks for sharing"
        assert bayes_verdicts(guard, likely) == []
    taught, _ = bayes_check(cold_start_lessons=0)
    with taught:
        assert bayes_verdicts(taught, likely) == [Verdict.SPAM]


def test_the_site_s_lessons_end_the_cold_start() -> None:
    """Once moderators have taught it cold_start_lessons comments, the usual thresholds apply."""
    guard, check = bayes_check(cold_start_lessons=3)
    with guard:
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.HOLD]
        guard.report(make_submission(body=PIGEON_SPAM[0]), "spam")
        guard.report(make_submission(body="Nice write-up, thanks."), "approve")
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.HOLD]  # two lessons of three
        guard.report(make_submission(body=PIGEON_SPAM[1]), "spam")
        assert bayes_verdicts(guard, SPAM_BODY) == [Verdict.SPAM]
        model = check.model
        assert model is not None
        assert model.documents() == {"spam": 352, "ham": 351}  # the seed is not a lesson


YOUTUBE = Path(__file__).parent / "data"  # excerpts; data/README.md names their source


def youtube_rows(name: str) -> list[tuple[str, bool]]:
    with (YOUTUBE / name).open(encoding="utf-8", newline="") as rows:
        return [(row["CONTENT"], row["CLASS"] == "1") for row in csv.DictReader(rows)]


def test_reports_one_by_one_learn_what_bulk_training_learns() -> None:
    """Online learning from Guard.report reaches the same answers as learning the same labels
    in bulk (what ``commentguard train`` does), on real comments."""
    train = youtube_rows("Youtube01-Psy-excerpt.csv")
    test = youtube_rows("Youtube02-KatyPerry-excerpt.csv")
    section = {"seed": False, "cold_start_lessons": 0}
    online, online_check = bayes_check(**section)
    bulk, bulk_check = bayes_check(**section)
    with online, bulk:
        for text, is_spam in train:  # a moderator's verdicts, one at a time
            online.report(make_submission(body=text), "spam" if is_spam else "approve")
        bulk_model = bulk_check.model
        assert bulk_model is not None
        bulk_model.learn_many((SpamText(text), is_spam) for text, is_spam in train)
        online_model = online_check.model
        assert online_model is not None
        assert online_model.documents() == bulk_model.documents() == {"spam": 33, "ham": 37}
        texts = [SpamText(text) for text, _ in test]
        online_scores = online_model.score_many(texts)
        bulk_scores = bulk_model.score_many(texts)
        for one, other in zip(online_scores, bulk_scores, strict=True):
            assert one is not None
            assert other is not None
            assert one.probability == pytest.approx(other.probability, abs=1e-9)
        submissions = [make_submission(body=text) for text, _ in test]
        assert online_check.check_many(submissions) == bulk_check.check_many(submissions)
