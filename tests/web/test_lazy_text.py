"""Lazy translations print like ``_()`` in templates: our words as markup, values escaped."""
from __future__ import annotations

from flask import render_template_string

from app.lazy_text import lazy_gettext as _l


def test_a_value_filled_into_a_lazy_message_is_escaped_on_the_page(app):
    with app.test_request_context("/"):
        message = _l("“%(text)s” is not a date: write day/month/year, for example 31/12/2026.",
                     text='"><script>alert(1)</script>')
        page = render_template_string("<p>{{ m }}</p>", m=message)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_lazy_message_is_still_translated_and_plain_text_in_code(app):
    with app.test_request_context("/", headers={"Accept-Language": "vi"}):
        message = _l("Use at least %(n)d characters.", n=12)
        assert str(message) == str(message).strip() and "12" in str(message)
        assert render_template_string("{{ m }}", m=_l("Day/month/year, for example 31/12/2026.")) == \
            str(_l("Day/month/year, for example 31/12/2026."))
