"""Run Alembic from inside the app (the `db` commands and the tests)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.db import analyze

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic config that migrates the given engine's database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option(
        "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to a revision (default: the newest), then refresh statistics."""
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        # New indexes and rewritten tables leave the planner without statistics (SQLite never
        # gathers them by itself); on an empty database this costs nothing and records nothing.
        analyze(connection)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database down to a revision ('base' removes every table)."""
    from alembic import command

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def check(engine: Engine) -> None:
    """Raise if the models and the migrated schema differ (Alembic's check)."""
    from alembic import command

    with engine.connect() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.check(config)
