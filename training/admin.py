from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from secor.core.admin import ViewOnlyAdmin
from training.models import Course, ProficiencySubmission, TrainedEmployee, TrainingRecord


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    """The course catalogue; TRN-8's SCOT equivalents are accepted or not with `equivalence accepted`."""

    list_display = ["name", "code", "chart_order", "counts_as", "equivalence_accepted"]
    list_editable = ["equivalence_accepted"]
    list_select_related = ["counts_as"]
    # Codes are what the rules refer to, and the chart's rows are fixed by them (TRN-3); renaming a code
    # would silently detach it from its rule.
    readonly_fields = ["code", "chart_order"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ViewOnlyAdmin):
    list_display = ["employee", "course", "completed_on", "status", "company"]
    list_filter = ["status", "course"]
    list_select_related = ["employee", "course", "company"]
    search_fields = ["employee__last_name", "company__legal_name", "certificate_number"]
    raw_id_fields = ["employee", "company", "source_submission", "submitted_by", "reviewed_by"]


@admin.register(ProficiencySubmission)
class ProficiencySubmissionAdmin(ViewOnlyAdmin):
    list_display = ["employee", "kind", "submitted_on", "status", "company"]
    list_filter = ["status", "kind"]
    list_select_related = ["employee", "company"]
    raw_id_fields = ["employee", "company", "submitted_by", "reviewed_by"]


@admin.register(TrainedEmployee)
class TrainedEmployeeAdmin(ViewOnlyAdmin):
    list_display = ["company", "course", "position", "employee"]
    list_select_related = ["company", "course", "employee"]
    raw_id_fields = ["employee", "company", "designated_by"]
