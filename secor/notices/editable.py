"""Notice texts staff edit (issue 28): every kind SECOR mails declares its placeholders and its own subject and body
written with them, and may have them rewritten in SECOR word by word. Until staff save a text, SECOR sends its own.
A kind's own text is the one wording of its message: the kind renders through it (`secors_own`).

The texts are jinja2 templates run in its sandbox: it calls nothing, reads no attribute of what it is given
beyond what the sandbox allows, and is given only plain strings, one per placeholder; an unknown placeholder is
an error (StrictUndefined), never a blank. Mail is plain text, so nothing is escaped.
"""

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from secor.notices.kinds import NOTICE_KINDS, Message
from secor.notices.models import NoticeText

ENGINE = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@dataclass(frozen=True)
class EditableText:
    """A kind's editable text: its placeholders (name -> what it holds), how a notice of the kind fills them (plain
    strings only), and SECOR's own subject and body written with them (what staff start from)."""

    kind: str
    placeholders: dict[str, str]
    values: Callable  # (Notice) -> dict[str, str]
    subject: str
    body: str


EDITABLE_TEXTS: dict[str, EditableText] = {}


def editable_text(text: EditableText) -> None:
    """Declare that staff may edit a kind's text word by word (beside the kind's own declaration)."""
    EDITABLE_TEXTS[text.kind] = text


def editable_of(kind_key: str) -> EditableText | None:
    """The editable text of a kind, or None when staff cannot write its text: kinds that carry a one-time secret (an
    invitation's sign-in link), that SECOR does not write (account emails) or that are not mail (a partner's change
    event) declare none."""
    return EDITABLE_TEXTS.get(kind_key)


def secors_own(notice) -> Message:
    """A notice's message in its kind's own text (the `render` of every kind staff write), linking to its `url`."""
    editable = EDITABLE_TEXTS[notice.kind]
    return _filled(editable.subject, editable.body, editable.values(notice))


def _filled(subject: str, body: str, values: dict[str, str]) -> Message:
    return Message(render_text(subject, values), render_text(body, values), values["url"])


def editable_kinds() -> list[str]:
    """Every kind whose text staff may write, by key."""
    return sorted(EDITABLE_TEXTS)


def _line_of(error: Exception) -> int | None:
    """The template's line a rendering error came from (jinja2 puts the template's frames in the traceback)."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return lines[-1] if lines else None


def text_problem(source: str, placeholders: dict[str, str]) -> str:
    """Why `source` cannot be sent, with the line at fault ("" when it renders)."""
    try:
        parsed = ENGINE.parse(source)
    except TemplateSyntaxError as error:
        return f"Line {error.lineno}: {error.message}."
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(placeholders))
    if unknown:
        name = unknown[0]
        line = next((n for n, text in enumerate(source.splitlines(), 1) if name in text), 1)
        return f"Line {line}: {name} is not a placeholder of this notice. Use one of: {', '.join(placeholders)}."
    try:
        ENGINE.from_string(source).render({name: name for name in placeholders})
    except Exception as error:
        line = _line_of(error)
        return f"{f'Line {line}: ' if line else ''}{getattr(error, 'message', None) or error}."
    return ""


@lru_cache(maxsize=256)
def _compiled(source: str):
    """A text compiled once per process: compiling takes milliseconds, rendering microseconds, and a sweep renders
    the same few texts for thousands of notices."""
    return ENGINE.from_string(source)


def render_text(source: str, values: dict[str, str]) -> str:
    return _compiled(source).render(values)


def current_text(kind: str) -> NoticeText | None:
    return NoticeText.objects.filter(kind=kind).order_by("-version").first()


def as_written(notice) -> tuple[Message, int | None]:
    """The notice's message in the text staff last saved for its kind, else in SECOR's own, and that text's version
    (0: SECOR's own text; None: a kind whose text staff cannot edit, rendered as the kind renders it)."""
    editable = editable_of(notice.kind)
    if editable is None:
        return NOTICE_KINDS[notice.kind].render(notice), None
    text = current_text(notice.kind)
    source = text or editable
    return _filled(source.subject, source.body, editable.values(notice)), text.version if text else 0
