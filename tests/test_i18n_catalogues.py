"""The shipped catalogues: complete for every marked message, correct, and compiled as shipped."""

from __future__ import annotations

import ast
import io
import re
import string
import zipfile
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from commentguard._policy import AUTHOR_MESSAGES
from commentguard.i18n import DOMAIN, LOCALE_DIR, N_, available_locales, translate

SOURCE = Path(__file__).parent.parent / "src" / "commentguard"
TRANSLATED = [locale for locale in available_locales() if locale != "en"]
REQUIRED = ["de", "fr"]


def marked_messages() -> set[str]:
    """Every message marked with ``N_`` in the package's source, as Babel extracts it."""
    found = extract_from_dir(
        str(SOURCE),
        keywords={"N_": None},
        comment_tags=(),
        # Babel's default filter skips folders starting with "_", which are the package's
        # internal ones (_models); so does pybabel unless told --ignore-dirs ".*".
        directory_filter=lambda path: not Path(path).name.startswith("."),
    )
    return {message for _, _, message, _, _ in found}


def catalogue(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=locale)


def template() -> Catalog:
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as file:
        return read_po(file)


def ids(catalog: Catalog) -> set[str]:
    return {str(message.id) for message in catalog if message.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_extraction_finds_the_messages() -> None:
    messages = marked_messages()
    assert "Please enter a valid email address." in messages
    assert "Your name must be at most {max_chars} characters." in messages
    assert set(AUTHOR_MESSAGES.values()) <= messages
    assert len(messages) >= 30


def _called(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return None


def unmarked_reader_messages(path: Path) -> list[str]:
    """Places in ``path`` where a message for readers is written without ``N_``.

    A reader's message is an ``author_message=`` argument, the message of ``field_error``,
    and, in ``models/``, the message of a ``PydanticCustomError``; it must not be a string
    literal (nor an f-string or a concatenation), which extraction would not find. A name is
    followed to the module-level assignment that binds it.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def marked(value: ast.expr) -> bool:
        """Whether ``value`` is no bare text: ``N_(...)``, or what a call or a parameter gives."""
        if isinstance(value, ast.Name) and value.id in bound:
            return marked(bound[value.id])
        if isinstance(value, ast.Constant):
            return not isinstance(value.value, str)
        return not isinstance(value, ast.JoinedStr | ast.BinOp)

    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "author_message":
            if not marked(node.value):
                problems.append(f"{path.name}:{node.value.lineno} author_message")
        elif isinstance(node, ast.Call) and _called(node) in {"field_error", "PydanticCustomError"}:
            in_models = path.parent.name == "models"
            checked = (_called(node) == "field_error" or in_models) and len(node.args) > 1
            if checked and not marked(node.args[1]):
                problems.append(f"{path.name}:{node.lineno} {_called(node)}")
    return sorted(problems, key=lambda problem: int(problem.split(":")[1].split()[0]))


def test_every_message_for_readers_is_marked() -> None:
    """No author message or field error in the source escapes extraction (and translation)."""
    problems = [
        problem
        for path in sorted(SOURCE.rglob("*.py"))
        for problem in unmarked_reader_messages(path)
    ]
    assert not problems, f"wrap these messages in N_(...): {problems}"


def test_the_marking_check_sees_an_unmarked_message(tmp_path: Path) -> None:
    source = tmp_path / "check.py"
    source.write_text(
        'MESSAGE = "Bare."\n'
        'GOOD = N_("Marked.")\n'
        'finding(author_message="Bare too.")\n'
        "finding(author_message=MESSAGE)\n"
        "finding(author_message=GOOD)\n"
        'field_error("code", "Not marked.")\n'
        'field_error("code", N_("Marked."))\n'
        'field_error("code", f"Said {n} times.")\n'
        "finding(author_message=None)\n"
        "finding(author_message=choose(verdict))\n",
        encoding="utf-8",
    )
    assert unmarked_reader_messages(source) == [
        "check.py:3 author_message",
        "check.py:4 author_message",
        "check.py:6 field_error",
        "check.py:8 field_error",
    ]


def test_the_marker_returns_its_message() -> None:
    assert N_("Anything.") == "Anything."


@pytest.mark.parametrize("locale", REQUIRED)
def test_german_and_french_are_shipped(locale: str) -> None:
    assert locale in available_locales()


def test_the_template_holds_exactly_the_marked_messages() -> None:
    assert ids(template()) == marked_messages(), "run pybabel extract (docs/translations.md)"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_marked_message_is_translated(locale: str) -> None:
    catalog = catalogue(locale)
    marked = marked_messages()
    missing = sorted(marked - ids(catalog))
    assert not missing, f"{locale}: not in the catalogue (pybabel update): {missing}"
    untranslated = sorted(str(m.id) for m in catalog if m.id and not m.string)
    assert not untranslated, f"{locale}: untranslated: {untranslated}"
    fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
    assert not fuzzy, f"{locale}: fuzzy: {fuzzy}"
    stale = sorted(ids(catalog) - marked)
    assert not stale, f"{locale}: no longer in the source: {stale}"
    assert not catalog.obsolete, f"{locale}: obsolete entries: {sorted(catalog.obsolete)}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_is_translated_at_run_time(locale: str) -> None:
    """What gettext reads from the .mo file differs from the English for every message."""
    for message in marked_messages():
        assert translate(message, locale) != message, (locale, message)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_the_placeholders(locale: str) -> None:
    for message in catalogue(locale):
        if message.id:
            assert placeholders(str(message.string)) == placeholders(str(message.id)), message.id


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_catalogue_names_its_language(locale: str) -> None:
    catalog = catalogue(locale)
    assert str(catalog.locale) == locale
    assert catalog.charset == "utf-8"
    assert not catalog.fuzzy


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_shipped_mo_file_is_what_the_po_file_compiles_to(locale: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(locale))
    shipped = (LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    assert shipped == compiled.getvalue(), "run pybabel compile (docs/translations.md)"


# Informal address, which a site's readers should not read from a form.
_INFORMAL = {
    "de": re.compile(r"\b(du|dich|dir|dein\w*|euch|euer|eure\w*)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(tu|te|toi|ton|ta|tes)\b|\bt’", re.IGNORECASE),
}


@pytest.mark.parametrize("locale", sorted(_INFORMAL))
def test_readers_are_addressed_formally(locale: str) -> None:
    for message in catalogue(locale):
        if message.id:
            assert not _INFORMAL[locale].search(str(message.string)), message.string
    german_you = [m for m in catalogue("de") if m.id and re.search(r"\bIhr|\bSie\b", m.string)]
    assert german_you, "the German catalogue says Sie and Ihr"


def test_french_punctuation_has_a_no_break_space_before_it() -> None:
    for message in catalogue("fr"):
        if not message.id:
            continue
        text = str(message.string)
        for mark in re.finditer(r"(.)([:;!?])(?=\s|$)", text):
            assert mark.group(1) == "\u00a0", (text, mark.group(0))


def test_the_wheel_ships_the_catalogues(tmp_path: Path) -> None:
    """A built wheel holds the .po and .mo files (hatch takes everything under src/commentguard)."""
    build = pytest.importorskip("hatchling.builders.wheel")
    builder = build.WheelBuilder(str(SOURCE.parent.parent))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    names = set(zipfile.ZipFile(wheel).namelist())
    for locale in TRANSLATED:
        for suffix in ("po", "mo"):
            assert f"commentguard/locale/{locale}/LC_MESSAGES/{DOMAIN}.{suffix}" in names
    assert f"commentguard/locale/{DOMAIN}.pot" in names
