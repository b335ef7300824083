"""Alembic migrations of the tracker's schema."""
