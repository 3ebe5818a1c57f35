from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from secor import hooks
from secor.core.models import ProgramSettings, User


class ViewOnly:
    """Company records change only through the app's pages and services, which check the program's rules
    and write the company timeline; the admin shows them (and their history)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ViewOnlyAdmin(ViewOnly, SimpleHistoryAdmin):
    pass


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]

    # The staff dashboard counts the work of each active program auditor.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        hooks.changed(hooks.Topic.ACCOUNTS)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        hooks.changed(hooks.Topic.ACCOUNTS)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        hooks.changed(hooks.Topic.ACCOUNTS)


@admin.register(ProgramSettings)
class ProgramSettingsAdmin(SimpleHistoryAdmin):
    # Saving the settings says they changed (ProgramSettings.save): e.g. whether owners may be trained
    # employees (TRN-1) changes every company's training summary.
    readonly_fields = ProgramSettings.DATE_FIELDS  # changed with a preview, on the notice timing page

    def has_add_permission(self, request):
        return not ProgramSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
