from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "secor.pages"
    label = "pages"
    verbose_name = "SECOR pages that combine apps"

    def ready(self):
        from functools import partial

        from secor import hooks
        from secor.company_keep import ahead_of_reads
        from secor.pages.companies import LIST_ROW_TOPICS, PAGE_DATA_TOPICS
        from secor.pages.dashboard_counts import shares_computed_ahead
        from secor.pages.tasks import keep_company_list_rows, keep_company_page_data

        # The dashboard's figures kept company by company: a write computes its companies' shares as it commits.
        shares_computed_ahead()
        # And a worker renders their rows of the company list, and computes what their pages show, read next.
        hooks.on_change(*LIST_ROW_TOPICS, listener=partial(ahead_of_reads, run=keep_company_list_rows.delay))
        hooks.on_change(*PAGE_DATA_TOPICS, listener=partial(ahead_of_reads, run=keep_company_page_data.delay))
