from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "secor.reviews"
    label = "reviews"
    verbose_name = "SECOR reviews"
