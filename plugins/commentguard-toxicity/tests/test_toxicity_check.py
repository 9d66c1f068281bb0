"""The toxicity check scores comments offline with alt-profanity-check's model, in batches."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

import commentguard_toxicity
from commentguard import SettingsError, Verdict
from commentguard.testing import assert_plugin_installed, guard_with, make_settings, make_submission
from commentguard_toxicity import ToxicityCheck, ToxicitySettings, toxicity
from commentguard_toxicity.model import MODEL_FILE

ABUSE = "You are a worthless fucking idiot, shut up"
POLITE = "Thank you for the thoughtful article, I learned a lot."


def toxicity_findings(guard, body):
    decision = guard.moderate(make_submission(body=body))
    return decision, [f for f in decision.findings if f.check == "toxicity"]


def test_the_plugin_is_installed_through_its_entry_point() -> None:
    assert_plugin_installed("toxicity")


def test_abuse_is_held_with_its_score_and_polite_text_passes() -> None:
    guard = guard_with(commentguard_toxicity)
    decision, (finding,) = toxicity_findings(guard, ABUSE)
    assert decision.verdict is Verdict.HOLD
    assert finding.code == "toxicity.offensive"
    assert finding.verdict is Verdict.HOLD
    assert finding.score is not None
    assert finding.score >= 0.9
    assert finding.field == "body"
    assert f"{finding.score:.3f}" in finding.moderator_message
    # The moderator sees which words weighed most, strongest first.
    assert finding.matched is not None
    words = finding.matched.split(", ")
    assert {"fucking", "idiot"} <= set(words)
    assert "the words that weighed most: " + ", ".join(map(repr, words)) in (
        finding.moderator_message
    )
    decision, findings = toxicity_findings(guard, POLITE)
    assert findings == []
    assert decision.verdict is Verdict.APPROVE


def test_a_reject_threshold_refuses_the_worst() -> None:
    settings = make_settings(checks={"toxicity": {"hold_threshold": 0.5, "reject_threshold": 0.9}})
    guard = guard_with(commentguard_toxicity, settings=settings)
    decision, (finding,) = toxicity_findings(guard, ABUSE)
    assert (decision.verdict, finding.code) == (Verdict.REJECT, "toxicity.refused")


def test_the_threshold_decides() -> None:
    """Scores below hold_threshold find nothing; raising it lets a mild swear through."""
    mild = "this damn printer"
    (score,) = toxicity([mild])
    below = guard_with(
        commentguard_toxicity,
        settings=make_settings(checks={"toxicity": {"hold_threshold": min(1.0, score + 0.01)}}),
    )
    assert toxicity_findings(below, mild)[1] == []
    above = guard_with(
        commentguard_toxicity,
        settings=make_settings(checks={"toxicity": {"hold_threshold": max(0.01, score - 0.01)}}),
    )
    assert len(toxicity_findings(above, mild)[1]) == 1


def test_check_many_scores_the_batch_as_check_scores_each() -> None:
    check = ToxicityCheck(ToxicitySettings())
    submissions = [make_submission(body=body) for body in (ABUSE, POLITE, "go to hell", "ok")]
    assert check.check_many(submissions) == [check.check(s) for s in submissions]
    guard = guard_with(commentguard_toxicity)
    batched = [d.verdict for d in guard.moderate_many(submissions)]
    assert batched == [guard.moderate(s).verdict for s in submissions]
    assert check.check_many([]) == []


def test_scores_are_probabilities_and_match_the_package() -> None:
    from profanity_check import predict_prob

    texts = [ABUSE, POLITE, ""]
    scores = toxicity(texts)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == pytest.approx([float(p) for p in predict_prob(texts)])


def test_thresholds_must_be_in_order() -> None:
    settings = make_settings(checks={"toxicity": {"hold_threshold": 0.8, "reject_threshold": 0.5}})
    with pytest.raises(SettingsError, match=r"checks\.toxicity"):
        guard_with(commentguard_toxicity, settings=settings)


def test_the_shipped_numbers_are_those_of_the_pickles() -> None:
    """model.json.gz is what scripts/export_model.py reads from alt-profanity-check's pickles.

    The script loads them with scikit-learn's version warning turned into an error, so a
    scikit-learn other than the one that made them cannot export wrong numbers silently.
    """
    script = Path(__file__).resolve().parents[1] / "scripts" / "export_model.py"
    spec = importlib.util.spec_from_file_location("export_model", script)
    assert spec is not None
    assert spec.loader is not None
    export = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(export)
    shipped = Path(commentguard_toxicity.__file__).with_name(MODEL_FILE)
    assert json.loads(gzip.decompress(shipped.read_bytes())) == export.model_data()


def test_scoring_imports_no_scikit_learn() -> None:
    """A web worker with the plugin carries no scikit-learn, scipy or numpy."""
    import subprocess
    import sys

    code = (
        "import sys; from commentguard_toxicity import toxicity; toxicity(['you idiot']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'numpy'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
