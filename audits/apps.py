from importlib import import_module

from django.apps import AppConfig

# The packages that declare notice kinds, in the order the daily sweep looks for what is due: the manual's
# reviews first, the certificate's cycle last.
NOTICES = ("manual", "audit", "certificates", "invoices", "maintenance", "recertification")


class AuditsConfig(AppConfig):
    name = "audits"

    def ready(self):
        # Declare the timeline and notice kinds before any page lists them or any worker sends one.
        from audits import events  # noqa: F401
        from secor import hooks

        for package in NOTICES:
            import_module(f"audits.{package}.notices")
        from audits.invoices.services import invoice_on_registration

        hooks.on(hooks.COMPANY_REGISTERED, invoice_on_registration)  # ELIG-7
