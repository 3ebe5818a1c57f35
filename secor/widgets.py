"""Form widgets every app's forms share."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker: the value is posted as an ISO date, which Django's DateField reads."""

    input_type = "date"
