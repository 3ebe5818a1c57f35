"""/api/v1/: the partners' API, its OpenAPI schema and the schema's documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from secor.api.views import records, subscriptions, verification

app_name = "api"

# Staff's read access: /api/v1/companies/, /api/v1/companies/<id>/, … ("api:companies-list", "api:companies-detail").
records_router = SimpleRouter()
for prefix, viewset in (
    ("companies", records.Companies),
    ("letters", records.Letters),
    ("audits", records.Audits),
    ("certificates", records.Certificates),
    ("invoices", records.Invoices),
    ("notices", records.Notices),
):
    records_router.register(prefix, viewset, basename=prefix)
# A key holder's subscriptions to change events: /api/v1/subscriptions/ ("api:subscriptions-list", …-detail).
records_router.register("subscriptions", subscriptions.Subscriptions, basename="subscriptions")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page's own script is served by the same view (?script), so the page runs under our CSP: no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("verify/", verification.BulkVerification.as_view(), name="verify_numbers"),
    path(
        "verify/certificates/<str:number>/", verification.CertificateVerification.as_view(), name="verify_certificate"
    ),
    path(
        "verify/companies/<str:wcb_account_number>/", verification.CompanyVerification.as_view(), name="verify_company"
    ),
    *records_router.urls,
]
