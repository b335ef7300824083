"""Fixtures of the logframe, period and audit tests."""

from tests.app.logframe_fixtures import as_role, world  # noqa: F401
from tests.app.published import published_db  # noqa: F401
