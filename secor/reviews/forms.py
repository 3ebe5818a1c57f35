"""The forms every review shares: the reviewer's decision on a version, and who SCSA gives a review to."""

from dataclasses import dataclass

from django import forms

from secor.core.models import User


@dataclass(frozen=True)
class Words:
    """How a review page names the decision in the form it posts, as it always has: its field, the value that
    accepts the version and the one that returns it for corrections (each with its label), and the field of the
    reviewer's comments. The decision form reads every page's words into one: accepted, or returned."""

    field: str = "decision"
    accept: tuple[str, str] = ("accept", "Accept")
    # None: the page has one button that accepts (its field is then posted); without it, the version is returned.
    give_back: tuple[str, str] | None = ("return", "Return for corrections")
    placeholder: str = ""  # a first, empty choice of the page's menu ("Choose the outcome…")
    required: str = ""  # what to say when no decision is posted
    comments: str = "comments"
    comments_label: str | None = None
    comments_rows: int = 3
    comments_max_length: int | None = None
    comments_required: str = ""  # what to say when a version is returned without comments


class DecisionForm(forms.Form):
    """A reviewer's decision on the version under review: accept it, or return it for corrections with what to
    correct. `accepted` says which; the page's own fields (its `words`) are what it posts and what re-renders,
    with the refusal next to the field it is about."""

    def __init__(self, *args, words: Words = Words(), **kwargs):
        super().__init__(*args, **kwargs)
        self.words = words
        choices = [words.accept, *([words.give_back] if words.give_back else [])]
        messages = {"required": words.required} if words.required else {}
        self.fields[words.field] = forms.ChoiceField(
            choices=[("", words.placeholder), *choices] if words.placeholder else choices,
            required=words.give_back is not None,
            error_messages=messages,
        )
        self.fields[words.comments] = forms.CharField(
            label=words.comments_label,
            required=False,
            max_length=words.comments_max_length,
            widget=forms.Textarea(attrs={"rows": words.comments_rows}),
        )

    @property
    def decision_field(self):
        return self[self.words.field]

    @property
    def comments_field(self):
        return self[self.words.comments]

    @property
    def accepted(self) -> bool:
        return self.cleaned_data.get("accepted") is True

    @property
    def comments(self) -> str:
        return self.cleaned_data.get(self.words.comments, "")

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get(self.words.field)
        # None while the decision is missing or not one of the page's values (its field says why).
        cleaned["accepted"] = None if decision is None else decision == self.words.accept[0]
        if cleaned["accepted"] is False and self.words.comments_required and not cleaned.get(self.words.comments):
            self.add_error(self.words.comments, self.words.comments_required)
        return cleaned


class ReviewerField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        role = "program auditor" if user.role == User.Role.AUDITOR else "SCSA staff"
        return f"{user.get_full_name() or user.email} ({role})"


class ReviewerAssignForm(forms.Form):
    reviewer = ReviewerField(
        queryset=User.objects.filter(is_active=True, role__in=[User.Role.AUDITOR, User.Role.STAFF]).order_by(
            "role", "last_name", "first_name"
        ),
        empty_label="Choose a reviewer…",
        error_messages={"required": "Choose the program auditor (or staff member) who reviews it."},
    )
