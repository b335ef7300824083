"""Fixtures of the logframe, period and audit tests."""

from tests.app.logframe_fixtures import as_role, world  # noqa: F401
