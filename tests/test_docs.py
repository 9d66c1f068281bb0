"""The documentation covers every hook, built-in check, setting and verdict."""

from __future__ import annotations

import inspect
import re
import runpy
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

import commentguard.checks
from commentguard import CheckSettings, EmailOptions, Settings, SubmissionLimits, Verdict
from commentguard import _hookspecs as hookspecs
from commentguard._check import Check
from doc_apps import python_blocks_in

DOCS = Path(__file__).parents[1] / "docs"
HOOK_HEADING = re.compile(r"(\w+)\(([^()]*)\)")
FENCE = re.compile(r"^(`{3,}|:{3,})")


def read(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def sections(text: str, level: int) -> dict[str, str]:
    """Split Markdown at headings of ``level`` outside code fences: heading text -> body."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence: str | None = None  # the opening run of backticks or colons while inside a fence
    marker = "#" * level + " "
    for line in text.splitlines():
        opening = FENCE.match(line)
        if opening and fence is None:
            fence = opening.group(1)
        elif fence is not None:
            closing = line.strip()
            if closing.startswith(fence) and set(closing) == set(fence):
                fence = None
        elif line.startswith("#"):
            if line.startswith(marker):
                current = found.setdefault(line[len(marker) :].strip(), [])
                continue
            if len(line) - len(line.lstrip("#")) < level:
                current = None
        if current is not None:
            current.append(line)
    return {heading: "\n".join(body) for heading, body in found.items()}


def hookspec_functions() -> dict[str, Callable[..., object]]:
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {
        name: value
        for name, value in vars(hookspecs).items()
        if inspect.isfunction(value) and hasattr(value, marker)
    }


def hook_headings() -> dict[str, tuple[list[str], str]]:
    """Hook name -> (parameters in its ``## name(params)`` heading, section text)."""
    headings = {}
    for heading, body in sections(read("hooks.md"), level=2).items():
        match = HOOK_HEADING.fullmatch(heading)
        if match:
            params = [param.strip() for param in match.group(2).split(",") if param.strip()]
            headings[match.group(1)] = (params, body)
    return headings


HOOKS = sorted(set(hookspecs.HOOK_NAMES) | set(hookspec_functions()))
BUILTIN_CHECKS: list[type[Check]] = [
    getattr(commentguard.checks, name) for name in commentguard.checks.__all__
]
CHECK_NAMES = [check.name for check in BUILTIN_CHECKS]


def test_hook_names_list_every_hookspec() -> None:
    assert set(hookspecs.HOOK_NAMES) == set(hookspec_functions())


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_heading_is_its_signature(hook: str) -> None:
    headings = hook_headings()
    assert hook in headings, f"docs/hooks.md has no '## {hook}(...)' heading"
    spec = hookspec_functions()[hook]
    expected = list(inspect.signature(spec).parameters)
    assert headings[hook][0] == expected, f"heading should be '## {hook}({', '.join(expected)})'"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_heading_has_its_label(hook: str) -> None:
    pattern = rf"^\(hook-{hook}\)=\n\n## {hook}\("
    assert re.search(pattern, read("hooks.md"), flags=re.MULTILINE), f"(hook-{hook})= label"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_section_has_an_example(hook: str) -> None:
    _, body = hook_headings().get(hook, ([], ""))
    assert any(
        "@commentguard.hookimpl" in block and f"def {hook}(" in block
        for block in python_blocks_in(body)
    ), f"the {hook} section needs a python example using @commentguard.hookimpl"


@pytest.mark.parametrize("check", CHECK_NAMES)
def test_builtin_check_has_a_heading(check: str) -> None:
    headings = sections(read("checks.md"), level=2)
    assert any(re.fullmatch(rf"`?{check}`?", heading) for heading in headings), check


def test_every_settings_field_is_documented() -> None:
    page = read("configuration.md")
    models: list[type[BaseModel]] = [Settings, SubmissionLimits, EmailOptions, CheckSettings]
    missing = [
        f"{model.__name__}.{field}"
        for model in models
        for field in model.model_fields
        if f"`{field}`" not in page
    ]
    assert not missing, f"not in docs/configuration.md: {missing}"


@pytest.mark.parametrize("check", BUILTIN_CHECKS, ids=CHECK_NAMES)
def test_check_settings_are_documented_in_its_section(check: type[Check]) -> None:
    headings = sections(read("configuration.md"), level=3)
    section = headings.get(f"`checks.{check.name}`")
    assert section is not None, f"docs/configuration.md has no '### `checks.{check.name}`'"
    own_fields = set(check.settings_model.model_fields) - set(CheckSettings.model_fields)
    missing = sorted(field for field in own_fields if f"`{field}`" not in section)
    assert not missing, f"checks.{check.name} settings not documented: {missing}"


def test_verdict_mapping_table_has_every_verdict() -> None:
    tables = [
        block
        for block in re.findall(r"(?:^\|.*\|\n)+", read("concepts.md"), flags=re.MULTILINE)
        if all(system in block.splitlines()[0] for system in ("WordPress", "Akismet", "Isso"))
    ]
    assert len(tables) == 1, "docs/concepts.md needs one WordPress/Akismet/Isso verdict table"
    rows = tables[0].splitlines()[2:]
    first_cells = [row.split("|")[1].strip() for row in rows]
    missing = [verdict.value for verdict in Verdict if f"`{verdict.value}`" not in first_cells]
    assert not missing, f"verdict table lacks rows for {missing}"


def test_cli_reference_is_generated_from_the_current_help() -> None:
    """docs/cli-reference.md is what scripts/generate_cli_reference.py writes today."""
    script = Path(__file__).parents[1] / "scripts" / "generate_cli_reference.py"
    generator = runpy.run_path(str(script))
    assert read("cli-reference.md") == generator["render"](), (
        "docs/cli-reference.md is out of date: run python scripts/generate_cli_reference.py"
    )


def test_the_security_model_names_only_tests_and_scripts_that_exist() -> None:
    """Each guarantee in deployment.md's Security model points at a file and test that exist."""
    page = read("deployment.md")
    section = page[page.index("## Security model") :]
    root = DOCS.parent
    named = re.findall(
        r"`((?:tests|examples|plugins|benchmarks)/[\w/.-]+\.py)((?:::\w+)?)`", section
    )
    assert len(named) > 20
    for path, test in named:
        assert (root / path).is_file(), path
        if test:
            assert f"def {test[2:]}(" in (root / path).read_text(encoding="utf-8"), path + test
    for test in re.findall(r"`::(\w+)`", section):  # a further test of the file just named
        assert any(
            f"def {test}(" in source.read_text(encoding="utf-8")
            for source in root.glob("**/test_*.py")
            if ".venv" not in source.parts
        ), test
