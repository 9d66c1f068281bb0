# mysite/settings.py
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django_comments",
    "commentguard.adapters.django",
    "blog",
]
SITE_ID = 1
COMMENTS_APP = "commentguard.adapters.django"  # the form with the honeypot and the token
COMMENTGUARD = {
    # secret_key: from the COMMENTGUARD_SECRET_KEY environment variable
    "store": "sqlite:///comments-guard.db",
    "checks": {"closed_thread": {"close_after_days": 30}},
}
COMMENTGUARD_SPAM = "save"  # spam is saved removed, for review; "drop" saves nothing
COMMENTGUARD_COMMENT_CONTEXT = "blog.moderation.comment_context"
COMMENTGUARD_TRUSTED_PROXIES = ["10.0.0.0/8"]  # your load balancer; see proxies

# The rest is the test project's own (docs/django.md shows the part above, as written).

SECRET_KEY = "django-test-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
ROOT_URLCONF = "django_project.urls"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
# One in-memory database shared by every thread (async views run sync code in others).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "file:commentguard-tests?mode=memory&cache=shared",
    }
}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
# The tests' guard: a memory store, their own secret, and the checks the tests expect.
COMMENTGUARD = {
    **COMMENTGUARD,
    "store": "memory://",
    "secret_key": "django-adapter-test-secret-6e2a9c4f1b7d3058",
    "checks": {
        **COMMENTGUARD["checks"],
        "duplicate": {"enabled": False},
        "wordlists": {"disallowed_keys": ["casino"]},
    },
}
COMMENTGUARD_MAX_BODY_BYTES = 100_000
