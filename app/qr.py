"""QR codes for pages (certificates, courses' short links, the check-in poster): the one place
a QR drawing becomes ``Markup``. segno draws it from an address we build ourselves; the SVG
holds no script and no outside reference."""
from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=512)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for ``url``, ready to print in a template."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False,
                                    svgns=True, title=None, desc=None)
    return Markup(buffer.getvalue().decode())  # noqa: S704 - made by segno, see above
