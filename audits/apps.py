from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from audits import cycle_notices, events, notices  # noqa: F401
        from audits.services.invoices import invoice_on_registration
        from secor import hooks

        hooks.on(hooks.COMPANY_REGISTERED, invoice_on_registration)  # ELIG-7
