"""Emails to a company's employer users about their application."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from companies.models import Application


def application_decision_send(*, application: Application) -> None:
    company = application.company
    recipients = list(company.memberships.values_list("user__email", flat=True))
    if not recipients:
        return
    context = {
        "application": application,
        "company": company,
        "url": f"{settings.SITE_URL.rstrip('/')}{reverse('companies:detail', args=[company.pk])}",
    }
    send_mail(
        subject=f"[SECOR] Your application for {company.display_name}: {application.get_decision_display().lower()}",
        message=render_to_string("email/application_decision.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
