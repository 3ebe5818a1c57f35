from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "secor.core"
    label = "core"
    verbose_name = "SECOR accounts and program settings"
