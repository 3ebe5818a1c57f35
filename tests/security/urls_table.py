"""The classification table of the project's URLs, and the walk over the URLconf it is checked against.

`URLS` is the single list of the project's URLs: a URL added without being classified here fails
`test_every_url_pattern_is_classified` (tests/security/test_url_classification.py).
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.world import ANONYMOUS, ROLES

PUBLIC = "public"
SECRET = "secret-link"  # public, but only at an address its company keeps secret (a calendar feed)
STAFF = "staff"
AUDITOR = "staff-or-auditor"
COMPANY = "company-scoped"
EMPLOYER = "employer"
SIGNED_IN_ONLY = "signed-in"  # every signed-in person, whatever the role or company (the program's documents)
# The partners' API (/api/v1/): opened by keys and tokens, never by a session; tried as every role's token and every
# kind of key in tests/security/test_api_isolation.py (API_ACCESS), so its rules name no signed-in role here.
API = "api"

SIGNED_IN = tuple(role for role in ROLES if role != ANONYMOUS)
EMPLOYER_ROLES = frozenset({"employer", "member", "other_employer", "new_employer"})
# Roles that may see company A at all; the others must find nothing under A's URLs.
IN_SCOPE_OF_A = frozenset({"employer", "member", "auditor", "staff_user"})
OUT_OF_SCOPE_OF_A = tuple(role for role in SIGNED_IN if role not in IN_SCOPE_OF_A)

# Who may use a company-scoped page of A (they must also have A in scope).
READERS = frozenset({"employer", "member", "auditor", "staff_user"})
EDITORS = frozenset({"employer", "member", "staff_user"})  # program auditors only read
OWNERS = frozenset({"employer", "staff_user"})
REVIEWERS = frozenset({"auditor", "staff_user"})  # the assigned program auditor, and staff
STAFF_ONLY = frozenset({"staff_user"})
PROGRAM_PEOPLE = frozenset({"staff_user", "auditor", "unassigned_auditor"})

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Rule:
    kind: str
    allowed: frozenset[str]  # signed-in roles the page is for
    args: dict[str, str] = field(default_factory=dict)  # URL argument -> attribute of the `world` fixture
    post_only: bool = False
    serves: str | None = None  # the Content-Type of a page that is a file (a PDF, an uploaded document)


def _company(allowed: frozenset[str], *, post_only: bool = False, serves: str | None = None, **objects: str) -> Rule:
    """A page of company A; `objects` are the URL arguments naming one of A's objects (argument -> attribute)."""
    return Rule(COMPANY, allowed, {"pk": "company", **objects}, post_only, serves)


