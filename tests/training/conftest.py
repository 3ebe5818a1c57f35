from datetime import date

import pytest

from tests.clock import on
from tests.factories import EmployeeFactory


@pytest.fixture(autouse=True)
def _today():
    """Within the 8 months of the tests' training dates; a module or test that needs another day travels again."""
    with on(date(2026, 6, 1)):
        yield


@pytest.fixture
def worker(company):
    return EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")


@pytest.fixture
def jane(company):
    return EmployeeFactory(company=company, first_name="Jane", last_name="Doe", email="jane@roofing.example")
