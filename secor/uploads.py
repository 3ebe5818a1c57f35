"""Uploaded files are checked by what they are, not by what their name or the browser says.

A PDF must parse and have a page; an image must decode, within a size a scan never exceeds. The form field
`DocumentField` answers a person who picked the wrong file with a message by the field.

A small file can cost far more to check than its size (a PNG of 80 megapixels in 300 KB, a PDF whose page tree
names 100,000 pages in 1 KB): the check runs in a child process under a CPU and a memory limit, and a file
that passes either is refused as too costly to open. Images are capped in pixels before decoding and JPEGs
decoded at an eighth of their size; a PDF's page count is read before its page tree is walked.
"""

import io
import os
import resource
import select
import signal
import struct
import zipfile
from dataclasses import dataclass

from django import forms
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import LimitReachedError

MAX_UPLOAD_MEGABYTES = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024
# A phone photo is 12 to 50 megapixels; a declared size beyond it is a decompression bomb.
MAX_IMAGE_PIXELS = 50_000_000
# A manual or a certificate is at most a few hundred pages.
MAX_PDF_PAGES = 5_000
# What checking any one upload may cost (issue 25): beyond it the file is refused, not opened.
CHECK_CPU_SECONDS = 1
CHECK_MEMORY_BYTES = 200 * 1024 * 1024
# A check waiting on nothing (it should never) is stopped after this long.
CHECK_WALL_SECONDS = 10


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
    """The file claims a type (by its first bytes) but is not a readable file of that type (or costs far too
    much to open); `cost` is what finding out took."""

    def __init__(self, message: str, cost: "Cost | None" = None):
        super().__init__(message)
        self.cost = cost


def detect_type(head: bytes, allowed=DOCUMENT_TYPES) -> FileType | None:
    """The type among `allowed` whose signature starts the file, or None."""
    return next((file_type for file_type in allowed if head.startswith(file_type.signature)), None)


TOO_COSTLY = (
    "This file takes far more work to open than a document of its size should (it may be crafted to). Save it "
    "again, or scan it again, and upload that."
)


@dataclass(frozen=True)
class Cost:
    """What checking one upload took: CPU seconds, and memory beyond what the process held already (MB)."""

    cpu_seconds: float
    peak_megabytes: float


def check_readable(data: bytes, file_type: FileType) -> Cost:
    """Raise UnreadableFileError unless `data` is a whole, readable file of `file_type`, checked within
    CHECK_CPU_SECONDS and CHECK_MEMORY_BYTES by a child process killed beyond them; what the check cost (the
    error carries it too)."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, write the outcome, and leave without running the parent's exit handlers
        try:
            os.close(reading)
            # What it holds before checking, in the unit of the peak its parent reads (KB): what it holds as a
            # copy of its parent is no cost of the check.
            os.write(writing, struct.pack("q", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
            os.write(writing, _checked_under_limits(data, file_type))
        finally:
            os._exit(0)
    os.close(writing)
    try:
        report = _read_all(reading, pid)
    finally:
        os.close(reading)
    _, _, usage = os.wait4(pid, 0)
    (before,) = struct.unpack("q", report[:8]) if len(report) >= 8 else (usage.ru_maxrss,)
    cost = Cost(usage.ru_utime + usage.ru_stime, (usage.ru_maxrss - before) / 1024)
    outcome = report[8:]
    if not outcome:  # killed: by the CPU limit (SIGXCPU), the memory limit, or the wall clock
        raise UnreadableFileError(TOO_COSTLY, cost)
    if outcome != OPENED:
        raise UnreadableFileError(outcome.decode(), cost)
    return cost


OPENED = b"ok"


def _read_all(reading: int, pid: int) -> bytes:
    chunks = []
    while select.select([reading], [], [], CHECK_WALL_SECONDS)[0]:
        chunk = os.read(reading, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
    os.kill(pid, signal.SIGKILL)
    return b""


def _checked_under_limits(data: bytes, file_type: FileType) -> bytes:
    """In the child: OPENED, or the words of the refusal."""
    resource.setrlimit(resource.RLIMIT_CPU, (CHECK_CPU_SECONDS, CHECK_CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # the CPU limit's signal ends it without a core dump
    if address_space := _address_space():
        resource.setrlimit(resource.RLIMIT_AS, (address_space + CHECK_MEMORY_BYTES,) * 2)
    try:
        _check(data, file_type)
    except UnreadableFileError as problem:
        return str(problem).encode()
    except MemoryError:
        return TOO_COSTLY.encode()
    return OPENED


def _address_space() -> int:
    """The bytes of address space this process holds (Linux's /proc), which the memory limit is counted from;
    0 where there is no /proc (a demo on macOS, whose kernel does not enforce the limit anyway)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _check(data: bytes, file_type: FileType) -> None:
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
        # The count the PDF declares, before walking its page tree (which a crafted file makes endless).
        if not 0 < int(reader.trailer["/Root"]["/Pages"]["/Count"]) <= MAX_PDF_PAGES:
            raise UnreadableFileError(f"This PDF has no pages, or more than {MAX_PDF_PAGES:,}: upload the document.")
        pages = len(reader.pages)
    except UnreadableFileError:
        raise
    except LimitReachedError as error:  # pypdf's own cap on a page tree's entries, reached before our CPU limit
        raise UnreadableFileError(TOO_COSTLY) from error
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
            if file_type is JPEG:
                image.draft("RGB", (image.width // 8, image.height // 8))  # decoded at an eighth: all of it read
                image.load()  # a truncated or corrupt image fails here
            else:
                image.verify()  # every chunk's checksum, to its end, without inflating the pixels
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
