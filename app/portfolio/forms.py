"""Forms of the project and need pages; they check fields only, services check rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from app.models.columns import choices
from app.models.enums import Origin
from app.portfolio import labels
from app.portfolio.labels import _l
from app.ui.date_input import date_field
from app.ui.forms import (
    CODE,
    PILLARS,
    VersionedForm,
    add_error,
    amount_field,
    area_field,
    dates_ordered,
    strip,
    text_field,
)
from indicators.types import ProjectStatus, Scope


class ProjectForm(VersionedForm):
    """A project's facts; the entity choice is scoped by the view to what the user may use."""

    code = StringField(_l("Code"), validators=CODE, filters=[strip])
    title = area_field(_l("Title"), 500)
    entity_id = SelectField(_l("Entity"), coerce=int)
    pillar_code = SelectField(_l("Primary pillar"), choices=PILLARS)
    scope = SelectField(_l("Scope"), choices=labels.choices(labels.SCOPE_LABELS, choices(Scope)))
    status = SelectField(
        _l("Status"), choices=labels.choices(labels.STATUS_LABELS, choices(ProjectStatus))
    )
    start_date = date_field(_l("Start date"))
    end_date = date_field(_l("End date"))
    budget_usd = amount_field(_l("Budget (US$)"), required=True, places=2)
    funded_usd = amount_field(_l("Funded (US$)"), required=True, places=2)
    in_multi_year_appeal = SelectField(
        _l("In the Multi-Year Appeal"),
        choices=[("", _l("unknown")), ("yes", _l("yes")), ("no", _l("no"))],
        default="",
    )
    gender_marker = SelectField(
        _l("Gender marker"),
        choices=[("", _l("unknown"))] + [(str(n), str(n)) for n in range(4)],
        default="",
    )
    origin = SelectField(
        _l("Origin"),
        choices=[("", _l("unknown"))] + labels.choices(labels.ORIGIN_LABELS, choices(Origin)),
        default="",
    )
    countries = StringField(
        _l("Beneficiary countries (ISO3, comma-separated)"),
        validators=[
            Optional(),
            Length(max=1000),
            Regexp(
                r"^[A-Za-z]{3}(\s*,\s*[A-Za-z]{3})*$", message=_l("Use ISO3 codes like KEN, MLI.")
            ),
        ],
        filters=[strip],
    )
    pve_areas = SelectMultipleField(_l("PVE priority areas"), coerce=int)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the fields, then that dates are ordered and funding fits the budget."""
        valid = super().validate(extra_validators) and dates_ordered(self)
        budget, funded = self.budget_usd.data, self.funded_usd.data
        if valid and funded is not None and budget is not None and funded > budget:
            add_error(self.funded_usd, _("Funding cannot exceed the budget."))
            return False
        return valid


MAX_LINKED_AT_ONCE = 50  # the search lists at most this many needs


def need_ids(form: FlaskForm, field: SelectMultipleField) -> None:
    """Accept at most MAX_LINKED_AT_ONCE need ids, each a positive database key."""
    ids = field.data or []
    if len(ids) > MAX_LINKED_AT_ONCE or any(not 0 < i < 2**31 for i in ids):
        raise ValidationError(_("Tick at most %(num)d listed needs.", num=MAX_LINKED_AT_ONCE))


class NeedLinkForm(VersionedForm):
    """Link a project to the CTED needs ticked in the search results (the service checks that
    the user may see each)."""

    need_id = SelectMultipleField(
        _l("CTED needs"),
        coerce=int,
        validate_choice=False,
        validators=[DataRequired(_l("Tick at least one need to link.")), need_ids],
    )


class StateField(HiddenField):
    """The digest of the state a form was drawn from; a POST without it carries none."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Take the digest from the submitted form only (never the current one)."""
        self.data = valuelist[0] if valuelist else None


class NeedForm(FlaskForm):
    """A CTED need's facts (its code is its key in the imports and stays as it is); `version`
    is the digest of the state the form was drawn from (the need has no version column)."""

    version = StateField(validators=[Optional(), Regexp(r"^[0-9a-f]{32}$")])
    member_state = SelectField(_l("Member State"))
    assessment_date = date_field(_l("Assessment date"), required=True)
    pillar_code = SelectField(_l("Pillar"), choices=PILLARS)
    thematic_area = text_field(_l("Thematic area"), 200)
    description = area_field(_l("Need"), 5000)
    confidential = BooleanField(
        _l("Confidential: only CTED users and administrators see this need")
    )
