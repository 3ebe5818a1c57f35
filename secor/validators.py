"""Validators shared by every app's fields."""

import unicodedata

from django.core.exceptions import ValidationError

# Line and paragraph breaks of every kind (what str.splitlines splits on) and other control characters.
_BREAKING = {"Cc", "Zl", "Zp"}


def single_line(value: str) -> None:
    """A name (a company's, a person's, a place's) is one line: a line break in it would end up in the subject
    of every email that names it, which mail refuses to send (a header cannot hold one)."""
    if any(unicodedata.category(character) in _BREAKING for character in value):
        raise ValidationError(
            "Keep this on one line, without line breaks or tabs.", code="single_line", params={"value": value}
        )
