from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import AuditSection, AuditToolVersion


class AuditSectionInline(admin.TabularInline):
    """The version's sections, listed; a supplemental section is renamed on its own page (audit sections)."""

    model = AuditSection
    extra = 0
    fields = readonly_fields = ["number", "name", "supplemental"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AuditToolVersion)
class AuditToolVersionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "effective_from"]
    inlines = [AuditSectionInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditSection)
class AuditSectionAdmin(SimpleHistoryAdmin):
    """MAN-1: staff name the SCSA supplemental sections; the national elements keep their standard names."""

    list_display = ["version", "number", "name", "supplemental"]
    list_filter = ["version", "supplemental"]
    fields = ["version", "number", "name", "supplemental"]

    def get_readonly_fields(self, request, obj=None):
        # A national element's name is the standard's; only a supplemental section is named by SCSA.
        always = ["version", "number", "supplemental"]
        return always if obj is not None and obj.supplemental else [*always, "name"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
