"""The maintenance packages: staff, or the program auditor its review is given to, decide it."""

from audits.maintenance.models import MaintenancePackage
from companies.access import GivenToPolicy

PACKAGES = GivenToPolicy(MaintenancePackage, given_to="review__reviewer")
