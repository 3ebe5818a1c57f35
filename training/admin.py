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
    list_display = ["employee", "course", "completed_on", "review_state", "company"]
    list_filter = ["review__state", "course"]
    list_select_related = ["employee", "course", "company", "review"]
    search_fields = ["employee__last_name", "company__legal_name", "certificate_number"]
    raw_id_fields = ["employee", "company", "source_submission", "review"]

    @admin.display(description="status", ordering="review__state")
    def review_state(self, record):
        return record.get_status_display()


@admin.register(ProficiencySubmission)
class ProficiencySubmissionAdmin(ViewOnlyAdmin):
    list_display = ["employee", "kind", "submitted_on", "review_state", "company"]
    list_filter = ["review__state", "kind"]
    list_select_related = ["employee", "company", "review"]
    raw_id_fields = ["employee", "company", "review"]

    @admin.display(description="status", ordering="review__state")
    def review_state(self, submission):
        return submission.get_status_display()


@admin.register(TrainedEmployee)
class TrainedEmployeeAdmin(ViewOnlyAdmin):
    list_display = ["company", "course", "position", "employee"]
    list_select_related = ["company", "course", "employee"]
    raw_id_fields = ["employee", "company", "designated_by"]
