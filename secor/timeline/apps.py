from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "secor.timeline"
    label = "timeline"
    verbose_name = "SECOR company timeline"
