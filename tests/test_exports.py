"""The public surface: __all__ is complete, sorted, and importing has no side effects."""

from __future__ import annotations

import subprocess
import sys

import commentguard
import commentguard._models
import commentguard.text


def test_all_is_sorted_and_complete() -> None:
    """Every public name in the package namespace is in __all__, and __all__ is sorted."""
    exported = set(commentguard.__all__)
    defined = {
        name
        for name, value in vars(commentguard).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("commentguard")
    }
    # submodules imported as a side effect of importing the package are not API
    defined -= {name for name, value in vars(commentguard).items() if type(value) is type(sys)}
    assert defined - exported == set()
    assert all(hasattr(commentguard, name) for name in exported)
    # ruff's RUF022 order: constants, then classes, then functions, each alphabetical
    kind = {True: 0, False: 1}
    assert commentguard.__all__ == sorted(
        commentguard.__all__,
        key=lambda name: (kind[name.isupper()] if name[:1].isupper() else 2, name),
    )


def test_subpackage_all_lists_exist() -> None:
    """The models and text subpackages export what they list."""
    for module in (commentguard._models, commentguard.text):
        assert all(hasattr(module, name) for name in module.__all__)
        assert module.__all__ == sorted(module.__all__)


def test_importing_loads_no_plugins() -> None:
    """Importing commentguard imports no plugin module and registers nothing."""
    code = (
        "import sys, commentguard; "
        "loaded = [m for m in sys.modules if m.startswith('commentguard.checks')]; "
        "print(loaded)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
