"""Notice texts staff edit (issue 28): a kind that declares its placeholders may have its subject and body
rewritten in SECOR. Until staff save a text, SECOR sends its own (the kind's `render`), unchanged.

The texts are jinja2 templates run in its sandbox: it calls nothing, reads no attribute of what it is given
beyond what the sandbox allows, and is given only plain strings, one per placeholder; an unknown placeholder is
an error (StrictUndefined), never a blank. Mail is plain text, so nothing is escaped.
"""

import traceback
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from secor.notices.kinds import Message
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
    """Declare that staff may edit a kind's text (beside the kind's own declaration)."""
    EDITABLE_TEXTS[text.kind] = text


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


def render_text(source: str, values: dict[str, str]) -> str:
    return ENGINE.from_string(source).render(values)


def current_text(kind: str) -> NoticeText | None:
    return NoticeText.objects.filter(kind=kind).order_by("-version").first()


def as_written(notice, message: Message) -> tuple[Message, int | None]:
    """The notice's message in the text staff wrote for its kind, if any, and that text's version (0: SECOR's own
    text; None: a kind whose text staff cannot edit). The link and the one-time secrets stay the kind's own."""
    editable = EDITABLE_TEXTS.get(notice.kind)
    if editable is None:
        return message, None
    text = current_text(notice.kind)
    if text is None:
        return message, 0
    values = editable.values(notice)
    subject, body = render_text(text.subject, values), render_text(text.body, values)
    return Message(subject, body, message.link, message.secrets), text.version
