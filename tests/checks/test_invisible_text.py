"""The invisible_text check: bidi override, embedding and isolate characters."""

from __future__ import annotations

import pytest

from commentguard import Verdict
from commentguard.checks import InvisibleTextCheck
from commentguard.testing import guard_with, make_settings, make_submission

BIDI_CONTROLS = [
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u202b",  # RIGHT-TO-LEFT EMBEDDING
    "\u202c",  # POP DIRECTIONAL FORMATTING
    "\u202d",  # LEFT-TO-RIGHT OVERRIDE
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2067",  # RIGHT-TO-LEFT ISOLATE
    "\u2068",  # FIRST STRONG ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
]


@pytest.mark.parametrize("char", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_control_in_body_is_held(char):
    """Each bidi control in the body holds the comment, with a span slicing the character."""
    body = f"Open the attachment invoice{char}fdp.exe today"

    decision = guard_with().moderate(make_submission(body=body))

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("invisible_text.bidi_control",)
    (finding,) = decision.findings
    assert finding.field == "body"
    assert finding.span is not None
    start, end = finding.span
    assert body[start:end] == char
    assert f"U+{ord(char):04X}" in finding.moderator_message


def test_rlo_in_name_is_held():
    """A right-to-left override (U+202E) in the name holds, with field name and span."""
    name = "Ada \u202eecalevoL"

    decision = guard_with().moderate(make_submission(name=name))

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "invisible_text.bidi_control"
    assert finding.field == "name"
    start, end = finding.span
    assert name[start:end] == "\u202e"
    assert "U+202E" in finding.moderator_message


def test_isolate_in_name_and_body_gives_one_finding_each():
    """Controls in both fields give two findings, name first."""
    name, body = "Bob\u2066", "Hi \u2067 there"

    decision = guard_with().moderate(make_submission(name=name, body=body))

    assert decision.codes == ("invisible_text.bidi_control", "invisible_text.bidi_control")
    assert [finding.field for finding in decision.findings] == ["name", "body"]
    name_span, body_span = (finding.span for finding in decision.findings)
    assert name[slice(*name_span)] == "\u2066"
    assert body[slice(*body_span)] == "\u2067"


def test_only_the_first_control_per_field_is_reported():
    """Several controls in one field give one finding spanning the first."""
    body = "a\u202db\u202ec\u2066"

    (finding,) = guard_with().moderate(make_submission(body=body)).findings

    assert finding.span == (1, 2)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        pytest.param("\u05d3\u05e0\u05d4", "\u05e9\u05dc\u05d5\u05dd\u200f world", id="hebrew-rlm"),
        pytest.param(
            "\u0645\u0631\u064a\u0645",
            "\u0645\u0631\u062d\u0628\u0627\u200f (2026)\u200e ok",
            id="arabic-rlm-lrm",
        ),
        pytest.param("Ada\u200f", "\u200e\u200fplain", id="marks-only"),
    ],
)
def test_direction_marks_in_rtl_text_are_fine(name, body):
    """Plain direction marks (U+200E LRM, U+200F RLM) in Hebrew/Arabic text are not flagged."""
    decision = guard_with().moderate(make_submission(name=name, body=body))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_verdict_is_configurable():
    """The invisible_text verdict setting changes what a bidi control asks for."""
    settings = make_settings(checks={"invisible_text": {"verdict": "spam"}})

    decision = guard_with(settings=settings).moderate(make_submission(body="x\u202ey"))

    assert decision.verdict is Verdict.SPAM
    assert decision.findings[0].verdict is Verdict.SPAM


def test_check_class_directly():
    """InvisibleTextCheck returns a finding per affected field and none for clean text."""
    check = InvisibleTextCheck()

    (finding,) = check.check(make_submission(body="abc\u202e"))
    assert (finding.field, finding.span) == ("body", (3, 4))
    assert list(check.check(make_submission())) == []
