"""The companies app's models, each in the module of what it holds; importing them here registers them with the
app (label `companies`: their tables and migrations are the app's) and keeps `companies.models.X` the one way in."""

from companies.models.company import (  # noqa: F401
    Company,
    CompanyQuerySet,
    StatusOn,
    no_longer_qualifies,
    phone_validator,
    postal_code_validator,
    status_in,
)
from companies.models.leaving import CorHandoff, RegistrationWait  # noqa: F401
from companies.models.people import AuditorAssignment, Employee, Membership  # noqa: F401
from companies.models.registration import Application  # noqa: F401
from companies.questions.models import Question  # noqa: F401
