"""SECOR settings, read from the environment (every variable is documented in .env.example)."""

from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless asked for: `make run` turns it on for the demo. Unset SECRET_KEY is only acceptable with DEBUG.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-demo-key-only-for-make-run" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise serves static files under runserver too, so dev and production behave alike.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's scripts and styles for the API's documentation page, from the package (no CDN).
    "drf_spectacular_sidecar",
    "secor.core",
    "secor.timeline",
    "secor.documents",
    "secor.reviews",
    "secor.notices",
    "companies",
    "training",
    "milestones",
    "audits",
    "secor.pages",
    "secor.api",
    # Go-live: staff import SCSA's spreadsheets (django-import-export reads them: golive/resources).
    "golive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "secor.query.RefuseNulMiddleware",
    "csp.middleware.CSPMiddleware",
    "secor.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "secor.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "secor.core.middleware.ProgramPeopleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "secor.core.second_factor.SecondFactorRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "secor.urls"
WSGI_APPLICATION = "secor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "secor.pages.navigation.navigation",
            ],
        },
    },
    # Plain-text emails (templates/email/): the same templates, rendered without HTML escaping.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False},
    },
]

# Unset DATABASE_URL: an SQLite file under var/ so `make run` needs no server.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'secor.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A worker keeps its database connection between requests (opening one costs more than most pages), and
# checks it before reuse, so a restarted PostgreSQL costs one failed check, not an error page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query whose estimated cost is high: ~300 ms spent to save a few on the
    # short queries of web pages (measured by `make bench` on the list's headcount refresh). Off, as is
    # usual for such workloads.
    # The planner's default costs are for spinning disks, where a random read costs 4 sequential ones: on SSDs
    # (and with the tables in memory) it is nearer 1.1, and a bitmap scan may ask for many pages at once. With
    # the defaults a query that reads a few thousand rows by an index is costed as if each were a disk seek, and
    # a scan of the whole table can win (https://www.postgresql.org/docs/current/runtime-config-query.html).
    # The dashboard's hash joins of every review version went with the kept submission time, not with these:
    # its queries' plans were the same either way on the bench's data.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c random_page_cost=1.1 -c effective_io_concurrency=200"
    )
    # A query run twice on a worker's connection is prepared there, its plan kept: planning a page's joins
    # took longer than running them (3.7 ms against 0.3 for a company's course records; a fifth of the
    # training chart's time). Preparing needs the parameters bound by PostgreSQL, not inlined. Behind a
    # connection pooler in transaction mode, the pooler must keep prepared statements (PgBouncer >= 1.21).
    DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes concurrent writes: write-ahead logging lets readers and a writer work at
    # once, IMMEDIATE transactions take the write lock up front (no "database is locked" when two requests
    # upgrade from reading to writing at once), and a writer waits up to 20 s for the lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading the user's membership with the user (secor/core/backends.py).
    "secor.core.backends.ModelBackend",
    "secor.core.backends.AuthenticationBackend",
]
# Argon2id first (memory-hard, OWASP's first choice): checking a password costs ~0.3 s of CPU here against
# 1.2 s for Django's PBKDF2, whose sign-ins alone would take this 2-core machine at one per second. Passwords
# hashed before are still checked, and re-hashed with Argon2 at the person's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email is the login; https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# An invited person choosing their password (a reset link) goes straight in, to where their work is.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_ADAPTER = "secor.core.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "secor.core.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SECOR] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff and program auditors must use it, and may not turn it off (secor/core/second_factor.py).
MFA_ADAPTER = "secor.core.second_factor.SecondFactorAdapter"
MFA_TOTP_ISSUER = "SECOR"
# A phone whose clock is a few seconds off still gives a code that works (one 30-second step either side).
MFA_TOTP_TOLERANCE = 1
# The demo (`make run`, DEBUG on) accepts this code for any authenticator app, so that its staff and
# auditor logins work without a phone; allauth refuses it with DEBUG off.
MFA_TOTP_INSECURE_BYPASS_CODE = env("MFA_TOTP_INSECURE_BYPASS_CODE", default=None) if DEBUG else None
# Sign-in, sign-up and password reset are throttled (allauth, in the cache) per address ("ip") and per account
# ("key": the email typed, known or not, so the refusal says nothing of whether an account exists).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # The partners' API (secor.api.throttling), without a key: the verification of one number, and of a list of up
    # to 1,000 (the API's or the bulk page's). A key lifts the limit.
    "verify_one": "60/m/ip",
    "verify_many": "10/h/ip",
}
# Change events are posted only to public addresses (secor.api.subscriber_urls: no request forgery). The tests' own
# receiver, and a developer's, listens on this machine: they turn this on. Never in production.
API_EVENTS_ALLOW_LOOPBACK = env.bool("API_EVENTS_ALLOW_LOOPBACK", default=False)
# Behind proxies the throttles must count each person's address, not the proxy's (which would throttle everyone
# together): the number of proxies in front that append to X-Forwarded-For. 0: the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# secor.core.middleware: staff and program auditors are signed out after a working day without a request.
PROGRAM_PEOPLE_IDLE_SECONDS = 8 * 60 * 60

