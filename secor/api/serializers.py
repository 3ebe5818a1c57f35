"""What staff's endpoints answer of each record: plain values, dates as the America/Regina day (YYYY-MM-DD), times
in ISO 8601 with Regina's offset. Statuses are those of the pages, computed for today."""

from datetime import date

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from audits.models import Audit, Certificate, Invoice
from companies.models import Company
from milestones import rules as milestone_rules
from milestones.models import MilestoneLetter
from secor.notices.models import Notice
from training.models import TrainingDeadline


class DeadlineSerializer(serializers.Serializer):
    on = serializers.DateField()
    kind = serializers.ChoiceField(
        choices=[
            "milestone-letter",
            *(f"training-{kind}" for kind in TrainingDeadline.Kind.values),
            "maintenance-package",
            "recertification",
            "certificate-expiry",
        ]
    )
    what = serializers.CharField()
    rule = serializers.CharField(help_text="The program rule that sets it (DOMAIN's rule id).")


class CompanySerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(help_text="The status today (a de-roll due counts, MIL-3).")
    status_label = serializers.SerializerMethodField()
    left_program_on = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField(
        help_text="The roadmap step not done yet (MIL-4); empty if not registered."
    )
    stage_label = serializers.SerializerMethodField()
    next_deadline = serializers.SerializerMethodField(
        help_text="The nearest from today of: the open milestone letter's expiry, the people's training deadlines, "
        "the maintenance package due by the next anniversary, re-certification, the certificate's expiry."
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "legal_name",
            "operating_name",
            "wcb_account_number",
            "city",
            "registration_date",
            "is_scsa_member",
            "status",
            "status_label",
            "left_program_on",
            "stage",
            "stage_label",
            "next_deadline",
        ]

    def get_status(self, company) -> str:
        return company.status_today.status

    def get_status_label(self, company) -> str:
        return company.status_today.label

    def get_left_program_on(self, company) -> date | None:
        return company.status_today.left_program_on

    def get_stage(self, company) -> str:
        return company.stage

    def get_stage_label(self, company) -> str:
        return milestone_rules.STAGE_LABELS.get(company.stage, "")

    @extend_schema_field(DeadlineSerializer(allow_null=True))
    def get_next_deadline(self, company):
        deadline = company.next_deadline
        return DeadlineSerializer(deadline).data if deadline is not None else None


class _OfCompany(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.legal_name", read_only=True)


class LetterSerializer(_OfCompany):
    settled = serializers.SerializerMethodField(help_text="open, met, or derolled (expired unmet).")

    class Meta:
        model = MilestoneLetter
        fields = ["id", "company", "company_name", "milestone", "issued_on", "expires_on", "settled", "settled_on"]

    def get_settled(self, letter) -> str:
        return letter.settled or "open"


class AuditSerializer(_OfCompany):
    auditor_name = serializers.SerializerMethodField()

    class Meta:
        model = Audit
        fields = [
            "id",
            "company",
            "company_name",
            "kind",
            "purpose",
            "state",
            "scheduled_on",
            "starts_at",
            "auditor_name",
            "completed_on",
            "achieved",
        ]

    def get_auditor_name(self, audit) -> str:
        return audit.auditor.get_full_name() or audit.auditor.email


class CertificateSerializer(_OfCompany):
    status = serializers.SerializerMethodField(help_text="valid, suspended, superseded, expired or ended, today.")
    superseded_by = serializers.SlugRelatedField(
        slug_field="number", read_only=True, allow_null=True, help_text="The certificate that replaced it (RCT-1)."
    )

    class Meta:
        model = Certificate
        fields = [
            "id",
            "company",
            "company_name",
            "number",
            "issued_on",
            "expires_on",
            "status",
            "suspended_on",
            "superseded_by",
            "listed",
        ]

    def get_status(self, certificate) -> str:
        return certificate.status(timezone.localdate())


class InvoiceSerializer(_OfCompany):
    reference = serializers.CharField(read_only=True, help_text="As printed on the invoice.")

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "reference",
            "company",
            "company_name",
            "kind",
            "description",
            "amount",
            "tax",
            "total",
            "issued_on",
            "due_on",
            "state",
            "paid_on",
        ]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = [
            "id",
            "company",
            "kind",
            "recipient_email",
            "subject",
            "about_date",
            "due_on",
            "state",
            "attempts",
            "created_at",
            "sent_at",
        ]
