"""Errors the renderers raise instead of library tracebacks."""


class ReportError(Exception):
    """A report could not be rendered; the message says why in plain words."""
