"""Sphinx configuration for the commentguard documentation site."""

from importlib.metadata import version as _version

project = "commentguard"
author = "The commentguard authors"
copyright = "The commentguard authors"
release = _version("commentguard")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The API page documents the public names; keep autodoc to what a user calls.
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_class_signature = "separated"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No intersphinx (the build runs offline), so names from other projects cannot resolve.
nitpick_ignore_regex = [
    (r"py:.*", r"(pydantic|pydantic_core|pydantic_settings|pluggy|click|itsdangerous)(\..*)?"),
]

html_theme = "alabaster"
html_title = f"commentguard {release}"
html_theme_options = {
    "description": "Moderate comments on websites",
    "fixed_sidebar": True,
}
