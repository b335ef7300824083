"""Alembic environment: the database comes from the caller's connection or DATABASE_URL."""

from __future__ import annotations

import os

from alembic import context

from app.db import make_engine
from app.models import metadata

config = context.config


def database_url() -> str:
    """Return the URL given in the Alembic config, else DATABASE_URL."""
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("DATABASE_URL is not set; run through 'flask --app app db upgrade'")
    return url


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    """Run the migrations on an open connection."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run against the connection passed in, or one made from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = make_engine(database_url())
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_online()
