"""Language: hold a comment written in a language the site does not publish (off by default).

The language is detected offline by py3langid, whose model ships inside its wheel (never a
download). The model is loaded once per process, when the first guard that runs the check is
built (about a second and 100 MB), never at import: the first comment does not wait for it,
and a broken install fails when the site starts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_
from commentguard.text._languages import LANGUAGES, matched_as_substring
from commentguard.text._links import find_links

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_MODEL_CODES = """
ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et
eu ext fa fi fo fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id
ig is it ja jv ka kab kik kk km kn ko ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms
mt my ne nl nn no nso oc om or pa pcm pl ps pt qu ro ru rw sa sdh se si sk sl sn so sq sr
st sv sw ta te tg th tk tl tr tt ug uk ur uz uzs vec vi vo wa wuu xh yo yue zh zu
"""
MODEL_LANGUAGES = frozenset(_MODEL_CODES.split())
"""The languages py3langid 0.4's model tells apart (ISO 639 codes); a test keeps this equal."""
_NO_LANGUAGE = "zxx"  # the model's label for text without linguistic content
_AUTHOR_MESSAGE = N_("Your comment is awaiting moderation.")
# Bounded on both sides of the "@": "\S+@\S+" would try every start of 64 KB without one.
_EMAIL = re.compile(r"[^\s@]{1,64}@[^\s@]{1,255}")
_WORD = re.compile(r"[^\W_]+")


class LanguageSettings(CheckSettings):
    """Settings of the ``language`` check."""

    enabled: bool = False
    languages: tuple[str, ...] = Field(
        ("en",), min_length=1, description="The languages the site publishes, such as en, de."
    )
    candidates: tuple[str, ...] = Field(
        (),
        description="The languages the detector chooses among, besides the site's; empty "
        "means all the model knows.",
    )
    min_words: int = Field(10, ge=1, description="Bodies with fewer words are not looked at.")
    min_probability: float = Field(
        0.9,
        ge=0.0,
        le=1.0,
        description="How sure the detector must be of another language to ask for the verdict.",
    )
    verdict: Verdict = Verdict.HOLD

    @field_validator("languages", "candidates")
    @classmethod
    def _known(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(codes) - MODEL_LANGUAGES)
        if unknown:
            raise ValueError(
                f"unknown language code {', '.join(map(repr, unknown))}; valid codes: "
                + ", ".join(sorted(MODEL_LANGUAGES))
            )
        return tuple(dict.fromkeys(codes))


class LanguageCheck(Check):
    """Hold (by default) a comment whose body is in a language outside the site's.

    The body, without markup, links and addresses, is read by py3langid. Bodies under
    ``min_words`` words are skipped: a few words say little about their language. The
    detector ranks all its languages (or ``candidates`` and the site's); a body whose most
    probable language is the site's passes, and so does one whose other language is less
    probable than ``min_probability``.
    """

    name = "language"
    settings_model = LanguageSettings
    default_order = 60
    settings: LanguageSettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        candidates = self.settings.candidates
        self._among = frozenset((*candidates, *self.settings.languages)) if candidates else None
        self._site = frozenset(self.settings.languages)
        identifier()  # loaded with the guard, not on its first comment

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Detect the body's language; a finding when it is not one of the site's."""
        text = _EMAIL.sub(" ", _without_links(submission.prepared.body.text))
        if count_words(text) < self.settings.min_words:
            return ()
        language, probability = detect(text, self._among)
        if language in self._site or language == _NO_LANGUAGE:
            return ()
        if probability < self.settings.min_probability:
            return ()
        name = LANGUAGES.get(language)
        called = f"{name} ({language})" if name else language
        site = ", ".join(self.settings.languages)
        return (
            self.finding(
                "language.unexpected",
                self.settings.verdict,
                f"The body reads as {called} with probability {probability:.2f}, not one of "
                f"the site's languages ({site}).",
                field="body",
                score=probability,
                matched=language,
                author_message=_AUTHOR_MESSAGE,
            ),
        )


def count_words(text: str) -> int:
    """Words in ``text``; in scripts without spaces (Chinese, Japanese, Thai), two letters each.

    Two letters is about a word of Chinese or Japanese; it keeps a sentence of them from
    counting as one word.
    """
    count = 0
    for word in _WORD.findall(text):
        count += max(1, len(word) // 2) if matched_as_substring(word) else 1
    return count


_IDENTIFIER: LanguageIdentifier | None = None
_LOADING = threading.Lock()


def identifier() -> LanguageIdentifier:
    """py3langid's model with normalised probabilities, loaded once per process (thread-safe).

    Never changed after loading (no ``set_languages``): the checks of every guard share it,
    each with its own languages.
    """
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOADING:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def detect(text: str, among: frozenset[str] | None = None) -> tuple[str, float]:
    """The most probable language of ``text`` and its probability, among ``among`` if given.

    Restricting the languages renormalises the probabilities over them, which is what
    py3langid's ``set_languages`` computes, without changing the shared model.
    """
    ranked: list[tuple[str, float]] = identifier().rank(text)
    if among is not None:
        ranked = [(language, score) for language, score in ranked if language in among]
    total = sum(score for _, score in ranked)
    language, score = ranked[0]
    return language, (score / total if total > 0 else 0.0)


def _without_links(text: str) -> str:
    """``text`` (as a reader sees it) with each link replaced by a space: no language in a URL."""
    kept, position = [], 0
    for link in find_links(text):
        kept.append(text[position : link.start])
        position = max(position, link.end)
    kept.append(text[position:])
    return " ".join(kept)


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the language check."""
    register(LanguageCheck)
