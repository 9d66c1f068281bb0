"""The hooks a commentguard plugin can implement.

A plugin is any module or object with functions decorated by :data:`commentguard.hookimpl`,
registered through the ``commentguard`` entry-point group (or passed as ``Guard(plugins=[...])``).
Each hook below documents what it receives, what it must return, and when it is called; the
documentation site has one entry per hook with an example (``docs/hooks.md``).

Hooks are synchronous and run in the caller's thread. I/O belongs in :class:`~commentguard.Check`
objects (registered through :func:`register_checks`), which the guard runs with timeouts and
turns into findings when they fail.

Registration hooks take a ``register`` callback rather than returning values, so commentguard can
pass more keyword arguments later without breaking plugins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from commentguard._check import Check
    from commentguard._models import CommentSubmission, Decision, Finding, Verdict
    from commentguard._settings import Settings

PROJECT_NAME = "commentguard"
"""The pluggy project name: the marker name and the entry-point group."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the checks this plugin provides.

    Called once for each :class:`~commentguard.Guard` that is built.

    Args:
        register: Call it with each :class:`~commentguard.Check` subclass (the class, not an
            instance). The guard instantiates it with its validated settings section
            ``[checks.<name>]``. Registering two checks with the same name is an error.

    Returns:
        Nothing; the return value is ignored.
    """


@hookspec(firstresult=True)
def decide(
    submission: CommentSubmission,
    findings: Sequence[Finding],
    settings: Settings,
) -> Decision | None:
    """Turn the findings about a submission into a decision.

    The first implementation that returns a :class:`~commentguard.Decision` wins; the others are
    not called. commentguard's default policy is registered with ``trylast=True``: the most severe
    verdict among the findings (discard > reject > spam > hold > approve), approve when there are
    none. Implement this hook to change the policy, for example to publish held comments on a
    quiet site, or to spam anything two checks dislike. It is asked again, with more findings,
    when a check's ``confirm`` refuses a comment the first answer took (a replayed form token),
    so keep it free of side effects.

    Args:
        submission: The validated submission.
        findings: Every finding the checks produced, in pipeline order.
        settings: The guard's settings.

    Returns:
        A :class:`~commentguard.Decision`, or ``None`` to leave the decision to the next
        implementation (ultimately the default policy). The guard replaces ``timings`` with
        the time it measured for each check.
    """


@hookspec
def comment_moderated(submission: CommentSubmission, decision: Decision) -> None:
    """React to a decision: write a log line, count a metric, feed a moderation queue.

    Called after every moderation, in the thread that moderated. Keep it quick; hand slow work
    to a queue. An exception raised here propagates to the caller of ``moderate``.

    Args:
        submission: The validated submission. Its email is masked in ``str``/``repr``; use
            ``submission.email.reveal()`` only where the address is genuinely needed.
        decision: The decision the site is about to act on.

    Returns:
        Nothing; the return value is ignored.
    """


@hookspec
def comment_reported(submission: CommentSubmission, verdict: Verdict) -> None:
    """Learn from a moderator's verdict on a comment ("this was spam", "this was fine").

    Called by ``Guard.report``, after each check the guard runs has learned from the verdict
    through ``Check.learn`` (its own memory: trusted authors, reported spam, the Bayes counts,
    the Akismet check's submit-spam and submit-ham). This hook is for plugins that are not
    checks and only hear about reports: logging them (core's log plugin), statistics, a queue.

    Args:
        submission: The submission the moderator judged.
        verdict: What the moderator decided: ``approve`` for ham, ``spam`` or ``discard`` for
            spam, ``hold`` or ``reject`` for neither.

    Returns:
        Nothing; the return value is ignored.
    """


@hookspec
def register_loaders(register: Callable[..., None]) -> None:
    """Register readers for comment dump formats, used by ``commentguard check``.

    Called once when ``commentguard check`` loads its formats, in the main process; never
    when a :class:`~commentguard.Guard` is built.

    Args:
        register: Call it with a :class:`~commentguard._loaders.DumpFormat` for each format
            the plugin reads (a name, a reader, a ``sniff`` function, and optionally a
            rewriter and a splitter). Plugins' formats are tried before the built-in ones,
            which are added after them (not through this hook).

    Returns:
        Nothing; the return value is ignored.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``commentguard`` command-line tool.

    Called once when the CLI starts, before arguments are parsed.

    Args:
        cli: The top-level :class:`click.Group`; decorate functions with ``@cli.command()``.

    Returns:
        Nothing; the return value is ignored.
    """


HOOK_NAMES: tuple[str, ...] = (
    "register_checks",
    "decide",
    "comment_moderated",
    "comment_reported",
    "register_loaders",
    "register_commands",
)
"""Every hook name, in the order the documentation lists them."""

__all__ = ["HOOK_NAMES", "PROJECT_NAME", "hookimpl", "hookspec"]
