from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "secor.pages"
    label = "pages"
    verbose_name = "SECOR pages that combine apps"
