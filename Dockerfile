# SECOR application image: one image for web (gunicorn), Celery worker, Celery beat and migrations.
# Bookworm matches the glibc that the manylinux wheels (psycopg-binary, cryptography, Pillow) need,
# so no compiler is installed.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries (Pango/HarfBuzz for layout and font subsetting, fontconfig + a
# font so PDFs render, shared-mime-info for image type detection).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
        shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

# Non-root runtime user. It gets a real, writable home because fontconfig (used by WeasyPrint)
# keeps its cache under ~/.cache and complains on every render when it cannot write there.
RUN groupadd --system --gid 10001 secor \
    && useradd --system --uid 10001 --gid secor --create-home --home-dir /home/secor secor

# Dependencies first, so that code changes do not reinstall them. pyproject declares
# packages = [], so installing it installs only the dependencies; the code is copied below.
# The build happens in a scratch directory because setuptools leaves build/ and *.egg-info behind.
# xstatic-bootstrap is an sdist whose setup.py needs setuptools<81: the constraints file must reach
# its isolated build environment, hence both variables (the second for pip versions that only
# honour an explicit build constraint).
COPY pyproject.toml build-constraints.txt /tmp/secor-build/
RUN python -m pip install --upgrade pip \
    && PIP_CONSTRAINT=/tmp/secor-build/build-constraints.txt \
       PIP_BUILD_CONSTRAINT=/tmp/secor-build/build-constraints.txt \
       python -m pip install /tmp/secor-build \
    && rm -rf /tmp/secor-build

WORKDIR /app
# Code stays owned by root: the app user can read it but not change it.
COPY . /app

# Only var/media (uploads, generated documents) is writable by the app user. A named volume
# mounted there on first use copies this ownership, so the volume is writable too.
RUN mkdir -p /app/var/static /app/var/media \
    && chown secor:secor /app/var/media

# Production defaults baked into the image: an image started without DEBUG must not fall back to
# settings' demo default (DEBUG=True with a public SECRET_KEY).
ENV DEBUG=false \
    MEDIA_ROOT=/app/var/media \
    STATIC_MANIFEST=true

# Hashed, compressed static files for whitenoise (CompressedManifestStaticFilesStorage, which
# STATIC_MANIFEST turns on, needs them). Settings refuse to load without SECRET_KEY when DEBUG is false, so a
# throwaway key is given to this one command only; it is deliberately not an ENV, so a container
# started without SECRET_KEY fails instead of running with a known key.
RUN SECRET_KEY=collectstatic-at-build-time-only-not-a-secret \
    python manage.py collectstatic --noinput

USER secor

EXPOSE 8000

# A worker may take up to 3 minutes on a request: the go-live downloads of a province's training records (500,000
# rows) stream for about a minute as CSV and two as Excel, and gunicorn's default (30 s) would cut them off.
CMD ["gunicorn", "secor.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "180", \
     "--access-logfile", "-"]