URLS: dict[str, Rule] = {
    "home": Rule(PUBLIC, frozenset(ROLES)),
    "health": Rule(PUBLIC, frozenset(ROLES)),
    "health_ready": Rule(PUBLIC, frozenset(ROLES)),
    # MIL-4: A's calendar, at its secret address: anyone holding it, nobody else (tested on its own).
    "milestones:calendar_feed": Rule(SECRET, frozenset(ROLES), {"token": "calendar_feed"}),
    # AUD-2: the bookings of the auditor of A's audit, at the auditor's secret address.
    "audits:auditor_calendar_feed": Rule(SECRET, frozenset(ROLES), {"token": "auditor_calendar"}),
    # CERT-1: anyone verifies a certificate by its number (A's here) and reads the list of certified companies.
    "audits:verify": Rule(PUBLIC, frozenset(ROLES)),
    "audits:verify_certificate": Rule(PUBLIC, frozenset(ROLES), {"number": "certificate"}),
    "audits:certified": Rule(PUBLIC, frozenset(ROLES)),
    # CERT-1: a prime contractor verifies a list of certificate or WCB numbers at once, without signing in.
    "audits:verify_list": Rule(PUBLIC, frozenset(ROLES)),
    # Staff or auditor; an auditor sees only the companies assigned to them.
    "companies:list": Rule(AUDITOR, PROGRAM_PEOPLE),
    "companies:export": Rule(AUDITOR, PROGRAM_PEOPLE),
    "training:verification_queue": Rule(AUDITOR, PROGRAM_PEOPLE),
    "audits:manual_queue": Rule(AUDITOR, PROGRAM_PEOPLE),
    "audits:maintenance_queue": Rule(AUDITOR, PROGRAM_PEOPLE),
    "audits:anniversaries": Rule(STAFF, STAFF_ONLY),
    "milestones:watch": Rule(STAFF, STAFF_ONLY),
    "audits:audit_calendar": Rule(STAFF, STAFF_ONLY),
    "audits:audit_requests": Rule(STAFF, STAFF_ONLY),
    "audits:my_audit_calendar": Rule(AUDITOR, PROGRAM_PEOPLE),
    "audits:invoice_list": Rule(STAFF, STAFF_ONLY),
    # MAN-1, AUD-4: the audit tool's versions, a copy and a draft's edits are for program staff only.
    "audits:audit_tool:versions": Rule(STAFF, STAFF_ONLY),
    "audits:audit_tool:version": Rule(STAFF, STAFF_ONLY, {"pk": "tool_version"}),
    "audits:audit_tool:copy": Rule(STAFF, STAFF_ONLY, {"pk": "tool_version"}),
    "audits:invoice_export": Rule(STAFF, STAFF_ONLY),
    "training:deadlines": Rule(STAFF, STAFF_ONLY),
    "pages:dashboard": Rule(STAFF, STAFF_ONLY),
    "pages:program_report": Rule(STAFF, STAFF_ONLY),
    "notices:texts": Rule(STAFF, STAFF_ONLY),
    "pages:notice_timing": Rule(STAFF, STAFF_ONLY),
    "notices:text_edit": Rule(STAFF, STAFF_ONLY, {"kind": "notice_text_kind"}),
    "notices:text_restore": Rule(STAFF, STAFF_ONLY, {"pk": "notice_text"}, post_only=True),
    "pages:program_report_pdf": Rule(STAFF, STAFF_ONLY, serves=PDF),
    "pages:program_report_csv": Rule(STAFF, STAFF_ONLY),
    # The program documents: staff keep their versions; the current one of a kind is for everyone signed in.
    "audits:program_documents": Rule(STAFF, STAFF_ONLY),
    "audits:program_document_version": Rule(STAFF, STAFF_ONLY, {"pk": "program_document"}, serves=PDF),
    "audits:program_document": Rule(
        SIGNED_IN_ONLY, frozenset(SIGNED_IN), {"kind": "program_document_kind"}, serves=PDF
    ),
    # Company-scoped: the company pk, and objects that belong to that company.
    "companies:detail": _company(READERS),
    "companies:edit": _company(EDITORS),
    "companies:status": _company(STAFF_ONLY, post_only=True),
    "companies:auditors": _company(STAFF_ONLY, post_only=True),
    # ELIG-3/ELIG-4: the company (or staff for it) tells SCSA when it expects to register for COR.
    "companies:cor_handoff": _company(EDITORS),
    "companies:roster": _company(READERS),
    "companies:employee_add": _company(EDITORS),
    "companies:employee_edit": _company(EDITORS, employee_pk="employee"),
    "companies:member_invite": _company(OWNERS),
    # Every stored document (certificates, submissions, issued letters), through its company.
    "companies:document": _company(READERS, serves=PDF, document_pk="document"),
    # NTC-3: the company's notices, for everyone who sees the company.
    "companies:notices": _company(READERS),
    # Everything SECOR keeps about A, files included: for its employer users and staff.
    "companies:archive": _company(EDITORS, serves="application/zip"),
    # Questions to SCSA: asked and read by A's own people (staff read them too); not program auditors'.
    "companies:questions": _company(EDITORS),
    # Training: the chart and the documents are read by all of A's people; auditors only read and review.
    "training:chart": _company(READERS),
    "training:chart_pdf": _company(READERS, serves=PDF),
    "training:record_add": _company(EDITORS),
    "training:record_correct": _company(EDITORS, record_pk="record"),
    "training:submission_add": _company(EDITORS),
    "training:submission_resubmit": _company(EDITORS, submission_pk="returned_submission"),
    "training:designate": _company(EDITORS, post_only=True),
    "training:designation_remove": _company(EDITORS, post_only=True, designation_pk="designation"),
    "training:record_review": _company(STAFF_ONLY, post_only=True, record_pk="record"),
    "training:deadline_extend": _company(STAFF_ONLY, post_only=True, record_pk="record"),
    "training:submission_review": _company(REVIEWERS, post_only=True, submission_pk="submission"),
    # The whole history of a record's or submission's review: for everyone who sees the rows it is on.
    "training:review_versions": _company(READERS, review_pk="review"),
    # The manual (MAN-2): read by all of A's people, sent by its editors, given out by staff, decided by staff
    # or the program auditor it was given to (A's auditor here; another auditor of A would find nothing).
    "audits:manual": _company(READERS),
    "audits:manual_submit": _company(EDITORS),
    "audits:manual_resubmit": _company(EDITORS, manual_pk="returned_manual"),
    "audits:manual_assign": _company(STAFF_ONLY, post_only=True, manual_pk="manual"),
    "audits:manual_review": _company(REVIEWERS, manual_pk="manual"),
    # Milestone letters (MIL-2, MAN-3): the company asks for #2, staff issue it or extend a letter; the
    # calendar address is kept by the company's editors (MIL-4).
    "milestones:request_next": _company(EDITORS, post_only=True),
    "milestones:issue_next": _company(STAFF_ONLY, post_only=True),
    "milestones:letter_extend": _company(STAFF_ONLY, letter_pk="letter"),
    "milestones:calendar": _company(EDITORS),
    # Audits (AUD-1 … AUD-5): read by A's people; requested by its editors; booked by staff; the score sheet
    # saved and the audit completed by staff or the program auditor booked (A's auditor here).
    "audits:audits": _company(READERS),
    "audits:audit_request": _company(EDITORS),
    "audits:audit_form": _company(EDITORS, serves=PDF, form="audit_form"),
    "audits:audit_schedule": _company(STAFF_ONLY),
    "audits:audit": _company(READERS, audit_pk="audit"),
    "audits:audit_complete": _company(REVIEWERS, post_only=True, audit_pk="audit"),
    "audits:certificate_status": _company(STAFF_ONLY, post_only=True, certificate_pk="certificate"),
    "audits:certificate_listed": _company(STAFF_ONLY, post_only=True, certificate_pk="certificate"),
    # Annual maintenance (MNT-1): read by all of A's people, sent and corrected by its editors, given out by
    # staff, decided by staff or the program auditor it was given to (A's auditor here).
    "audits:maintenance": _company(READERS),
    "audits:maintenance_submit": _company(EDITORS),
    "audits:maintenance_resubmit": _company(EDITORS, package_pk="returned_package"),
    "audits:maintenance_assign": _company(STAFF_ONLY, post_only=True, package_pk="package"),
    "audits:maintenance_review": _company(REVIEWERS, package_pk="package"),
    # Invoices (ELIG-7, AUD-6): the company's people who edit (employers) and staff; program auditors do not.
    "audits:invoices": _company(EDITORS),
    "audits:invoice": _company(EDITORS, invoice_pk="invoice"),
    "audits:invoice_pay": _company(STAFF_ONLY, post_only=True, invoice_pk="invoice"),
    "audits:invoice_payment_correct": _company(STAFF_ONLY, post_only=True, invoice_pk="invoice"),
    "audits:invoice_void": _company(STAFF_ONLY, post_only=True, invoice_pk="invoice"),
    # The employer's registration journey.
    "companies:register": Rule(EMPLOYER, EMPLOYER_ROLES),
    "companies:register_workers": Rule(EMPLOYER, EMPLOYER_ROLES),
    "companies:register_check": Rule(EMPLOYER, EMPLOYER_ROLES),
    "companies:register_agreement": Rule(EMPLOYER, EMPLOYER_ROLES),
    # Staff only. The application page takes an Application pk of company A: staff-only even for A's employers.
    "companies:applications": Rule(STAFF, STAFF_ONLY),
    "companies:application": Rule(STAFF, STAFF_ONLY, {"pk": "application"}),
    "companies:people": Rule(STAFF, STAFF_ONLY),
    # The questions of every company, and answering one of A's (a program auditor finds nothing).
    "companies:question_queue": Rule(STAFF, STAFF_ONLY),
    "companies:question_answer": Rule(STAFF, STAFF_ONLY, {"pk": "question"}),
    "companies:cor_handoffs": Rule(STAFF, STAFF_ONLY),
    # The notices log across companies, and sending a failed or doubtful notice again.
    "notices:log": Rule(STAFF, STAFF_ONLY),
    "notices:resend": Rule(STAFF, STAFF_ONLY, {"pk": "notice"}, post_only=True),
    # The partners' keys, made and revoked by staff; each person's own token (staff and program auditors).
    "api_keys:keys": Rule(STAFF, STAFF_ONLY),
    "api_keys:key": Rule(STAFF, STAFF_ONLY, {"pk": "api_key"}),
    "api_keys:key_revoke": Rule(STAFF, STAFF_ONLY, {"pk": "api_key"}, post_only=True),
    "api_keys:my_token": Rule(AUDITOR, PROGRAM_PEOPLE),
    # The API: its schema and documentation, the public verification, staff's read access (by token).
    "api:schema": Rule(API, frozenset()),
    "api:docs": Rule(API, frozenset()),
    "api:verify_numbers": Rule(API, frozenset()),
    "api:verify_certificate": Rule(API, frozenset(), {"number": "certificate"}),
    "api:verify_company": Rule(API, frozenset(), {"wcb_account_number": "company"}),
    **{
        name: Rule(API, frozenset(), args)
        for records, attribute in (
            ("companies", "company"),
            ("letters", "letter"),
            ("audits", "audit"),
            ("certificates", "certificate"),
            ("invoices", "invoice"),
            ("notices", "notice"),
            ("subscriptions", "subscription"),
        )
        for name, args in ((f"api:{records}-list", {}), (f"api:{records}-detail", {"pk": attribute}))
    },
    # Go-live: importing SCSA's files (the templates, a file's check and its import) is for program staff only.
    "golive:imports": Rule(STAFF, STAFF_ONLY),
    "golive:template": Rule(STAFF, STAFF_ONLY, {"kind": "import_kind"}, serves=XLSX),
    "golive:export": Rule(STAFF, STAFF_ONLY, {"kind": "import_kind"}, serves=XLSX),
    "golive:run": Rule(STAFF, STAFF_ONLY, {"pk": "import_run"}),
    "golive:confirm": Rule(STAFF, STAFF_ONLY, {"pk": "import_run"}, post_only=True),
    # Go-live: what the next sweep would send, and switching a kind of deadline notice on.
    "notices:go_live": Rule(STAFF, STAFF_ONLY),
    "notices:go_live_switch": Rule(STAFF, STAFF_ONLY, post_only=True),
}


