"""The world's objects of the shared blocks (secor/): a company's failed notice; and what every app stores
through them (reviews, documents, the timeline, mail, uploaded files)."""

from pathlib import Path

from django.conf import settings
from django.core import mail
from django.utils import timezone

from companies.models import Company
from companies.questions.notices import QUESTION_ANSWERED
from secor.api.models import ApiKey
from secor.api.services import api_key_create, subscription_create
from secor.core.models import User
from secor.documents.models import Document
from secor.notices.models import Notice, NoticeText
from secor.reviews.models import Review, ReviewVersion
from secor.timeline.models import Event


def objects(company: Company, employer: User) -> dict:
    today = timezone.localdate()
    return {
        # A notice to the company's owner that failed after its retries: staff may send it again.
        "notice": Notice.objects.create(
            kind="application-decision",
            recipient_email=employer.email,
            subject_key=f"companies.company:{company.pk}",
            about_date=today,
            due_on=today,
            company=company,
            state=Notice.State.FAILED,
            subject=f"[SECOR] About {company.legal_name}",
            body="Hello",
            attempts=6,
        )
    }


def program(staff: User) -> dict:
    """A partner's key, made by staff (its key itself is not kept: only its digest), and its subscription."""
    api_key = api_key_create(holder="Prairie Prime Contractors", actor=staff)[0]
    # An address, not a name: the tests resolve no names, and a subscriber's host must resolve to a public address.
    subscription = subscription_create(key=api_key, url="https://93.184.215.14/secor", events=["certificate.issued"])
    return {"api_key": api_key, "subscription": subscription}


def notice_text(staff: User) -> dict:
    """The program's (not a company's): staff's first version of the text of answers to questions."""
    kind = QUESTION_ANSWERED
    text = NoticeText.objects.create(kind=kind, version=1, subject="[SECOR] Answered", body="Hello", saved_by=staff)
    return {"notice_text_kind": kind, "notice_text": text}


def payload(world) -> dict:
    """An irreversible decision, confirmed (secor/viewutils.py: confirmation_page); a key's holder; a notice text
    that renders (saved when the form's action is to save)."""
    return {
        "confirmed": "yes",
        "holder": "Hostile Holder Ltd.",
        "subject": "[SECOR] {{ step }}",
        "body": "Hello {{ asked_by }}",
    }


# Whose rows a request could change.
MODELS = (Review, ReviewVersion, Document, Notice, ApiKey, NoticeText)


def stored() -> list:
    """What a request could store besides rows: files, events (many; counted), mail."""
    return [
        sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*")),
        Event.objects.count(),
        len(mail.outbox),
    ]
