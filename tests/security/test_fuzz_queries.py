"""Generated query parameters on every page, as every role that may open it (issue 25; `make fuzz` runs
10,000, CI a few hundred): Unicode digits, NULs, huge and negative numbers, months out of range, any text, a
parameter repeated. What a page cannot read it ignores or answers 400 (secor.query); never a server error.

The parameters are the ones the project reads, found in its source, so a list that starts reading a new one
is fuzzed with it at once."""

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from audits.invoices.forms import InvoiceFilterForm
from secor.notices.forms import LogFilterForm
from tests.security.fuzzing import fuzzed
from tests.security.isolation import page_url
from tests.security.urls_table import URLS

# GET pages may refresh what SECOR keeps (a company's headcount): each case gets fresh copies of the world.
pytestmark = [pytest.mark.django_db, pytest.mark.fuzz, pytest.mark.writes]
STATUSES: Counter = Counter()
APPS = ("secor", "companies", "training", "audits", "milestones")


def _parameters_read() -> list[str]:
    """Every `request.GET.get("name")` / `request.GET["name"]` in the apps, and the list filter forms' fields."""
    read = {
        match
        for app in APPS
        for path in Path(settings.BASE_DIR, app).rglob("*.py")
        for match in re.findall(r"GET(?:\.get\(|\[)\s*\"(\w+)\"", path.read_text())
    }
    return sorted(read | set(InvoiceFilterForm.base_fields) | set(LogFilterForm.base_fields))


PARAMETERS = _parameters_read()
# Every page that opens with a GET, with each role that may open it.
TARGETS = sorted((name, role) for name, rule in URLS.items() if not rule.post_only for role in rule.allowed)

VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["²", "٣", "\uff11\uff12", "߁", "\x00", "1\x00", "%00", "-1", "0", "1e9", "1.5", "+2", " 3"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["9999-12", "0001-01", "2026-13", "2026-00", "10000-01", "2026-02-30", "0000-00-00"]),
    st.sampled_from(["30", "60", "90", "28", "42", "1", "2", "name", "-name", "registered", "on"]),
)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    total = sum(STATUSES.values())
    print(
        f"\nFuzzed {total:,} addresses ({len(PARAMETERS)} parameters); statuses seen: {dict(sorted(STATUSES.items()))}"
    )


def test_every_parameter_a_list_reads_is_found():
    assert {"page", "records_page", "submissions_page", "rows", "waiting", "within", "month", "course"} <= set(
        PARAMETERS
    )


@fuzzed
@given(data=st.data())
def test_generated_query_parameters_never_fail(world, client_as, data):
    name, role = data.draw(st.sampled_from(TARGETS), label="page")
    query = data.draw(
        st.dictionaries(
            st.sampled_from(PARAMETERS), st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)), max_size=5
        ),
        label="query",
    )
    url = f"{page_url(name, world)}?{urlencode(query, doseq=True)}"
    response = client_as(role).get(url)
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, f"GET {url} as {role}"
