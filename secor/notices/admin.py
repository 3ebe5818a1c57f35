from django.contrib import admin

from secor.core.admin import ViewOnly
from secor.notices.models import Notice, NoticeSweep


@admin.register(Notice)
class NoticeAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient_email", "company", "about_date", "state", "sent_at"]
    list_select_related = ["company"]
    list_filter = ["state", "kind"]
    search_fields = ["recipient_email", "company__legal_name", "subject"]


@admin.register(NoticeSweep)
class NoticeSweepAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["day", "started_at", "finished_at", "claimed", "sent", "failed"]
