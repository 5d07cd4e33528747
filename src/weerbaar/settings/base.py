"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
SRC_DIR = BASE_DIR / "src" / "weerbaar"
VAR_DIR = Path(os.environ.get("WEERBAAR_VAR_DIR", BASE_DIR / "var"))
DATA_DIR = BASE_DIR / "data"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("WEERBAAR_SECRET_KEY", "")
DEBUG = env_bool("WEERBAAR_DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("WEERBAAR_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("WEERBAAR_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Demo mode: demo accounts may log in (and skip TOTP) only while this is on; every page shows a banner.
WEERBAAR_DEMO = env_bool("WEERBAAR_DEMO")
# the organisation's theme (name, logo, colours): a directory under data/themes/, or a path to one
WEERBAAR_THEME = os.environ.get("WEERBAAR_THEME", "weerbaar")

INSTALLED_APPS = [
    "weerbaar.core.admin_apps.WeerbaarAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "weerbaar.core",
    "weerbaar.organisations",
    "weerbaar.accounts",
    "weerbaar.privacy",
    "weerbaar.audit",
    "weerbaar.jobs",
    "weerbaar.search",
    "weerbaar.themes",
    "weerbaar.api",
    "weerbaar.registers",
    "weerbaar.contacts",
    "weerbaar.catalog",
    "weerbaar.checklist",
    "weerbaar.geo",
    "weerbaar.signals",
    "weerbaar.crossref",
    "weerbaar.indicators",
    "weerbaar.buitengebied",
    "weerbaar.controles",
    "weerbaar.agenda",
    "weerbaar.kennis",
    "weerbaar.parken",
    "weerbaar.beschikkingen",
    "weerbaar.portal",
    "weerbaar.backup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "weerbaar.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "weerbaar.core.middleware.TraceMiddleware",
    "weerbaar.core.middleware.RequestLimitsMiddleware",
    "weerbaar.core.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "weerbaar.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "weerbaar.urls"
WSGI_APPLICATION = "weerbaar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "weerbaar.core.context_processors.platform",
            ],
        },
    },
]

# --- Databases -------------------------------------------------------------------------------
# SpatiaLite by default; PostGIS when DATABASE_URL is set. The audit log has its own connection
# ("audit") so that an entry survives a rolled-back request transaction; background jobs have
# theirs ("jobs") so their progress is seen while the job's own transaction is open. The engines
# are Django's own backends with Weerbaar's capability flags (weerbaar.core.db.features).
SPATIALITE_LIBRARY_PATH = os.environ.get("SPATIALITE_LIBRARY_PATH", "mod_spatialite")
_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

if os.environ.get("DATABASE_URL"):
    _default = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)
    _default["ENGINE"] = "weerbaar.core.db.backends.postgis"
    DATABASES = {"default": _default, "audit": {**_default}, "jobs": {**_default}}
    WEERBAAR_AUDIT_SHARES_DEFAULT_DB = True
    WEERBAAR_JOBS_SHARES_DEFAULT_DB = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # connections are kept as on PostGIS: opening one loads the SpatiaLite extension (tens of ms)
    DATABASES = {
        "default": {
            "ENGINE": "weerbaar.core.db.backends.spatialite",
            "NAME": VAR_DIR / "weerbaar.sqlite3",
            "OPTIONS": _SQLITE_OPTIONS,
            "CONN_MAX_AGE": 60,
        },
        "audit": {
            "ENGINE": "weerbaar.core.db.backends.sqlite3",
            "NAME": VAR_DIR / "audit.sqlite3",
            "OPTIONS": _SQLITE_OPTIONS,
            "CONN_MAX_AGE": 60,
        },
        "jobs": {
            "ENGINE": "weerbaar.core.db.backends.sqlite3",
            "NAME": VAR_DIR / "jobs.sqlite3",
            "OPTIONS": _SQLITE_OPTIONS,
        },
    }
