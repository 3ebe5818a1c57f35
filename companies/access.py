"""Who may see which company and what they may do with it: the one place views, services and templates ask.

Every read of tenant data starts from `companies_for(user)`: staff see every company, a program auditor the
companies assigned to them, an employer their own. Outside that scope an object does not exist for the
user: lookups raise Http404, never 403, so a response never reveals whether the object exists. A page of an
in-scope company that is not for the user's role (an auditor editing a roster) answers 404 as well.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import cached_property, reduce, wraps

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from companies.models import AuditorAssignment, Company
from secor.compiled_sql import objects_built_once
from secor.core.models import User


class Need(StrEnum):
    """What a page or action needs of the user, for a company already in their scope."""

    READ = "read"  # everyone who sees the company
    EDIT = "edit"  # the company's employer users and staff keep its records; program auditors only read
    OWN = "own"  # the company's owner (inviting colleagues) and staff
    STAFF = "staff"  # SCSA program staff only


class Reviewers(StrEnum):
    """Who reviews a kind of submission (DOMAIN: staff verify records; auditors review what is assigned)."""

    STAFF = "staff"
    STAFF_OR_ASSIGNED_AUDITOR = "staff or assigned auditor"


def companies_for(user):
    """The companies this user may see: staff all, a program auditor the assigned ones, an employer theirs."""
    if not user.is_authenticated or not user.is_active:
        return Company.objects.none()
    if user.is_program_staff:
        return Company.objects.all()
    if user.is_program_auditor:
        return Company.objects.filter(auditor_assignments__auditor=user)
    return Company.objects.filter(memberships__user=user)


def scoped(objects: QuerySet, user) -> QuerySet:
    """`objects` (rows with a `company`) of the companies in the user's scope (`companies_for`). Staff see every
    company's: their rows are not joined to every company for nothing (a queue's count and page each paid for it)."""
    if user.is_authenticated and user.is_active and user.is_program_staff:
        return objects
    return objects.filter(company__in=companies_for(user))


class CompanyAccess:
    """What `user` may do with `company`. Built for a company the user was allowed to look up, or by a
    service checking an actor, so every answer also holds for a company outside the user's scope."""

    def __init__(self, user, company: Company):
        self.user, self.company = user, company

    @cached_property
    def is_staff(self) -> bool:
        return self.user.is_program_staff

    @cached_property
    def is_member(self) -> bool:
        if not self.user.is_employer:
            return False
        membership = getattr(self.user, "membership", None)
        return membership is not None and membership.company_id == self.company.pk

    @cached_property
    def is_owner(self) -> bool:
        return self.is_member and self.user.membership.is_owner

    @cached_property
    def is_assigned_auditor(self) -> bool:
        return (
            self.user.is_program_auditor
            and AuditorAssignment.objects.filter(company_id=self.company.pk, auditor=self.user).exists()
        )

    @property
    def may_read(self) -> bool:
        return self.is_staff or self.is_member or self.is_assigned_auditor

    @property
    def may_edit(self) -> bool:
        return self.is_staff or self.is_member

    @property
    def may_own(self) -> bool:
        return self.is_staff or self.is_owner

    def may_review(self, reviewers: Reviewers) -> bool:
        """The one "who may review" rule: staff review everything; a program auditor what they are assigned."""
        if reviewers == Reviewers.STAFF:
            return self.is_staff
        return self.is_staff or self.is_assigned_auditor

    @property
    def may_review_as_auditor(self) -> bool:
        """For templates: may review what staff or the assigned auditor review."""
        return self.may_review(Reviewers.STAFF_OR_ASSIGNED_AUDITOR)

    def allows(self, need: "Need | Reviewers") -> bool:
        if isinstance(need, Reviewers):
            return self.may_review(need)
        return {
            Need.READ: self.may_read,
            Need.EDIT: self.may_edit,
            Need.OWN: self.may_own,
            Need.STAFF: self.is_staff,
        }[need]


def company_for(*, user, pk: int, need: "Need | Reviewers" = Need.READ, prefetch: tuple = ()) -> Company:
    """The company `pk` if the user sees it and may do what `need` says (or review, for `Reviewers`), else 404."""
    if prefetch:
        company = get_object_or_404(companies_for(user).prefetch_related(*prefetch), pk=pk)
    else:
        company = _company_in_scope(user, pk)
    if not CompanyAccess(user, company).allows(need):
        raise Http404
    return company


