"""Forms of the project pages; they check fields only, services check rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wtforms import DateField, DecimalField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from app.models.columns import choices
from app.models.enums import Origin
from app.ui.forms import (
    CODE,
    MAX_AMOUNT,
    PILLARS,
    Bounded,
    VersionedForm,
    add_error,
    area_field,
    dates_ordered,
    options,
    strip,
)
from indicators.types import ProjectStatus, Scope


class ProjectForm(VersionedForm):
    """A project's facts; the entity choice is scoped by the view to what the user may use."""

    code = StringField("Code", validators=CODE, filters=[strip])
    title = area_field("Title", 500)
    entity_id = SelectField("Entity", coerce=int)
    pillar_code = SelectField("Primary pillar", choices=PILLARS)
    scope = SelectField("Scope", choices=options(choices(Scope)))
    status = SelectField("Status", choices=options(choices(ProjectStatus)))
    start_date = DateField("Start date", validators=[Optional()])
    end_date = DateField("End date", validators=[Optional()])
    budget_usd = DecimalField(
        "Budget (US$)", validators=[InputRequired(), Bounded(0, MAX_AMOUNT, 2)]
    )
    funded_usd = DecimalField(
        "Funded (US$)", validators=[InputRequired(), Bounded(0, MAX_AMOUNT, 2)]
    )
    in_multi_year_appeal = SelectField(
        "In the Multi-Year Appeal",
        choices=[("", "unknown"), ("yes", "yes"), ("no", "no")],
        default="",
    )
    gender_marker = SelectField(
        "Gender marker",
        choices=[("", "unknown")] + [(str(n), str(n)) for n in range(4)],
        default="",
    )
    origin = SelectField("Origin", choices=[("", "unknown")] + options(choices(Origin)), default="")
    countries = StringField(
        "Beneficiary countries (ISO3, comma-separated)",
        validators=[
            Optional(),
            Length(max=1000),
            Regexp(r"^[A-Za-z]{3}(\s*,\s*[A-Za-z]{3})*$", message="Use ISO3 codes like KEN, MLI."),
        ],
        filters=[strip],
    )
    pve_areas = SelectMultipleField("PVE priority areas", coerce=int)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the fields, then that dates are ordered and funding fits the budget."""
        valid = super().validate(extra_validators) and dates_ordered(self)
        budget, funded = self.budget_usd.data, self.funded_usd.data
        if valid and funded is not None and budget is not None and funded > budget:
            add_error(self.funded_usd, "Funding cannot exceed the budget.")
            return False
        return valid


class NeedLinkForm(VersionedForm):
    """Link a project to one CTED need (choices scoped to needs the user may see)."""

    need_id = SelectField("CTED need", coerce=int)
