"""Loading plugins, and a typed facade over the hooks they implement.

Nothing is loaded at import time: :func:`load_plugins` builds a fresh plugin manager each time a
:class:`~commentguard.Guard` (or the CLI) is built. The order is: built-in plugins, then entry
points in the ``commentguard`` group, then plugins passed explicitly.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points, version
from typing import TYPE_CHECKING, Any

import pluggy

from commentguard import _hookspecs as hookspecs
from commentguard import _log, _policy
from commentguard._errors import PluginLoadError
from commentguard._hookspecs import PROJECT_NAME

if TYPE_CHECKING:
    import click

    from commentguard._check import Check
    from commentguard._models import CommentSubmission, Decision, Finding, Verdict
    from commentguard._settings import Settings

DISABLE_ENV_VAR = "COMMENTGUARD_DISABLE_PLUGINS"
"""Comma-separated plugin names never to load (entry-point names or built-in module names)."""

BUILTIN_PLUGINS: dict[str, str] = {
    "commentguard.policy": "commentguard._policy",
    "commentguard.log": "commentguard._log",
    "commentguard.checks.honeypot": "commentguard.checks._honeypot",
    "commentguard.checks.duplicate": "commentguard.checks._duplicate",
    "commentguard.checks.form_token": "commentguard.checks._form_token",
    "commentguard.checks.flood": "commentguard.checks._flood",
    "commentguard.checks.closed_thread": "commentguard.checks._closed_thread",
    "commentguard.checks.spam_memory": "commentguard.checks._spam_memory",
    "commentguard.checks.invisible_text": "commentguard.checks._invisible_text",
    "commentguard.checks.homograph": "commentguard.checks._homograph",
    "commentguard.checks.disposable_mailbox": "commentguard.checks._disposable_mailbox",
    "commentguard.checks.wordlists": "commentguard.checks._wordlists",
    "commentguard.checks.links": "commentguard.checks._links",
    "commentguard.checks.bbcode_links": "commentguard.checks._bbcode_links",
    "commentguard.checks.link_ratio": "commentguard.checks._link_ratio",
    "commentguard.checks.disguised_links": "commentguard.checks._disguised_links",
    "commentguard.checks.website_in_body": "commentguard.checks._website_in_body",
    "commentguard.checks.profanity": "commentguard.checks._profanity",
    "commentguard.checks.language": "commentguard.checks._language",
    "commentguard.checks.trusted_author": "commentguard.checks._trusted_author",
}
"""The built-in plugins, registered before any third-party one, in this order: each one's
name (what ``disable_plugins`` takes, stable across releases) and the module that implements it.

The dump formats are not among them: a web worker's guard never reads a dump, so building
one imports no reader (nor lxml); :meth:`FormatRegistry.from_plugins
<commentguard._loaders.formats.FormatRegistry.from_plugins>` adds the built-in formats after
the plugins' own.
"""


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """What ``commentguard plugins`` shows about one loaded plugin."""

    name: str
    version: str | None
    distribution: str | None
    hooks: tuple[str, ...]


class HookManager(pluggy.PluginManager):
    """pluggy's plugin manager, counting the hook-call monitors added to it.

    Tracing (``enable_tracing``) is a monitor too. While none is active, :class:`Plugins`
    calls a hook's only, built-in implementation directly instead of through pluggy.
    """

    monitors = 0
    """How many monitors are active."""

    def add_hookcall_monitoring(
        self, before: Callable[..., None], after: Callable[..., None]
    ) -> Callable[[], None]:
        """Add before/after tracing functions for all hooks; returns the undo function."""
        undo = super().add_hookcall_monitoring(before, after)
        self.monitors += 1
        undone = False

        def undo_and_count() -> None:
            nonlocal undone
            undo()
            if not undone:
                undone = True
                self.monitors -= 1

        return undo_and_count

    def only_implementation(self, hook_name: str) -> Callable[..., Any] | None:
        """The function implementing ``hook_name`` when it is the only one and no monitor runs.

        Then calling it is what calling the hook would do; otherwise ``None``.
        """
        if self.monitors:
            return None
        implementations = getattr(self.hook, hook_name).get_hookimpls()
        if len(implementations) != 1 or implementations[0].hookwrapper:
            return None
        return implementations[0].function  # type: ignore[no-any-return] # pluggy's own Any


class Plugins:
    """The loaded plugins, with one typed method per hook."""

    def __init__(self, manager: HookManager, origins: dict[str, tuple[str, str]]) -> None:
        self.manager = manager
        self._origins = origins  # plugin name -> (distribution, version)

    def check_classes(self) -> list[type[Check]]:
        """Collect the checks every plugin registers; two checks with one name is an error."""
        registered: dict[str, type[Check]] = {}

        def register(check_class: type[Check]) -> None:
            name = getattr(check_class, "name", None)
            if not isinstance(name, str) or not name:
                raise PluginLoadError(f"check class {check_class!r} has no name")
            if name in registered and registered[name] is not check_class:
                raise PluginLoadError(
                    f"two checks are named {name!r}: {public_name(registered[name])} "
                    f"and {public_name(check_class)}"
                )
            registered[name] = check_class

        self.manager.hook.register_checks(register=register)
        return list(registered.values())

    def decide(
        self, submission: CommentSubmission, findings: Sequence[Finding], settings: Settings
    ) -> Decision:
        """Run the ``decide`` hook (first non-None result wins).

        When the default policy is its only implementation and nothing monitors hooks, the
        policy is called directly: the same call, without pluggy's dispatch.
        """
        decision: Decision | None
        if self.manager.only_implementation("decide") is _policy.decide:
            decision = _policy.decide(submission=submission, findings=findings, settings=settings)
            return decision
        decision = self.manager.hook.decide(
            submission=submission, findings=findings, settings=settings
        )
        if decision is None:  # only when the default policy was blocked
            raise PluginLoadError("no plugin made a decision; is commentguard.policy disabled?")
        return decision

    def comment_moderated(self, submission: CommentSubmission, decision: Decision) -> None:
        """Notify plugins of a decision.

        When the built-in log plugin is the only listener and nothing monitors hooks, it is
        called directly (it logs at INFO, and returns at once when that is off).
        """
        if self.manager.only_implementation("comment_moderated") is _log.comment_moderated:
            _log.comment_moderated(submission=submission, decision=decision)
            return
        self.manager.hook.comment_moderated(submission=submission, decision=decision)

    def comment_reported(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Notify plugins of a moderator's verdict."""
        self.manager.hook.comment_reported(submission=submission, verdict=verdict)

    def register_loaders(self, register: Callable[..., None]) -> None:
        """Let plugins register dump loaders."""
        self.manager.hook.register_loaders(register=register)

    def register_commands(self, cli: click.Group) -> None:
        """Let plugins add CLI commands."""
        self.manager.hook.register_commands(cli=cli)

    def describe(self) -> list[PluginInfo]:
        """Describe each loaded plugin: name, version, distribution and implemented hooks."""
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            if plugin is None:  # a blocked name
                continue
            hooks = tuple(
                sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
            )
            distribution, dist_version = self._origins.get(name, (None, None))
            infos.append(PluginInfo(name, dist_version, distribution, hooks))
        return infos


