"""The same scenarios through every framework; docs/adapters.md prints what the author sees.

After a deliberate change of behaviour, rewrite the printed table with
``WRITE_BEHAVIOUR_TABLE=1 python -m pytest tests/adapters/test_behaviour_table.py``
and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from behaviour import (
    EMAIL,
    JSON_SITES,
    SCENARIOS,
    SITES,
    Seen,
    printed_table,
    render_table,
    write_table,
)

from doc_apps import as_a_new_user

PAGE = Path(__file__).parents[2] / "docs" / "adapters.md"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Seen]]:
    table: dict[str, dict[str, Seen]] = {scenario: {} for scenario in SCENARIOS}
    with pytest.MonkeyPatch.context() as monkeypatch:
        as_a_new_user(monkeypatch, tmp_path_factory.mktemp("cwd"))
        for site_name, make_site in SITES.items():
            for scenario, run in SCENARIOS.items():
                workdir = tmp_path_factory.mktemp("site")
                with make_site(workdir, monkeypatch) as site:
                    table[scenario][site_name] = run(site)
    return table


def test_the_docs_print_what_each_framework_shows_the_author(
    results: dict[str, dict[str, Seen]],
) -> None:
    table = render_table(results)
    if os.environ.get("WRITE_BEHAVIOUR_TABLE"):
        write_table(PAGE, table)
    assert printed_table(PAGE) == table


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_no_framework_shows_the_email(results: dict[str, dict[str, Seen]], scenario: str) -> None:
    for site, seen in results[scenario].items():
        page = seen.page.replace(f'value="{EMAIL}"', "")  # the reader's own input, given back
        assert EMAIL not in page, site


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_framework_gives_the_same_outcome(
    results: dict[str, dict[str, Seen]], scenario: str
) -> None:
    """Published, pending, or sent back to the author: the same everywhere, per idiom."""
    outcomes = {site: outcome(seen) for site, seen in results[scenario].items()}
    assert len(set(outcomes.values())) == 1, outcomes


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_json_endpoint_gives_the_same_answer(
    results: dict[str, dict[str, Seen]], scenario: str
) -> None:
    """Flask, Django, FastAPI and Starlette: the same status and the same words."""
    cells = {site: seen.cell for site, seen in results[scenario].items() if site in JSON_SITES}
    assert len(set(cells.values())) == 1, cells


def outcome(seen: Seen) -> str:
    if seen.status in (201, 302, 303) and "Thank you" in seen.message:
        return "published"
    if seen.status in (202, 302, 303):
        return "pending"
    return "sent back"  # field errors or a refusal: the form again, or a 4xx to show
