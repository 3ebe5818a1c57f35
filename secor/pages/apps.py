from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "secor.pages"
    label = "pages"
    verbose_name = "SECOR pages that combine apps"

    def ready(self):
        from secor.pages.dashboard_counts import shares_computed_ahead

        # The dashboard's figures kept company by company: a write computes its companies' shares as it commits.
        shares_computed_ahead()
