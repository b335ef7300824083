"""Portfolio commands: imports and demo data."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
