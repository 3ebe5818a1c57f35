"""Reading the PDFs SECOR serves and stores, as a person reads them."""

import io
import os

from pypdf import PdfReader


def pdf_text(pdf, *, wrapped: str = " ") -> str:
    """The text of every page of `pdf` (its bytes, a path, or a stored file), its lines read on one after the
    other with `wrapped` between: a space where a line of words wraps (a table cell may wrap a date), nothing
    where an address does. Each run of white space within a line is one space."""
    if isinstance(pdf, bytes):
        source = io.BytesIO(pdf)
    elif isinstance(pdf, (str, os.PathLike)):
        source = pdf
    else:
        with pdf.open("rb") as handle:
            source = io.BytesIO(handle.read())
    lines = (line for page in PdfReader(source).pages for line in page.extract_text().splitlines())
    return wrapped.join(" ".join(line.split()) for line in lines if line.strip())
