"""What the isolation tests ask of a URL: where it is for company A's objects, and whether the answer is the 404
an outsider gets, the page its people get, or the login page an anonymous visitor is sent to."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.security.urls_table import HEADINGS, URLS
from tests.security.world import hostile_payload, snapshot

LOGIN_PATH = "/accounts/login/"
METHODS = ("GET", "POST")


def page_url(name: str, world, **objects: str) -> str:
    """The URL of `name` for company A's objects; `objects` replaces some (URL argument -> world attribute)."""
    args = URLS[name].args | objects
    return reverse(name, kwargs={arg: _key(arg, getattr(world, attribute)) for arg, attribute in args.items()})


def _key(arg: str, obj):
    """How a URL names the object: by its name, its secret token, its certificate number, or its primary key."""
    if isinstance(obj, str):
        return obj
    return {"token": getattr(obj, "token", None), "number": getattr(obj, "number", None)}.get(arg) or obj.pk


def send(client, method: str, url: str, world):
    return client.get(url) if method == "GET" else client.post(url, hostile_payload(world))


def assert_not_found(client, method: str, url: str, world) -> None:
    before = snapshot()
    response = send(client, method, url, world)
    assert response.status_code == 404, f"{method} {url} answered {response.status_code}, expected 404"
    assert world.company.legal_name not in response.content.decode()
    assert snapshot() == before, f"{method} {url} answered 404 but changed data"


def assert_is_page(response, name: str, world, role: str) -> None:
    """The page answered is `name`'s: its heading (or a text file's first line) is the one in HEADINGS."""
    expected = HEADINGS[name][role] if isinstance(HEADINGS[name], dict) else HEADINGS[name]
    expected = expected.format_map(vars(world) | {"today": timezone.localdate()})
    body = response.getvalue().decode()
    if response["Content-Type"].startswith("text/html"):
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
        # The heading's own words: a badge inside it says a count or a state, not which page this is.
        shown = heading and " ".join(html.unescape(re.sub(r"<(\w+)[^>]*>.*?</\1>", "", heading[1])).split())
        assert shown == expected, f"{name} as {role} is the page headed {shown!r}, not {expected!r}"
    else:
        first_line = body.partition("\n")[0]
        assert first_line.startswith(expected), f"{name} as {role} starts {first_line!r}, not {expected!r}"


def assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302, f"{path} answered {response.status_code}, expected a login redirect"
    location = urlsplit(response["Location"])
    assert (location.path, parse_qs(location.query)) == (LOGIN_PATH, {"next": [path]})


def denied_case(name: str, role: str, method: str):
    return pytest.param(name, role, method, id=f"{name}-{role}-{method}")
