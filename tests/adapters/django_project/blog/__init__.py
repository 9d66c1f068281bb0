"""The blog app of the test project: the code docs/django.md shows, as written."""
