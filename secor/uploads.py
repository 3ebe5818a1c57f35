"""Uploaded files are checked by what they are, not by what their name or the browser says.

A PDF must parse and have a page; an image must decode, within a size a scan never exceeds. The form field
`DocumentField` answers a person who picked the wrong file with a message by the field.
"""

import io
import zipfile
from dataclasses import dataclass

from django import forms
from PIL import Image
from pypdf import PdfReader

MAX_UPLOAD_MEGABYTES = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024
# A phone photo is 12 to 50 megapixels; a declared size far beyond it is a decompression bomb.
MAX_IMAGE_PIXELS = 80_000_000


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    signature: bytes
    label: str  # as people name it


PDF = FileType("pdf", "application/pdf", b"%PDF-", "PDF")
PNG = FileType("png", "image/png", b"\x89PNG\r\n\x1a\n", "PNG")
JPEG = FileType("jpg", "image/jpeg", b"\xff\xd8\xff", "JPEG")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"PK\x03\x04",
    "Word document (.docx)",
)
DOCUMENT_TYPES = (PDF, PNG, JPEG)
# A manual is written in Word or printed to PDF (MAN-2).
MANUAL_TYPES = (PDF, DOCX)
# A Word file inflates a few times over; one that claims far more than this is a zip bomb.
MAX_DOCX_UNPACKED_BYTES = 500 * 1024 * 1024
CONTENT_TYPES = {file_type.extension: file_type.content_type for file_type in DOCUMENT_TYPES}


class UnreadableFileError(ValueError):
    """The file claims a type (by its first bytes) but is not a readable file of that type."""


def detect_type(head: bytes, allowed=DOCUMENT_TYPES) -> FileType | None:
    """The type among `allowed` whose signature starts the file, or None."""
    return next((file_type for file_type in allowed if head.startswith(file_type.signature)), None)


def check_readable(data: bytes, file_type: FileType) -> None:
    """Raise UnreadableFileError unless `data` is a whole, readable file of `file_type`."""
    if file_type is PDF:
        _check_pdf(data)
    elif file_type is DOCX:
        _check_docx(data)
    else:
        _check_image(data, file_type)


def _check_docx(data: bytes) -> None:
    """A Word document is a zip holding `word/document.xml`; its entries are listed, never unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFileError("This Word file is damaged or incomplete and cannot be opened.") from error
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise UnreadableFileError("This zip file is not a Word document (.docx). Save the manual as .docx or PDF.")
    if sum(entry.file_size for entry in entries) > MAX_DOCX_UNPACKED_BYTES:
        raise UnreadableFileError("This Word file unpacks to far more than a manual; save it again or as a PDF.")


# What may follow a PDF's last %%EOF (line ends, an editor's padding); more is another file riding on it.
PDF_TRAILING_BYTES = 1024
# A zip reader looks for the archive's end record in a file's last 64 KB (and 22 bytes): one there makes the
# PDF an archive too.
ZIP_END_RECORD, ZIP_END_SEARCH_BYTES = b"PK\x05\x06", 65_557


def _check_pdf(data: bytes) -> None:
    end = data.rfind(b"%%EOF")
    riding = end != -1 and len(data) - end - len(b"%%EOF") > PDF_TRAILING_BYTES
    if riding or ZIP_END_RECORD in data[-ZIP_END_SEARCH_BYTES:]:
        # A polyglot: a PDF that is also another kind of file opens as that file elsewhere.
        raise UnreadableFileError(
            "This PDF carries something more than a PDF (another file inside or after it). Save it again as a "
            "plain PDF and upload that."
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnreadableFileError("This PDF is protected by a password. Upload a copy without one.")
        pages = len(reader.pages)
    except UnreadableFileError:
        raise
    except Exception as error:  # pypdf raises many kinds of error on a damaged file; each means "unreadable"
        raise UnreadableFileError("This PDF is damaged or incomplete and cannot be opened.") from error
    if pages < 1:
        raise UnreadableFileError("This PDF has no pages.")


TOO_LARGE_IMAGE = "This image is far larger than a scan; upload a smaller scan or a PDF."


def _check_image(data: bytes, file_type: FileType) -> None:
    damaged = f"This {file_type.extension.upper()} image is damaged and cannot be opened."
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UnreadableFileError(TOO_LARGE_IMAGE)
            image.load()  # decodes every pixel: a truncated or corrupt image fails here
    except UnreadableFileError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own, larger limit, met while opening
        raise UnreadableFileError(TOO_LARGE_IMAGE) from error
    except Exception as error:  # Pillow raises OSError, SyntaxError... on a damaged image
        raise UnreadableFileError(damaged) from error


class DocumentField(forms.FileField):
    """A file of one of `types` (PDF, PNG or JPEG unless told) of at most `max_megabytes`, checked by its content.

    The cleaned upload carries `file_type`, which the documents block stores with it.
    """

    def __init__(self, *args, types=DOCUMENT_TYPES, max_megabytes: int = MAX_UPLOAD_MEGABYTES, **kwargs):
        self.types, self.max_megabytes = types, max_megabytes
        names = _names([file_type.label for file_type in types])
        kwargs.setdefault("help_text", f"{names}, at most {max_megabytes} MB.")
        super().__init__(*args, **kwargs)
        self.error_messages = {
            "type": f"This file is not a {names} (whatever its name "
            "says). " + ("Upload a scan or PDF of the document." if PNG in types else "Save it as one and upload it."),
            "size": f"This file is larger than {max_megabytes} MB. "
            + ("Upload a smaller scan (e.g. lower resolution)." if PNG in types else "Upload a smaller copy."),
            **self.error_messages,
        }
        accept = [f".{t.extension}" for t in types] + [t.content_type for t in types]
        if JPEG in types:
            accept.insert(0, ".jpeg")
        self.widget.attrs.setdefault("accept", ",".join(accept))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        if upload.size > self.max_megabytes * 1024 * 1024:
            raise forms.ValidationError(self.error_messages["size"], code="size")
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        file_type = detect_type(content[:16], self.types)
        if file_type is None:
            raise forms.ValidationError(self.error_messages["type"], code="type")
        try:
            check_readable(content, file_type)
        except UnreadableFileError as problem:
            raise forms.ValidationError(str(problem), code="unreadable") from problem
        upload.file_type = file_type
        return upload


def _names(names: list[str]) -> str:
    """ "PDF", "PDF or DOCX", "PDF, PNG or JPEG"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
