"""Forms of the logframe editing pages; they check fields only, services check rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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
                _(
                    "Write at most %(limit)s characters (this one has %(length)s).",
                    limit=format(limit, ","),
                    length=format(len(field.data), ","),
                )
            )

    return check


# Stored values of the choices above, in the reader's words (the values stay English: data).
CHOICE_LABELS = {
    "planned": _l("planned"),
    "ongoing": _l("ongoing"),
    "completed": _l("completed"),
    "delayed": _l("delayed"),
    "cancelled": _l("cancelled"),
    "increase": _l("increase"),
    "decrease": _l("decrease"),
    "non_cumulative": _l("non cumulative"),
    "cumulative_sum": _l("cumulative sum"),
    "cumulative_latest": _l("cumulative latest"),
}


def labelled(values: list[str]) -> list[tuple[str, str]]:
    """Return (value, label) choices, each label in the reader's language."""
    return [(v, CHOICE_LABELS.get(v, v.replace("_", " "))) for v in values]


def none_to_empty(value: Any) -> Any:
    """Read a field the form did not send as empty text (the columns are never NULL)."""
    return "" if value is None else value


def column_field(label: str) -> TextAreaField:
    """Return an optional logframe column: multi-line, trimmed, bounded, never None."""
    checks = [Optional(), at_most(COLUMN_LIMIT), clean_text]
    return TextAreaField(label, validators=checks, filters=[strip, none_to_empty])


class OutcomeForm(VersionedForm):
    """A Compact-level outcome under a pillar."""

    code = StringField(_l("Code"), validators=CODE, filters=[strip])
    pillar_code = SelectField(_l("Pillar"), choices=PILLARS)
    statement = area_field(_l("Statement"), 2000)
    assumptions = column_field(_l("Assumptions and risks"))
    means_of_verification = column_field(_l("Means of verification"))


class OutputForm(VersionedForm):
    """A project output linked to an outcome (choices set by the view)."""

    code = StringField(_l("Code"), validators=CODE, filters=[strip])
    title = area_field(_l("Title"), 1000)
    outcome_id = SelectField(_l("Contributes to outcome"), coerce=int)
    assumptions = column_field(_l("Assumptions and risks"))
    means_of_verification = column_field(_l("Means of verification"))


class OutputEditForm(OutputForm):
    """An output's edit form: moving it under another pillar after reporting needs a reason."""

    reason = area_field(_l("Reason for the change"), 2000, required=False)


class ActivityForm(VersionedForm):
    """Planned work under an output."""

    title = area_field(_l("Title"), 1000)
    start_date = date_field(_l("Start date"))
    end_date = date_field(_l("End date"))
    status = SelectField(_l("Status"), choices=labelled(choices(ActivityStatus)))
    percent_complete = IntegerField(
        _l("%% complete", percent="%"), validators=[InputRequired(), Bounded(0, 100, 0)], default=0
    )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        """Check the fields, then that the dates are ordered."""
        return super().validate(extra_validators) and dates_ordered(self)


class TargetRow(Form):
    """One row of the per-period targets table."""

    period_key = StringField(_l("Period"), validators=[Optional(), quarter_key], filters=[strip])
    target = amount_field(_l("Target"), low=-MAX_AMOUNT)


class IndicatorForm(VersionedForm):
    """An indicator's definition, baseline and targets, with a reason for changes."""

    code = StringField(_l("Code"), validators=CODE, filters=[strip])
    name = area_field(_l("Name"), 1000)
    unit = text_field(_l("Unit"), 60)
    measure = SelectField(
        _l("Measure"), choices=[(m.value, _l(MEASURE_DEFINITIONS[m])) for m in Measure]
    )
    direction = SelectField(_l("Direction"), choices=labelled(choices(Direction)))
    cumulation = SelectField(_l("Cumulation"), choices=labelled(choices(Cumulation)))
    disaggregation = SelectField(
        _l("Broken down by (numbers only)"),
        choices=[("", _l("not broken down"))]
        + [(d.value, _l(DIMENSION_LABELS[d])) for d in Dimension],
        default="",
    )
    baseline_value = amount_field(_l("Baseline value"), low=-MAX_AMOUNT)
    baseline_period = StringField(
        _l("Baseline period"), validators=[Optional(), quarter_key], filters=[strip]
    )
    baseline_note = area_field(_l("Baseline note"), 2000, required=False)
    life_target = amount_field(_l("Life-of-project target"), low=-MAX_AMOUNT)
    targets = FieldList(FormField(TargetRow), min_entries=4, max_entries=40)
    reason = area_field(_l("Reason for the change"), 2000, required=False)

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
            add_error(self.disaggregation, _("Only a number (a count) can be broken down; choose "
                      "“not broken down” or the measure Number."))  # fmt: skip
            return False
        return True

    def _targets_ok(self) -> bool:
        seen: set[str] = set()
        for row in self.targets:
            key, target = row.period_key.data, row.target.data
            if bool(key) != (target is not None):
                add_error(row.target, _("Give both the period and its target, or neither."))
                return False
            if key in seen:
                add_error(row.period_key, _("%(period)s appears twice.", period=key))
                return False
            seen.add(key or "")
        return True

    def _percent_ok(self) -> bool:
        if self.measure.data != Measure.PERCENTAGE.value:
            return True
        fields = [self.baseline_value, self.life_target] + [r.target for r in self.targets]
        for field in fields:
            if field.data is not None and not 0 <= field.data <= 100:
                add_error(field, _("A percentage lies between 0 and 100."))
                return False
        return True

    def target_map(self) -> dict[str, object]:
        """Return the filled rows of the targets table as period key -> target."""
        return {r.period_key.data: r.target.data for r in self.targets if r.period_key.data}
