"""Every check is built one way, ``from_settings(context)``, on the guard's real store."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace
from typing import Self

import pytest
from pydantic import Field

import commentguard
import commentguard.checks
from commentguard import (
    Check,
    CheckContext,
    CheckSettings,
    CommentSubmission,
    Finding,
    FormTokenSigner,
    InvalidFormToken,
    PluginLoadError,
    Settings,
    SettingsError,
    StoreCheck,
    Verdict,
)
from commentguard.checks import FormTokenCheck
from commentguard.stores import Store
from commentguard.testing import guard_with, make_settings, make_submission

SECRET_KEY = "check-context-test-secret-3e9a7c1b5d2f4680"
NEW_SIGNATURE = r"from_settings takes \(cls, context: commentguard\.CheckContext\)"
BUILTIN_CHECKS: list[type[Check]] = [
    getattr(commentguard.checks, name) for name in commentguard.checks.__all__
]


def plugin(*check_classes: type[Check]) -> SimpleNamespace:
    """A plugin object that registers ``check_classes``."""

    @commentguard.hookimpl
    def register_checks(register: Callable[[type[Check]], None]) -> None:
        for check_class in check_classes:
            register(check_class)

    return SimpleNamespace(register_checks=register_checks)


def site(store_url: str, **overrides: object) -> Settings:
    return make_settings(store=store_url, secret_key=SECRET_KEY, **overrides)


# -- the built-in checks ----------------------------------------------------------------------


@pytest.mark.parametrize("check_class", BUILTIN_CHECKS, ids=lambda cls: cls.name)
def test_every_builtin_check_is_built_from_a_context(
    check_class: type[Check], store: Store, store_url: str
) -> None:
    """Each built-in check takes its settings, and its store when it keeps one, from the context."""
    context = CheckContext.for_check(check_class, site(store_url), store)
    check = check_class.from_settings(context)
    assert type(check) is check_class
    assert check.settings == context.check_settings
    assert isinstance(check.settings, check_class.settings_model)
    if isinstance(check, StoreCheck):
        assert check.store is store
        assert check.store_secret == context.store_secret
    elif isinstance(check, FormTokenCheck):
        assert check.store is store
    else:
        assert check.store is None


def test_a_guard_builds_its_checks_from_contexts_on_its_store(store_url: str) -> None:
    """The checks that remember share the guard's one store."""
    settings = site(store_url, checks={"flood": {}, "duplicate": {}})
    with commentguard.Guard(settings, load_entry_points=False) as guard:
        remembering = [check for check in guard.checks if check.store is not None]
        assert {check.name for check in remembering} >= {
            "duplicate", "flood", "form_token", "spam_memory", "trusted_author",
        }  # fmt: skip
        assert all(check.store is guard.store for check in remembering)


def test_the_form_token_check_verifies_with_the_contexts_signer(store: Store) -> None:
    """The signer in the context is the site's: a token it issues verifies, a foreign one not."""
    settings = make_settings(secret_key=SECRET_KEY)
    context = CheckContext.for_check(FormTokenCheck, settings, store)
    assert context.signer is not None
    issued = context.signer.issue(thread_id="article-1")
    assert FormTokenSigner(SECRET_KEY).read(issued).thread_id == "article-1"
    with pytest.raises(InvalidFormToken):
        context.signer.read(FormTokenSigner("another-site-secret-0a1b2c3d4e5f6789").issue())


# -- the context itself -------------------------------------------------------------------------


def test_the_context_is_frozen_and_its_repr_shows_no_secret(store: Store) -> None:
    context = CheckContext.for_check(FormTokenCheck, make_settings(secret_key=SECRET_KEY), store)
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.store = store  # type: ignore[misc] # the point: it cannot be assigned
    assert SECRET_KEY not in repr(context)
    assert repr(context.store_secret) not in repr(context)


def test_without_a_secret_key_there_is_no_signer_and_a_fixed_store_key(store: Store) -> None:
    """A memory:// site without secret_key: no form tokens, and hashes under a fixed key."""
    first = CheckContext.for_check(FormTokenCheck, make_settings(), store)
    second = CheckContext.for_check(FormTokenCheck, make_settings(), store)
    keyed = CheckContext.for_check(FormTokenCheck, make_settings(secret_key=SECRET_KEY), store)
    assert first.signer is None
    assert first.store_secret == second.store_secret != keyed.store_secret


def test_for_check_validates_the_checks_section(store: Store) -> None:
    """An invalid value is a settings error naming the key, as when a guard is built."""
    settings = make_settings(checks={"links": {"max_links": -1}})
    with pytest.raises(SettingsError, match=r"checks\.links\.max_links"):
        CheckContext.for_check(commentguard.checks.LinksCheck, settings, store)


# -- a plugin's check with needs of its own -----------------------------------------------------


class OnePerThreadSettings(CheckSettings):
    """Settings of the test check below."""

    window_seconds: float = Field(3600.0, gt=0)


