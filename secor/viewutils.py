"""Glue shared by the apps' views: running a service for a submitted form, asking before an irreversible one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from secor.rule_ids import for_reader


def submitted(request, form) -> bool:
    return request.method == "POST" and form.is_valid()


class Refused:
    """What `call_service` answers when the service refused. A service that returns nothing on success returns
    None, so None cannot also mean "refused": callers ask `is REFUSED`."""

    __slots__ = ()

    def __bool__(self) -> bool:
        # Never read as an outcome by truth value: that is the confusion this type exists to end.
        raise TypeError("compare with `is REFUSED`")

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = Refused()


def call_service(form, service, /, **kwargs):
    """Run a service for a valid form: what it returns, or REFUSED once the ValidationError it raised is shown
    by the fields it names."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return REFUSED
        for field, errors in error.error_dict.items():
            # A service may name a field this form does not show; its message then heads the form.
            form.add_error(field if field in form.fields else None, errors)
        return REFUSED


def report_errors(request, form) -> None:
    """A refused action answered by a redirect: its reasons as one message on the page the user returns to, as
    the user reads them (a rule's id for staff and program auditors: secor.rule_ids)."""
    reasons = (for_reader(error, request.user) for errors in form.errors.as_data().values() for error in errors)
    messages.error(request, " ".join(reasons))


def report(request, form, success: str) -> None:
    """The outcome of an action answered by a redirect: `success`, or why it was refused."""
    if form.errors:
        report_errors(request, form)
    else:
        messages.success(request, success)


def action_form(request) -> forms.Form:
    """A bound, valid, field-less form for a one-button action, to carry what the service refuses."""
    form = forms.Form(request.POST)
    form.is_valid()
    return form


CONFIRMED = "confirmed"


def confirmation_page(request, *, question: str, consequences: list[str], confirm_label: str, cancel_url: str):
    """The page that asks before a decision that cannot be undone, or None once the person has said yes.

    The page posts the same fields again with `confirmed=yes`: no JavaScript is needed, and any HTTP client
    can confirm by sending that field with the first post.
    """
    if request.POST.get(CONFIRMED) == "yes":
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "fields": fields,
            "confirmed_field": CONFIRMED,
        },
    )
