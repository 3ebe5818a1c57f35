"""Helpers for the manual's tests: real files (PDF and Word) and the sections of the seeded tool."""

import io
import zipfile
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audits.audit.inputs import Evidence
from audits.manual.inputs import ManualPart
from audits.tool.selectors import audit_tool_on, sections_of
from tests.factories import pdf_bytes


def docx_bytes(text: str = "Company Health & Safety Policy") -> bytes:
    """A minimal real Word document: the parts Word itself needs to open it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def manual_pdf(name: str = "manual.pdf", title: str = "manual") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(title=title), content_type="application/pdf")


def manual_docx(name: str = "manual.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(), content_type="application/octet-stream")


def checked(upload):
    """An upload as the form's DocumentField leaves it (its type found by content)."""
    from secor.uploads import MANUAL_TYPES, DocumentField

    return DocumentField(types=MANUAL_TYPES, max_megabytes=50).clean(upload)


def sections():
    return sections_of(audit_tool_on(timezone.localdate()))


def whole_manual() -> list[ManualPart]:
    """The manual in two files: the national elements in a PDF, the supplemental sections in a Word file."""
    tool = sections()
    return [
        ManualPart(checked(manual_pdf()), [s for s in tool if not s.supplemental]),
        ManualPart(checked(manual_docx()), [s for s in tool if s.supplemental]),
    ]


# AUD-1: the kinds of records of the working system, and how long after the earliest each of the others is dated.
EVIDENCE_DAYS_AFTER = {"inspection": 0, "meeting": 3, "hazard_assessment": 10}


def evidence(since: date) -> list[Evidence]:
    """The three earliest records of a system that began functioning on `since` (the inspection's date)."""
    return [
        Evidence(kind, since + timedelta(days=days), checked(manual_pdf(f"{kind}.pdf", kind)))
        for kind, days in EVIDENCE_DAYS_AFTER.items()
    ]


def evidence_post(since: date) -> dict:
    """The request form's evidence fields for the same records."""
    fields = {}
    for kind, days in EVIDENCE_DAYS_AFTER.items():
        fields[f"{kind}_file"] = manual_pdf(f"{kind}.pdf", kind)
        fields[f"{kind}_on"] = (since + timedelta(days=days)).isoformat()
    return fields
