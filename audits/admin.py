from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from audits.tool.models import AuditSection, AuditToolVersion
from audits.tool.rules import placeholder_sections


class AuditSectionInline(admin.TabularInline):
    model = AuditSection
    extra = 0
    fields = readonly_fields = ["number", "name", "supplemental", "available_points"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """MAN-1: the audit tool is read here, with its history. Staff make and edit a version on SECOR's own pages
    (Audit tool), which copy the sections of the version in effect, keep a version without sections from
    taking effect and leave a version that has taken effect as it was."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def warn_of_placeholder_names(request) -> None:
    """MAN-1: a version whose supplemental sections keep the seeded placeholder names shows them so on every manual
    and audit; staff are told here until each version names them."""
    sections = AuditSection.objects.filter(supplemental=True).select_related("version").order_by("version", "number")
    by_version: dict[AuditToolVersion, list[AuditSection]] = {}
    for section in placeholder_sections(sections):
        by_version.setdefault(section.version, []).append(section)
    for version, unnamed in by_version.items():
        numbers = ", ".join(str(section.number) for section in unnamed)
        messages.warning(
            request,
            f"{version}: supplemental section{'s' if len(unnamed) > 1 else ''} {numbers} still "
            f"{'carry' if len(unnamed) > 1 else 'carries'} a placeholder name. Name them in a version of the audit "
            "tool (Audit tool: copy the version in effect, name its sections, and set the day it takes effect).",
        )


@admin.register(AuditToolVersion)
class AuditToolVersionAdmin(ReadOnlyAdmin):
    list_display = ["name", "effective_from", "overall_pass_percent", "section_pass_percent"]
    inlines = [AuditSectionInline]

    def changelist_view(self, request, extra_context=None):
        warn_of_placeholder_names(request)
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        warn_of_placeholder_names(request)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AuditSection)
class AuditSectionAdmin(ReadOnlyAdmin):
    list_display = ["version", "number", "name", "supplemental", "available_points"]
    list_filter = ["version", "supplemental"]
