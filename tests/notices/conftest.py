from datetime import date

import pytest

from tests.factories import EmployeeFactory, TrainingRecordFactory, course
from tests.notices.backends import FlakySMTP
from training.rules import CourseCode


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.notices.backends.FlakySMTP"
    FlakySMTP.failures = 0
    yield FlakySMTP
    FlakySMTP.failures = 0


@pytest.fixture
def jane(company):
    """An internal-auditor-to-be of `company`: Safety Management done, on the roster with her email."""
    person = EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")
    TrainingRecordFactory(employee=person, course=course(CourseCode.SAFETY_MANAGEMENT), completed_on=date(2024, 1, 8))
    return person
