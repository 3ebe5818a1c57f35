"""Generated posts to every form of every role (issue 12; `make fuzz` runs 10,000, CI a few hundred).

Each example posts to one of the project's pages (the isolation table's, signed in as a role that may use
it) the fields of SECOR's forms with generated values: text of any Unicode, huge and negative numbers,
malformed dates, fields repeated, wrong choices, the other company's ids. No response may be a server error,
and the other company's records never change.
"""

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audits.models import Audit, Certificate, Invoice, MaintenancePackage, ManualSubmission
from companies.models import Company, Employee, Membership
from milestones.models import MilestoneLetter
from secor.documents.models import Document
from secor.reviews.models import Review
from tests.security.conftest import hostile_payload
from tests.security.test_isolation import _url
from tests.security.urls_table import AUDITOR, COMPANY, EMPLOYER, STAFF, URLS
from training.models import TrainingRecord

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
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


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_generated_posts_never_fail_and_never_touch_another_company(world, client_as, data):
    name, role = data.draw(st.sampled_from(TARGETS), label="page")
    fields = sorted(key for key, value in hostile_payload(world).items() if not hasattr(value, "read"))
    payload = data.draw(st.dictionaries(st.sampled_from(fields), _values(world), max_size=12), label="post")
    before = _other_company(world)
    response = client_as(role).post(_url(name, world), payload)
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, f"POST {name} as {role} with {payload!r}"
    assert _other_company(world) == before, f"POST {name} as {role} changed the other company's records"
