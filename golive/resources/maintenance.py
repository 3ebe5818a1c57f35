"""SCSA's maintenance packages accepted (MNT-1), by the certificate's number and the anniversary's year: each with its
internal audit (the day, and the internal auditor on the company's roster, valid that day: TRN-6), accepted as SCSA's
records say, so that the anniversary is maintained and nothing is owed or sent for it."""

from django.db.models import Q

from audits.certificates.models import Certificate
from audits.maintenance import rules
from audits.maintenance.models import Anniversary, MaintenancePackage
from audits.maintenance.selectors import internal_auditor_problem
from golive.resources.base import Column, ProgramResource, in_the_past, refuse
from golive.resources.reviews import accepted_review, redate
from golive.resources.training import NOT_ON_ROSTER
from golive.resources.widgets import DayWidget, TextWidget, WholeNumberWidget, text_of
from secor import hooks
from secor.reviews.models import Review
from secor.rule_ids import RuleWords
from training.selectors import person_training


class MaintenancePackageResource(ProgramResource):
    topics = (hooks.Topic.AUDITS,)
    fields_set_by = {
        "import_certificate": ("anniversary", "company", "internal_auditor"),
        "import_year": ("anniversary",),
        "import_first": ("internal_auditor",),
    }
    set_on_save = ("review",)

    import_certificate = Column(
        "Certificate number",
        "import_certificate",
        TextWidget(),
        required=True,
        meaning="As printed on the certificate (import the certificates first).",
    )
    import_year = Column(
        "Anniversary year",
        "import_year",
        WholeNumberWidget(),
        required=True,
        meaning="YYYY: the year of the anniversary the package was due by (not the certificate's expiry).",
    )
    import_first = Column(
        "Internal auditor first name", "import_first", TextWidget(), required=True, meaning="As on the roster."
    )
    import_last = Column(
        "Internal auditor last name", "import_last", TextWidget(), required=True, meaning="As on the roster."
    )
    internal_audit_on = Column(
        "Internal audit on", "internal_audit_on", DayWidget(), required=True, meaning="YYYY-MM-DD."
    )
    import_submitted_on = Column(
        "Submitted on", "import_submitted_on", DayWidget(), required=True, meaning="YYYY-MM-DD, when SCSA received it."
    )
    import_accepted_on = Column(
        "Accepted on", "import_accepted_on", DayWidget(), required=True, meaning="YYYY-MM-DD: SCSA's acceptance."
    )

    class Meta(ProgramResource.Meta):
        model = MaintenancePackage
        import_id_fields = ["import_certificate"]
        fields = [
            "import_certificate",
            "import_year",
            "import_first",
            "import_last",
            "internal_audit_on",
            "import_submitted_on",
            "import_accepted_on",
        ]

    def anniversary_of(self, row) -> tuple:
        """The certificate a row names by its number and its anniversary in the row's year, or None."""
        certificate = (
            Certificate.objects.select_related("company")
            .filter(number__iexact=text_of(row.get("Certificate number")))
            .first()
        )
        year = text_of(row.get("Anniversary year"))
        if certificate is None or not year.isdigit():
            return certificate, None
        return certificate, certificate.anniversaries.filter(on__year=int(year)).first()

    def get_instance(self, instance_loader, row):
        _, anniversary = self.anniversary_of(row)
        if anniversary is None:
            return None
        return MaintenancePackage.objects.select_related("review").filter(anniversary=anniversary).first()

    def check_row(self, instance, row, errors):
        certificate, anniversary = self.anniversary_of(row)
        if certificate is None:
            refuse(errors, "import_certificate", "No certificate in SECOR has this number.", "CERT-1")
            return
        instance.company = company = certificate.company
        if anniversary is None or not rules.maintenance_due(anniversary.number):
            years = [str(day.on.year) for day in certificate.anniversaries.all() if rules.maintenance_due(day.number)]
            refuse(
                errors,
                "import_year",
                f"Certificate {certificate} has no anniversary a package is due by in this year; its packages are "
                f"due by its anniversaries of {' and '.join(years)}.",
                "MNT-1",
            )
        else:
            instance.anniversary = anniversary
        first, last = text_of(getattr(instance, "import_first", "")), text_of(getattr(instance, "import_last", ""))
        person = company.employees.filter(Q(first_name__iexact=first), Q(last_name__iexact=last)).first()
        if person is None:
            refuse(errors, "import_first", NOT_ON_ROSTER)
        audit_on, submitted_on = instance.internal_audit_on, getattr(instance, "import_submitted_on", None)
        accepted_on = getattr(instance, "import_accepted_on", None)
        in_the_past(errors, "import_accepted_on", accepted_on, "A package is recorded once it is accepted.")
        if audit_on and submitted_on and submitted_on < audit_on:
            refuse(errors, "import_submitted_on", "A package is sent after its internal audit.", "MNT-1")
        if submitted_on and accepted_on and accepted_on < submitted_on:
            refuse(errors, "import_accepted_on", "A package is accepted after it is sent.", "MNT-1")
        if person is not None and audit_on:
            instance.internal_auditor = person
            if problem := internal_auditor_problem(person_training(employee=person), day=audit_on):
                rule = problem.rule if isinstance(problem, RuleWords) else "MNT-1"
                refuse(errors, "import_first", str(problem), rule)

    def dates_of(self, instance) -> tuple:
        if hasattr(instance, "import_accepted_on"):
            return instance.import_submitted_on, instance.import_accepted_on
        return instance.review.first_submitted_on, instance.review.accepted_on

    def compared(self, instance) -> tuple:
        return (
            instance.anniversary_id,
            instance.internal_auditor_id,
            instance.internal_audit_on,
            *self.dates_of(instance),
        )

    def before_save_instance(self, instance, row, **kwargs):
        submitted_on, accepted_on = self.dates_of(instance)
        if instance.pk is None:
            instance.review = accepted_review(
                self,
                company=instance.company,
                kind=MaintenancePackage.REVIEW_KIND,
                submitted_on=submitted_on,
                accepted_on=accepted_on,
                data={
                    "internal_auditor": str(instance.internal_auditor),
                    "internal_audit_on": instance.internal_audit_on.isoformat(),
                },
            )
        else:
            redate(instance.review, submitted_on=submitted_on, accepted_on=accepted_on)

    def after_save_instance(self, instance, row, **kwargs):
        """MNT-1: its anniversary maintained on the day SCSA accepted it, owing nothing more (as a review's acceptance
        keeps it)."""
        _, accepted_on = self.dates_of(instance)
        Anniversary.objects.filter(pk=instance.anniversary_id).update(maintained_on=accepted_on, owed_by=None)
        super().after_save_instance(instance, row, **kwargs)

    def filter_export(self, queryset, **kwargs):
        accepted = queryset.filter(review__state=Review.State.ACCEPTED)
        return accepted.select_related("anniversary__certificate", "internal_auditor", "review").order_by(
            "anniversary__certificate__number", "anniversary__on"
        )

    def dehydrate_import_certificate(self, package) -> str:
        return package.anniversary.certificate.number

    def dehydrate_import_year(self, package) -> int:
        return package.anniversary.on.year

    def dehydrate_import_first(self, package) -> str:
        return package.internal_auditor.first_name

    def dehydrate_import_last(self, package) -> str:
        return package.internal_auditor.last_name

    def dehydrate_import_submitted_on(self, package):
        return package.review.first_submitted_on

    def dehydrate_import_accepted_on(self, package):
        return package.review.accepted_on
