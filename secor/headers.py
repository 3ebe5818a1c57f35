"""The Permissions-Policy header (Django has no setting for it): the browser features no SECOR page uses are
turned off for every page (settings.PERMISSIONS_POLICY)."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
