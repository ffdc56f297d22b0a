"""Forms for signing in and setting passwords."""
from __future__ import annotations

from wtforms import HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.lazy_text import lazy_gettext as _l

from ..accounts.passwords import password_problem
from ..forms import AppForm


class LoginForm(AppForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class NewPasswordMixin:
    """A new password typed twice, checked against the password rules."""

    def validate_new_password(self, field):
        problem = password_problem(field.data or "", username=getattr(self, "_username", None))
        if problem:
            raise ValidationError(problem)


class CodeForm(NewPasswordMixin, AppForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    code = StringField(_l("Sign-in code"), validators=[DataRequired(), Length(max=32)],
                       render_kw={"autocomplete": "one-time-code", "autocapitalize": "characters"})
    new_password = PasswordField(_l("New password"), validators=[DataRequired()],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set my password and sign in"))

    def validate_new_password(self, field):
        self._username = self.username.data
        super().validate_new_password(field)


class ChangePasswordForm(NewPasswordMixin, AppForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("New password"), validators=[DataRequired()],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Change password"))
