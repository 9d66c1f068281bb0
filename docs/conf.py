"""Sphinx configuration for the commentguard documentation site (MyST Markdown, no network)."""

from importlib.metadata import version as _version

project = "commentguard"
author = "The commentguard authors"
copyright = "The commentguard authors"
release = _version("commentguard")
version = ".".join(release.split(".")[:2])

# The API page is written by hand with Python-domain directives rather than autodoc: it shows
# the public surface only, and an edited docstring in src/ cannot break the docs build.
# intersphinx is deliberately absent: the build must work offline.
extensions = ["myst_parser"]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Documented names from other projects (pydantic, click, pluggy) have no target without
# intersphinx; none is referenced today, but keep a stray one from failing the build.
nitpick_ignore_regex = [
    (r"py:.*", r"(pydantic|pydantic_core|pydantic_settings|pluggy|click|itsdangerous)(\..*)?"),
]

html_theme = "alabaster"
html_title = f"commentguard {release}"
html_theme_options = {
    "description": "Moderate comments on websites",
    "fixed_sidebar": True,
}
