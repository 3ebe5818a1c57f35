"""Rule ids (ELIG-1, TRN-5 …) are for SCSA's people and the tests: an employer reads the plain words.

A message that applies a program rule keeps the rule's id beside its words where it is made: `RuleWords` for a
reason or a note, the code of the ValidationError that refuses (`refusal`), the data of a timeline line. A page
shows the id after the words to staff and program auditors (`for_reader`, and the `rule_ids` template library
of secor.core); employers and the public read the words alone. Nothing is taken out of a page once it is
rendered, so what a person typed is shown as typed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeData, mark_safe

# One rule's id, or several ("ELIG-3, ELIG-4"): how a ValidationError's code is told from Django's own codes.
RULE_IDS = re.compile(r"[A-Z]{2,4}-\d+(, [A-Z]{2,4}-\d+)*")


class RuleWords(str):
    """Plain words that apply a program rule, with the rule's id (or ids) kept beside them as `rule`: a string
    everywhere, whose id a page adds for the readers it is for."""

    rule: str

    def __new__(cls, words: str, rule: str) -> "RuleWords":
        text = super().__new__(cls, words)
        text.rule = rule
        return text

    def __reduce__(self):
        return RuleWords, (str(self), self.rule)


def refusal(words: str) -> ValidationError:
    """A service's or form's refusal in these words; for RuleWords, the rule's id is the error's code."""
    return ValidationError(str(words), code=getattr(words, "rule", "") or None)


def reads_rule_ids(user) -> bool:
    """SCSA's people (staff and program auditors) read the rule ids; employers and the public do not."""
    return bool(user is not None and user.is_authenticated and (user.is_program_staff or user.is_program_auditor))


def with_rule_id(words: str, rule: str) -> str:
    """The words with the rule's id, before their closing full stop: "… this person is casual (TRN-1)."."""
    if words.endswith("."):
        return f"{words[:-1]} ({rule})."
    return f"{words} ({rule})"


def for_reader(message, user) -> str:
    """A message as `user` reads it: RuleWords, a ValidationError (a rule's id as its code), or plain text."""
    if isinstance(message, ValidationError):
        messages = message.messages
        words = messages[0] if len(messages) == 1 else " ".join(messages)
        rule = message.code if getattr(message, "code", None) and RULE_IDS.fullmatch(message.code) else ""
    else:
        words, rule = message, getattr(message, "rule", "")
    if not rule or not reads_rule_ids(user):
        return words if isinstance(words, SafeData) else str(words)
    shown = with_rule_id(str(words), rule)
    # The id adds letters, digits and dashes only: words marked safe stay safe.
    return mark_safe(shown) if isinstance(words, SafeData) else shown
