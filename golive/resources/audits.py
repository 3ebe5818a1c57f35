"""SCSA's audits and certificates. An audit file has one row per section scored (as the score sheet has), the audit
named by its company, type and day: scored against the audit-tool version in effect that day (AUD-4), by a program
auditor named by email (AUD-3), its outcome computed from its points as a completed audit's is. A full re-audit or a
limited scope audit follows the company's audit completed last before it, which did not achieve the standard (AUD-5),
on that audit's tool version; a limited scope audit's sections are its rows', the others keep the scores of the audit
it follows. A certificate file names each certificate by its own number and issue day, which is the day its achieved
audit was completed (CERT-1); its anniversaries follow as an issued one's do, and it verifies publicly like one."""

from datetime import date

from audits.audit.models import Audit, AuditScore
from audits.audit.rules import SectionScore, score_problems
from audits.audit.selectors import audits_after, score_sheet
from audits.certificates import rules as certificate_rules
from audits.certificates.models import Certificate
from audits.maintenance.models import Anniversary, MaintenancePackage
from audits.tool.models import AuditToolVersion
from audits.tool.selectors import audit_tool_on
from golive.events import IMPORTED
from golive.resources.base import Column, ProgramResource, in_the_past, refuse
from golive.resources.people import company_column, row_company
from golive.resources.widgets import ChoiceWidget, DayWidget, TextWidget, WholeNumberWidget, text_of
from secor import hooks
from secor.core.models import User
from secor.dates import long_date
from secor.timeline.services import event_record

Kind, Purpose = Audit.Kind, Audit.Purpose
PURPOSE_OF = {Kind.BASELINE: Purpose.BASELINE, Kind.RECERTIFICATION: Purpose.RECERTIFICATION}
REAUDITS = (Kind.FULL_REAUDIT, Kind.LIMITED_SCOPE)
KIND_WORDS = [
    (Kind.BASELINE, "Baseline"),
    (Kind.RECERTIFICATION, "Re-certification"),
    (Kind.FULL_REAUDIT, "Full re-audit"),
    (Kind.LIMITED_SCOPE, "Limited scope"),
]


def reaudit_problem(follows: Audit | None, *, kind: str, day: date) -> str:
    """AUD-5: why a re-audit of `kind` on `day` cannot follow `follows`, the company's audit completed last before it
    (its outcome from its points: it may be an earlier line of the file); "" when it can."""
    if follows is None:
        return (
            "A re-audit follows an audit that did not achieve the standard, and this company has no audit completed "
            "before this day: import the audit it follows first (an earlier line or file)."
        )
    name = f"the {follows.get_kind_display().lower()} of {long_date(follows.completed_on)}"
    if score_sheet(follows).result.achieved:
        return (
            f"The company's audit completed last before this day, {name}, achieved the standard: a re-audit follows "
            "one that did not."
        )
    if other := audits_after(follows).exclude(kind=kind, completed_on=day).first():
        return f"{name.capitalize()} is already followed by the {other.get_kind_display().lower()} of {other.when}."
    return ""