def _by_reader(staff: str, auditors: str) -> dict[str, str]:
    return {"staff_user": staff, "auditor": auditors, "unassigned_auditor": auditors}


# What each page that opens is, so that a 200 with another page fails: an HTML page's heading (its <h1>, without
# the counts and states of its badges), or how a text or CSV file's first line starts. Braces name the world's
# objects ("{company.display_name}") and today ("{today:%B %Y}"); a page titled for its reader gives its heading
# by role. Files (`serves`) are checked by their content instead.
HEADINGS: dict[str, str | dict[str, str]] = {
    "home": "Small Employer Certificate of Recognition",
    "health": "ok",
    "health_ready": "database: ok",
    "audits:verify": "Verify a SECOR certificate",
    "audits:verify_certificate": "SECOR certificate {certificate.number}",
    "audits:certified": "SECOR certified companies",
    "companies:list": _by_reader("Companies", "My assigned companies"),
    "companies:export": "Legal name,Operating name,WCB account number,",
    "training:verification_queue": _by_reader("Training to review", "Submissions to review"),
    "audits:manual_queue": "Health & safety manuals to review",
    "audits:maintenance_queue": "Maintenance packages to review",
    "audits:anniversaries": "Anniversaries of the next 90 days",
    "milestones:watch": "Milestone letters to watch",
    "audits:audit_calendar": "Audits of {today:%B %Y}",
    "audits:audit_requests": "Audit requests to book",
    "audits:my_audit_calendar": "My audits",
    "audits:invoice_list": "Invoices",
    "audits:audit_tool:versions": "SECOR audit tool",
    "audits:audit_tool:version": "{tool_version.name}",
    "audits:audit_tool:copy": "Copy {tool_version.name} into a new version",
    "audits:invoice_export": "Invoice,Issued,Company,",
    "training:deadlines": "Training deadlines in the next 30 days",
    "pages:dashboard": "SECOR program dashboard",
    "pages:program_report": "SECOR program report",
    "notices:texts": "Notice texts",
    "pages:notice_timing": "Notice timing and program dates",
    "notices:text_edit": "Answer to a question: notice text",
    "pages:program_report_csv": "Applications,Count",
    "audits:program_documents": "Program documents",
    "companies:detail": "{company.display_name}",
    "companies:edit": "Company details",
    "companies:cor_handoff": "When do you expect to register for COR?",
    "companies:roster": "Roster",
    "companies:employee_add": "Add a person to the roster",
    "companies:employee_edit": "Edit {employee}",
    "companies:member_invite": "Invite a person to {company.display_name}",
    "companies:notices": "Notices",
    "companies:questions": "Questions to SCSA",
    "training:chart": "SECOR training chart",
    "training:record_add": "Record a completed course",
    "training:record_correct": "Correct {record.course} of {record.employee}",
    "training:submission_add": "Upload a self-audit, maintenance audit or LSE proficiency",
    "training:submission_resubmit": "Resubmit the LSE proficiency of {returned_submission.employee}",
    "training:review_versions": "LSE proficiency of {returned_submission.employee}: every version",
    "audits:manual": "Health & safety manual",
    "audits:manual_submit": "Send the health & safety manual for review",
    "audits:manual_resubmit": "Send the corrected health & safety manual",
    "audits:manual_review": "Review the health & safety manual",
    "milestones:letter_extend": "Extend the Milestone #1 letter of {company.display_name}",
    "milestones:calendar": "{company.display_name}: deadlines in your calendar",
    "audits:audits": "Audits",
    "audits:audit_request": "Request your re-certification audit",
    "audits:audit_schedule": "Book an audit of {company.display_name}",
    "audits:audit": "Baseline audit of {company.display_name}",
    "audits:maintenance": "Annual maintenance",
    "audits:maintenance_submit": "Send the maintenance package",
    "audits:maintenance_resubmit": "Send the corrected maintenance package",
    "audits:maintenance_review": "Review the maintenance package",
    "audits:invoices": "Invoices",
    "audits:invoice": "Invoice {invoice.reference}",
    "companies:register": "Register your company for SECOR",
    "companies:applications": "Applications waiting for SCSA",
    "companies:application": "Application of {company.display_name}",
    "companies:people": "Program auditors and staff",
    "companies:question_queue": "Questions from companies",
    "companies:question_answer": "Answer the question",
    "companies:cor_handoffs": "Hand-offs to COR waiting",
    "notices:log": "Notices",
    "audits:verify_list": "Verify a list of SECOR certificates",
    "api_keys:keys": "API keys",
    "api_keys:key": "API key of {api_key.holder}",
    "api_keys:my_token": "My API token",
    "notices:go_live": "Switching notices on",
    "golive:imports": "Import SCSA's records",
    "golive:run": "Import of {import_run.filename}",
}

