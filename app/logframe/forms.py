"""Forms of the logframe editing pages; they check fields only, services check rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from wtforms import (
    Field,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional, ValidationError

from app.models.columns import choices
from app.models.enums import ActivityStatus, Direction
from app.ui.date_input import date_field
from app.ui.forms import (
    CODE,
    MAX_AMOUNT,
    PILLARS,
    Bounded,
    VersionedForm,
    add_error,
    amount_field,
    area_field,
    clean_text,
    dates_ordered,
    options,
    quarter_key,
    strip,
    text_field,
)
from indicators.disaggregation import DIMENSION_LABELS, Dimension
from indicators.types import MEASURE_DEFINITIONS, Cumulation, Measure

COLUMN_LIMIT = 2000  # characters of an assumptions or means-of-verification text


def at_most(limit: int) -> Callable[[Form, Field], None]:
    """Refuse a text longer than `limit` characters, saying by how much."""

    def check(_form: Form, field: Field) -> None:
        if field.data and len(field.data) > limit:
            raise ValidationError(
                f"Write at most {limit:,} characters (this one has {len(field.data):,})."
            )

    return check


def none_to_empty(value: Any) -> Any:
    """Read a field the form did not send as empty text (the columns are never NULL)."""
    return "" if value is None else value


def column_field(label: str) -> TextAreaField:
    """Return an optional logframe column: multi-line, trimmed, bounded, never None."""
    checks = [Optional(), at_most(COLUMN_LIMIT), clean_text]
    return TextAreaField(label, validators=checks, filters=[strip, none_to_empty])


class OutcomeForm(VersionedForm):
    """A Compact-level outcome under a pillar."""

    code = StringField("Code", validators=CODE, filters=[strip])
    pillar_code = SelectField("Pillar", choices=PILLARS)
    statement = area_field("Statement", 2000)
    assumptions = column_field("Assumptions and risks")
    means_of_verification = column_field("Means of verification")


class OutputForm(VersionedForm):
    """A project output linked to an outcome (choices set by the view)."""

    code = StringField("Code", validators=CODE, filters=[strip])
    title = area_field("Title", 1000)
    outcome_id = SelectField("Contributes to outcome", coerce=int)
    assumptions = column_field("Assumptions and risks")
    means_of_verification = column_field("Means of verification")


class OutputEditForm(OutputForm):
    """An output's edit form: moving it under another pillar after reporting needs a reason."""

    reason = area_field("Reason for the change", 2000, required=False)


class ActivityForm(VersionedForm):
    """Planned work under an output."""

    title = area_field("Title", 1000)
    start_date = date_field("Start date")
    end_date = date_field("End date")
    status = SelectField("Status", choices=options(choices(ActivityStatus)))
    percent_complete = IntegerField(
        "% complete", validators=[InputRequired(), Bounded(0, 100, 0)], default=0
    )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the fields, then that the dates are ordered."""
        return super().validate(extra_validators) and dates_ordered(self)


class TargetRow(Form):
    """One row of the per-period targets table."""

    period_key = StringField("Period", validators=[Optional(), quarter_key], filters=[strip])
    target = amount_field("Target", low=-MAX_AMOUNT)


class IndicatorForm(VersionedForm):
    """An indicator's definition, baseline and targets, with a reason for changes."""

    code = StringField("Code", validators=CODE, filters=[strip])
    name = area_field("Name", 1000)
    unit = text_field("Unit", 60)
    measure = SelectField("Measure", choices=[(m.value, MEASURE_DEFINITIONS[m]) for m in Measure])
    direction = SelectField("Direction", choices=options(choices(Direction)))
    cumulation = SelectField("Cumulation", choices=options(choices(Cumulation)))
    disaggregation = SelectField(
        "Broken down by (numbers only)",
        choices=[("", "not broken down")] + [(d.value, DIMENSION_LABELS[d]) for d in Dimension],
        default="",
    )
    baseline_value = amount_field("Baseline value", low=-MAX_AMOUNT)
    baseline_period = StringField(
        "Baseline period", validators=[Optional(), quarter_key], filters=[strip]
    )
    baseline_note = area_field("Baseline note", 2000, required=False)
    life_target = amount_field("Life-of-project target", low=-MAX_AMOUNT)
    targets = FieldList(FormField(TargetRow), min_entries=4, max_entries=40)
    reason = area_field("Reason for the change", 2000, required=False)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the fields, then the targets table, percentage bounds and the breakdown."""
        return (
            super().validate(extra_validators)
            and self._targets_ok()
            and self._percent_ok()
            and self._breakdown_ok()
        )

    def _breakdown_ok(self) -> bool:
        if self.disaggregation.data and self.measure.data != Measure.NUMBER.value:
            add_error(self.disaggregation, "Only a number (a count) can be broken down; choose "
                      "“not broken down” or the measure Number.")  # fmt: skip
            return False
        return True

    def _targets_ok(self) -> bool:
        seen: set[str] = set()
        for row in self.targets:
            key, target = row.period_key.data, row.target.data
            if bool(key) != (target is not None):
                add_error(row.target, "Give both the period and its target, or neither.")
                return False
            if key in seen:
                add_error(row.period_key, f"{key} appears twice.")
                return False
            seen.add(key or "")
        return True

    def _percent_ok(self) -> bool:
        if self.measure.data != Measure.PERCENTAGE.value:
            return True
        fields = [self.baseline_value, self.life_target] + [r.target for r in self.targets]
        for field in fields:
            if field.data is not None and not 0 <= field.data <= 100:
                add_error(field, "A percentage lies between 0 and 100.")
                return False
        return True

    def target_map(self) -> dict[str, object]:
        """Return the filled rows of the targets table as period key -> target."""
        return {r.period_key.data: r.target.data for r in self.targets if r.period_key.data}
