"""``commentguard train --labels FILE`` on CSV, JSON Lines and WordPress exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentguard.cli import build_cli
from commentguard.stores import open_store
from commentguard_bayes.features import FEATURES_VERSION

MODEL = f"commentguard:bayes:{FEATURES_VERSION}:model"

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<item>
<title>A post</title>
<link>https://blog.example/a-post</link>
<wp:post_id>7</wp:post_id>
<wp:comment>
<wp:comment_id>1</wp:comment_id>
<wp:comment_author>Spammer</wp:comment_author>
<wp:comment_author_email>spam@example.com</wp:comment_author_email>
<wp:comment_content>Cheap replica watches at watchdeals.example</wp:comment_content>
<wp:comment_approved>spam</wp:comment_approved>
</wp:comment>
<wp:comment>
<wp:comment_id>2</wp:comment_id>
<wp:comment_author>Reader</wp:comment_author>
<wp:comment_author_email>reader@example.com</wp:comment_author_email>
<wp:comment_content>Thanks for the clear explanation.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>
</wp:comment>
<wp:comment>
<wp:comment_id>3</wp:comment_id>
<wp:comment_author>Waiting</wp:comment_author>
<wp:comment_content>Pending comments are not labels.</wp:comment_content>
<wp:comment_approved>0</wp:comment_approved>
</wp:comment>
<wp:comment>
<wp:comment_id>4</wp:comment_id>
<wp:comment_author>Bad date</wp:comment_author>
<wp:comment_content>Broken record</wp:comment_content>
<wp:comment_date_gmt>yesterday</wp:comment_date_gmt>
<wp:comment_approved>spam</wp:comment_approved>
</wp:comment>
<wp:comment>
<wp:comment_id>5</wp:comment_id>
<wp:comment_author>Other spammer</wp:comment_author>
<wp:comment_content>Replica watches, cheap, watchdeals.example</wp:comment_content>
<wp:comment_approved>spam</wp:comment_approved>
</wp:comment>
</item>
</channel>
</rss>
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A configuration whose store is a SQLite file, the seed off so counts are exact."""
    path = tmp_path / "commentguard.toml"
    path.write_text(
        f'store = "sqlite:///{tmp_path}/store.db"\n'
        'secret_key = "bayes-train-test-secret-8e2c6a0f4d1b3579"\n'
        "[checks.bayes]\nseed = false\n",
        encoding="utf-8",
    )
    return path


def train(config: Path, *args: str) -> tuple[int, dict[str, object], str]:
    argv = ["--config", str(config), "train", *args]
    result = CliRunner().invoke(build_cli(argv), argv, catch_exceptions=False)
    summary = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, summary, result.stderr


def model_documents(config: Path) -> dict[str, float]:
    url = f"sqlite:///{config.parent}/store.db"
    with open_store(url) as store:
        return store.counts(MODEL, ["documents:spam", "documents:ham"])


def test_train_from_csv_reports_bad_rows_and_learns_the_rest(config: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "id,CONTENT,CLASS\n"
        '1,"Subscribe to my channel, free gift cards",1\n'
        "2,Lovely write-up,0\n"
        "3,too,many,columns\n"
        "4,Who knows,maybe\n"
        "5,,1\n"
        "6,Visit giftcards.example now,spam\n",
        encoding="utf-8",
    )
    code, summary, errors = train(
        config, "--labels", str(labels), "--text-column", "CONTENT", "--label-column", "CLASS"
    )
    assert code == 1
    assert summary["learned"] == {"spam": 2, "ham": 1}
    assert summary["bad_records"] == 3
    assert f"{labels}:4: 4 columns where the header has 3" in errors
    assert f"{labels}:5 (record '4'): CLASS is 'maybe', not spam or ham" in errors
    assert f"{labels}:6 (record '5'): no comment text in 'CONTENT'" in errors
    assert model_documents(config) == {"documents:spam": 2.0, "documents:ham": 1.0}


