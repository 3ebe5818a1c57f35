from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from companies.models import Application, Company, CompanyEvent, Employee, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["legal_name", "wcb_account_number", "city", "status", "registration_date"]
    list_filter = ["status", "is_scsa_member"]
    search_fields = ["legal_name", "operating_name", "wcb_account_number", "city"]
    inlines = [MembershipInline]


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "company", "employment_type", "start_date", "end_date"]
    list_select_related = ["company"]
    search_fields = ["last_name", "first_name", "company__legal_name"]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["company", "submitted_at", "decision"]
    list_select_related = ["company"]
    list_filter = ["decision"]


@admin.register(CompanyEvent)
class CompanyEventAdmin(admin.ModelAdmin):
    list_display = ["at", "company", "actor", "summary"]
    list_select_related = ["company", "actor"]
    search_fields = ["summary", "company__legal_name"]

    def has_change_permission(self, request, obj=None):
        return False
