from django import forms

from companies.questions.models import ANSWER_MAX_CHARS, QUESTION_MAX_CHARS, Question


def _too_long(limit: int) -> str:
    return f"Keep it to {limit:,} characters (it has %(show_value)d)."


class QuestionForm(forms.Form):
    # The step the "Ask SCSA" link came from; anything else is a general question (never an error to show).
    step = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"A Safety Advisor answers here and by email. At most {QUESTION_MAX_CHARS:,} characters.",
        error_messages={
            "required": "Write your question: what you want to know, and about what.",
            "max_length": _too_long(QUESTION_MAX_CHARS),
        },
    )

    def clean_step(self) -> str:
        step = self.cleaned_data["step"]
        return step if step in Question.Step.values else Question.Step.GENERAL


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Emailed as it is to the person who asked, and kept on the company's timeline.",
        error_messages={
            "required": "Write the answer; it is emailed as it is.",
            "max_length": _too_long(ANSWER_MAX_CHARS),
        },
    )
