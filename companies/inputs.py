"""What a company's forms hand its services: the fields a company and an employee keep, and the status changes
staff record. Forms build their fields and choices from these; services check and write them."""

from dataclasses import dataclass

from companies.models import Company

COMPANY_DETAIL_FIELDS = (
    "legal_name",
    "operating_name",
    "wcb_account_number",
    "street_address",
    "city",
    "postal_code",
    "phone",
    "email",
    "trade",
    "is_scsa_member",
    "acts_as_general_contractor",
    "expected_workers_as_general_contractor",
)
EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "employment_type",
    "is_permanent",
    "works_in_saskatchewan",
    "location",
    "start_date",
    "end_date",
)


@dataclass(frozen=True)
class StatusChange:
    label: str
    to_status: str
    from_statuses: tuple[str, ...]


STATUS_CHANGES = {
    "transfer_to_cor": StatusChange(
        "Transfer to COR", Company.Status.TRANSFERRED_TO_COR, (Company.Status.APPLIED, Company.Status.REGISTERED)
    ),
    "deroll": StatusChange("De-roll", Company.Status.DEROLLED, (Company.Status.REGISTERED,)),
    "withdraw": StatusChange("Withdraw", Company.Status.WITHDRAWN, (Company.Status.APPLIED, Company.Status.REGISTERED)),
    "reinstate": StatusChange(
        "Reinstate",
        Company.Status.REGISTERED,
        (Company.Status.DEROLLED, Company.Status.WITHDRAWN, Company.Status.TRANSFERRED_TO_COR),
    ),
}
