"""Sign-in and set-password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(
        _l("E-mail"),
        validators=[
            InputRequired(),
            Length(max=254),
            # No control characters (NUL cannot be stored, nor compared, in PostgreSQL text).
            Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("E-mail or password is not right.")),
        ],
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=128)])


class SetPasswordForm(FlaskForm):
    """A new password, typed twice (the length rule is the services')."""

    password = PasswordField(_l("New password"), validators=[InputRequired(), Length(max=128)])
    confirm = PasswordField(
        _l("The same password again"),
        validators=[InputRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )
