"""Mail servers for the ledger's tests: one that refuses a number of times, then takes mail again."""

import smtplib

from django.core.mail.backends import locmem


class FlakySMTP(locmem.EmailBackend):
    """Refuses the next `failures` sends as an SMTP server that dropped the connection would."""

    failures = 0

    def send_messages(self, messages):
        if FlakySMTP.failures > 0:
            FlakySMTP.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
