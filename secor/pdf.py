"""The one way SECOR renders a PDF: a Django template (under templates/pdf/) through WeasyPrint.

Documents load only our own static files (fonts, CSS, images), addressed as `static:path`; any other URL
stops the rendering, so a document never reaches the network and always renders the same.
"""

import hashlib
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from weasyprint import HTML, URLFetcher

STATIC_SCHEME = "static:"


class StaticFilesOnly(URLFetcher):
    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_SCHEME):
            raise ValueError(f"PDF documents may only load static files, not {url}")
        path = finders.find(url.removeprefix(STATIC_SCHEME))
        if path is None:
            raise ValueError(f"No static file {url}")
        return super().fetch(Path(path).as_uri(), headers)


# Rendered PDFs kept by the SHA-256 of their HTML: the same page renders to the same document, so a kept one
# is never out of date (a change to the data changes the HTML, hence the key). Rendering costs ~100 ms;
# the HTML, ~5.
CACHE_SECONDS = 24 * 60 * 60


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    key = f"pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    if (pdf := cache.get(key)) is None:
        pdf = HTML(string=html, url_fetcher=StaticFilesOnly(fail_on_errors=True)).write_pdf()
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
