"""Groundwork settings: one module, read from the environment, safe local defaults.

Every variable is listed in `.env.example` and the README.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_header(name: str) -> str | None:
    """An HTTP header named in the environment, as its request.META key (X-A-B → HTTP_X_A_B)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", raw):
        raise ImproperlyConfigured(
            f"{name} must be an HTTP header name such as X-Forwarded-Proto; got {raw!r}."
        )
    return "HTTP_" + raw.upper().replace("-", "_")


DEBUG = env_bool("DJANGO_DEBUG", False)

# A key that is known to everyone is no key at all: refuse to serve without a real one.
_DEV_SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105
_PLACEHOLDER_KEYS = {"", _DEV_SECRET_KEY, "change-me"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if SECRET_KEY in _PLACEHOLDER_KEYS or SECRET_KEY.startswith("django-insecure"):
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is missing or is a placeholder. Set DJANGO_SECRET_KEY to a long "
            "random string (for example the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`), or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = SECRET_KEY or _DEV_SECRET_KEY

# `make bench` turns this on to route its yardstick page, /bench/baseline/ (config/baseline.py).
BENCHMARK = env_bool("GROUNDWORK_BENCHMARK", False)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "throttle",
    "accounts",
    "exercises",
    "coaching",
    "sessions.apps.TrainingSessionsConfig",
    "insights",
    "demo",
    "django_tasks_db",
    "reminders",
]

MIDDLEWARE = [
    "config.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that the 400 below carries the policy like every other answer.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads the request: no view, CSRF check or error page meets a body Django
    # cannot decode or a NUL byte (config/middleware.py).
    "config.middleware.RefuseMalformedRequestsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzipped (static files come precompressed from WhiteNoise, above). Before anything
    # that reads or writes the body, as Django's docs ask; Django masks the CSRF token and
    # pads the gzip header with random bytes against BREACH.
    "config.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "libraries": {"assets": "config.assets"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sessions.context_processors.navigation",
                "reminders.context_processors.notices",
                "config.demo.demo_sign_in",  # DEBUG only: `make demo`'s logins
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that accepts connections but never answers must not hold a worker until gunicorn
# kills it: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds (so /healthz answers 503
# in time), and PostgreSQL ends any statement after DATABASE_STATEMENT_TIMEOUT (0: never).
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    # Connections persist as on PostgreSQL (DATABASE_CONN_MAX_AGE): a sync worker serves one
    # request at a time, and opening the file with its pragmas cost ~3 ms of every request.
    # In WAL mode a connection drops its whole page cache whenever another one has written, so
    # under load nearly every request reads its pages afresh: memory-mapped, that is a memory
    # access instead of a read() and a copy per page (~20 % of the CPU of the athlete's pages
    # after a save, bench/results.md). mmap_size is a ceiling on address space, not memory used.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
        ),
    }


# Sessions live in the database, whatever else runs: signing out deletes the row, and nothing
# can bring it back. Pages keep nothing in a cache; Django's cache is there for whatever asks
# for one (Redis when REDIS_URL is set, shared by every app container; otherwise each process
# keeps its own in memory).
SESSION_ENGINE = "accounts.session_store"  # Django's database store, read more cheaply


def redis_cache(url: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "groundwork",
        # Fail fast rather than hang a worker when Redis is unreachable.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out sign-in is refused before any password is checked.
    "accounts.backends.UsernameLockBackend",
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user more cheaply. A session made before
    # this backend existed names Django's path: that person signs in once more.
    "accounts.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# English only: without the translation machinery, each number, date and label a page draws
# skips a look-up of the active language in a thread-local (a miss, raised and caught).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console locally; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Groundwork <noreply@localhost>")
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Links in emails are absolute: the address people reach the site at.
SITE_URL = os.environ.get("GROUNDWORK_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + "/"

# Background work (reminder emails) through Django's tasks framework, queued in the database:
# no new service on SQLite, the same on PostgreSQL. `manage.py run_worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# HTTPS only in production. Behind a load balancer that terminates TLS, name the header it sets
# to "https" (X-Forwarded-Proto); trust it only then, or anyone could claim a secure request.
_proxy_ssl_header = env_header("DJANGO_SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Docker's HEALTHCHECK asks from inside the container, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is a promise for the whole registered domain, and anyone may submit a domain that
# sends it; that is the domain owner's call, so it is off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Load balancers and proxies in front that append to X-Forwarded-For; 0 trusts REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for the cool-off, even with the right password.
# Attempts live in the database, shared by every app container; an admin lifts a lock by
# deleting it under Axes › Access attempts.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The wait we announce is the wait they get: tries during a lock do not restart it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_ip"
# Keep the failures the lock needs, not a record of every successful sign-in.
AXES_DISABLE_ACCESS_LOG = True

# Past AXES_FAILURE_LIMIT for one username and address, a username is also paused from every
# address after this many failures within the cool-off: an attacker who forges or rotates
# addresses gets this many guesses, not unlimited ones (accounts/backends.py).
LOGIN_USERNAME_FAILURE_LIMIT = env_int("DJANGO_LOGIN_USERNAME_FAILURE_LIMIT", 30)

# Throttles on what can be tried over and over (throttle/limits.py), counted in the database and
# so shared by every app process and container. Each limit is per THROTTLE_WINDOW; past it, the
# answer is 429 with Retry-After. An admin lifts one by deleting its rows under Throttles › Hits.
THROTTLE_WINDOW = timedelta(minutes=env_int("DJANGO_THROTTLE_WINDOW_MINUTES", 60))
# Reset emails asked for one email address, and from one client address.
PASSWORD_RESET_EMAIL_LIMIT = env_int("DJANGO_PASSWORD_RESET_EMAIL_LIMIT", 3)
PASSWORD_RESET_ADDRESS_LIMIT = env_int("DJANGO_PASSWORD_RESET_ADDRESS_LIMIT", 20)
# Invitation codes that do not work, tried by one user, and from one client address.
INVITATION_CODE_USER_LIMIT = env_int("DJANGO_INVITATION_CODE_USER_LIMIT", 10)
INVITATION_CODE_ADDRESS_LIMIT = env_int("DJANGO_INVITATION_CODE_ADDRESS_LIMIT", 30)

# Content Security Policy: everything from our own origin, no inline script anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Everything to stdout, one line per record; Docker or journald stamps the time.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own console handler would print its records a second time, to stderr.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # The development server's own line for each request, beside ours from
        # config/request_log.py: one line a request is enough (errors come from django.request).
        "django.server": {"handlers": [], "propagate": False},
        # django-axes announces itself at every start of every worker and command.
        "axes.apps": {"level": "WARNING"},
    },
}
