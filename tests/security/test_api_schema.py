"""The API's OpenAPI schema (issue 27) validates, and requests generated from it to every operation, with a staff
token, a program auditor's and no key (the keys' scopes are test_api_isolation's), answer no 5xx and nothing the
schema does not describe (schemathesis). A few examples an operation here; `make fuzz` runs many more."""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from secor.api.services import api_key_create
from secor.wsgi import application

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "4"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_schema_is_valid_openapi_3():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def _served(environ, start_response):
    """The site as a server runs it: every request has its address (the limit per address counts by it)."""
    return application({"REMOTE_ADDR": "203.0.113.7", **environ}, start_response)


# The schema as the site serves it; its operations are called through the WSGI application, in this process.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", _served)


@pytest.fixture
def _connection_kept():
    """A request ends by closing the database connection; the test's connection holds its transaction, so it is kept
    open (as Django's test client keeps it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def keys(world, _connection_kept):
    staff = world.users["staff_user"]
    return {
        "staff": api_key_create(holder="staff", actor=staff, user=staff)[1],
        "auditor": api_key_create(holder="auditor", actor=staff, user=world.users["auditor"])[1],
    }


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    # Generated requests only: schemathesis's explicit examples for every boundary of every parameter (hundreds an
    # operation) are for `make fuzz`.
    phases=[Phase.generate] if EXAMPLES < 100 else list(Phase),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_generated_requests_get_answers_the_schema_describes(case, keys):
    for key in (*keys.values(), None):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        case.call_and_validate(headers=headers, checks=CHECKS)
