"""Time stamps keep reading left to right inside an Arabic sentence ("2019-10-10 09:00", not
"10-10-2019 09:00", as the bidirectional algorithm lays out a bare ISO date in right-to-left
text)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.ui.navigation import stamp


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_stamp_is_isolated_left_to_right_with_its_iso_time(moment: dt.datetime) -> None:
    text = str(stamp(moment))
    shown = moment.strftime("%Y-%m-%d %H:%M")
    iso = moment.isoformat(timespec="minutes")
    assert text == f'<bdi dir="ltr"><time datetime="{iso}">{shown}</time></bdi>'


def test_no_moment_no_stamp() -> None:
    assert str(stamp(None)) == ""
