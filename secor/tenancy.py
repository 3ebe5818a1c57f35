"""Who sees which company. Every read of tenant data starts from `companies_for(user)`.

Outside a user's scope an object does not exist for them: lookups raise Http404, never 403, so the
response does not reveal whether the object exists.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from companies.models import Company


def companies_for(user):
    """The companies this user may see: staff all, a program auditor the assigned ones, an employer theirs."""
    if not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if user.is_program_staff:
        return Company.objects.all()
    if user.is_program_auditor:
        return Company.objects.filter(auditor_assignments__auditor=user)
    return Company.objects.filter(memberships__user=user)


def company_get_for_user(*, user, pk: int) -> Company:
    return get_object_or_404(companies_for(user), pk=pk)


def employer_company(user) -> Company | None:
    """The company an employer user belongs to, if any."""
    if not user.is_authenticated or not user.is_employer:
        return None
    return Company.objects.filter(memberships__user=user).first()


def is_company_owner(user, company: Company) -> bool:
    return user.is_employer and company.memberships.filter(user=user, is_owner=True).exists()


def may_edit_company_records(user) -> bool:
    """Employers keep their own company's records (scope is checked first), staff any; auditors only read."""
    return user.is_program_staff or user.is_employer


def _role_required(test):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# A page for another role is answered like a missing page: 404, the same as a foreign company.
staff_required = _role_required(lambda user: user.is_program_staff)
staff_or_auditor_required = _role_required(lambda user: user.is_program_staff or user.is_program_auditor)
employer_required = _role_required(lambda user: user.is_employer)


def navigation(request):
    """Template context for the navigation bar: the role and, for employers, their company."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"nav_company": employer_company(user) if user.is_employer else None}
