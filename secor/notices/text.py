"""Plain-text emails: rendered without HTML escaping (an apostrophe stays an apostrophe), links on SITE_URL."""

from django.conf import settings
from django.template import engines


def render_text(template_name: str, context: dict) -> str:
    return engines["text"].get_template(template_name).render(context)


def site_url(path: str) -> str:
    """An absolute link for an email: no request is at hand when a notice is sent."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"
