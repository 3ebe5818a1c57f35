from django.contrib import admin

from secor.core.admin import ViewOnly
from secor.timeline.models import Event


@admin.register(Event)
class EventAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["at", "company", "kind", "actor", "summary"]
    list_select_related = ["company", "actor"]
    list_filter = ["kind"]
    search_fields = ["summary", "company__legal_name"]
