"""Generated posts to every form of every role (issue 12; `make fuzz` runs 10,000, CI a few hundred).

Each example posts to one of the project's pages (the isolation table's, signed in as a role that may use
it) the fields of SECOR's forms with generated values: text of any Unicode, huge and negative numbers,
malformed dates, fields repeated, wrong choices, the other company's ids. No response may be a server error,
the other company's records never change, and a refused form comes back saying why with what was typed.
"""

from collections import Counter, defaultdict
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audits.models import Audit, Certificate, Invoice, MaintenancePackage, ManualSubmission
from companies.models import Company, Employee, Membership
from milestones.models import MilestoneLetter
from secor.documents.models import Document
from secor.reviews.models import Review
from tests.security.fuzzing import fuzzed
from tests.security.isolation import page_url
from tests.security.urls_table import AUDITOR, COMPANY, EMPLOYER, STAFF, URLS
from tests.security.world import hostile_payload
from training.models import TrainingRecord

# Posts that are let through change the world: its cases get fresh copies of it.
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz, pytest.mark.writes]
STATUSES: Counter = Counter()


def _role(rule) -> str:
    """Who posts: the company's own employer where the page is theirs, else staff."""
    return "employer" if "employer" in rule.allowed else "staff_user" if "staff_user" in rule.allowed else ""


# Every page that may take a form, with a role that may use it (files served are left out).
TARGETS = sorted(
    (name, _role(rule))
    for name, rule in URLS.items()
    if rule.kind in (COMPANY, STAFF, AUDITOR, EMPLOYER) and rule.serves is None and _role(rule)
)


def _other_company(world) -> list:
    """Everything of company B a post could change."""
    other = world.other_company
    # The headcount SECOR keeps (refreshed by any staff page that lists companies) is not a record's change.
    kept = {"counted_workers", "counted_workers_next_start", "counted_workers_next_end"}
    company_fields = [field.attname for field in Company._meta.concrete_fields if field.attname not in kept]
    return [
        list(Company.objects.filter(pk=other.pk).values(*company_fields)),
        *(
            list(model.objects.filter(company=other).order_by("pk").values())
            for model in (
                Employee,
                Membership,
                TrainingRecord,
                Review,
                Document,
                ManualSubmission,
                MilestoneLetter,
                Audit,
                Certificate,
                Invoice,
                MaintenancePackage,
            )
        ),
    ]


def _values(world) -> st.SearchStrategy:
    other_ids = [
        str(obj.pk)
        for obj in (
            world.other_company,
            world.other_employee,
            world.other_record,
            world.other_submission,
            world.other_manual,
            world.other_audit,
            world.other_certificate,
            world.other_invoice,
            world.other_package,
        )
    ]
    one = st.one_of(
        st.text(max_size=200),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.sampled_from(["2026-02-30", "0000-00-00", "9999-12-31", "31/12/2026", "2026-13-01", "-1", "", " "]),
        st.dates().map(str),
        st.sampled_from(other_ids),
        st.sampled_from(["on", "yes", "1", "0", "approve", "corrections", "accept", "withdraw", "staff"]),
    )
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))  # a field sent twice or more


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    total = sum(STATUSES.values())
    print(f"\nFuzzed {total:,} posts; statuses seen: {dict(sorted(STATUSES.items()))}")


@fuzzed
@given(data=st.data())
def test_generated_posts_never_fail_and_never_touch_another_company(world, client_as, data):
    name, role = data.draw(st.sampled_from(TARGETS), label="page")
    fields = sorted(key for key, value in hostile_payload(world).items() if not hasattr(value, "read"))
    payload = data.draw(st.dictionaries(st.sampled_from(fields), _values(world), max_size=12), label="post")
    before = _other_company(world)
    url = page_url(name, world)
    response = client_as(role).post(url, payload)
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, f"POST {name} as {role} with {payload!r}"
    assert _other_company(world) == before, f"POST {name} as {role} changed the other company's records"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        _assert_shown_back(response.text, urlsplit(url).path, payload, f"POST {name} as {role} with {payload!r}")


class _TextFields(HTMLParser):
    """The values held by the text fields of the page's forms that post to `path` (the form posted to, shown
    again), by name. A list's forms posting elsewhere (a review on a queue) are not it."""

    TEXT_TYPES = {"text", "email", "tel", "number", "search", "url"}

    def __init__(self, page: str, path: str):
        super().__init__()
        self.path, self.values, self._in_form, self._textarea = path, defaultdict(list), False, None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = urlsplit(attrs.get("action") or self.path).path == self.path
        elif not self._in_form:
            return
        elif "disabled" in attrs or "readonly" in attrs:
            return  # shown, not typed: the form keeps its own value (an employer's WCB number)
        elif tag == "input" and attrs.get("type", "text") in self.TEXT_TYPES and attrs.get("name"):
            self.values[attrs["name"]].append(attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.values[self._textarea].append("")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# How SECOR says what is wrong: the error summary, a field's message, Django's error list.
MESSAGES = ('id="error-summary"', "invalid-feedback", "errorlist")


def _assert_shown_back(page: str, path: str, payload: dict, post: str) -> None:
    """A post answered with its form again (not a redirect) was refused: the page says why, and every text
    field of the form holds what was typed (a textarea's first newline is HTML's, not the person's)."""
    shown = _TextFields(page, path).values
    taken = [field for field in payload if field in shown]
    if not taken:
        return  # not the form posted to: a confirmation, or a page that takes no post
    assert any(message in page for message in MESSAGES), f"{post}: the form came back without a message"
    for field in taken:
        typed = payload[field][-1] if isinstance(payload[field], list) else payload[field]
        held = [_lines(value.removeprefix("\n")) for value in shown[field]]
        assert _lines(typed) in held or _lines(typed).strip() in held, f"{post}: {field} came back as {held!r}"