def _in_scope(role: str, values: list) -> QuerySet[Company]:
    """The company (the last value) among those a person of `role` sees (the person's id before it; none for staff)."""
    *person, pk = values
    return companies_for(User(pk=person[0] if person else None, role=role)).filter(pk=pk)


def _company_in_scope(user, pk: int) -> Company:
    """`companies_for(user)`'s company `pk`, else 404: its query built once per role, as every company page asks."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    found = objects_built_once(_in_scope, user.role, [pk] if user.is_program_staff else [user.pk, pk])
    if not found:
        raise Http404
    return found[0]


class _NotPostError(Exception):
    pass


def require_post(request) -> None:
    """For an action view: call it after looking up the objects of the URL, so that an object outside the
    user's scope answers 404 whatever the method (a 405 would reveal that it exists)."""
    if request.method != "POST":
        raise _NotPostError


def company_view(need: "Need | Reviewers" = Need.READ, *, prefetch: tuple = ()):
    """A view of one company, addressed by the URL argument `pk`: the view receives `company` instead.

    Scope and role are checked before anything else: someone outside the company's scope gets 404.
    `request.access` tells the view and its templates what the user may do there.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, pk: int, *args, **kwargs):
            company = company_for(user=request.user, pk=pk, need=need, prefetch=prefetch)
            request.access = CompanyAccess(request.user, company)
            try:
                return view(request, company, *args, **kwargs)
            except _NotPostError:
                return HttpResponseNotAllowed(["POST"])

        return wrapped

    return decorator


class Action(StrEnum):
    """What a user does with one of a company's sub-objects, as a policy (below) is asked about it."""

    # Record an audit's scores and complete it, decide a review: what the one it is given to does.
    ACT = "act"


class GivenToPolicy:
    """Who may do what with a kind of sub-object that SCSA gives to one program auditor (an audit booked with
    them, a review given to them): staff act on any, a program auditor on those given to them, an employer on
    none. Modelled on Wagtail's permission policies: `instances_user_can` for lists, `user_can` for one object.

    `given_to` is the lookup from the object to the user it is given to ("auditor", "review__reviewer").
    """

    def __init__(self, model, *, given_to: str):
        self.model, self.given_to = model, given_to

    def _given_to_id(self, instance):
        *path, last = self.given_to.split("__")
        return getattr(reduce(getattr, path, instance), f"{last}_id")

    def user_can(self, user, action: Action, instance) -> bool:
        """For an object of a company already in the user's scope (company_object_view looks it up there)."""
        assert action == Action.ACT  # the one action these kinds know
        return user.is_program_staff or (user.is_program_auditor and self._given_to_id(instance) == user.pk)

    def instances_user_can(self, user, action: Action):
        """The objects, among the companies in the user's scope, that the user may do `action` with."""
        assert action == Action.ACT
        objects = self.model._default_manager
        if user.is_program_staff:
            return objects.all()
        if not user.is_program_auditor:
            return objects.none()
        return objects.filter(company__in=companies_for(user), **{self.given_to: user})


def company_object_view(policy: GivenToPolicy, *, need: "Need | Reviewers", action: Action, get: Callable, kwarg: str):
    """A view of one of a company's sub-objects, addressed by the URL arguments `pk` (the company) and `kwarg`
    (the object): the view receives `company` and the object, found by `get(company=, pk=)`, instead.

    company_view checks the company first; an object of another company, or one the policy does not let the
    user `action`, answers 404 like a missing one.
    """

    def decorator(view):
        @company_view(need)
        @wraps(view)
        def wrapped(request, company, *args, **kwargs):
            instance = get(company=company, pk=kwargs.pop(kwarg))
            if not policy.user_can(request.user, action, instance):
                raise Http404
            return view(request, company, instance, *args, **kwargs)

        return wrapped

    return decorator


def employer_company(user) -> Company | None:
    """The company an employer user belongs to, if any."""
    if not user.is_authenticated or not user.is_employer:
        return None
    membership = getattr(user, "membership", None)
    return membership.company if membership is not None else None