def test_train_from_jsonl_goes_on_after_a_bad_line(config: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    lines = [
        json.dumps({"body": "Win a free phone at prizes.example", "label": "spam"}),
        "{not json",
        json.dumps({"body": "Interesting point about caching.", "label": "ham"}),
        json.dumps(["a list"]),
        json.dumps({"body": "Good read", "label": "HAM", "url": "https://reader.example"}),
    ]
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, summary, errors = train(config, "--labels", str(labels))
    assert code == 1
    assert summary["learned"] == {"spam": 1, "ham": 2}
    assert summary["model"] == {"spam": 1, "ham": 2}
    assert f"{labels}:2: not valid JSON" in errors
    assert f"{labels}:4: a line must be a JSON object" in errors
    # Running it again adds up: training is cumulative, like moderators' reports.
    train(config, "--labels", str(labels))
    assert model_documents(config) == {"documents:spam": 2.0, "documents:ham": 4.0}


def test_train_from_a_wordpress_export(config: Path, tmp_path: Path) -> None:
    """comment_approved spam is spam, 1 is ham, anything else is skipped; bad records reported."""
    export = tmp_path / "export.xml"
    export.write_text(WXR, encoding="utf-8")
    code, summary, errors = train(config, "--labels", str(export))
    assert code == 1
    assert summary["learned"] == {"spam": 2, "ham": 1}
    assert summary["skipped"] == 1
    assert summary["bad_records"] == 1
    assert f"{export}:28 (record '4'): comment_date_gmt is not a date" in errors
    assert "example.com" not in errors  # never an email in a report


def test_train_a_clean_file_exits_zero(config: Path, tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"body": "Fine comment", "label": "ham"}) + "\n", "utf-8")
    code, summary, errors = train(config, "--labels", str(labels))
    assert (code, errors) == (0, "")
    assert summary == {
        "learned": {"spam": 0, "ham": 1},
        "skipped": 0,
        "bad_records": 0,
        "model": {"spam": 0, "ham": 1},
    }


def test_train_refuses_what_it_cannot_read(config: Path, tmp_path: Path) -> None:
    """An unknown extension, or malformed XML, is one line on stderr and exit status 2."""
    unknown = tmp_path / "labels.txt"
    unknown.write_text("spam\n", encoding="utf-8")
    code, _, errors = train(config, "--labels", str(unknown))
    assert code == 2
    assert "cannot tell the format from the extension; pass --format" in errors
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><item>", encoding="utf-8")
    code, _, errors = train(config, "--labels", str(broken))
    assert code == 2
    assert f"{broken}:1:" in errors
    assert "Traceback" not in errors


def test_train_refuses_a_store_that_forgets(tmp_path: Path) -> None:
    """memory:// (the default) would lose the model at exit: exit 2, saying what to set."""
    config = tmp_path / "memory.toml"
    config.write_text('store = "memory://"\n', encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"body": "Fine comment", "label": "ham"}) + "\n", "utf-8")
    code, summary, errors = train(config, "--labels", str(labels))
    assert (code, summary) == (2, {})
    assert 'set store = "sqlite:///path/to/guard.db" or a Redis URL' in errors
    assert "Traceback" not in errors


def test_train_builds_only_the_bayes_check(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other checks' sections are left alone: an Akismet section without its key, say."""
    monkeypatch.delenv("PYTHON_AKISMET_API_KEY", raising=False)
    with config.open("a", encoding="utf-8") as toml:
        toml.write('[checks.akismet]\nfallback = "hold"\n')
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"body": "Fine comment", "label": "ham"}) + "\n", "utf-8")
    code, summary, errors = train(config, "--labels", str(labels))
    assert (code, errors) == (0, "")
    assert summary["learned"] == {"spam": 0, "ham": 1}


def test_train_names_a_bad_bayes_setting(config: Path, tmp_path: Path) -> None:
    with config.open("a", encoding="utf-8") as toml:
        toml.write("min_documents = 0\n")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"body": "Fine comment", "label": "ham"}) + "\n", "utf-8")
    code, _, errors = train(config, "--labels", str(labels))
    assert code == 2
    assert "checks.bayes.min_documents" in errors
