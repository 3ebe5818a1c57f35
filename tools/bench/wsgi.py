"""The app as `make bench` serves it: SECOR's own WSGI application on the bench's day (tools.bench.clock), with the
bench's URLs (SECOR's and the admin references, tools.bench.urls)."""

import os

from tools.bench.clock import pinned

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secor.settings")

from django.conf import settings

pinned(settings.TIME_ZONE).start()  # for the worker's life: gunicorn imports this module in each worker
settings.ROOT_URLCONF = "tools.bench.urls"

from secor.wsgi import application  # noqa: E402, F401
