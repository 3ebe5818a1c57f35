"""What checking a hostile upload costs (issue 25): at most a second of CPU and 200 MB, whatever the file. The
hostile files are made here: a PNG of 80 megapixels (a few hundred KB), PDFs whose page tree names 100,000
pages (1 KB), declaring that many or only one. Each test prints the cost it measured (`pytest -s`)."""

import io
import resource
import struct
import time
import zlib

import pytest
from django import forms
from PIL import Image

from secor.uploads import CHECK_CPU_SECONDS, JPEG, PDF, PNG, UnreadableFileError, check_readable
from tests.blocks.test_documents import clean

# The target, with room for the child process's start and the tick the CPU limit is counted in.
MOST_CPU_SECONDS, MOST_MEGABYTES = CHECK_CPU_SECONDS + 0.3, 200


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_of(width: int, height: int) -> bytes:
    """A white RGB PNG of that size, made a row at a time (never held whole, as the checker would)."""
    packer, row = zlib.compressobj(9), b"\x00" + b"\xff" * (width * 3)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def pdf_with_page_tree(*, levels: int = 5, fanout: int = 10, declared: int | None = None) -> bytes:
    """A PDF whose page tree is `levels` deep, each node naming the next `fanout` times: fanout**levels pages
    for a walker, in a few hundred bytes; /Count declares `declared` (the truth unless told)."""
    count = declared if declared is not None else fanout**levels
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        kids = b" ".join(b"%d 0 R" % (level + 3) for _ in range(fanout))
        node_count = count if level == 0 else fanout ** (levels - level)
        parent = b" /Parent %d 0 R" % (level + 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d%s >>" % (kids, node_count, parent))
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (levels + 1))
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _cpu() -> float:
    """CPU seconds of this process and the children it waited for (the checks run in one)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def _refused_cheaply(content: bytes, name: str, message: str) -> None:
    started, wall = _cpu(), time.monotonic()
    with pytest.raises(forms.ValidationError, match=message):
        clean(content, name)
    spent = _cpu() - started
    print(f"\n{name}: {len(content):,} bytes, refused after {spent:.2f} s CPU ({time.monotonic() - wall:.2f} s)")
    assert spent <= MOST_CPU_SECONDS


def test_an_80_megapixel_png_is_refused_before_it_is_decoded():
    bomb = png_of(10_000, 8_000)
    assert len(bomb) < 1_000_000
    _refused_cheaply(bomb, "80-megapixels.png", "far larger than a scan")


def test_a_pdf_declaring_100000_pages_is_refused_before_its_tree_is_walked():
    crafted = pdf_with_page_tree()
    assert len(crafted) < 2_000
    _refused_cheaply(crafted, "100000-pages.pdf", "more than 5,000")


def test_a_pdf_whose_tree_lies_about_its_count_is_refused_as_too_costly():
    """Stopped by pypdf's cap on a page tree's entries, or else by the check's CPU limit: the same words either way."""
    crafted = pdf_with_page_tree(declared=1)
    _refused_cheaply(crafted, "lying-count.pdf", "far more work to open")
    with pytest.raises(UnreadableFileError) as refused:
        check_readable(crafted, PDF)
    assert refused.value.cost.cpu_seconds <= MOST_CPU_SECONDS
    assert refused.value.cost.peak_megabytes <= MOST_MEGABYTES


@pytest.mark.parametrize(
    ("make", "file_type"),
    [
        (lambda: png_of(7_000, 7_000), PNG),  # 49 megapixels, just within the cap
        (lambda: _jpeg(4_000, 3_000), JPEG),  # a phone's photo
        (lambda: pdf_with_page_tree(levels=3), PDF),  # 1,000 pages
    ],
    ids=["png-49-megapixels", "jpeg-12-megapixels", "pdf-1000-pages"],
)
def test_a_large_honest_file_is_accepted_within_the_cost(make, file_type):
    cost = check_readable(make(), file_type)
    print(f"\n{file_type.label}: accepted after {cost.cpu_seconds:.2f} s CPU, {cost.peak_megabytes:.0f} MB")
    assert cost.cpu_seconds <= MOST_CPU_SECONDS and cost.peak_megabytes <= MOST_MEGABYTES


def _jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 64).convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
