"""Authentication backends that load the signed-in user with their membership in the same query: every
employer page asks which company the user belongs to (companies.access), and would otherwise ask again; and
with whether they have an authenticator app, which every page of SCSA's people checks (second_factor.py)."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import QuerySet

from secor.compiled_sql import objects_built_once
from secor.core.models import User
from secor.core.second_factor import authenticator_app_of_user


def _user_with_membership(shape, user_ids: list[int]) -> QuerySet[User]:
    return (
        User._default_manager.select_related("membership")
        .annotate(has_authenticator_app=authenticator_app_of_user())
        .filter(pk=user_ids[0])
    )


class _WithMembership:
    def get_user(self, user_id):
        # Every request loads its user: the query is built once (building it took longer than running it).
        users = objects_built_once(_user_with_membership, None, [User._meta.pk.to_python(user_id)])
        user = users[0] if users else None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_WithMembership, DjangoModelBackend):
    pass


class AuthenticationBackend(_WithMembership, AllauthBackend):
    pass
