"""Baselines: frozen snapshots of the portfolio, needs and approved values."""

from app.baselines import guard as guard  # noqa: E402  (registers the immutability guard)
