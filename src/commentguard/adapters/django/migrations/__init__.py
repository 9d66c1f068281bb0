"""The migrations of the ``commentguard`` app (its ModerationRecord)."""
