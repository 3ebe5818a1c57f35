from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.tool.models import AuditSection, AuditToolVersion


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


@admin.register(AuditToolVersion)
class AuditToolVersionAdmin(ReadOnlyAdmin):
    list_display = ["name", "effective_from", "overall_pass_percent", "section_pass_percent"]
    inlines = [AuditSectionInline]


@admin.register(AuditSection)
class AuditSectionAdmin(ReadOnlyAdmin):
    list_display = ["version", "number", "name", "supplemental", "available_points"]
    list_filter = ["version", "supplemental"]
