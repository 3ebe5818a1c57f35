from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "secor.documents"
    label = "documents"
    verbose_name = "SECOR documents"
