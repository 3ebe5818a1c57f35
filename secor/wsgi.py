import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secor.settings")
application = get_wsgi_application()
import_module(settings.ROOT_URLCONF)  # every view's module, loaded now rather than on the first request
# What start-up made (Django, every app's modules, models and views) lives as long as the process: set
# outside the collector's reach, a full collection scans only what requests made (~140 ms to ~35 on a big
# roster's training chart: the slowest requests of a worker) and each request spends less in collections.
gc.freeze()
