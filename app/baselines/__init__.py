"""Baselines domain: frozen snapshots and issued reports."""

from app.baselines import guard as guard  # noqa: E402  (registers the immutability guard)
