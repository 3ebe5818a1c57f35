"""secor.compiled_sql: a query's SQL built once, then run with other values in its last condition."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from companies.models import Company
from secor.compiled_sql import objects_built_once, sql_built_once
from secor.core.models import User
from secor.core.second_factor import authenticator_app_of_user
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _names_in_city(city: str, ids: list[int]):
    return Company.objects.filter(city=city).filter(pk__in=ids).order_by("pk").values_list("legal_name", flat=True)


def _names_with_city_last(city: str, ids: list[int]):
    return Company.objects.filter(pk__in=ids).filter(city=city).values_list("legal_name", flat=True)


def _run(sql_and_params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(*sql_and_params)
        return [row[0] for row in cursor.fetchall()]


def test_the_sql_built_once_runs_with_other_values_and_shapes_as_the_orm_would():
    regina = [CompanyFactory(city="Regina") for _ in range(3)]
    saskatoon = CompanyFactory(city="Saskatoon")
    for city, ids in [
        ("Regina", [regina[0].pk, regina[2].pk]),
        ("Regina", [regina[1].pk, saskatoon.pk]),  # same shape (city, 2 ids), other values: the SQL is reused
        ("Saskatoon", [regina[0].pk, saskatoon.pk]),  # another shape
        ("Regina", [company.pk for company in regina]),  # another number of ids
    ]:
        assert _run(sql_built_once(_names_in_city, city, ids)) == list(_names_in_city(city, ids))


def test_a_query_whose_values_are_not_its_last_parameters_is_refused():
    with pytest.raises(ValueError, match="not the query's last parameters"):
        sql_built_once(_names_with_city_last, "Regina", [1])


def _user_with_membership_and_app(shape, ids: list[int]):
    return (
        User.objects.select_related("membership")
        .annotate(has_authenticator_app=authenticator_app_of_user())
        .filter(pk__in=ids)
        .order_by("pk")
    )


def test_the_objects_built_once_are_the_orms_with_what_it_selects_with_them_and_their_annotations(company):
    """A user with their membership and whether they have an authenticator app (every request's), and one without
    a membership: the same instances as the ORM's, read from the SQL built once."""
    member, staff = MembershipFactory(company=company).user, StaffFactory()  # staff are given an authenticator app
    for _ in range(2):  # built, then reused
        users = objects_built_once(_user_with_membership_and_app, None, [member.pk, staff.pk])
        expected = list(_user_with_membership_and_app(None, [member.pk, staff.pk]))
        assert users == expected
        assert [(user.email, user.last_login, user.has_authenticator_app) for user in users] == [
            (user.email, user.last_login, user.has_authenticator_app) for user in expected
        ]
        with CaptureQueriesContext(connection) as queries:
            assert users[0].membership.company_id == company.pk
            assert not hasattr(users[1], "membership") or users[1].membership is None
        assert not queries.captured_queries  # selected with the user
