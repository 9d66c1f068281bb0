"""The command-line skeleton: moderate, plugins, checks, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentguard.cli import build_cli

EMAIL = "ada.lovelace@example.com"
SECRET_KEY = "cli-commands-test-secret-1c5e9a3f7b0d2468"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_cli(list(args)), list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_moderate_reads_stdin_and_prints_the_decision() -> None:
    """`commentguard moderate` prints the decision and the masked submission as JSON."""
    submission = {"name": "Ada", "email": EMAIL, "body": "Buy at https://a.example www.b.example"}
    code, out, err = run("moderate", input=json.dumps(submission))
    assert code == 0, err
    output = json.loads(out)
    assert output["verdict"] == "hold"
    assert [f["code"] for f in output["findings"]] == ["links.too_many", "link_ratio.mostly_links"]
    assert output["submission"]["email"] == "a***@example.com"
    assert EMAIL not in out


def test_moderate_shows_the_email_only_when_asked(tmp_path: Path) -> None:
    """--show-email is the explicit request that reveals the address."""
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"name": "Ada", "email": EMAIL, "body": "Hi"}), encoding="utf-8")
    code, out, _ = run("moderate", "--json", str(path), "--show-email")
    assert code == 0
    assert json.loads(out)["submission"]["email"] == EMAIL


def test_moderate_invalid_submission_prints_field_errors_and_exits_1() -> None:
    """Field errors come out as JSON with codes, without the submitted values."""
    code, out, _ = run("moderate", input=json.dumps({"name": " ", "email": "ada@", "body": "x"}))
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("name", "name_missing"),
        ("email", "email_invalid"),
    ]
    assert "ada@" not in out


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"name": "Ada",', "<stdin>:1:16: not valid JSON"),
        ("[1, 2]", "the submission must be a JSON object"),
        ('{"thread_id": ' + "1" * 5_000 + "}", "<stdin>:1:15: not valid JSON: a number longer"),
        ('{"id": ' + "[" * 100_000, "<stdin>:1:39: not valid JSON: nested deeper than 32 levels"),
    ],
    ids=["malformed", "not-an-object", "5000-digits", "100000-deep"],
)
def test_moderate_bad_json_is_one_line_exit_2(stdin: str, message: str) -> None:
    """Malformed input gives one clear line on stderr and exit status 2, no traceback."""
    code, out, err = run("moderate", input=stdin)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_bad_configuration_is_one_line(tmp_path: Path) -> None:
    """A bad setting names its key on one line."""
    config = tmp_path / "bad.toml"
    config.write_text("[checks.links]\nmax_links = 0\n", encoding="utf-8")
    code, _, err = run("--config", str(config), "checks")
    assert code == 2
    assert "checks.links.max_links" in err
    assert len(err.strip().splitlines()) == 1


def test_checks_lists_the_pipeline_in_order_with_settings() -> None:
    """`commentguard checks` shows what will run, cheapest first, with effective settings."""
    code, out, _ = run("checks")
    assert code == 0
    listed = json.loads(out)
    assert [item["name"] for item in listed] == [
        "honeypot", "duplicate", "form_token", "flood", "closed_thread", "spam_memory",
        "invisible_text", "disposable_mailbox", "homograph", "wordlists", "links",
        "bbcode_links", "link_ratio", "disguised_links", "profanity", "trusted_author",
    ]  # fmt: skip
    assert [item["order"] for item in listed] == sorted(item["order"] for item in listed)
    links = next(item for item in listed if item["name"] == "links")
    assert links["settings"]["max_links"] == 2


def test_plugins_lists_builtins() -> None:
    """`commentguard plugins` lists the built-in plugins with commentguard's version."""
    code, out, _ = run("--no-plugins", "plugins")
    assert code == 0
    listed = json.loads(out)
    assert listed[0]["name"] == "commentguard.policy"
    assert listed[0]["hooks"] == ["decide"]
    assert all(item["distribution"] == "commentguard" for item in listed)


def test_version() -> None:
    """--version prints the installed version."""
    code, out, _ = run("--version")
    assert code == 0
    assert "commentguard" in out


def test_plugin_disabled_in_config_file_adds_no_commands(tmp_path: Path) -> None:
    """--config is read before plugins add commands, so disable_plugins applies to them too."""
    config = tmp_path / "site.toml"
    config.write_text('disable_plugins = ["commentguard.checks.links"]\n', encoding="utf-8")
    code, out, _ = run("--config", str(config), "checks")
    assert code == 0
    assert "links" not in [item["name"] for item in json.loads(out)]


