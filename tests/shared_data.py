"""The real data beside the repository (``../shared/data``) that some tests read.

A clone without that folder, a new contributor's, skips those tests and says what is missing.
CI has the folder beside its checkout, so there (``CI`` set, as ``.ci/run`` does) a missing
file fails the test: a test that quietly stopped running would otherwise go unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""``shared/data`` beside the repository; its README names each file's source and licence."""


def shared_data(relative: str) -> Path:
    """The path of ``relative`` under :data:`SHARED_DATA`, which must exist.

    Skips the calling test (or, at module level, the module) when it is missing, and fails it
    instead when the ``CI`` environment variable is set.
    """
    path = SHARED_DATA / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} not found: CI must have the shared data beside the checkout")
        pytest.skip(
            f"{path} not found: this test reads the shared real data, kept beside the "
            "repository as ../shared/data",
            allow_module_level=True,
        )
    return path