def load_plugins(
    *,
    plugins: Iterable[object] = (),
    disable: Iterable[str] = (),
    load_entry_points: bool = True,
) -> Plugins:
    """Build a fresh plugin manager with built-ins, entry points, then ``plugins``.

    Args:
        plugins: Extra plugin objects or modules to register last.
        disable: Names of plugins never to load; ``COMMENTGUARD_DISABLE_PLUGINS`` adds to it.
        load_entry_points: Whether to load plugins installed in the ``commentguard`` group.

    Raises:
        PluginLoadError: when a plugin fails to import or implements a hook wrongly; the message
            names the plugin and its distribution.
    """
    manager = HookManager(PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    blocked = set(disable) | _disabled_by_environment()
    for name in blocked:
        manager.set_blocked(name)
    origins: dict[str, tuple[str, str]] = {}
    core_version = version("commentguard")
    for name, module_name in BUILTIN_PLUGINS.items():
        if name not in blocked:
            _register(manager, importlib.import_module(module_name), name, "commentguard")
            origins[name] = ("commentguard", core_version)
    if load_entry_points:
        for entry_point in entry_points(group=PROJECT_NAME):
            if entry_point.name in blocked or manager.has_plugin(entry_point.name):
                continue
            dist_name, dist_version = _distribution_of(entry_point)
            plugin = _load_entry_point(entry_point, dist_name)
            _register(manager, plugin, entry_point.name, dist_name)
            origins[entry_point.name] = (dist_name, dist_version)
    for plugin in plugins:
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{id(plugin):x}"
        if name not in blocked:
            _register(manager, plugin, name, None)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginLoadError(f"plugin {exc.plugin!r}: {exc}") from None
    return Plugins(manager, origins)


def _disabled_by_environment() -> set[str]:
    raw = os.environ.get(DISABLE_ENV_VAR, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def _distribution_of(entry_point: EntryPoint) -> tuple[str, str]:
    dist = entry_point.dist
    if dist is None:
        return ("unknown distribution", "")
    return (dist.metadata["Name"] or dist.name, dist.version)


def _load_entry_point(entry_point: EntryPoint, dist_name: str) -> Any:
    try:
        return entry_point.load()
    except Exception as exc:  # any import error must name the plugin, never pass silently
        raise PluginLoadError(
            f"plugin {entry_point.name!r} from distribution {dist_name!r} failed to load "
            f"({entry_point.value}): {type(exc).__name__}: {exc}"
        ) from exc


def _register(
    manager: pluggy.PluginManager, plugin: object, name: str, dist_name: str | None
) -> None:
    origin = f" from distribution {dist_name!r}" if dist_name else ""
    try:
        manager.register(plugin, name=name)
    except (pluggy.PluginValidationError, ValueError) as exc:
        raise PluginLoadError(f"plugin {name!r}{origin} could not be registered: {exc}") from None


def public_name(cls: type) -> str:
    """``cls``'s dotted name as a user imports it (``commentguard.checks.LinksCheck``).

    That is the public package above the private module defining it, when it exports it.
    """
    parts = cls.__module__.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_"):
            package = sys.modules.get(".".join(parts[:index]))
            if package is not None and getattr(package, cls.__qualname__, None) is cls:
                return f"{package.__name__}.{cls.__qualname__}"
            break
    return f"{cls.__module__}.{cls.__qualname__}"
