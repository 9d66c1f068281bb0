"""Django: an installable app (``"commentguard.adapters.django"`` in ``INSTALLED_APPS``).

Settings come from ``settings.COMMENTGUARD`` (a dict of commentguard settings), plus
``COMMENTGUARD_TRUSTED_PROXIES`` (CIDRs), ``COMMENTGUARD_TRUSTED_HEADER`` (the header they
set: ``"X-Forwarded-For"``, the default, or ``"Forwarded"``) and
``COMMENTGUARD_MAX_BODY_BYTES``. With django-contrib-comments installed, every comment it is
about to save is moderated: held comments are saved with ``is_public=False``, spam and
discarded ones are stopped.
"""
