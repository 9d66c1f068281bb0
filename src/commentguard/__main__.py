"""``python -m commentguard``: the same as the ``commentguard`` command."""

from commentguard.cli import main

if __name__ == "__main__":
    main()
