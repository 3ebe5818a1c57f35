"""Staff's read access (issue 27): companies, milestone letters, audits, certificates, invoices and notices, with a
person's own token, scoped as the pages are: staff read every company, a program auditor the assigned ones
(companies.access.companies_for), and an object outside that scope is a 404. Employers hold no token.

Each list is paged, filtered by the list pages' filters, sorted stably (ending with the id); dates are the
America/Regina day, times ISO 8601 with Regina's offset."""

from datetime import date

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, viewsets
from rest_framework.exceptions import NotFound, ValidationError

from audits.models import Audit, Certificate, Invoice
from companies import selectors as company_selectors
from companies.access import companies_for
from companies.models import Company
from milestones import rules as milestone_rules
from milestones import selectors as milestone_selectors
from milestones.models import MilestoneLetter
from secor import company_list
from secor.api import serializers
from secor.api.deadlines import next_deadlines
from secor.api.permissions import ProgramPeopleOnly, StaffOnly
from secor.notices import selectors as notice_selectors
from secor.notices.forms import LogFilterForm
from secor.notices.kinds import NOTICE_KINDS
from secor.notices.models import Notice
from training import summaries as training_summaries


class Pages(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _param(name: str, description: str, enum=None) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description, enum=enum)


def query_param(request, name: str) -> str:
    """A query parameter as typed (at most 100 characters: no filter reads more), or ""."""
    return request.query_params.get(name, "")[:100]


def _choice(request, name: str, choices) -> str:
    value = query_param(request, name)
    return value if value in choices else ""


def an_id(value: str) -> int | None:
    """A row's id in ASCII digits (PostgreSQL's bigint holds 18 of them), else None."""
    return int(value) if value.isascii() and value.isdigit() and 0 < len(value) <= 18 else None


def _int(request, name: str) -> int | None:
    return an_id(query_param(request, name))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    pagination_class = Pages
    permission_classes = [ProgramPeopleOnly]
    # Any id typed reaches get_object, which answers an id that cannot be one with the API's own 404 (JSON).
    lookup_value_regex = "[^/]+"

    model = None  # the model of the records, for the schema (drf-spectacular reads the views without a request)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.records()

    def companies(self):
        return companies_for(self.request.user)

    def by_company(self, queryset):
        """The rows of the companies the person sees, of one of them when `company` is asked for."""
        queryset = queryset.filter(company__in=self.companies())
        company = _int(self.request, "company")
        return queryset.filter(company_id=company) if company is not None else queryset

    def get_object(self):
        if an_id(self.kwargs["pk"]) is None:
            raise NotFound
        return super().get_object()


SORTS = sorted(company_selectors.COMPANY_SORTS)
COMPANY = _param("company", "Only the rows of this company (its id).")


def refused_filters(errors) -> ValidationError:
    """A 400 naming each filter given a value it does not take (never read as "no filter")."""
    return ValidationError({name: [str(message) for message in messages] for name, messages in errors.items()})


@extend_schema_view(
    list=extend_schema(
        summary="Companies",
        description="Filtered as the company list filters (the same code): a filter given a value it does not take "
        "answers 400, naming it.",
        parameters=[
            _param("q", "Search names, city and WCB account number, as the company list does (≤ 200 characters)."),
            _param("status", "The status today.", Company.Status.values),
            _param("stage", "The roadmap stage (MIL-4).", list(milestone_rules.STAGE_LABELS)),
            _param("training", "Training complete or not (TRN-9).", list(company_list.TRAINING_FILTERS)),
            _param("member", "SCSA member or not.", ["yes", "no"]),
            _param("over_limit", "1: only companies over the SECOR limit of workers (ELIG-3).", ["1"]),
            _param("certificate", "ended: only companies whose certificate their leaving ended (CERT-2).", ["ended"]),
            OpenApiParameter(
                "certified", str, pattern=r"^\d{4}-\d{2}$", description="Issued a certificate in this month (YYYY-MM)."
            ),
            _param(
                "sort",
                "As the company list sorts; a leading - reverses.",
                [*SORTS, *(f"-{name}" for name in SORTS)],
            ),
        ],
    ),
    retrieve=extend_schema(summary="A company"),
)
class Companies(_ReadOnly):
    model = Company
    serializer_class = serializers.CompanySerializer

    def records(self):
        today = timezone.localdate()
        read = company_list.list_request(self.request.query_params)
        if read.errors:
            raise refused_filters({name: [message] for name, message in read.errors.items()})
        return company_list.companies_listed(user=self.request.user, wanted=read.wanted, today=today)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self._with_today(page)
        return page

    def get_object(self):
        company = super().get_object()
        self._with_today([company])
        return company

    def _with_today(self, companies: list[Company]) -> None:
        """The status, roadmap stage and next deadline today of a page of companies, in a few queries for the page."""
        today = timezone.localdate()
        # The stage reads the training summaries: the page's are made current first, as the company list does.
        training_summaries.summaries_for(companies, today=today)
        stages = milestone_selectors.stages_of(companies, today=today)
        deadlines = next_deadlines([company.pk for company in companies], today=today)
        for company in companies:
            company.status_today = company.status_on(today)
            company.stage = stages.get(company.pk, "")
            company.next_deadline = deadlines.get(company.pk)


