"""Management commands: ``commentguard_recheck``."""
