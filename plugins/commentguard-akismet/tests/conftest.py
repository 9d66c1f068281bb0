"""Fixtures for the akismet plugin's tests; they live in akismet_server.py, named for import."""

from akismet_server import _no_akismet_environment, akismet_server, local_plugin

__all__ = ["_no_akismet_environment", "akismet_server", "local_plugin"]
