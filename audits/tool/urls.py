from django.urls import path

from audits.tool import views

app_name = "audit_tool"

# Under staff/audit-tool/: program staff only (MAN-1, AUD-4).
urlpatterns = [
    path("", views.tool_versions, name="versions"),
    path("<int:pk>/", views.tool_version, name="version"),
    path("<int:pk>/copy/", views.tool_version_copy, name="copy"),
]
