"""The ways out of the program that outlast a status change: the hand-off to COR of a company over the limit
(ELIG-3, ELIG-4) and the wait to register again after a de-roll (ELIG-5). Registered with the app's models by
companies.models."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from companies import rules


class CorHandoff(models.Model):
    """ELIG-3/ELIG-4: a company that no longer qualifies tells SCSA when it expects to register for COR. It waits
    for staff to record the transfer while the company is in the program and over the limit: computed
    (companies.selectors.cor_handoffs_waiting), so a company back under the limit no longer waits. Told
    again, it is replaced; the timeline keeps each telling."""

    company = models.OneToOneField("companies.Company", on_delete=models.CASCADE, related_name="cor_handoff")
    expected_on = models.DateField(
        "expected COR registration date", help_text="When you expect to register for the COR program."
    )
    note = models.TextField(
        blank=True, max_length=2000, help_text="Optional: anything SCSA should know (who to call, your timing)."
    )
    told_on = models.DateField()
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        # Staff's queue: the oldest first.
        indexes = [models.Index(fields=["told_on", "id"], name="cor_handoff_by_age")]

    def __str__(self) -> str:
        return f"{self.company} expects to register for COR on {self.expected_on}"


class RegistrationWait(models.Model):
    """ELIG-5: the 6-month wait that a de-roll starts, kept on the WCB account number it was de-rolled under
    (DOMAIN section 8): changing the company's number frees neither the old number nor gives the new one a
    wait. Staff reinstating the company lift it."""

    wcb_account_number = models.CharField(
        "WCB account number", max_length=rules.WCB_ACCOUNT_NUMBER_DIGITS[1], db_index=True
    )
    company = models.ForeignKey("companies.Company", on_delete=models.CASCADE, related_name="registration_waits")
    derolled_on = models.DateField("de-rolled on")
    lifted_on = models.DateField(null=True, blank=True, help_text="The company was reinstated.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-derolled_on", "-pk"]

    def __str__(self) -> str:
        return f"WCB {self.wcb_account_number} de-rolled on {self.derolled_on}"