# Third-party includes that protect themselves, by (route prefix, include): the include is recognised by its
# namespace or URLconf module, so a project view put beside them under the same prefix is still unclassified.
THIRD_PARTY = {
    ("accounts/", "allauth.urls"): "allauth: sign-in, sign-up, e-mail addresses, passwords, 2FA",
    ("admin/", "admin"): "Django admin: every view is wrapped in admin_view (staff members only)",
}


def names(kind: str) -> list[str]:
    return [name for name, rule in URLS.items() if rule.kind == kind]


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name"; None for an unnamed pattern
    route: str
    params: frozenset[str]
    include: tuple[str, str] | None  # (route prefix, namespace or URLconf module) of the top-level include

    @property
    def is_third_party(self) -> bool:
        return self.include in THIRD_PARTY


def _walk(patterns, prefix="", namespaces=(), params=frozenset(), include=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        here = params | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            # include("module") keeps the imported module; a list of patterns has no module name.
            label = pattern.namespace or getattr(pattern.urlconf_name, "__name__", "")
            namespace = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern.url_patterns, route, namespace, here, include or (str(pattern.pattern), label))
        else:
            assert isinstance(pattern, URLPattern)
            name = ":".join((*namespaces, pattern.name)) if pattern.name else None
            yield Route(name, route, frozenset(here), include)


ROUTES = list(_walk(get_resolver().url_patterns))