class OnePerThreadCheck(Check):
    """A plugin's check that needs everything the context offers.

    Refuses a comment whose form token the site did not sign (the signer), and holds a second
    comment by one author on one thread within ``window_seconds`` (the store, with authors as
    keyed hashes under the store secret); an approval forgets the author (``learn``).
    """

    name = "one_per_thread"
    settings_model = OnePerThreadSettings
    settings: OnePerThreadSettings

    def __init__(
        self,
        settings: CheckSettings | None = None,
        *,
        store: Store,
        signer: FormTokenSigner,
        secret: bytes,
    ) -> None:
        super().__init__(settings)
        self._seen, self._signer, self._secret = store, signer, secret

    @classmethod
    def from_settings(cls, context: CheckContext) -> Self:
        if context.signer is None:
            raise commentguard.NotConfigured("the one_per_thread check needs secret_key")
        return cls(
            context.check_settings,
            store=context.store,
            signer=context.signer,
            secret=context.store_secret,
        )

    def _key(self, submission: CommentSubmission) -> str:
        address = submission.email.digest(self._secret) if submission.email is not None else ""
        message = f"{submission.thread_id}\x1f{address}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]
        return f"commentguard:{self.name}:{digest}"

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        try:
            self._signer.read(submission.form_token or "")
        except InvalidFormToken:
            return [self.finding("one_per_thread.unsigned", Verdict.REJECT, "Not our form.")]
        if not self._seen.add(self._key(submission), "1", self.settings.window_seconds):
            return [self.finding("one_per_thread.again", Verdict.HOLD, "Second comment.")]
        return []

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        if verdict is Verdict.APPROVE:
            self._seen.delete(self._key(submission))


def test_a_plugin_check_uses_the_signer_store_and_secret(store_url: str) -> None:
    """Built by a real guard on each kind of store; another guard on it sees the same memory."""
    settings = site(store_url, checks={"one_per_thread": {"window_seconds": 60}})
    with guard_with(plugin(OnePerThreadCheck), settings=settings, builtins=False) as guard:
        (check,) = guard.checks
        assert check.settings == OnePerThreadSettings(window_seconds=60)
        token = FormTokenSigner(SECRET_KEY).issue(thread_id="article-1")
        comment = make_submission(form_token=token)
        assert guard.moderate(make_submission(form_token="forged")).codes == (
            "one_per_thread.unsigned",
        )
        assert guard.moderate(comment).verdict is Verdict.APPROVE
        assert guard.moderate(comment).codes == ("one_per_thread.again",)
        guard.report(comment, Verdict.APPROVE)
        assert guard.moderate(comment).verdict is Verdict.APPROVE
    if store_url != "memory://":
        with guard_with(plugin(OnePerThreadCheck), settings=settings, builtins=False) as other:
            assert other.moderate(comment).codes == ("one_per_thread.again",)


def test_a_plugin_check_that_needs_the_secret_key_is_left_out_without_it() -> None:
    with guard_with(plugin(OnePerThreadCheck), builtins=False) as guard:
        assert guard.checks == ()
        assert [check.name for check in guard.unconfigured] == ["one_per_thread"]


# -- from_settings written the old way --------------------------------------------------------


class LegacyCheck(StoreCheck):
    """A third-party check written for the three arguments of old."""

    name = "legacy"

    @classmethod
    def from_settings(  # type: ignore[override] # the old signature, on purpose
        cls, check_settings: CheckSettings, settings: Settings, store: Store
    ) -> Self:
        return cls(check_settings, store, b"legacy-secret")

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        return []


def test_an_old_from_settings_still_builds_with_a_deprecation_warning(tmp_path: Path) -> None:
    """The override is called with (check_settings, settings, store), and warned at its line."""
    settings = make_settings(store=f"sqlite:///{tmp_path / 'store.db'}", secret_key=SECRET_KEY)
    with pytest.warns(DeprecationWarning, match=r"from_settings\(cls, context") as warned:
        guard = guard_with(plugin(LegacyCheck), settings=settings, builtins=False)
    with guard:
        (check,) = guard.checks
        assert isinstance(check, LegacyCheck)
        assert check.store is guard.store
        assert check.store_secret == b"legacy-secret"
    (warning,) = warned
    assert warning.filename == __file__
    assert "LegacyCheck.from_settings(cls, check_settings, settings, store)" in str(warning.message)


class LegacySuperCheck(StoreCheck):
    """An old override that hands the old arguments on to the base class."""

    name = "legacy_super"

    @classmethod
    def from_settings(  # type: ignore[override] # the old signature, on purpose
        cls, check_settings: CheckSettings, settings: Settings, store: Store
    ) -> Self:
        return super().from_settings(check_settings, settings, store)  # type: ignore[call-arg, arg-type]


class TwoArgumentCheck(Check):
    """An override older still: no store."""

    name = "two_arguments"

    @classmethod
    def from_settings(  # type: ignore[override] # the older signature, on purpose
        cls, check_settings: CheckSettings, settings: Settings
    ) -> Self:
        return cls(check_settings)


@pytest.mark.parametrize("check_class", [LegacySuperCheck, TwoArgumentCheck])
def test_an_override_the_shim_cannot_call_is_an_error_naming_the_signature(
    check_class: type[Check],
) -> None:
    """An old override that hands the old arguments to ``super()``, or one older still, fails.

    The guard is not built, and the message says what ``from_settings`` takes now.
    """
    with (
        pytest.raises(
            PluginLoadError,
            match=r"from_settings takes \(cls, context: commentguard\.CheckContext\)",
        ),
        pytest.warns(DeprecationWarning, match="deprecated")
        if check_class is LegacySuperCheck
        else nullcontext(),
    ):
        guard_with(plugin(check_class), builtins=False)


def test_a_check_that_keeps_its_store_as_self_store_still_can(store: Store) -> None:
    """``store`` is a property now; a constructor that assigns it still works, timeout included."""

    class KeepsStore(Check):
        name = "keeps_store"
        store_io_only = True
        default_timeout = 3.0

        def __init__(self, settings: CheckSettings | None = None, *, kept: Store) -> None:
            super().__init__(settings)
            self.store = kept

    check = KeepsStore(kept=store)
    assert check.store is store
    assert check.timeout == (None if store.in_process else 3.0)
