from datetime import date, datetime

import pytest
import time_machine

from tests.conftest import REGINA
from tests.factories import EmployeeFactory, TrainingRecordFactory, course
from tests.notices.backends import FlakySMTP
from training.rules import CourseCode


def at(year: int, month: int, day: int, hour: int = 7):
    """Travel to that day in Regina (the sweep runs at 6 a.m.; a few hours either way is the same day)."""
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=REGINA), tick=False)


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
