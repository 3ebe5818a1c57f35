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
    # The kind's values are pieces of the message SECOR writes (`values(notice, message)`): at sending, the
    # message already rendered is reused rather than rendered a second time.
    of_message: bool = False


EDITABLE_TEXTS: dict[str, EditableText] = {}


def editable_text(text: EditableText) -> None:
    """Declare that staff may edit a kind's text word by word (beside the kind's own declaration)."""
    EDITABLE_TEXTS[text.kind] = text


# Every other kind SECOR mails: staff write around SECOR's own subject and text (add SCSA's phone number, a
# greeting, a line before or after), which stay whole pieces because they are built with conditions and lists.
MESSAGE_PLACEHOLDERS = {
    "subject": "SECOR's own subject line for this notice",
    "body": "SECOR's own text for this notice, its details already written out",
    "url": "the page the notice links to (empty when it links to none)",
    "company": "the company's name (empty for a notice about no company)",
    "recipient": "the recipient's name (may be empty)",
}


def _message_values(notice, message: Message | None = None) -> dict[str, str]:
    message = message or NOTICE_KINDS[notice.kind].render(notice)
    return {
        "subject": message.subject,
        "body": message.body,
        "url": message.link,
        "company": notice.company.display_name if notice.company_id else "",
        "recipient": notice.recipient_name,
    }


def _as_a_whole(kind) -> EditableText | None:
    """The text of a mailed kind with no word-by-word text: SECOR's own message as placeholders. Kinds that carry a
    one-time secret (an invitation's sign-in link), that SECOR does not write (account emails) or that are not
    mail (a partner's change event) have none."""
    if kind.render is None or kind.secret or kind.send is not None:
        return None
    return EditableText(kind.key, MESSAGE_PLACEHOLDERS, _message_values, "{{ subject }}", "{{ body }}", True)


def editable_of(kind_key: str) -> EditableText | None:
    """The editable text of a kind, or None when staff cannot write its text."""
    if kind_key in EDITABLE_TEXTS:
        return EDITABLE_TEXTS[kind_key]
    kind = NOTICE_KINDS.get(kind_key)
    return _as_a_whole(kind) if kind is not None else None


def editable_kinds() -> list[str]:
    """Every kind whose text staff may write, by key."""
    return sorted(key for key in NOTICE_KINDS if editable_of(key) is not None)


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
    editable = editable_of(notice.kind)
    if editable is None:
        return message, None
    text = current_text(notice.kind)
    if text is None:
        return message, 0
    values = editable.values(notice, message) if editable.of_message else editable.values(notice)
    subject, body = render_text(text.subject, values), render_text(text.body, values)
    return Message(subject, body, message.link, message.secrets), text.version
