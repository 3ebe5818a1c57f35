from django.contrib import admin

from companies.models import Application, Company, Employee, Membership
from secor.core.admin import ViewOnly, ViewOnlyAdmin


class MembershipInline(ViewOnly, admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Company)
class CompanyAdmin(ViewOnlyAdmin):
    list_display = ["legal_name", "wcb_account_number", "city", "status", "registration_date"]
    list_filter = ["status", "is_scsa_member"]
    search_fields = ["legal_name", "operating_name", "wcb_account_number", "city"]
    inlines = [MembershipInline]


@admin.register(Employee)
class EmployeeAdmin(ViewOnlyAdmin):
    list_display = ["last_name", "first_name", "company", "employment_type", "start_date", "end_date"]
    list_select_related = ["company"]
    search_fields = ["last_name", "first_name", "company__legal_name"]


@admin.register(Application)
class ApplicationAdmin(ViewOnlyAdmin):
    list_display = ["company", "submitted_at", "decision"]
    list_select_related = ["company"]
    list_filter = ["decision"]
