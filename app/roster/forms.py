"""Roster upload and confirmation forms (POST, with CSRF)."""
from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SubmitField
from wtforms.validators import DataRequired, Length, Regexp

from app.lazy_text import lazy_gettext as _l

from ..forms import AppForm
from .uploads import TOKEN_RE


class RosterUploadForm(AppForm):
    file = FileField(_l("Roster file (.xlsx or .csv)"), validators=[FileRequired(_l("Choose a file to upload."))],
                     render_kw={"accept": ".xlsx,.csv,text/csv"})
    submit = SubmitField(_l("Check the file"))


class RosterImportForm(AppForm):
    """Confirms the import of the upload checked a moment ago; carries its name only."""

    upload = HiddenField(validators=[DataRequired(), Regexp(TOKEN_RE)])
    #: The uploaded file's name, for the audit trail only.
    filename = HiddenField(validators=[Length(max=255)])
    allow_sensitive = BooleanField(_l("I have checked the changes of platform role and unit listed first, "
                                      "and they are right."))
    submit = SubmitField(_l("Import all rows"))
