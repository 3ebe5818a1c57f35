"""The API's documentation page (issue 27): Swagger UI from the package (no CDN), under the site's CSP (no inline
script or style), reading the schema generated from the code."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_the_documentation_page_serves_its_assets_from_the_site_under_the_csp(client, db):
    page = client.get(reverse("api:docs"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "script-src 'self'" in page["Content-Security-Policy"]
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', body)
    assert sources and all(source.startswith("/") for source in sources), sources
    assert not re.search(r"<script>|<style|style=", body), "inline script or style, refused by the CSP"
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript") and "/api/v1/schema/" in script.content.decode()
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    assert {"/api/v1/verify/", "/api/v1/companies/"} <= set(schema["paths"])
