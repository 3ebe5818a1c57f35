"""The public pages, open without signing in (CERT-1, CERT-2): a certificate's verification by its number or
QR code, saying whose it is, its dates and whether it is valid today — nothing else about the company — and
the list of certified companies."""

from django.shortcuts import redirect, render
from django.utils import timezone

from audits import selectors
from secor.paging import paged

LIST_PAGE_SIZE = 50


def verify(request):
    """The search form; a number typed in goes to that certificate's page."""
    number = request.GET.get("number", "").strip()
    if number:
        return redirect("verify_certificate", "".join(number.upper().split())[:40])
    return render(request, "audits/public/verify.html", {})


def verify_certificate(request, number: str):
    certificate = selectors.certificate_by_number(number)
    today = timezone.localdate()
    context = {"number": number, "certificate": certificate, "today": today}
    if certificate is not None:
        context["status"] = certificate.status(today)
    return render(request, "audits/public/certificate.html", context, status=200 if certificate else 404)


def certified(request):
    search = request.GET.get("q", "").strip()[:100].replace("\x00", "")
    today = timezone.localdate()
    page = paged(selectors.certified_companies(today=today, search=search), request.GET.get("page"), LIST_PAGE_SIZE)
    return render(request, "audits/public/certified.html", {"page": page, "search": search, "today": today})
