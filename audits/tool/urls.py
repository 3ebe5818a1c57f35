from django.urls import path

from audits import tool_views

app_name = "audit_tool"

# Under staff/audit-tool/: program staff only (MAN-1, AUD-4).
urlpatterns = [
    path("", tool_views.tool_versions, name="versions"),
    path("<int:pk>/", tool_views.tool_version, name="version"),
    path("<int:pk>/copy/", tool_views.tool_version_copy, name="copy"),
]
