"""How a cell of SCSA's files is read: as people typed it in a spreadsheet (Excel gives numbers and dates as such)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from import_export.widgets import Widget

from secor.exports import spreadsheet_text

DATE_FORMAT_WORDS = "Enter a date as YYYY-MM-DD, for example 2024-03-15."


def text_of(value) -> str:
    """A cell as text: a whole number Excel kept as a number (a WCB account number) without its ".0", and a text
    SECOR's downloads kept from being read as a formula (`'=…`) as it was."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return spreadsheet_text(str(value).strip())


class TextWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        return text_of(value)

    def render(self, value, **kwargs):
        return "" if value is None else str(value)


class DayWidget(Widget):
    """A date: a spreadsheet's date cell, or text as YYYY-MM-DD. Empty is None."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = text_of(value)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"“{text}” is not a date. {DATE_FORMAT_WORDS}") from None

    def render(self, value, **kwargs):
        return value.isoformat() if value else ""


class MomentWidget(DayWidget):
    """A day, or a day and a time of Regina (YYYY-MM-DD or YYYY-MM-DD HH:MM, or a spreadsheet's cell): a day alone is
    read as a date (as DayWidget reads it), a day with its time as that moment. Written back with its time."""

    WORDS = "Enter a day as YYYY-MM-DD, or a day and a time as YYYY-MM-DD HH:MM."

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return timezone.make_aware(value) if timezone.is_naive(value) else value
        text = text_of(value)
        if isinstance(value, date) or len(text) <= len("YYYY-MM-DD"):
            return super().clean(value, row, **kwargs)
        try:
            return timezone.make_aware(datetime.fromisoformat(text))
        except ValueError:
            raise ValueError(f"“{text}” is neither a day nor a day and a time. {self.WORDS}") from None

    def render(self, value, **kwargs):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class YesNoWidget(Widget):
    YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}

    def clean(self, value, row=None, **kwargs):
        text = text_of(value).lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"“{text_of(value)}” is neither yes nor no. Enter yes or no.")

    def render(self, value, **kwargs):
        return "yes" if value else "no"


class ChoiceWidget(Widget):
    """One of a model field's choices, by its words or its value, in any case."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        for stored, words in self.choices:
            if text.lower() in (str(stored).lower(), str(words).lower()):
                return stored
        allowed = "; ".join(str(words) for _, words in self.choices)
        raise ValueError(f"“{text}” is not one of: {allowed}.")

    def render(self, value, **kwargs):
        return dict(self.choices).get(value, value or "")


class MoneyWidget(Widget):
    """An amount in dollars and cents: 1500, 1500.00, $1,500.00."""

    def clean(self, value, row=None, **kwargs):
        text = text_of(value).replace("$", "").replace(",", "").strip()
        if not text:
            return None
        try:
            amount = Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValueError(
                f"“{text_of(value)}” is not an amount. Enter dollars and cents, for example 1500.00."
            ) from None
        if amount < 0:
            raise ValueError("An amount cannot be negative; enter 0.00 for none.")
        return amount

    def render(self, value, **kwargs):
        return "" if value is None else f"{value:.2f}"


class WholeNumberWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        text = text_of(value)
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"“{text}” is not a whole number.")
        return int(text)

    def render(self, value, **kwargs):
        return "" if value is None else str(value)
