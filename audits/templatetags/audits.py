from datetime import date

from django import template
from django.utils.html import format_html_join

from audits.maintenance.selectors import slot_label

register = template.Library()


@register.filter
def certificate_status(certificate, today) -> str:
    """CERT-1, CERT-2: valid, suspended, ended, superseded or expired on `today` (computed, never stored)."""
    return certificate.status(today)


@register.filter
def certificate_ending(certificate, today) -> dict:
    """CERT-2: the day the company's leaving the program ended the certificate and how it left, as of `today`."""
    return {"on": certificate.ended_on(today), "how": certificate.company.status_on(today).left_program_words}


@register.filter
def stored_date(value: str) -> date | None:
    """A date kept as text in a version's data (ISO, as JSON holds it), to be written like every other date."""
    return date.fromisoformat(value) if value else None


@register.filter
def package_document(file) -> str:
    """MNT-1: what a file of a maintenance package's version is: "Safe Work Practice 2"."""
    return slot_label(file.part, file.position)


@register.simple_tag
def reviewer_options(choices, selected) -> str:
    """The <option>s of a queue's reviewer menu, by each item listed: built in one pass here (as a template
    loop, every reviewer for each of a page's items made the queue's rendering its slowest part)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )
