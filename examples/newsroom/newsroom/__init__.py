"""The newsroom: a small news site whose comment section runs through commentguard.

Run it with ``make serve`` (development mode) or any WSGI server::

    gunicorn 'newsroom:create_app()'
"""

from newsroom.app import create_app
from newsroom.config import Config, ConfigError

__all__ = ["Config", "ConfigError", "create_app"]
