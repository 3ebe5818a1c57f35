"""The audits: staff, or the program auditor booked for one, record its scores and complete it."""

from audits.audit.models import Audit
from companies.access import GivenToPolicy

AUDITS = GivenToPolicy(Audit, given_to="auditor")
