"""The one way SECOR renders a PDF: a Django template (under templates/pdf/) through WeasyPrint.

Documents load only our own static files (fonts, CSS, images), addressed as `static:path`; any other URL
stops the rendering, so a document never reaches the network and always renders the same. What they share, the
fonts above all, is in one stylesheet (static/css/pdf.css) parsed once per process and thread: reading and
registering the fonts for each document cost more than laying out a letter.
"""

import hashlib
import threading
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

STATIC_SCHEME = "static:"


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_SCHEME):
            raise ValueError(f"PDF documents may only load static files, not {url}")
        path = finders.find(url.removeprefix(STATIC_SCHEME))
        if path is None:
            raise ValueError(f"No static file {url}")
        return super().fetch(Path(path).as_uri(), headers)


SHARED_STYLESHEET = f"{STATIC_SCHEME}css/pdf.css"
# Rendered PDFs kept by the SHA-256 of their HTML: the same page renders to the same document, so a kept one
# is never out of date (a change to the data changes the HTML, hence the key). Rendering costs ~100 ms;
# the HTML, ~5.
CACHE_SECONDS = 24 * 60 * 60


class _Shared(threading.local):
    """The shared stylesheet and the fonts it registers, per thread: WeasyPrint's font configuration is not
    made to be used by two renderings at once."""

    fonts: FontConfiguration | None = None
    stylesheet: CSS | None = None


_shared = _Shared()


def _fetcher() -> StaticFilesOnly:
    return StaticFilesOnly(fail_on_errors=True)


def _write_pdf(html: str) -> bytes:
    if _shared.stylesheet is None:
        _shared.fonts = FontConfiguration()
        _shared.stylesheet = CSS(url=SHARED_STYLESHEET, url_fetcher=_fetcher(), font_config=_shared.fonts)
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf(
        stylesheets=[_shared.stylesheet], font_config=_shared.fonts
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    key = f"pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    if (pdf := cache.get(key)) is None:
        pdf = _write_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