# Saskatchewan keeps Central Standard Time all year; "today" is always the Regina date.
LANGUAGE_CODE = "en-ca"
FORMAT_MODULE_PATH = ["secor.formats"]
TIME_ZONE = "America/Regina"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every start when it is missing
# Bootstrap comes from the xstatic-bootstrap package (no CDN); htmx from django-htmx.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Hashed, compressed static files need collectstatic first, which the image runs and then turns this on;
# everywhere else (the demo, the tests) the files are served as they are.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Unset EMAIL_URL: mail is printed to the console (the demo shows sign-up links there).
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A hung SMTP server must not hold a worker forever; the timeout is an OSError, which tasks retry.
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="SECOR Program <secor@scsaonline.ca>")
# Links in emails (invitations, notices) are built on this address, as no request is at hand.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# A cache every process shares (Redis in production) also holds the sessions in front of their table, so a
# signed-in page does not read its session row each time. Without one, each process keeps its own cache
# (the day's MIL-3 settling, rendered PDFs) and sessions stay in the database alone: a process's private
# copy would keep a signed-out session alive in the others. Pages carry on when Redis is down (secor/cache.py).
CACHE_URL = env("CACHE_URL", default="")
CACHES = {
    "default": env.cache_url_config(CACHE_URL, backend="secor.cache.RedisCache")
    if CACHE_URL
    else {"BACKEND": "secor.cache.LocMemCache"},
    # Sign-in throttling and used one-time codes, whichever default: in the database, so that they count across
    # processes and never fail open while Redis is down (secor/cache.py). Expired rows are deleted once the
    # table passes MAX_ENTRIES; live ones only beyond that (100,000 counters alive within 5 minutes is an attack
    # from thousands of addresses at once), so an attacker spraying addresses does not evict the counters.
    "security": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "secor_security_counters",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if CACHE_URL else "django.contrib.sessions.backends.db"

# Unset broker: tasks run in-process at once, so the demo needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=env("REDIS_URL", default=""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Acknowledge after the task ran, and give the message back if the worker process dies mid-task:
# a send may then happen twice, never zero times (notices are de-duplicated by their ledger).
CELERY_TASK_ACKS_LATE = True
# No task may hold a worker forever (a hung SMTP or database connection): the soft limit raises inside the
# task, the hard limit ends the process. Tasks that need longer say so where they are declared.
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A broker that is down must not hold a web request: publishing gives up quickly, and the notice it was
# for waits in the ledger for the delivery pass below.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Periodic jobs are idempotent sweeps (ARCHITECTURE: background work); `expires` drops a run that waited
# in the queue past its use, as the next run does the same work. Times are Regina's (CELERY_TIMEZONE).
CELERY_BEAT_SCHEDULE = {
    # MIL-3: early on the day after an expiry, so the company page shows the de-roll from the morning.
    "settle-expired-milestone-letters": {
        "task": "milestones.tasks.settle_expired_letters",
        "schedule": crontab(hour=0, minute=10),
        "options": {"expires": 6 * 60 * 60},
    },
    "refresh-training-summaries": {
        "task": "training.tasks.refresh_training_summaries",
        "schedule": crontab(hour=5, minute=30),
        "options": {"expires": 6 * 60 * 60},
    },
    "notice-sweep": {
        "task": "secor.notices.tasks.run_notice_sweep",
        "schedule": crontab(hour=6, minute=0),
        "options": {"expires": 6 * 60 * 60},
    },
    # Issue 27: the change events key holders subscribed to, claimed in the notice ledger (which posts them).
    "claim-partner-events": {
        "task": "secor.api.tasks.claim_partner_events",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
    "deliver-due-notices": {
        "task": "secor.notices.tasks.deliver_due_notices",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},
    },
}

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)

# HTTPS behind a proxy: the header (and value) by which the proxy says the request came over HTTPS, e.g.
# "HTTP_X_FORWARDED_PROTO,https". Set it only when the proxy always sets or strips that header.
SECURE_PROXY_SSL_HEADER = tuple(env.list("SECURE_PROXY_SSL_HEADER", default=[])) or None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "same-origin"
# secor.headers: no page of SECOR uses these browser features.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Content Security Policy (django-csp): scripts, styles, fonts and frames from this site only, no inline
# script or style anywhere; data: images for Bootstrap's form controls. A previewed document may be framed
# by our own pages (secor.documents.responses).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# The partners' API (issue 27, secor/api/): keys in the Authorization header, JSON only, paged lists, and the
# OpenAPI schema generated from the views. No session authentication: a browser's cookie opens none of it, so no
# page's CSRF protection is needed or bypassed.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["secor.api.authentication.KeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SECOR API",
    "DESCRIPTION": "The Small Employer COR program's public verification, staff's read access and change events.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "secor.api.schema.with_error_answers",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools narrate every PDF at INFO; their warnings still show.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