@extend_schema_view(
    list=extend_schema(
        summary="Milestone letters",
        parameters=[
            COMPANY,
            _param("milestone", "Milestone #1 or #2.", ["1", "2"]),
            _param("settled", "Open, met or expired unmet.", ["open", "met", "derolled"]),
        ],
    ),
    retrieve=extend_schema(summary="A milestone letter"),
)
class Letters(_ReadOnly):
    model = MilestoneLetter
    serializer_class = serializers.LetterSerializer

    def records(self):
        letters = self.by_company(MilestoneLetter.objects.select_related("company"))
        if milestone := _choice(self.request, "milestone", ("1", "2")):
            letters = letters.filter(milestone=int(milestone))
        if settled := _choice(self.request, "settled", ("open", "met", "derolled")):
            letters = letters.filter(settled="" if settled == "open" else settled)
        return letters.order_by("-issued_on", "-pk")


@extend_schema_view(
    list=extend_schema(
        summary="Audits",
        parameters=[
            COMPANY,
            _param("state", "The audit's state.", Audit.State.values),
            _param("purpose", "First certification or re-certification.", Audit.Purpose.values),
        ],
    ),
    retrieve=extend_schema(summary="An audit"),
)
class Audits(_ReadOnly):
    model = Audit
    serializer_class = serializers.AuditSerializer

    def records(self):
        audits = self.by_company(Audit.objects.select_related("company", "auditor"))
        if state := _choice(self.request, "state", Audit.State.values):
            audits = audits.filter(state=state)
        if purpose := _choice(self.request, "purpose", Audit.Purpose.values):
            audits = audits.filter(purpose=purpose)
        return audits.order_by("-scheduled_on", "-pk")


@extend_schema_view(
    list=extend_schema(summary="Certificates", parameters=[COMPANY, _param("number", "The certificate number.")]),
    retrieve=extend_schema(summary="A certificate"),
)
class Certificates(_ReadOnly):
    model = Certificate
    serializer_class = serializers.CertificateSerializer

    def records(self):
        certificates = self.by_company(Certificate.objects.select_related("company", "superseded_by"))
        if number := query_param(self.request, "number"):
            certificates = certificates.filter(number=number.strip().upper())
        return certificates.order_by("-issued_on", "-pk")


@extend_schema_view(
    list=extend_schema(
        summary="Invoices (staff)",
        parameters=[
            COMPANY,
            _param("state", "The invoice's state.", Invoice.State.values),
            OpenApiParameter("issued_from", str, description="Issued on or after (YYYY-MM-DD)."),
            OpenApiParameter("issued_to", str, description="Issued on or before (YYYY-MM-DD)."),
        ],
    ),
    retrieve=extend_schema(summary="An invoice (staff)"),
)
class Invoices(_ReadOnly):
    """Invoices are for staff (and the company's own people), not program auditors, as on the pages."""

    model = Invoice
    serializer_class = serializers.InvoiceSerializer
    permission_classes = [StaffOnly]

    def records(self):
        invoices = self.by_company(Invoice.objects.select_related("company"))
        if state := _choice(self.request, "state", Invoice.State.values):
            invoices = invoices.filter(state=state)
        for name, lookup in (("issued_from", "issued_on__gte"), ("issued_to", "issued_on__lte")):
            if (day := _day(query_param(self.request, name))) is not None:
                invoices = invoices.filter(**{lookup: day})
        return invoices.order_by("-number", "-pk")


@extend_schema_view(
    list=extend_schema(
        summary="Notices",
        description="Filtered as the notices log filters (the same form): a filter given a value it does not take "
        "answers 400, naming it.",
        parameters=[
            COMPANY,
            _param("q", "Search the recipient, the company's name and the subject, as the notices log does."),
            _param("kind", "The kind of notice.", sorted(NOTICE_KINDS)),
            _param("state", "Its delivery state.", Notice.State.values),
            OpenApiParameter("due_from", date, description="Fell due on or after (YYYY-MM-DD)."),
            OpenApiParameter("due_to", date, description="Fell due on or before (YYYY-MM-DD)."),
        ],
    ),
    retrieve=extend_schema(summary="A notice"),
)
class Notices(_ReadOnly):
    """The notices about companies: staff read them all; a program auditor those its assigned companies' pages
    show (never what went to SCSA)."""

    model = Notice
    serializer_class = serializers.NoticeSerializer

    def records(self):
        form = LogFilterForm(self.request.query_params)
        if not form.is_valid():
            raise refused_filters(form.errors)
        notices = self.by_company(notice_selectors.notice_log(filters=form.filters()))
        if not self.request.user.is_program_staff:
            notices = notices.filter(
                Q(recipient_user__isnull=True) | Q(recipient_user__role="employer"), for_staff=False
            )
        return notices.order_by("-created_at", "-pk")
