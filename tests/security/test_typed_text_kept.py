"""What an employer types comes back to them as typed (issue 25): text shaped like a rule's id — "(AB-12)",
"ELIG-3" — typed into every text field of every employer form is shown whole wherever it is shown next: the
form shown again when refused, or the page the saved form leads to. A page that took ids out of what it
rendered once deleted such text from a company's name."""

import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.security.isolation import page_url
from tests.security.urls_table import COMPANY, EMPLOYER, URLS

pytestmark = [pytest.mark.django_db, pytest.mark.writes]

# Every page of an employer's that shows a form (a page only posted to has none to fill in).
PAGES = sorted(
    name
    for name, rule in URLS.items()
    if rule.kind in (COMPANY, EMPLOYER) and "employer" in rule.allowed and not rule.post_only and rule.serves is None
)
TEXT_TYPES = {"text", "email", "tel", "search", "url", None}


class _Form(HTMLParser):
    """The fields of the page's forms that post to `path`, as a person leaves them, and the text fields."""

    def __init__(self, page: str, path: str):
        super().__init__()
        self.path, self.fields, self.text, self._in, self._select, self._textarea = path, {}, [], False, None, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._in = (
                attrs.get("method", "").lower() == "post"
                and urlsplit(attrs.get("action") or self.path).path == self.path
            )
        elif not self._in or not name or "disabled" in attrs:
            return
        elif tag == "textarea":
            self.text.append(name)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and (self._select not in self.fields or "selected" in attrs):
            if attrs.get("value") or "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in TEXT_TYPES and "readonly" not in attrs:
            self.text.append(name)
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs or (attrs.get("type") == "radio" and name not in self.fields):
                self.fields[name] = attrs.get("value", "on")
        elif tag == "input" and attrs.get("type") != "file" and attrs.get("type") != "submit":
            self.fields.setdefault(name, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in = False


SHOWN = []


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nTyped text shown back whole on {len(SHOWN)} of {len(PAGES)} employer pages: {', '.join(SHOWN)}")


@pytest.mark.parametrize("name", PAGES)
def test_rule_id_like_text_an_employer_types_comes_back_whole(world, client_as, name):
    client, url = client_as("employer"), page_url(name, world)
    form = _Form(client.get(url).text, urlsplit(url).path)
    if not form.text:
        pytest.skip("no text field to type in")
    typed = {field: f"Kept {number} (AB-12) ELIG-3 [TRN-5]" for number, field in enumerate(form.text)}
    response = client.post(url, {**form.fields, **typed})
    if response.status_code == 302:
        response = client.get(response["Location"])
    page = html.unescape(response.content.decode())
    for number, value in enumerate(typed.values()):
        if f"Kept {number} " in page:
            assert value in page, f"{name}: {value!r} came back altered"
    if any(value in page for value in typed.values()):
        SHOWN.append(name)
