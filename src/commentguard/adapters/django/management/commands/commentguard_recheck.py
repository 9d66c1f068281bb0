"""``manage.py commentguard_recheck [--dry-run]``: moderate the pending comments again."""

from __future__ import annotations

from typing import Any

import django_comments
from django.core.management.base import BaseCommand, CommandParser

from commentguard.adapters.django._recheck import OUTCOMES, Change, recheck


class Command(BaseCommand):  # type: ignore[misc] # Django has no type hints
    """Moderate again, with the current rules, every comment awaiting moderation."""

    help = (
        "Moderate the comments awaiting moderation (not public, not removed) again with the "
        "current rules: approved ones are published, spam is removed. Prints each change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """``--dry-run``."""
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; change nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        """Recheck the queue and print each change and a summary."""
        model = django_comments.get_model()
        queue = model.objects.filter(is_public=False, is_removed=False).order_by("pk")

        def report(change: Change) -> None:
            self.stdout.write(change.line())

        counts = recheck(queue.iterator(), dry_run=dry_run, report=report)
        total = sum(counts.values())
        parts = ", ".join(
            f"{counts[name]} {word}" for name, word in OUTCOMES.items() if counts[name]
        )
        summary = f"Rechecked {total} comment{'s' if total != 1 else ''}"
        self.stdout.write(f"{summary}: {parts}." if parts else f"{summary}.")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
