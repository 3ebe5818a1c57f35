from django.contrib import admin

from secor.core.admin import ViewOnly, ViewOnlyAdmin
from secor.reviews.models import Review, ReviewVersion


class VersionInline(ViewOnly, admin.TabularInline):
    model = ReviewVersion
    fk_name = "review"
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "document", "outcome", "decided_by", "comments"]


@admin.register(Review)
class ReviewAdmin(ViewOnlyAdmin):
    list_display = ["company", "kind", "state", "first_submitted_on", "decided_at"]
    list_select_related = ["company"]
    list_filter = ["kind", "state"]
    search_fields = ["company__legal_name"]
    inlines = [VersionInline]
