"""Template tags: ``{% load commentguard %}``."""
