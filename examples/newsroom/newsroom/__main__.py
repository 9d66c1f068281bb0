"""``python -m newsroom``: run the site on this machine (``make serve``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

from werkzeug.serving import run_simple

from newsroom.app import create_app
from newsroom.config import Config, ConfigError


def main(argv: list[str] | None = None) -> int:
    """Start the development server and print where it is."""
    parser = argparse.ArgumentParser(prog="python -m newsroom", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--dev",
        action="store_true",
        help="development mode: make up a secret key and a moderator password when unset",
    )
    args = parser.parse_args(argv)
    try:
        config = Config.from_env(development=args.dev)
    except ConfigError as exc:
        print(f"newsroom: {exc}", file=sys.stderr)
        return 2
    app = create_app(config)
    print(startup_message(config, f"http://{args.host}:{args.port}"), flush=True)
    run_simple(args.host, args.port, app, threaded=True)
    return 0


def startup_message(config: Config, base: str, environ: Mapping[str, str] = os.environ) -> str:
    """Where the site and its moderation queue are, and the password when it was made up."""
    if environ.get("NEWSROOM_MODERATOR_PASSWORD"):
        password = "$NEWSROOM_MODERATOR_PASSWORD"
    else:  # development mode made one up (unset or empty); nobody else knows it
        password = config.moderator_password
    return (
        f"The newsroom is at {base}/\n"
        f"Moderation queue: {base}/moderation (password: {password})\n"
        f"Data in {config.data_dir.resolve()}; press Ctrl+C to stop."
    )


if __name__ == "__main__":
    sys.exit(main())
