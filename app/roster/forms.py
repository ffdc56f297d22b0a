"""Roster upload and confirmation forms (POST, with CSRF)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SubmitField
from wtforms.validators import DataRequired, Regexp

from ..forms import AppForm
from .uploads import TOKEN_RE


class RosterUploadForm(AppForm):
    file = FileField(_l("Roster file (.xlsx or .csv)"), validators=[FileRequired(_l("Choose a file to upload."))],
                     render_kw={"accept": ".xlsx,.csv,text/csv"})
    submit = SubmitField(_l("Check the file"))


class RosterImportForm(AppForm):
    """Confirms the import of the upload checked a moment ago; carries its name only."""

    upload = HiddenField(validators=[DataRequired(), Regexp(TOKEN_RE)])
    submit = SubmitField(_l("Import all rows"))
