from django.contrib import admin

from secor.core.admin import ViewOnly
from secor.documents.models import Document


@admin.register(Document)
class DocumentAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["created_at", "company", "kind", "name", "extension", "size", "origin"]
    list_select_related = ["company"]
    list_filter = ["kind", "origin"]
    search_fields = ["name", "company__legal_name", "sha256"]
