"""axe-core finds no serious or critical accessibility violation on the main pages of each role (issue 8), at a
desk's 1280 px and a phone's 390 px; at 390 px none of them scrolls sideways (issue 24).

The pages are those of the demo data (`make run`), which has a company at every stage and a training
chart showing every status, so each page is checked with real content in it.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from audits.models import ManualSubmission
from companies.models import Application, Company, CorHandoff
from companies.questions.models import Question
from secor.core.models import User

# The module's tests run on one process (make test's --dist loadgroup), so the demo is loaded once for all of them.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("accessibility")]

DEMO_PASSWORD = "secor-demo-2026"
DESK, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


def assert_fits_a_phone(page) -> None:
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} is {scroll_width} px wide on a {inner_width} px phone screen"


@pytest.fixture
def transactional_db(demo_committed_once, django_db_blocker):
    """The live server reads the demo, committed once for the module (tests/conftest.py), instead of a database
    emptied after each test: these tests only read it (signing in, and a form that is refused, save nothing of it)."""
    with django_db_blocker.unblock():
        yield


def registered_company() -> Company:
    """The registered demo company with the busiest training chart."""
    return Company.objects.filter(status=Company.Status.REGISTERED).order_by("-training_records__pk").first()


def check_pages(page, assert_accessible, urls) -> None:
    """Each page at a desk's width, then at a phone's (the same page, laid out again)."""
    for url in urls:
        page.set_viewport_size(DESK)
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)
        page.set_viewport_size(PHONE)
        assert_accessible(page)
        assert_fits_a_phone(page)


def test_the_public_pages_are_accessible(page, assert_accessible):
    check_pages(page, assert_accessible, ["/", reverse("account_login"), reverse("account_signup")])


def test_the_employers_pages_are_accessible(page, sign_in, assert_accessible):
    company = registered_company()
    owner = company.memberships.get(is_owner=True).user
    sign_in(page, owner.email, password=DEMO_PASSWORD)
    check_pages(
        page,
        assert_accessible,
        [
            reverse("companies:detail", args=[company.pk]),
            reverse("companies:roster", args=[company.pk]),
            reverse("companies:employee_add", args=[company.pk]),
            reverse("training:chart", args=[company.pk]),
            reverse("training:record_add", args=[company.pk]),
            reverse("training:submission_add", args=[company.pk]),
            reverse("companies:notices", args=[company.pk]),
            reverse("audits:manual", args=[company.pk]),
            reverse("audits:manual_submit", args=[company.pk]),
            reverse("milestones:calendar", args=[company.pk]),
            reverse("companies:questions", args=[company.pk]),
        ],
    )


def test_the_staff_pages_are_accessible(page, new_page, sign_in, assert_accessible):
    company = registered_company()
    application = Application.objects.filter(decision=Application.Decision.PENDING).first()
    manual = ManualSubmission.objects.filter(review__state="submitted").first()
    sign_in(page, User.objects.get(role=User.Role.STAFF).email, password=DEMO_PASSWORD)
    check_pages(
        page,
        assert_accessible,
        [
            reverse("pages:dashboard"),
            reverse("training:deadlines") + "?within=90",
            reverse("companies:list"),
            reverse("companies:detail", args=[company.pk]),
            reverse("training:chart", args=[company.pk]),
            reverse("companies:applications"),
            reverse("companies:application", args=[application.pk]),
            reverse("training:verification_queue"),
            reverse("notices:log"),
            reverse("companies:people"),
            reverse("audits:manual_queue"),
            reverse("milestones:watch"),
            reverse("audits:manual_review", args=[manual.company_id, manual.pk]),
            reverse("milestones:letter_extend", args=[company.pk, company.milestone_letters.first().pk]),
            # The pages of issue 21: questions to SCSA, the hand-offs to COR (and a company's own), the audit tool
            # and the program documents.
            reverse("companies:question_queue"),
            reverse("companies:question_answer", args=[Question.objects.filter(answered_at__isnull=True).first().pk]),
            reverse("companies:cor_handoffs"),
            reverse("companies:cor_handoff", args=[CorHandoff.objects.first().company_id]),
            reverse("audits:audit_tool:versions"),
            reverse("audits:program_documents"),
            # Issue 26: switching notices on at go-live (a kind's list shown), and the imports with their templates.
            reverse("notices:go_live") + "?kind=self-audit-due",
            reverse("golive:imports"),
        ],
    )
    # The menu fits one line at a desk (issue 24); its groups open without JavaScript, as <details>.
    page.set_viewport_size(DESK)
    links = page.locator("#nav .navbar-nav.me-auto > li")
    boxes = [links.nth(index).bounding_box() for index in range(links.count())]
    assert len({box["y"] for box in boxes}) == 1, "the menu wraps"
    no_script = new_page(java_script_enabled=False)
    sign_in(no_script, User.objects.get(role=User.Role.STAFF).email, password=DEMO_PASSWORD)
    no_script.locator("summary", has_text="Queues").click()
    no_script.get_by_role("link", name="Applications").click()
    expect(no_script.get_by_role("heading", name="Applications")).to_be_visible()
    # The page that asks before an irreversible decision.
    page.goto(reverse("companies:application", args=[application.pk]))
    page.get_by_role("button", name="Accept and register").click()
    expect(page.get_by_role("button", name="Yes, accept and register")).to_be_visible()
    assert_accessible(page)


def test_the_certified_companys_cycle_pages_are_accessible(page, sign_in, assert_accessible):
    """The demo's certified company: its certificate card, its maintenance page and form; staff's lists."""
    company = Company.objects.get(wcb_account_number="1204470")
    sign_in(page, company.memberships.get(is_owner=True).user.email, password=DEMO_PASSWORD)
    urls = ["companies:detail", "audits:audits", "audits:maintenance", "audits:maintenance_submit"]
    check_pages(page, assert_accessible, [reverse(name, args=[company.pk]) for name in urls])
    page.context.clear_cookies()
    sign_in(page, User.objects.get(role=User.Role.STAFF).email, password=DEMO_PASSWORD)
    check_pages(
        page, assert_accessible, [reverse("audits:maintenance_queue"), reverse("audits:anniversaries") + "?within=90"]
    )


def test_the_auditors_pages_are_accessible(page, sign_in, assert_accessible):
    auditor = User.objects.filter(role=User.Role.AUDITOR, assigned_companies__isnull=False).first()
    company = auditor.assigned_companies.first()
    sign_in(page, auditor.email, password=DEMO_PASSWORD)
    check_pages(
        page,
        assert_accessible,
        [
            reverse("companies:list"),
            reverse("training:verification_queue"),
            reverse("companies:detail", args=[company.pk]),
            reverse("training:chart", args=[company.pk]),
            reverse("audits:manual_queue"),
            reverse("audits:manual", args=[company.pk]),
            reverse("audits:my_audit_calendar"),
        ],
    )


def test_a_form_that_fails_is_accessible_and_takes_focus_to_its_error_summary(page, sign_in, assert_accessible):
    company = registered_company()
    sign_in(page, company.memberships.get(is_owner=True).user.email, password=DEMO_PASSWORD)
    page.goto(reverse("companies:employee_add", args=[company.pk]))
    page.get_by_role("button", name="Save", exact=True).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("problem")
    # Each problem links to its field.
    summary.get_by_role("link").first.click()
    expect(page.locator("input:focus, select:focus")).to_have_count(1)
    assert_accessible(page)