DATABASE_ROUTERS = ["weerbaar.jobs.routers.JobsRouter", "weerbaar.audit.routers.AuditRouter"]
# a running job whose worker runs on another host and gave no sign of life this long is failed
WEERBAAR_JOBS_STALE_SECONDS = int(os.environ.get("WEERBAAR_JOBS_STALE_SECONDS", "120"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication and BIO security ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Password (+ TOTP) first; the OpenID Connect backend answers only the single sign-on callback.
AUTHENTICATION_BACKENDS = [
    "weerbaar.accounts.backends.WeerbaarBackend",
    "weerbaar.accounts.backends.OidcBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (accounts/throttle.py): growing delays instead of a lockout anyone can trigger
WEERBAAR_THROTTLE_FREE_ATTEMPTS = int(os.environ.get("WEERBAAR_THROTTLE_FREE_ATTEMPTS", "3"))
WEERBAAR_THROTTLE_MAX_SECONDS = int(os.environ.get("WEERBAAR_THROTTLE_MAX_SECONDS", "900"))
WEERBAAR_THROTTLE_ACCOUNT_MAX_SECONDS = int(os.environ.get("WEERBAAR_THROTTLE_ACCOUNT_MAX_SECONDS", "30"))
WEERBAAR_THROTTLE_WINDOW_MINUTES = int(os.environ.get("WEERBAAR_THROTTLE_WINDOW_MINUTES", "60"))
WEERBAAR_IDLE_MINUTES = int(os.environ.get("WEERBAAR_IDLE_MINUTES", "15"))
SESSION_COOKIE_AGE = WEERBAAR_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True  # the idle timer restarts on every request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = os.environ.get("WEERBAAR_OTP_ISSUER", "Weerbaar")

# Single sign-on with OpenID Connect (accounts/oidc.py): off unless an issuer and a client are set.
# Accounts and roles stay in Weerbaar; an `acr` in the second-factor list counts as the second factor.
WEERBAAR_OIDC_ISSUER = os.environ.get("WEERBAAR_OIDC_ISSUER", "")
WEERBAAR_OIDC_CLIENT_ID = os.environ.get("WEERBAAR_OIDC_CLIENT_ID", "")
WEERBAAR_OIDC_CLIENT_SECRET = os.environ.get("WEERBAAR_OIDC_CLIENT_SECRET", "")
WEERBAAR_OIDC_SCOPES = os.environ.get("WEERBAAR_OIDC_SCOPES", "openid profile email")
WEERBAAR_OIDC_SECOND_FACTOR_ACR = os.environ.get(
    "WEERBAAR_OIDC_SECOND_FACTOR_ACR",
    "http://eidas.europa.eu/LoA/substantial http://eidas.europa.eu/LoA/high",
).split()
# the levels asked for in the authorization request (`acr_values`, voluntary): by default the same
WEERBAAR_OIDC_REQUESTED_ACR = os.environ.get(
    "WEERBAAR_OIDC_REQUESTED_ACR", " ".join(WEERBAAR_OIDC_SECOND_FACTOR_ACR)
).split()
WEERBAAR_OIDC_ORGANISATION_CLAIM = os.environ.get("WEERBAAR_OIDC_ORGANISATION_CLAIM", "")
WEERBAAR_OIDC_PROVIDER_NAME = os.environ.get("WEERBAAR_OIDC_PROVIDER_NAME", "")
WEERBAAR_OIDC_SIGN_ALGORITHM = os.environ.get("WEERBAAR_OIDC_SIGN_ALGORITHM", "RS256")

# Behind TLS (a reverse proxy sets X-Forwarded-Proto): secure cookies and HSTS.
WEERBAAR_TLS = env_bool("WEERBAAR_TLS")
if WEERBAAR_TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Extra origins the CSP allows for images (WMTS base maps, configured per deployment).
WEERBAAR_CSP_IMG_SOURCES = os.environ.get("WEERBAAR_CSP_IMG_SOURCES", "https://service.pdok.nl").split()

# --- Audit log (docs/adr/0006, docs/operations.md) -------------------------------------------
# Keys come from the environment or from files outside the data folder (never next to a
# database: system check audit.E001); the local settings generate them into WEERBAAR_KEY_DIR.
WEERBAAR_AUDIT_KEY = os.environ.get("WEERBAAR_AUDIT_KEY", "")  # HMAC of the entry chain
WEERBAAR_AUDIT_KEY_FILE = os.environ.get("WEERBAAR_AUDIT_KEY_FILE", "")
WEERBAAR_AUDIT_SIGNING_KEY = os.environ.get("WEERBAAR_AUDIT_SIGNING_KEY", "")  # Ed25519, checkpoints
WEERBAAR_AUDIT_SIGNING_KEY_FILE = os.environ.get("WEERBAAR_AUDIT_SIGNING_KEY_FILE", "")
# verifier keys of earlier signing keys (after a rotation), separated by whitespace
WEERBAAR_AUDIT_TRUSTED_KEYS = os.environ.get("WEERBAAR_AUDIT_TRUSTED_KEYS", "").split()
WEERBAAR_AUDIT_ORIGIN = os.environ.get("WEERBAAR_AUDIT_ORIGIN", "weerbaar/logboek")
WEERBAAR_AUDIT_CHECKPOINT_ENTRIES = int(os.environ.get("WEERBAAR_AUDIT_CHECKPOINT_ENTRIES", "1000"))
WEERBAAR_AUDIT_CHECKPOINT_SECONDS = int(os.environ.get("WEERBAAR_AUDIT_CHECKPOINT_SECONDS", "3600"))
# witnesses outside the audit database: a file (best on another disk), the FG's mailbox, a webhook
WEERBAAR_AUDIT_WITNESS_FILE = os.environ.get(
    "WEERBAAR_AUDIT_WITNESS_FILE", str(VAR_DIR / "audit-witness" / "checkpoints.log")
)
WEERBAAR_AUDIT_WITNESS_EMAIL = [a for a in os.environ.get("WEERBAAR_AUDIT_WITNESS_EMAIL", "").split(",") if a]
WEERBAAR_AUDIT_WITNESS_WEBHOOK = os.environ.get("WEERBAAR_AUDIT_WITNESS_WEBHOOK", "")

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "weerbaar_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Only the front-end packages pages load are published (not all of node_modules).
_VENDOR = [
    "@utrecht/component-library-css",
    "@utrecht/design-tokens",
    "cytoscape",
    "echarts",
    "ol",
    "proj4",
    "swagger-ui-dist",
]
STATICFILES_DIRS = [
    (f"vendor/{name}", BASE_DIR / "node_modules" / name)
    for name in _VENDOR
    if (BASE_DIR / "node_modules" / name).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"  # private: never served directly
# shared on-disk cache of public vector tiles (every worker and process); "" switches it off
WEERBAAR_GEO_TILE_CACHE_DIR = os.environ.get("WEERBAAR_GEO_TILE_CACHE_DIR", str(VAR_DIR / "tile-cache"))
WEERBAAR_GEO_TILE_CACHE_FRESH_SECONDS = float(os.environ.get("WEERBAAR_GEO_TILE_CACHE_FRESH_SECONDS", "5"))
# bound of the shared tile cache on disk; the tiles written longest ago go first (0: no bound)
WEERBAAR_GEO_TILE_CACHE_MAX_MB = float(os.environ.get("WEERBAAR_GEO_TILE_CACHE_MAX_MB", "2048"))
# which encoder serves vector tiles on PostGIS: "st_asmvt" (PostGIS's ST_AsMVT) or "numpy" (the one
# SpatiaLite uses); the default is the faster one in `make bench-viewer` (docs/benchmarks.md, Viewer)
WEERBAAR_GEO_POSTGIS_TILE_RENDERER = os.environ.get("WEERBAAR_GEO_POSTGIS_TILE_RENDERER", "st_asmvt")

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("WEERBAAR_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("WEERBAAR_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("WEERBAAR_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WEERBAAR_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("WEERBAAR_SMTP_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("WEERBAAR_MAIL_FROM", "weerbaar@localhost")

# --- API -------------------------------------------------------------------------------------
WEERBAAR_API_VERSION = "1.0.0"
APPEND_SLASH = False
NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_4xx_traceback": {"()": "weerbaar.core.logging.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_4xx_traceback"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("WEERBAAR_LOG_LEVEL", "INFO")},
}
# Request limits (core.middleware.RequestLimitsMiddleware); gunicorn's own line limit is higher
WEERBAAR_MAX_URL_LENGTH = int(os.environ.get("WEERBAAR_MAX_URL_LENGTH", "4096"))
WEERBAAR_MAX_BODY_BYTES = int(os.environ.get("WEERBAAR_MAX_BODY_BYTES", str(200 * 1024 * 1024)))
SILENCED_SYSTEM_CHECKS = [
    "gis.W001"
]  # Debian 12 ships GDAL 3.6; layer imports never take SRS strings from users