def test_report_replays_decisions_and_reports_bad_lines(tmp_path: Path) -> None:
    """`commentguard report` records approvals in the store; bad lines name their number."""
    store = tmp_path / "store.db"
    config = tmp_path / "site.toml"
    config.write_text(
        f'store = "sqlite:///{store}"\nsecret_key = "{SECRET_KEY}"\n', encoding="utf-8"
    )
    decisions = tmp_path / "decisions.jsonl"
    good = {"name": "Ada", "email": EMAIL, "body": "Hi", "verdict": "approve", "id": "c1"}
    decisions.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{broken",
                json.dumps({**good, "verdict": "maybe", "id": "c3"}),
                json.dumps({**good, "email": "nope", "id": "c4"}),
                json.dumps({**good, "verdict": "spam", "id": "c5", "name": "Bot"}),
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = run("--config", str(config), "report", str(decisions))
    assert code == 1
    assert json.loads(out) == {"recorded": {"approve": 1, "spam": 1}, "bad_lines": 3}
    lines = err.strip().splitlines()
    assert [line.split(":")[1] for line in lines] == ["2", "3", "4"]
    assert "Traceback" not in err
    assert EMAIL not in err + out
    # the approval was stored: Ada's link-heavy comment now skips the hold
    submission = {"name": "Ada", "email": EMAIL, "body": "https://a.example https://b.example"}
    code, out, _ = run("--config", str(config), "moderate", input=json.dumps(submission))
    assert json.loads(out)["verdict"] == "approve"


def _reported_spam_linking_spam_example(tmp_path: Path) -> Path:
    """A site's settings file whose SQLite store has a spam report linking a.spam.example."""
    config = tmp_path / "site.toml"
    config.write_text(
        f'store = "sqlite:///{tmp_path}/store.db"\nsecret_key = "{SECRET_KEY}"\n', encoding="utf-8"
    )
    decisions = tmp_path / "decisions.jsonl"
    spam = {"name": "Bot", "email": "bot@spam-mail.example", "verdict": "spam"}
    decisions.write_text(json.dumps({**spam, "body": "https://a.spam.example/x"}), "utf-8")
    assert run("--config", str(config), "report", str(decisions))[0] == 0
    return config


def test_reported_spam_is_remembered_by_the_next_command(tmp_path: Path) -> None:
    """`commentguard report` of spam: a later `moderate` linking the same domain is held."""
    config = _reported_spam_linking_spam_example(tmp_path)
    later = {
        "name": "Bea",
        "email": EMAIL,
        "body": "See this page, I found it today: https://www.spam.example/y",
    }
    _, out, _ = run("--config", str(config), "moderate", input=json.dumps(later))
    decision = json.loads(out)
    assert decision["verdict"] == "hold"
    assert [finding["code"] for finding in decision["findings"]] == ["spam_memory.domain"]
    assert "bot@" not in out


def test_check_on_the_sites_store_flags_what_moderators_reported(tmp_path: Path) -> None:
    """`commentguard check` runs spam_memory on the site's store (on memory:// it is off)."""
    config = _reported_spam_linking_spam_example(tmp_path)
    dump = tmp_path / "old.jsonl"
    old = {"name": "Bea", "email": EMAIL, "body": "An old comment linking www.spam.example/y"}
    dump.write_text(json.dumps({**old, "id": "1"}) + "\n", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    code, _, err = run(
        "--config", str(config), "check", str(dump), "--format", "jsonl", "-o", str(rows)
    )
    assert code == 0, err
    (flagged,) = [json.loads(line) for line in rows.read_text("utf-8").splitlines()]
    assert flagged["codes"] == ["spam_memory.domain"]
    code, _, err = run("check", str(dump), "--format", "jsonl", "-o", str(rows))  # memory://
    assert code == 0, err
    assert json.loads(rows.read_text("utf-8"))["codes"] == []


def test_report_skips_lines_with_huge_numbers_or_deep_nesting(tmp_path: Path) -> None:
    """Each is a bad line with its number, and the lines after it are still recorded."""
    good = {"name": "Ada", "email": EMAIL, "body": "Hi", "verdict": "approve"}
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text(
        f'{{"id": {"9" * 5_000}, "verdict": "spam"}}\n'
        f'{{"id": "c2", "thread_id": {"[" * 100_000}{"]" * 100_000}}}\n'
        f"{json.dumps(good)}\n",
        encoding="utf-8",
    )
    code, out, err = run("report", str(decisions))
    assert code == 1
    assert json.loads(out) == {"recorded": {"approve": 1}, "bad_lines": 2}
    assert err.splitlines() == [
        f"{decisions}:1: not valid JSON: a number longer than 100 characters (column 8)",
        f"{decisions}:2: not valid JSON: nested deeper than 32 levels (column 58)",
    ]
