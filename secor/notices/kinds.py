"""The kinds of notice, declared by the apps that send them: what a notice says, and which are due today."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

WITHHELD = "[one-time link: not kept in the ledger]"


def withhold(text: str, secrets) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, WITHHELD)
    return text


@dataclass(frozen=True)
class Message:
    """What a notice says. `secrets` are one-time sign-in links or codes in the body: sent, never stored."""

    subject: str
    body: str
    link: str = ""
    secrets: tuple[str, ...] = ()

    def __post_init__(self):
        # A subject is one line: a name typed with a line break (stored before names were kept to one line)
        # would make every send fail for good, its resend too (mail refuses a header holding a line break).
        object.__setattr__(self, "subject", " ".join(self.subject.split()))

    @property
    def stored_body(self) -> str:
        return withhold(self.body, self.secrets)


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str = ""
    user_id: int | None = None


@dataclass(frozen=True)
class NoticeDraft:
    """A notice a deadline finder says is due: claimed by the sweep unless it already is."""

    kind: str
    recipient: Recipient
    subject_key: str
    about_date: date
    due_on: date
    company_id: int | None = None


@dataclass(frozen=True)
class NoticeKind:
    key: str
    label: str
    # What the notice says, rendered when it is sent (a resend of a `secret` kind renders a fresh link).
    render: Callable | None
    rule: str = ""  # the DOMAIN rule it serves, e.g. "TRN-5"
    # For deadline notices: every notice of this kind due on a day, found with a fixed number of queries.
    find_due: Callable[[date], Iterable[NoticeDraft]] | None = None
    secret: bool = False
    for_staff: bool = False
    # How a notice of this kind is delivered when it is not an email (a partner's change event is posted to its
    # URL: secor.api.delivery): called with the notice and its message, it raises when it was not delivered, and
    # the ledger retries it as it retries mail.
    send: Callable | None = None

    @property
    def resendable(self) -> bool:
        return self.render is not None


NOTICE_KINDS: dict[str, NoticeKind] = {}


def notice_kind(kind: NoticeKind) -> str:
    """Declare a kind of notice; returns its key, for the declaring module to keep as a constant."""
    if kind.key in NOTICE_KINDS and NOTICE_KINDS[kind.key] != kind:
        raise ValueError(f"Notice kind {kind.key!r} is already declared")
    NOTICE_KINDS[kind.key] = kind
    return kind.key


def subject_key(instance) -> str:
    """How the ledger names the object a notice is about."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def subject_pk(key: str) -> int:
    return int(key.rsplit(":", 1)[1])
