"""Who may read staff's endpoints: a person's own token, of staff or a program auditor. A partner's key is for the
verification and events only: to it these endpoints do not exist (404, as a page for another role). Without any
key the answer is 401, saying how to authenticate."""

from rest_framework import permissions
from rest_framework.exceptions import NotFound


class ProgramPeopleOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.user.is_authenticated and self.allows(request.user):
            return True
        if request.auth is not None:
            raise NotFound
        return False

    def allows(self, user) -> bool:
        return user.is_program_staff or user.is_program_auditor


class StaffOnly(ProgramPeopleOnly):
    def allows(self, user) -> bool:
        return user.is_program_staff
