"""The kinds of file staff import, in the order a program is brought in (a company before its people)."""

from dataclasses import dataclass

from golive.resources.applications import ApplicationResource
from golive.resources.audits import AuditScoreResource, CertificateResource
from golive.resources.base import ProgramResource
from golive.resources.companies import CompanyResource
from golive.resources.invoices import InvoiceResource
from golive.resources.maintenance import MaintenancePackageResource
from golive.resources.milestones import MilestoneLetterResource
from golive.resources.people import EmployeeResource, UserResource
from golive.resources.reviews import ManualReviewResource, ProficiencyResource
from golive.resources.training import DesignationResource, TrainingRecordResource


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    resource: type[ProgramResource]
    matched_by: str  # what a corrected file updates by

    @property
    def filename(self) -> str:
        return f"secor-import-{self.key}"


IMPORT_KINDS = {
    kind.key: kind
    for kind in (
        ImportKind("companies", "Companies", CompanyResource, "WCB account number"),
        ImportKind("users", "Companies' users (invited: no password is sent)", UserResource, "email"),
        ImportKind(
            "applications",
            "Applications, waiting or decided (what each declared)",
            ApplicationResource,
            "WCB account number and the day it applied",
        ),
        ImportKind("roster", "Rosters", EmployeeResource, "WCB account number and name"),
        ImportKind("training", "Training records", TrainingRecordResource, "person and certificate number"),
        ImportKind("designations", "Trained employees #1 and #2", DesignationResource, "company, course and place"),
        ImportKind(
            "proficiencies",
            "Accepted self-audits and LSE proficiencies",
            ProficiencyResource,
            "company and certificate number",
        ),
        ImportKind("manuals", "Manual reviews approved", ManualReviewResource, "WCB account number"),
        ImportKind("letters", "Milestone letters", MilestoneLetterResource, "WCB account number and milestone"),
        ImportKind("audits", "Audits, by section scored", AuditScoreResource, "company, type, day and section"),
        ImportKind("certificates", "Certificates", CertificateResource, "certificate number"),
        ImportKind(
            "maintenance",
            "Maintenance packages accepted",
            MaintenancePackageResource,
            "certificate number and anniversary year",
        ),
        ImportKind("invoices", "Invoices, paid or owed", InvoiceResource, "invoice number"),
    )
}
