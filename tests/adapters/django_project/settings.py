"""A minimal Django project for the adapter tests (django-contrib-comments on a Site)."""

SECRET_KEY = "django-test-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
SITE_ID = 1
ROOT_URLCONF = "django_project.urls"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django_comments",
    "commentguard.adapters.django",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
COMMENTGUARD = {
    "secret_key": "django-adapter-test-secret-6e2a9c4f1b7d3058",
    "checks": {
        "duplicate": {"enabled": False},
        "wordlists": {"disallowed_keys": ["casino"]},
    },
}
COMMENTGUARD_TRUSTED_PROXIES = ["10.0.0.0/8"]
COMMENTGUARD_MAX_BODY_BYTES = 100_000
