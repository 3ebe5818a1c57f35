from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import EmployeeFactory

REGINA = ZoneInfo("America/Regina")


@pytest.fixture(autouse=True)
def _today():
    """Within the 8 months of the tests' training dates; a module or test that needs another day travels again."""
    with time_machine.travel(datetime(2026, 6, 1, 12, tzinfo=REGINA)):
        yield


@pytest.fixture
def worker(company):
    return EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")
