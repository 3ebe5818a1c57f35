"""The certificates' pages. Public, open without signing in (CERT-1, CERT-2): a certificate's verification by
its number or QR code, saying whose it is, its dates and whether it is valid today — nothing else about the
company — and the list of certified companies. Staff's: suspending, restoring and listing a certificate."""

import hashlib

from allauth.core import ratelimit
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from audits.certificates import rules, selectors, services, verification
from audits.certificates.forms import ListedForm, NumbersForm
from audits.forms import ReasonForm
from companies.access import Need, company_view, require_post
from secor import query
from secor.exports import csv_response
from secor.freshness import kept_until_changed
from secor.kept_figures import statuses_key
from secor.viewutils import REFUSED, call_service, confirmation_page, report_errors

LIST_PAGE_SIZE = 50
# What a certificate number looks like, for a person who typed one that is not found.
SHAPE = rules.format_certificate_number("ABCDEFGHJKMN")


def verify(request):
    """The search form; a number typed in goes to that certificate's page, however it was typed (CERT-1)."""
    typed = request.GET.get("number", "").strip()[:100]
    if not typed:
        return render(request, "audits/public/verify.html", {})
    number = rules.certificate_number_typed(typed)
    if number is None:
        return render(request, "audits/public/verify.html", {"typed": typed, "shape": SHAPE})
    return redirect("audits:verify_certificate", number)


def verify_certificate(request, number: str):
    certificate = selectors.certificate_by_number(number)
    # An address typed by hand ("secor-abcd efgh…") goes to the number as printed.
    if certificate is None and (printed := rules.certificate_number_typed(number)) not in (None, number):
        return redirect("audits:verify_certificate", printed)
    today = timezone.localdate()
    context = {"number": number, "certificate": certificate, "today": today, "shape": SHAPE}
    if certificate is not None:
        context["status"] = certificate.status(today)
    return render(request, "audits/public/certificate.html", context, status=200 if certificate else 404)


# The anonymous limit per address of the lists checked (settings.ACCOUNT_RATE_LIMITS), shared with the API's.
VERIFY_MANY = "verify_many"
CSV_HEADER = ["Typed", "Read as", "Number", "Status", "Certificate", "Company", "City", "Issued", "Valid until", "Note"]


def verify_list(request):
    """CERT-1, CERT-2: a prime contractor checks a list of sub-contractors at once, without signing in: certificate
    numbers or WCB account numbers, pasted or in a file, answered as a table (or its CSV) of what `/verify/` shows."""
    if request.method != "POST":
        return render(request, "audits/public/verify_list.html", {"form": NumbersForm()})
    form = NumbersForm(request.POST, request.FILES)
    if form.is_valid() and not ratelimit.consume(request, action=VERIFY_MANY):
        form.add_error(None, "This address checked many lists in the last hour: try again in an hour, or ask SCSA.")
    if not form.is_valid():
        return render(request, "audits/public/verify_list.html", {"form": form}, status=400)
    today = timezone.localdate()
    results = verification.verify_numbers(form.cleaned_data["typed"], today=today)
    if "csv" in request.POST:
        return csv_response(
            filename=f"secor-verification-{today:%Y-%m-%d}.csv",
            header=CSV_HEADER,
            rows=([*_csv_row(result)] for result in results),
        )
    return render(
        request,
        "audits/public/verify_list.html",
        {"form": form, "results": results, "today": today, "statuses": _counts(results)},
    )


def _counts(results) -> list[tuple[str, int]]:
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    return sorted(counts.items(), key=lambda item: verification.STATUSES.index(item[0]))


def _csv_row(result: verification.Verification) -> list:
    note = {
        "suspended": f"Suspended since {result.suspended_on}",
        "superseded": f"Superseded by {result.superseded_by}, issued {result.superseded_on}",
        "ended": f"Ended on {result.ended_on}: the company left the SECOR program ({result.ended_how})",
        verification.UNKNOWN: "Not a certificate number nor a WCB account number"
        if result.kind == verification.NOT_A_NUMBER
        else "No SECOR certificate found",
    }.get(result.status, "")
    return [
        result.typed,
        {verification.CERTIFICATE: "certificate number", verification.WCB: "WCB account number"}.get(result.kind, ""),
        result.number,
        result.status,
        result.certificate_number,
        result.company_name + (f" (operating as {result.operating_name})" if result.operating_name else ""),
        result.city,
        result.issued_on or "",
        result.expires_on or "",
        note,
    ]


def certified(request):
    """The public list. Every visitor reads the same pages between two writes to what they show, so each page is
    kept as rendered, for the de-rolls due today as well (a de-roll ends a certificate the day it is due)."""
    search = request.GET.get("q", "").strip()[:100]
    number = query.whole_number(request.GET.get("page"), default=1)
    today = timezone.localdate()
    searched = hashlib.blake2b(search.encode(), digest_size=8).hexdigest()
    key = f"certified-page:{searched}:{number}:{statuses_key(today)}"

    def rendered() -> str:
        page = selectors.certified_page(today=today, search=search, number=number, per_page=LIST_PAGE_SIZE)
        return render_to_string("audits/public/_certified_list.html", {"page": page, "search": search})

    listing = kept_until_changed({key: (selectors.CERTIFIED_LIST_TOPICS, rendered)})[key]
    return render(request, "audits/public/certified.html", {"listing": listing, "search": search, "today": today})


def _back(company):
    return redirect("audits:audits", company.pk)


@company_view(Need.STAFF)
def certificate_status(request, company, certificate_pk: int):
    """Staff suspend a valid certificate, or restore a suspended one, with a reason."""
    certificate = selectors.certificate_get_for_company(company=company, pk=certificate_pk)
    require_post(request)
    form = ReasonForm(request.POST)
    suspend = certificate.suspended_on is None
    if form.is_valid():
        asking = confirmation_page(
            request,
            question=f"{'Suspend' if suspend else 'Restore'} certificate {certificate.number} of {company}?",
            consequences=[
                "Its public page shows it suspended from today."
                if suspend
                else "Its public page shows it valid again.",
                "The company is emailed the change with your reason; it goes on the timeline.",
            ],
            confirm_label="Yes, suspend it" if suspend else "Yes, restore it",
            cancel_url=reverse("audits:audits", args=[company.pk]),
        )
        if asking:
            return asking
        service = services.certificate_suspend if suspend else services.certificate_restore
        if (
            call_service(form, service, certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"])
            is not REFUSED
        ):
            messages.success(request, f"Certificate {certificate.number} {'suspended' if suspend else 'restored'}.")
            return _back(company)
    report_errors(request, form)
    return _back(company)


@company_view(Need.STAFF)
def certificate_listed(request, company, certificate_pk: int):
    certificate = selectors.certificate_get_for_company(company=company, pk=certificate_pk)
    require_post(request)
    form = ListedForm(request.POST)
    if not form.is_valid():
        report_errors(request, form)
        return _back(company)
    listed = form.cleaned_data["listed"]
    services.certificate_set_listed(certificate=certificate, actor=request.user, listed=listed)
    shown = "shown in" if listed else "left out of"
    messages.success(request, f"{company} is {shown} the public list of certified companies.")
    return _back(company)
