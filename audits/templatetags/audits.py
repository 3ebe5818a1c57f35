from django import template

register = template.Library()


@register.filter
def certificate_status(certificate, today) -> str:
    """CERT-1, CERT-2: valid, suspended or expired on `today` (computed, never stored)."""
    return certificate.status(today)
