"""Forms of the logframe editing pages; they check fields only, services check rules."""

from __future__ import annotations

from wtforms import (
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, Regexp

from app.forms_common import (
    MAX_AMOUNT,
    Bounded,
    VersionedForm,
    clean_text,
    quarter_key,
    strip,
)
from app.models.columns import choices
from app.models.enums import ActivityStatus, Direction, Origin
from indicators.types import Cumulation, Measure, ProjectStatus, Scope
from indicators.types import Pillar as PillarCode

CODE = [
    InputRequired(),
    Length(max=64),
    Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", message=("Use letters, digits and . _ / - only.")),
]
PILLARS = [(p, f"Pillar {p}") for p in choices(PillarCode)]


def _options(values: list[str]) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ")) for v in values]


def _text(label: str, limit: int, required: bool = True) -> StringField:
    checks = [InputRequired() if required else Optional(), Length(max=limit), clean_text]
    return StringField(label, validators=checks, filters=[strip])


def _area(label: str, limit: int, required: bool = True) -> TextAreaField:
    checks = [InputRequired() if required else Optional(), Length(max=limit), clean_text]
    return TextAreaField(label, validators=checks, filters=[strip])


def _amount(label: str, required: bool = False, low: int = 0) -> DecimalField:
    first = InputRequired() if required else Optional()
    return DecimalField(label, places=None, validators=[first, Bounded(low, MAX_AMOUNT)])


def _dates_ordered(form: VersionedForm) -> bool:
    start, end = form.start_date.data, form.end_date.data  # type: ignore[attr-defined]
    if start and end and end < start:
        form.end_date.errors.append("The end date cannot come before the start date.")  # type: ignore[attr-defined]
        return False
    return True


class ProjectForm(VersionedForm):
    """A project's facts; the entity choice is scoped by the view to what the user may use."""

    code = StringField("Code", validators=CODE, filters=[strip])
    title = _area("Title", 500)
    entity_id = SelectField("Entity", coerce=int)
    pillar_code = SelectField("Primary pillar", choices=PILLARS)
    scope = SelectField("Scope", choices=_options(choices(Scope)))
    status = SelectField("Status", choices=_options(choices(ProjectStatus)))
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
    origin = SelectField(
        "Origin", choices=[("", "unknown")] + _options(choices(Origin)), default=""
    )
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

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        """Check the fields, then that dates are ordered and funding fits the budget."""
        valid = super().validate(extra_validators) and _dates_ordered(self)
        budget, funded = self.budget_usd.data, self.funded_usd.data
        if valid and funded is not None and budget is not None and funded > budget:
            self.funded_usd.errors.append("Funding cannot exceed the budget.")
            return False
        return valid


class OutcomeForm(VersionedForm):
    """A Compact-level outcome under a pillar."""

    code = StringField("Code", validators=CODE, filters=[strip])
    pillar_code = SelectField("Pillar", choices=PILLARS)
    statement = _area("Statement", 2000)


class OutputForm(VersionedForm):
    """A project output linked to an outcome (choices set by the view)."""

    code = StringField("Code", validators=CODE, filters=[strip])
    title = _area("Title", 1000)
    outcome_id = SelectField("Contributes to outcome", coerce=int)


class ActivityForm(VersionedForm):
    """Planned work under an output."""

    title = _area("Title", 1000)
    start_date = DateField("Start date", validators=[Optional()])
    end_date = DateField("End date", validators=[Optional()])
    status = SelectField("Status", choices=_options(choices(ActivityStatus)))
    percent_complete = IntegerField(
        "% complete", validators=[InputRequired(), Bounded(0, 100, 0)], default=0
    )

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        """Check the fields, then that the dates are ordered."""
        return super().validate(extra_validators) and _dates_ordered(self)


class TargetRow(Form):
    """One row of the per-period targets table."""

    period_key = StringField("Period", validators=[Optional(), quarter_key], filters=[strip])
    target = DecimalField(
        "Target", places=None, validators=[Optional(), Bounded(-MAX_AMOUNT, MAX_AMOUNT)]
    )


class IndicatorForm(VersionedForm):
    """An indicator's definition, baseline and targets, with a reason for changes."""

    code = StringField("Code", validators=CODE, filters=[strip])
    name = _area("Name", 1000)
    unit = _text("Unit", 60)
    measure = SelectField("Measure", choices=_options(choices(Measure)))
    direction = SelectField("Direction", choices=_options(choices(Direction)))
    cumulation = SelectField("Cumulation", choices=_options(choices(Cumulation)))
    baseline_value = _amount("Baseline value", low=-MAX_AMOUNT)  # type: ignore[arg-type]
    baseline_period = StringField(
        "Baseline period", validators=[Optional(), quarter_key], filters=[strip]
    )
    baseline_note = _area("Baseline note", 2000, required=False)
    life_target = _amount("Life-of-project target", low=-MAX_AMOUNT)  # type: ignore[arg-type]
    targets = FieldList(FormField(TargetRow), min_entries=4, max_entries=40)
    reason = _area("Reason for the change", 2000, required=False)

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        """Check the fields, then the targets table and percentage bounds."""
        return super().validate(extra_validators) and self._targets_ok() and self._percent_ok()

    def _targets_ok(self) -> bool:
        seen: set[str] = set()
        for row in self.targets:
            key, target = row.period_key.data, row.target.data
            if bool(key) != (target is not None):
                row.target.errors.append("Give both the period and its target, or neither.")
                return False
            if key in seen:
                row.period_key.errors.append(f"{key} appears twice.")
                return False
            seen.add(key or "")
        return True

    def _percent_ok(self) -> bool:
        if self.measure.data != Measure.PERCENTAGE.value:
            return True
        fields = [self.baseline_value, self.life_target] + [r.target for r in self.targets]
        for field in fields:
            if field.data is not None and not 0 <= field.data <= 100:
                field.errors.append("A percentage lies between 0 and 100.")
                return False
        return True

    def target_map(self) -> dict[str, object]:
        """Return the filled rows of the targets table as period key -> target."""
        return {r.period_key.data: r.target.data for r in self.targets if r.period_key.data}


class NeedLinkForm(VersionedForm):
    """Link a project to one CTED need (choices scoped to needs the user may see)."""

    need_id = SelectField("CTED need", coerce=int)