class AuditScoreResource(ProgramResource):
    topics = (hooks.Topic.AUDITS,)
    fields_set_by = {
        "import_wcb": ("audit",),
        "import_kind": ("audit", "section"),  # a re-audit's sections are those of the audit it follows
        "import_section": ("section",),
        "import_completed_on": ("audit",),
    }
    set_on_save = ("audit",)

    import_wcb = company_column()
    import_kind = Column(
        "Type",
        "import_kind",
        ChoiceWidget(KIND_WORDS),
        required=True,
        meaning="Baseline (the first certification), Re-certification, or, after an audit that did not achieve the "
        "standard, Full re-audit (every section again) or Limited scope (the sections it re-scores, one row each; "
        "the others keep the scores of the audit it follows). A re-audit follows the company's audit completed last "
        "before it, which did not achieve the standard, and is scored on that audit's tool version (AUD-5).",
    )
    import_completed_on = Column(
        "Completed on", "import_completed_on", DayWidget(), required=True, meaning="YYYY-MM-DD: the audit's day."
    )
    import_auditor = Column(
        "Auditor email",
        "import_auditor",
        TextWidget(),
        required=True,
        meaning="The SCSA program auditor who conducted it, by their SECOR email (import or invite them first).",
    )
    import_section = Column(
        "Section",
        "import_section",
        WholeNumberWidget(),
        required=True,
        meaning="The section's number in the audit-tool version in effect that day (one row per section).",
    )
    available = Column("Available", "available", WholeNumberWidget(), required=True, meaning="Whole points.")
    actual = Column("Actual", "actual", WholeNumberWidget(), required=True, meaning="Whole points earned.")
    not_applicable = Column(
        "Not applicable", "not_applicable", WholeNumberWidget(), meaning="Whole points not applicable; empty for 0."
    )

    class Meta(ProgramResource.Meta):
        model = AuditScore
        import_id_fields = ["import_section"]
        fields = [
            "import_wcb",
            "import_kind",
            "import_completed_on",
            "import_auditor",
            "import_section",
            "available",
            "actual",
            "not_applicable",
        ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._audits: dict[tuple, Audit | None] = {}  # by company, kind and day: the audits this file names
        self._follows: dict[tuple, tuple[Audit | None, str]] = {}  # by the same: the audit a re-audit follows
        self._tools: dict[date, AuditToolVersion | None] = {}
        self._sections: dict[int, dict] = {}  # by tool version: its sections by number
        self._auditors = {
            user.email.lower(): user for user in User.objects.filter(role=User.Role.AUDITOR, is_active=True)
        }

    def tool_on(self, day: date) -> AuditToolVersion | None:
        """The audit-tool version in effect on `day`, read once per day of the file."""
        if day not in self._tools:
            try:
                self._tools[day] = audit_tool_on(day)
            except AuditToolVersion.DoesNotExist:
                self._tools[day] = None
        return self._tools[day]

    def sections_of(self, tool: AuditToolVersion | None) -> dict:
        if tool is None:
            return {}
        if tool.pk not in self._sections:
            self._sections[tool.pk] = {section.number: section for section in tool.sections.all()}
        return self._sections[tool.pk]

    def audit_of(self, company, kind: str, day: date) -> Audit | None:
        key = (company.pk, kind, day)
        if key not in self._audits:
            audits = Audit.objects.select_related("tool", "auditor", "company")
            found = audits.filter(company=company, kind=kind, completed_on=day, state=Audit.State.COMPLETED)
            self._audits[key] = found.order_by("pk").first()
        return self._audits[key]

    def followed(self, company, kind: str, day: date) -> tuple[Audit | None, str]:
        """The audit a re-audit of the file follows (AUD-5: the company's completed last before it), or None and why
        not; read once per re-audit."""
        key = (company.pk, kind, day)
        if key not in self._follows:
            before = Audit.objects.select_related("tool").filter(
                company=company, state=Audit.State.COMPLETED, completed_on__lt=day
            )
            follows = before.order_by("-completed_on", "-pk").first()
            problem = reaudit_problem(follows, kind=kind, day=day)
            self._follows[key] = (None if problem else follows), problem
        return self._follows[key]

    def get_instance(self, instance_loader, row):
        company = self.company_by_wcb(row.get("WCB account number"))
        try:
            kind = self.fields["import_kind"].clean(row)
            day = self.fields["import_completed_on"].clean(row)
            number = self.fields["import_section"].clean(row)
        except (KeyError, ValueError):  # a missing column or a cell that is not one: the row's check says so
            return None
        audit = self.audit_of(company, kind, day) if company and day else None
        if audit is None:
            return None
        return AuditScore.objects.select_related("audit").filter(audit=audit, section__number=number).first()

    def check_row(self, instance, row, errors):
        company = row_company(self, instance, errors)
        day = getattr(instance, "import_completed_on", None)
        in_the_past(errors, "import_completed_on", day, "An audit is recorded once it is completed.")
        auditor = self._auditors.get(text_of(getattr(instance, "import_auditor", "")).lower())
        if auditor is None:
            refuse(errors, "import_auditor", "No SCSA program auditor in SECOR has this email.", "AUD-3")
        instance.import_auditor_user = auditor
        kind = getattr(instance, "import_kind", None)
        follows, problem = self.followed(company, kind, day) if company and day and kind in REAUDITS else (None, "")
        if problem:
            refuse(errors, "import_kind", problem, "AUD-5")
        if kind in REAUDITS:
            tool, scored_on = (follows.tool, "of the audit it follows") if follows else (None, "")
        else:
            tool, scored_on = (self.tool_on(day) if day else None), "in effect that day"
            if day and tool is None:
                refuse(
                    errors, "import_completed_on", "No version of the audit tool was in effect on this day.", "AUD-4"
                )
        number = getattr(instance, "import_section", None)
        section = self.sections_of(tool).get(number)
        if tool and number and section is None:
            refuse(errors, "import_section", f"The audit tool {scored_on} ({tool}) has no such section.", "AUD-4")
        instance.section = section
        instance.not_applicable = instance.not_applicable or 0
        if None not in (instance.available, instance.actual):
            score = SectionScore(
                str(section or number),
                instance.available,
                instance.actual,
                instance.not_applicable,
                pass_percent=tool.section_pass_percent if tool else 50,
            )
            for problem in score_problems(score):
                refuse(errors, "actual", problem, "AUD-4")
        instance.import_tool, instance.import_company, instance.import_follows = tool, company, follows

    def auditor_of(self, instance) -> User | None:
        if hasattr(instance, "import_auditor_user"):
            return instance.import_auditor_user
        return instance.audit.auditor

    def compared(self, instance) -> tuple:
        auditor = self.auditor_of(instance)
        return (*super().compared(instance), instance.section_id, auditor.pk if auditor else None)

    def company_of(self, instance):
        return instance.audit.company

    def before_save_instance(self, instance, row, **kwargs):
        company, day = instance.import_company, instance.import_completed_on
        kind, auditor, follows = instance.import_kind, instance.import_auditor_user, instance.import_follows
        audit = instance.audit if instance.pk else self.audit_of(company, kind, day)
        if audit is None:
            audit = Audit.objects.create(
                company=company,
                kind=kind,
                purpose=follows.purpose if follows else PURPOSE_OF[kind],
                follows=follows,
                tool=instance.import_tool,
                auditor=auditor,
                scheduled_on=day,
                location=f"{company.street_address}, {company.city}, {company.province} {company.postal_code}",
                scheduled_by=self.actor,
                state=Audit.State.COMPLETED,
                completed_on=day,
                completed_by=auditor,
                achieved=False,  # from its points once all its rows are in (after_import)
            )
            self._audits[(company.pk, kind, day)] = audit
        elif audit.auditor_id != auditor.pk:
            Audit.objects.filter(pk=audit.pk).update(auditor=auditor, completed_by=auditor)
        if kind == Kind.LIMITED_SCOPE:
            audit.scope.add(instance.section)  # AUD-5: the sections it re-scores are its rows'
        instance.audit = audit

    def after_save_instance(self, instance, row, **kwargs):
        """One timeline line per audit, not per section."""
        if kwargs.get("dry_run"):
            return
        audit = instance.audit
        self.imported_company_ids.add(audit.company_id)
        if audit.pk in self._on_timeline:
            return
        self._on_timeline.add(audit.pk)
        by = self.actor.get_full_name() or self.actor.email if self.actor else "SCSA"
        event_record(
            company=audit.company,
            actor=self.actor,
            kind=IMPORTED,
            subject=audit,
            summary=f"{audit.get_kind_display()} of {long_date(audit.completed_on)} imported from {self.filename} "
            f"by {by}",
        )

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._on_timeline: set[int] = set()

    def filter_export(self, queryset, **kwargs):
        scores = queryset.filter(audit__state=Audit.State.COMPLETED).select_related(
            "audit__company", "audit__auditor", "section"
        )
        return scores.order_by(
            "audit__company__wcb_account_number", "audit__completed_on", "audit__pk", "section__number"
        )

    def dehydrate_import_kind(self, score) -> str:
        return score.audit.kind

    def dehydrate_import_completed_on(self, score) -> date:
        return score.audit.completed_on

    def dehydrate_import_auditor(self, score) -> str:
        return score.audit.auditor.email

    def dehydrate_import_section(self, score) -> int:
        return score.section.number

    def after_import(self, dataset, result, **kwargs):
        """AUD-4: each audit's outcome from its points, as a completed audit's: every section scored, the overall and
        section pass marks of its tool version met."""
        if not result.has_errors() and not result.has_validation_errors():
            for audit in {audit.pk: audit for audit in self._audits.values() if audit is not None}.values():
                Audit.objects.filter(pk=audit.pk).update(achieved=score_sheet(audit).result.achieved)
        super().after_import(dataset, result, **kwargs)


class CertificateResource(ProgramResource):
    topics = (hooks.Topic.AUDITS,)
    fields_set_by = {"import_wcb": ("company", "audit"), "issued_on": ("audit", "expires_on")}

    import_wcb = company_column()
    number = Column(
        "Certificate number",
        "number",
        TextWidget(),
        required=True,
        meaning="As printed on the certificate: what it is verified by, and what a corrected file matches by.",
    )
    issued_on = Column(
        "Issued on",
        "issued_on",
        DayWidget(),
        required=True,
        meaning="YYYY-MM-DD: the day its audit was completed (import the audits first). It is valid 3 years.",
    )

    class Meta(ProgramResource.Meta):
        model = Certificate
        import_id_fields = ["number"]
        fields = ["import_wcb", "number", "issued_on"]

    def check_row(self, instance, row, errors):
        stored_company = instance.company if instance.pk else None
        company = row_company(self, instance, errors)
        if company is None:
            return
        if stored_company is not None and stored_company != company:
            refuse(errors, "number", "This number is another company's certificate: correct the number.", "CERT-1")
            return
        day = instance.issued_on
        in_the_past(errors, "issued_on", day, "A certificate is recorded once it is issued.")
        if day is None:
            return
        audit = (
            Audit.objects.filter(company=company, completed_on=day, achieved=True, state=Audit.State.COMPLETED)
            .order_by("pk")
            .first()
        )
        if audit is None:
            refuse(
                errors,
                "issued_on",
                "No audit of this company that achieved the standard was completed on this day: a certificate is "
                "dated the day its audit was completed (import the audits first).",
                "CERT-1",
            )
            return
        other = Certificate.objects.filter(audit=audit).exclude(pk=instance.pk).first()
        if other is not None:
            refuse(errors, "issued_on", f"The audit completed on this day already has certificate {other}.", "CERT-1")
        if (
            instance.pk
            and instance.issued_on != Certificate.objects.get(pk=instance.pk).issued_on
            and MaintenancePackage.objects.filter(anniversary__certificate=instance).exists()
        ):
            refuse(errors, "issued_on", "Maintenance packages are kept by this certificate's anniversaries.", "MNT-1")
        instance.audit, instance.expires_on = audit, certificate_rules.certificate_expiry(day)

    def after_save_instance(self, instance, row, **kwargs):
        """Its anniversaries, as an issued certificate's (CERT-1): made again when a corrected file moves its day."""
        anniversaries = Anniversary.objects.filter(certificate=instance)
        if not anniversaries.filter(on=certificate_rules.certificate_expiry(instance.issued_on)).exists():
            anniversaries.delete()
            Anniversary.keep_for(instance)
        super().after_save_instance(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        """RCT-1: one certificate per three-year cycle: each of a company's is superseded by the next it was issued."""
        companies = {
            company.pk for company in self._companies.values() if company is not None
        } & self.imported_company_ids
        for company_id in companies:
            certificates = list(Certificate.objects.filter(company_id=company_id).order_by("issued_on", "pk"))
            for certificate, following in zip(certificates, [*certificates[1:], None], strict=True):
                if certificate.superseded_by_id != (following.pk if following else None):
                    Certificate.objects.filter(pk=certificate.pk).update(superseded_by=following)
        super().after_import(dataset, result, **kwargs)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("company").order_by("company__wcb_account_number", "issued_on", "number")
