"""Calendar feeds (a company's deadlines, MIL-4; an auditor's bookings, AUD-2) as iCalendar text (RFC 5545):
all-day events, or events from a start time, escaped and folded by hand, since a feed of a few dated lines needs
no library."""

from datetime import UTC, date, datetime, timedelta

from django.http import HttpResponse
from django.utils import timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded, parts = line.encode(), []
    while len(encoded) > 75:
        cut = 75
        while (encoded[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = b" " + encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n".join(parts)


def ics(*, name: str, events: list[tuple[str, date | datetime, str]], now: datetime) -> str:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SCSA//SECOR//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for uid, day, summary in events:
        if isinstance(day, datetime):  # a start time: in UTC, which needs no time-zone block (RFC 5545, 3.3.5)
            starts = [f"DTSTART:{day.astimezone(UTC):%Y%m%dT%H%M%SZ}"]
        else:
            starts = [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@secor.scsa.ca",
            f"DTSTAMP:{stamp}",
            *starts,
            f"SUMMARY:{_escape(summary)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(*, name: str, events: list[tuple[str, date | datetime, str]]) -> HttpResponse:
    """A calendar served at a secret address: kept private by caches and search engines."""
    response = HttpResponse(
        ics(name=name, events=events, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response
