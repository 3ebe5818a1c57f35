"""QR codes as inline SVG (segno: no image library, nothing fetched), for certificates' verification links."""

import segno


def qr_svg(text: str, *, scale: int = 4) -> str:
    """An <svg> element encoding `text`, with the quiet zone readers need, in dark ink on white."""
    return segno.make(text, error="m").svg_inline(scale=scale, dark="#0b3d62", light="#ffffff", border=4)
