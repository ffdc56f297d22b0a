"""The certificate as a PDF (fpdf2) with embedded fonts for Vietnamese and Thai, and a QR code.

Source Sans Pro covers Latin with Vietnamese diacritics but has no Thai letters; fpdf2 draws
any letter it lacks from the fallback font, Noto Sans Thai (a variable font, used at the
regular and bold weights). Both fonts are Python packages, so a fresh install has them.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import font_source_sans_pro
import fontpkg_noto_sans_thai
import segno

FONT_DIR = Path(font_source_sans_pro.__file__).parent / "files"
THAI_FONT = fontpkg_noto_sans_thai.ROOT / "files" / "NotoSansThai[wdth,wght].ttf"


@dataclass(frozen=True)
class CertificateText:
    """Everything printed on a certificate, already translated."""

    heading: str
    holder: str
    line: str  # e.g. "has completed the course"
    course: str
    issued: str  # e.g. "Issued on 25 Nov 2026 by Huyện Ba Tri"
    verify_label: str
    verify_url: str
    code: str
    revoked: str | None = None
    original_course: str | None = None  # the source-language title, when it differs


def certificate_pdf(text: CertificateText) -> bytes:
    """One A4 landscape page; the QR code is also a clickable link to the public page."""
    pdf = _certificate_pdf_class()(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("Source Sans", "", str(FONT_DIR / "SourceSansPro-Regular.ttf"))
    pdf.add_font("Source Sans", "B", str(FONT_DIR / "SourceSansPro-Bold.ttf"))
    pdf.add_font("Noto Sans Thai", fname=str(THAI_FONT), variations={"": {"wght": 400}, "B": {"wght": 700}})
    pdf.set_fallback_fonts(["Noto Sans Thai"])
    pdf.set_title(f"{text.heading}: {text.holder}")
    pdf.add_page()
    pdf.set_draw_color(138, 28, 74)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(30)
    pdf.set_font("Source Sans", "B", 30)
    pdf.set_text_color(138, 28, 74)
    pdf.cell(0, 14, text.heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(29, 29, 31)
    pdf.ln(8)
    pdf.set_font("Source Sans", "B", 28)
    pdf.cell(0, 14, text.holder, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Source Sans", "", 16)
    pdf.ln(2)
    pdf.cell(0, 9, text.line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Source Sans", "B", 20)
    pdf.multi_cell(0, 11, text.course, align="C", new_x="LMARGIN", new_y="NEXT")
    if text.original_course:
        pdf.set_font("Source Sans", "", 13)
        pdf.multi_cell(0, 7, f"({text.original_course})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Source Sans", "", 14)
    pdf.ln(4)
    pdf.cell(0, 8, text.issued, align="C", new_x="LMARGIN", new_y="NEXT")
    if text.revoked:
        pdf.set_text_color(163, 21, 27)
        pdf.set_font("Source Sans", "B", 16)
        pdf.cell(0, 10, text.revoked, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(29, 29, 31)
    png = io.BytesIO()
    segno.make(text.verify_url, error="m").save(png, kind="png", scale=6, border=2)
    png.seek(0)
    pdf.image(png, x=20, y=140, w=45, h=45, link=text.verify_url)
    pdf.set_xy(70, 155)
    pdf.set_font("Source Sans", "", 11)
    pdf.multi_cell(200, 6, f"{text.verify_label}\n{text.verify_url}", link=text.verify_url)
    pdf.set_xy(70, 172)
    pdf.cell(200, 6, text.code)
    return bytes(pdf.output())


@functools.cache
def _certificate_pdf_class():
    from fpdf import FPDF  # a quarter of a second to import: only when a PDF is asked for

    class CertificatePDF(FPDF):
        """fpdf2 (2.8.9) with the page's font written again for each line of text.

        When a line starts with a letter from the fallback font, fpdf2 selects the main font
        inside that line's own graphics state, forgets that it ends with the line, and writes
        the next line without selecting any font: the PDF then shows that line in whichever
        font the page last selected, i.e. the wrong glyphs (a garbled link under a Thai label).
        """

        def _render_styled_text_line(self, *args, **kwargs):
            rendered = super()._render_styled_text_line(*args, **kwargs)
            self.current_font_is_set_on_page = False
            return rendered

    return CertificatePDF
